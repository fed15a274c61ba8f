"""Values returned by metric and scoring functions called from user code."""
from time import perf_counter_ns

SCORING_NAMES = frozenset(("score", "cross_val_score", "cross_validate", "evaluate"))
MAX_REPR = 300


def is_metric(module, name):
    """sklearn.metrics functions (not plotting), estimators' score, cross-validation scores, Keras evaluate."""
    if module.startswith("sklearn.metrics") and "_plot" not in module and not name.startswith("_") and name[:1].islower():
        return not name.startswith(("make_", "get_", "check_"))
    if name in SCORING_NAMES:
        return True
    return module.startswith(("scipy.stats", "statsmodels.tools.eval_measures")) and name in ("pearsonr", "spearmanr", "rmse", "mse", "meanabs")


def _as_number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    item = getattr(value, "item", None)
    if getattr(value, "shape", None) == () and callable(item):
        try:
            v = item()
            return float(v) if isinstance(v, (int, float)) else None
        except Exception:
            return None
    return None


class MetricRecorder(object):
    def __init__(self):
        self.out = []

    def on_return(self, qualified_name, value, where):
        try:
            number = _as_number(value)
            entry = {"function": qualified_name, "code_id": where[0], "line": where[1], "t": perf_counter_ns()}
            if number is None:
                mean = getattr(value, "mean", None)
                if callable(mean) and getattr(value, "shape", None):
                    number = _as_number(mean())  # cross_val_score: the mean, with every fold in repr
                entry["repr"] = repr(value)[:MAX_REPR]
            if number is None and not entry.get("repr"):
                return
            entry["value"] = number if number is not None else float("nan")
            self.out.append(entry)
        except Exception:
            pass
