"""Hyperparameters of models that user code fits or steps, including every default nobody wrote.

scikit-learn style estimators (also XGBoost/LightGBM/CatBoost sklearn APIs): `get_params(deep=False)`
compared with the defaults of the class's `__init__` signature. PyTorch optimisers: `param_groups`
compared with `defaults`. LightGBM/XGBoost `train(params, ...)`: the params dict."""
from time import perf_counter_ns

from .secrets import looks_secret

FIT_METHODS = frozenset(("fit", "fit_transform", "fit_predict", "partial_fit", "fit_resample"))
MAX_VALUE = 300
_MISSING = object()


def _qualified(tp):
    return "%s.%s" % (getattr(tp, "__module__", "") or "", tp.__qualname__)


def _public_module(tp):
    """sklearn.linear_model._base.LinearRegression -> sklearn.linear_model.LinearRegression."""
    parts = [p for p in (getattr(tp, "__module__", "") or "").split(".") if p and not p.startswith("_")]
    return ".".join(parts + [tp.__qualname__])


def _defaults(tp):
    import inspect
    try:
        sig = inspect.signature(tp.__init__)
    except (TypeError, ValueError):
        return {}
    return {n: p.default for n, p in sig.parameters.items() if p.default is not inspect.Parameter.empty}


def _same(a, b):
    try:
        return a is b or (type(a) is type(b) and a == b) is True
    except Exception:
        return False


def _param(estimator, name, value, is_default, where, t, source, object_id):
    secret = looks_secret(name)
    return {"estimator": estimator, "object_id": object_id, "name": name,
            "value": "[redacted]" if secret else repr(value)[:MAX_VALUE],
            "type": type(value).__name__, "is_default": bool(is_default),
            "code_id": where[0], "line": where[1], "t": t, "source": source}


class EstimatorRecorder(object):
    def __init__(self):
        self.out = []
        self.seen = set()     # (id(obj), line): one capture per model and call site

    def on_call(self, name, receiver, args, where):
        """A library callable `name` was called from user code at `where`; `receiver` is self, if any."""
        try:
            if name in FIT_METHODS and receiver is not None and hasattr(receiver, "get_params"):
                self._estimator(receiver, where)
            elif name == "step" and receiver is not None and hasattr(receiver, "param_groups"):
                self._optimizer(receiver, where)
            elif name == "train" and args and isinstance(args[0], dict):
                self._params_dict(args[0], where)
        except Exception:
            pass

    def _estimator(self, obj, where):
        key = (id(obj), where[1])
        if key in self.seen:
            return
        self.seen.add(key)
        tp = type(obj)
        params = obj.get_params(deep=False)
        defaults = _defaults(tp)
        t = perf_counter_ns()
        name = _public_module(tp)
        for k in sorted(params):
            v = params[k]
            d = defaults.get(k, _MISSING)
            self.out.append(_param(name, k, v, d is not _MISSING and _same(v, d), where, t, "get_params", id(obj)))

    def _optimizer(self, opt, where):
        key = (id(opt), 0)
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

    def _params_dict(self, params, where):
        key = (id(params), where[1])
        if key in self.seen:
            return
        self.seen.add(key)
        t = perf_counter_ns()
        for k in sorted(params, key=str):
            self.out.append(_param("train(params)", str(k), params[k], False, where, t, "train_params", id(params)))
