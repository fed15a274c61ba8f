"""Values returned by metric and scoring functions called from user code.

What is a metric: only a value returned by a known metric or scoring function (sklearn.metrics, an
estimator's score, cross_val_score / cross_validate, Keras evaluate, a few scipy/statsmodels measures),
never a variable because of its name or type (a loop counter `i = 499` is not one). Its name is the
variable the call is directly assigned to (`mse = mean_squared_error(...)`), else the function's.
Structured values become several rows: a 1-D array of scores -> its mean, with std and n; a
cross_validate dict -> one such row per test_/train_ key; a classification_report (text or dict) ->
one row per class and measure (`report.setosa.precision`) and the accuracy; other arrays (a confusion
matrix) -> their repr, no value."""
from time import perf_counter_ns

from .callees import SCORING_NAMES, is_metric  # noqa: F401 (re-exported)

MAX_REPR = 300
MAX_ROWS = 200        # rows from one structured value


def _as_number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    item = getattr(value, "item", None)
    if getattr(value, "shape", None) == () and callable(item):
        try:
            v = item()
            return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
        except Exception:
            return None
    return None


def _numbers(value):
    """The numbers of a 1-D array / list of numbers, or None."""
    shape = getattr(value, "shape", None)
    if shape is not None and len(shape) != 1:
        return None
    if shape is None and type(value) not in (list, tuple):
        return None
    try:
        xs = [float(x) for x in (value.tolist() if hasattr(value, "tolist") else value)]
    except Exception:
        return None
    return xs if xs else None


def _stats(xs):
    n = len(xs)
    mean = sum(xs) / n
    std = (sum((x - mean) ** 2 for x in xs) / n) ** 0.5  # numpy's std (ddof=0)
    return mean, std, n


def parse_report(text):
    """classification_report's text -> {label: {measure: value}} (output_dict's shape)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return None
    header = lines[0].split()
    if "precision" not in header:
        return None
    out = {}
    for ln in lines[1:]:
        parts = ln.split()
        nums = []
        while parts:
            try:
                nums.insert(0, float(parts[-1]))
                parts.pop()
            except ValueError:
                break
        label = " ".join(parts)
        if not label or not nums:
            continue
        if label == "accuracy" and len(nums) == 2:
            out["accuracy"] = nums[0]
        elif len(nums) == len(header):
            out[label] = dict(zip(header, nums))
    return out or None


class MetricRecorder(object):
    def __init__(self):
        self.out = []

    def _row(self, function, name, value, where, t, trial, repr_=None, std=None, n=None):
        entry = {"function": function, "code_id": where[0], "line": where[1], "t": t, "trial": trial,
                 "value": value if value is not None else float("nan")}
        if name:
            entry["name"] = name
        if repr_:
            entry["repr"] = repr_[:MAX_REPR]
        if std is not None:
            entry["std"] = std
            entry["n"] = n
        self.out.append(entry)

    def on_return(self, qualified_name, value, where, trial=0, name=""):
        try:
            self._on_return(qualified_name, value, where, trial, name)
        except Exception:
            pass

    def _on_return(self, function, value, where, trial, name):
        t = perf_counter_ns()
        short = function.rsplit(".", 1)[-1]
        base = name or short
        number = _as_number(value)
        if number is not None:
            self._row(function, base, number, where, t, trial)
            return
        report = None
        if short == "classification_report":
            report = parse_report(value) if isinstance(value, str) else value if isinstance(value, dict) else None
        if isinstance(report, dict):
            rows = 0
            for label, v in report.items():
                if isinstance(v, dict):
                    for measure in ("precision", "recall", "f1-score"):
                        x = _as_number(v.get(measure))
                        if x is not None and rows < MAX_ROWS:
                            self._row(function, "%s.%s.%s" % (base, label, measure), x, where, t, trial)
                            rows += 1
                else:
                    x = _as_number(v)
                    if x is not None:
                        self._row(function, "%s.%s" % (base, label), x, where, t, trial)
            return
        if isinstance(value, dict):  # cross_validate
            for k in sorted(value):
                if type(k) is str and k.startswith(("test_", "train_")):
                    xs = _numbers(value[k])
                    if xs:
                        mean, std, n = _stats(xs)
                        self._row(function, "%s.%s" % (base, k), mean, where, t, trial, repr(value[k]), std, n)
            return
        xs = _numbers(value) if short in SCORING_NAMES else None
        if xs:
            mean, std, n = _stats(xs)
            self._row(function, base, mean, where, t, trial, repr(value), std, n)
            return
        r = repr(value)
        if r:
            self._row(function, base, None, where, t, trial, " ".join(r.split()))
