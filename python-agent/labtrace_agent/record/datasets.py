"""Data sets that are not files (issue 11): scikit-learn's load_* / fetch_* / make_* (and seaborn's
load_dataset, statsmodels' datasets when a program uses them) recorded as data sources: a
FileAccess row of kind 'dataset' whose path is the call with its arguments
(`sklearn.datasets.load_iris(return_X_y=True)`) and whose sha256 is a fingerprint of the returned
arrays' bytes, so that lineage starts at the data set and a changed data set shows in `diff`.

The fingerprint hashes each array's bytes in order (a Bunch's data/target/frame, a tuple's items, a
DataFrame's values); past MAX_BYTES per array only its first and last HEAD bytes and its size
(hash_method 'sampled:arrays')."""
from time import perf_counter_ns

from .callees import is_dataset  # noqa: F401 (re-exported)


MAX_BYTES = 64 << 20
HEAD = 4 << 20
MAX_ARGS = 200
_SCALARS = (int, float, str, bool, type(None))


def arguments(frame):
    """The call's arguments from the callee's frame at its start: scikit-learn's validate_params
    wrapper holds (args, kwargs); a plain function its parameters."""
    if frame is None:
        return "..."
    loc = frame.f_locals
    code = frame.f_code
    parts = []
    if "args" in loc and "kwargs" in loc and code.co_name in ("wrapper", "wrapped"):
        args, kwargs = loc.get("args") or (), loc.get("kwargs") or {}
        parts = [_arg(a) for a in args] + ["%s=%s" % (k, _arg(v)) for k, v in sorted(kwargs.items())]
    else:
        n = code.co_argcount + code.co_kwonlyargcount
        for nm in code.co_varnames[:n]:
            if nm in loc:
                parts.append("%s=%s" % (nm, _arg(loc[nm])))
    return ", ".join(parts)[:MAX_ARGS]


def _arg(v):
    return repr(v)[:60] if type(v) in _SCALARS else "<%s>" % type(v).__name__


def _arrays(value, out, depth=0):
    if depth > 2 or len(out) > 16:
        return
    if hasattr(value, "to_numpy") and hasattr(value, "shape"):
        try:
            out.append(value.to_numpy())
        except Exception:
            pass
    elif hasattr(value, "tobytes") and hasattr(value, "dtype"):
        out.append(value)
    elif isinstance(value, dict):  # a Bunch
        for k in ("data", "target", "frame", "images"):
            if k in value and value[k] is not None:
                if k == "frame" and "data" in value:
                    continue
                _arrays(value[k], out, depth + 1)
    elif isinstance(value, (tuple, list)) and len(value) <= 8:
        for x in value:
            _arrays(x, out, depth + 1)


def fingerprint(value):
    """(bytes hashed or seen, sha256 hex, method) of the arrays a loader returned, or None."""
    arrays = []
    _arrays(value, arrays)
    if not arrays:
        return None
    from .fasthash import sha256  # not at start-up: it loads _sha256 (test_startup_modules)
    h = sha256()
    size = 0
    sampled = False
    for a in arrays:
        try:
            if getattr(getattr(a, "dtype", None), "kind", "") == "O":
                data = repr(a.tolist()).encode("utf-8", "replace")
            else:
                n = int(a.nbytes)
                if n > MAX_BYTES:
                    flat = a.reshape(-1)
                    per = max(1, a.itemsize)
                    k = HEAD // per
                    data = flat[:k].tobytes() + flat[-k:].tobytes() + str(n).encode()
                    sampled = True
                else:
                    data = a.tobytes()
            h.update(str(getattr(a, "shape", "")).encode() + str(getattr(a, "dtype", "")).encode())
            h.update(data)
            size += int(getattr(a, "nbytes", len(data)))
        except Exception:
            continue
    return size, h.hexdigest(), "sampled:arrays" if sampled else "arrays"


class DatasetRecorder(object):
    def __init__(self):
        self.out = []

    def on_return(self, qualified, args, value, where):
        try:
            fp = fingerprint(value)
        except Exception:
            fp = None
        entry = {"path": "%s(%s)" % (qualified, args), "mode": "dataset", "kind": "dataset", "write": False,
                 "code_id": where[0], "line": where[1], "t": perf_counter_ns()}
        if fp is not None:
            entry.update(size=fp[0], sha256=fp[1], hash_method=fp[2])
        self.out.append(entry)
