"""Hyperparameters of models that user code fits or steps, including every default nobody wrote.

scikit-learn style estimators (also XGBoost/LightGBM/CatBoost sklearn APIs): `get_params(deep=False)`
compared with the defaults of the class's `__init__` signature; composites (Pipeline, ColumnTransformer,
FeatureUnion, searches and other meta-estimators) flattened with `get_params(deep=True)`, each nested
parameter under its path (`logisticregression__C`) and compared with its own estimator's defaults.
PyTorch optimisers: `param_groups` compared with `defaults` (once per optimiser: steps are summarised).
LightGBM/XGBoost `train(params, ...)`: the params dict.

In a loop (record/trials.py), the first trial of a loop's fit records every parameter; later trials
record the parameters whose value differs from that first trial's (and add them to the trial's row)."""
import sys
from time import perf_counter_ns

from . import loadguard
from .callees import FIT_METHODS
from .secrets import looks_secret

MAX_VALUE = 300
MAX_DEEP = 400        # nested parameters kept per composite
_MISSING = object()
_DEFAULTS = {}        # type -> {parameter: default}
_NAMES = {}           # type -> sorted parameter names if its get_params is scikit-learn's own, else None


def _qualified(tp):
    return "%s.%s" % (getattr(tp, "__module__", "") or "", tp.__qualname__)


def _public_module(tp):
    """sklearn.linear_model._base.LinearRegression -> sklearn.linear_model.LinearRegression."""
    parts = [p for p in (getattr(tp, "__module__", "") or "").split(".") if p and not p.startswith("_")]
    return ".".join(parts + [tp.__qualname__])


def _import_inspect():
    import inspect
    return inspect


def _defaults(tp):
    d = _DEFAULTS.get(tp)
    if d is None:
        inspect = loadguard.run(_import_inspect)
        try:
            sig = inspect.signature(tp.__init__)
            d = {n: p.default for n, p in sig.parameters.items() if p.default is not inspect.Parameter.empty}
        except (TypeError, ValueError):
            d = {}
        if len(_DEFAULTS) < 2000:
            _DEFAULTS[tp] = d
    return d


def _param_names(tp):
    """The parameter names scikit-learn's BaseEstimator.get_params reads, when `tp` uses that get_params
    and its _get_param_names unchanged (asked once per type); None for anything else."""
    if tp in _NAMES:
        return _NAMES[tp]
    names = None
    base = getattr(sys.modules.get("sklearn.base"), "BaseEstimator", None)
    try:
        if base is not None and getattr(tp, "get_params", None) is base.get_params and \
                getattr(getattr(tp, "_get_param_names", None), "__func__", None) is base._get_param_names.__func__:
            names = tuple(tp._get_param_names())
    except Exception:
        names = None
    if len(_NAMES) < 2000:
        _NAMES[tp] = names
    return names


def shallow_params(obj):
    """obj.get_params(deep=False). scikit-learn's get_params runs inspect.signature of the class's
    __init__ at every call (~90 us, more than a small fit's own work in a sweep); for an estimator
    that uses it as it is, the same dict is read from the names found once per type."""
    names = _param_names(type(obj))
    if names is None:
        return obj.get_params(deep=False)
    return {k: getattr(obj, k) for k in names}


def _same(a, b):
    try:
        return a is b or (type(a) is type(b) and a == b) is True
    except Exception:
        return False


def _is_estimator(v):
    return not isinstance(v, type) and hasattr(type(v), "get_params")


def value_repr(v):
    """One line, no addresses: estimators by class name, functions by name, steps as (name, class)."""
    tp = type(v)
    if tp is int or tp is float or tp is bool or v is None:
        return repr(v)[:MAX_VALUE]
    if _is_estimator(v):
        return type(v).__name__ + "()"
    tp = type(v)
    if tp in (list, tuple) and v and all(type(x) is tuple and x and type(x[0]) is str for x in v):
        return "[" + ", ".join("(%s)" % ", ".join(repr(y) if not _is_estimator(y) and not isinstance(y, list) else
                                                 (type(y).__name__ + "()" if _is_estimator(y) else "[%d]" % len(y))
                                                 for y in x) for x in v) + "]"
    name = getattr(v, "__qualname__", None) if callable(v) and not isinstance(v, type) else None
    if type(name) is str:
        return "<%s %s>" % ("function" if hasattr(v, "__code__") else "callable", name)
    s = " ".join(repr(v).split())
    i = s.find(" at 0x")
    while i >= 0:  # <object at 0x7f...> -> <object>
        j = i + 6
        while j < len(s) and s[j] in "0123456789abcdefABCDEF":
            j += 1
        s = s[:i] + s[j:]
        i = s.find(" at 0x")
    return s[:MAX_VALUE]


def _param(estimator, name, value, is_default, where, t, source, object_id, trial=0):
    secret = looks_secret(name)
    return {"estimator": estimator, "object_id": object_id, "name": name,
            "value": "[redacted]" if secret else value_repr(value),
            "type": type(value).__name__, "is_default": bool(is_default),
            "code_id": where[0], "line": where[1], "t": t, "source": source, "trial": trial}


def flat_params(obj):
    """[(name, value, is_default)] of an estimator, nested parameters of composites by path."""
    params = shallow_params(obj)
    defaults = _defaults(type(obj))
    out = []
    composite = False
    for k in sorted(params):
        v = params[k]
        d = defaults.get(k, _MISSING)
        out.append((k, v, d is not _MISSING and _same(v, d)))
        if _is_estimator(v) or (type(v) in (list, tuple) and any(type(x) is tuple and len(x) > 1 and _is_estimator(x[1]) for x in v)):
            composite = True
    if not composite:
        return out
    deep = obj.get_params(deep=True)
    n = 0
    for k in sorted(deep):
        if "__" not in k or k in params:
            continue
        owner_path, _, pname = k.rpartition("__")
        owner = deep.get(owner_path)
        if owner is None or not _is_estimator(owner):
            continue
        v = deep[k]
        d = _defaults(type(owner)).get(pname, _MISSING)
        out.append((k, v, d is not _MISSING and _same(v, d)))
        n += 1
        if n >= MAX_DEEP:
            break
    return out


class EstimatorRecorder(object):
    def __init__(self):
        self.out = []
        self.seen = set()     # (id(obj), line, trial): one capture per model, call site and trial
        self.base = {}        # (loop, line, estimator) -> {name: value repr} of the loop's first trial
        self.trials = None    # record.trials.TrialTracker (set by the experiment recorder)

    def on_call(self, name, receiver, args, where, trial=0):
        """A library callable `name` was called from user code at `where`; `receiver` is self, if any."""
        try:
            if name in FIT_METHODS and receiver is not None and hasattr(receiver, "get_params"):
                self._estimator(receiver, where, trial)
            elif name == "step" and receiver is not None and hasattr(receiver, "param_groups"):
                self._optimizer(receiver, where)
            elif name == "train" and args and isinstance(args[0], dict):
                self._params_dict(args[0], where, trial)
        except Exception:
            pass

    def _estimator(self, obj, where, trial=0):
        key = (id(obj), where[1], trial)
        if key in self.seen:
            return
        self.seen.add(key)
        rows = flat_params(obj)
        t = perf_counter_ns()
        name = _public_module(type(obj))
        loop = self.trials.loop_of(trial) if trial and self.trials is not None else None
        if loop is not None:
            bkey = (loop, where[1], name)
            base = self.base.get(bkey)
            if base is None:
                self.base[bkey] = dict((k, value_repr(v)) for k, v, _d in rows)
            else:
                rows = [r for r in rows if base.get(r[0]) != value_repr(r[1])]
                from .trials import plain_value
                changed = {}
                for k, v, _d in rows:
                    p = plain_value(v)
                    changed[k] = p if p is not None else value_repr(v)
                self.trials.add_params(trial, changed)
        for k, v, d in rows:
            self.out.append(_param(name, k, v, d, where, t, "get_params", id(obj), trial))

    def params_rows(self, obj, where, source, trial):
        """Every parameter of obj (flattened) as rows of `source` (a search's best estimator)."""
        t = perf_counter_ns()
        name = _public_module(type(obj))
        for k, v, d in flat_params(obj):
            self.out.append(_param(name, k, v, d, where, t, source, id(obj), trial))

    def _optimizer(self, opt, where):
        key = (id(opt), 0, 0)
        if key in self.seen:
            return
        self.seen.add(key)
        defaults = getattr(opt, "defaults", {}) or {}
        group = opt.param_groups[0] if opt.param_groups else {}
        t = perf_counter_ns()
        name = _qualified(type(opt))
        for k in sorted(group):
            if k == "params":
                continue
            v = group[k]
            d = defaults.get(k, _MISSING)
            self.out.append(_param(name, k, v, d is not _MISSING and _same(v, d), where, t, "optimizer", id(opt)))

    def _params_dict(self, params, where, trial=0):
        key = (id(params), where[1], trial)
        if key in self.seen:
            return
        self.seen.add(key)
        t = perf_counter_ns()
        for k in sorted(params, key=str):
            self.out.append(_param("train(params)", str(k), params[k], False, where, t, "train_params", id(params), trial))
