"""Cheap summaries of values (type, shape, dtype, columns, fingerprint) without importing any library:
everything is duck-typed on the object itself, so pandas/NumPy are only touched if the program loaded them."""
from .secrets import looks_secret

MAX_COLUMNS = 100
MAX_VALUE = 200
SAMPLE_ROWS = 64


def type_name(value):
    tp = type(value)
    mod = getattr(tp, "__module__", "") or ""
    if mod == "builtins":
        return tp.__qualname__
    # public package name: pandas.core.frame.DataFrame -> pandas.DataFrame
    return mod.split(".")[0] + "." + tp.__qualname__


def _shape(value):
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple) and all(isinstance(d, int) for d in shape):
        return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    if isinstance(value, (list, tuple, dict, set, frozenset, str, bytes)):
        return "len=%d" % len(value)
    return ""


def _columns(value):
    cols = getattr(value, "columns", None)
    if cols is None or isinstance(value, type):
        return []
    try:
        return [str(c) for c in list(cols)[:MAX_COLUMNS]]
    except Exception:
        return []


def _dtype(value):
    dt = getattr(value, "dtype", None)
    if dt is not None:
        return str(dt)
    dts = getattr(value, "dtypes", None)
    if dts is not None and hasattr(dts, "value_counts"):
        try:
            return ",".join(sorted(set(str(d) for d in list(dts)[:MAX_COLUMNS])))
        except Exception:
            return ""
    return ""


def fingerprint(value):
    """A sampled content hash: shape + the first and last rows' bytes or reprs. Bounded cost."""
    from ..fasthash import sha256 as _sha256
    h = _sha256()
    h.update(type_name(value).encode())
    h.update(_shape(value).encode())
    try:
        head = getattr(value, "head", None)
        if callable(head) and hasattr(value, "tail"):
            h.update(repr(head(SAMPLE_ROWS).values.tolist()).encode())
            h.update(repr(value.tail(SAMPLE_ROWS).values.tolist()).encode())
        elif hasattr(value, "tobytes") and hasattr(value, "ravel"):
            flat = value.ravel()
            h.update(flat[:4096].tobytes())
            h.update(flat[-4096:].tobytes())
        elif isinstance(value, (list, tuple)):
            h.update(repr(value[:SAMPLE_ROWS]).encode())
            h.update(repr(value[-SAMPLE_ROWS:]).encode())
        elif isinstance(value, (int, float, str, bytes, bool, complex)) or value is None:
            h.update(repr(value).encode())
        else:
            return ""
    except Exception:
        return ""
    return h.hexdigest()[:32]


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    # NumPy scalars and 0-d arrays
    if getattr(value, "shape", None) == () and hasattr(value, "item"):
        try:
            v = value.item()
            return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
        except Exception:
            return None
    return None


def summarize(name, value):
    """Dict of VariableSummary fields (without name/code/line/t)."""
    secret = looks_secret(name)
    out = {"type": type_name(value), "shape": _shape(value), "dtype": _dtype(value), "columns": _columns(value)}
    try:
        out["object_id"] = id(value)
    except Exception:
        pass
    if secret:
        return out
    number = _number(value)
    if number is not None:
        out["number"] = number
        out["is_number"] = True
        out["value"] = repr(value)[:MAX_VALUE]
    elif isinstance(value, (str, bool)) or value is None:
        out["value"] = repr(value)[:MAX_VALUE]
    out["fingerprint"] = fingerprint(value)
    return out
