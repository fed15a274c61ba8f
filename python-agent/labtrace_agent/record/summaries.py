"""Cheap summaries of values (type, shape, dtype, columns, fingerprint) without importing any library:
everything is duck-typed on the object itself, so pandas/NumPy are only touched if the program loaded them.

Cost bound (issue 10): a summary costs O(sample) whatever the value's size. A fingerprint hashes at most
about SAMPLE_BYTES: the head, the tail and a strided sample of the value (rows of a frame, elements of an
array or a list, items of a dict, characters of a string); elements are digested by `_elem`, which cuts
strings and stands for large containers by type and length, so nothing is repr'd in full. A string's
shown value is sliced before repr. What was sampled is counted in STATS (deterministic, for tests and
the benchmark); the caller (variables.VariableRecorder) skips unchanged values and enforces the budget."""
from . import loadguard
from .secrets import looks_secret


def islice(iterable, n):
    """itertools.islice(iterable, n), imported at the first summary, never at start-up."""
    from itertools import islice as _islice
    return _islice(iterable, n)


MAX_COLUMNS = 100
MAX_VALUE = 200
SAMPLE_ROWS = 64          # rows / elements / items from the head, the tail and a strided sample
SAMPLE_BYTES = 65536      # what one fingerprint may hash (each of the three parts gets a third)
ELEM_CHARS = 96           # an element's digest: strings cut to this, containers by type and length
SMALL_INT_BITS = 256

# Work done by summaries in this process: summaries made, fingerprints computed, bytes hashed, summaries
# reused from an unchanged value or reduced by the budget (variables.py).
STATS = {"summaries": 0, "fingerprints": 0, "sampled_bytes": 0, "reused": 0, "reduced": 0}


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
        try:
            head = cols[:MAX_COLUMNS]            # an Index or a list: O(MAX_COLUMNS)
        except Exception:
            head = islice(cols, MAX_COLUMNS)
        return [str(c) for c in islice(head, MAX_COLUMNS)]
    except Exception:
        return []


def _dtype(value):
    dt = getattr(value, "dtype", None)
    if dt is not None:
        return str(dt)
    dts = getattr(value, "dtypes", None)
    if dts is not None and hasattr(dts, "value_counts"):
        try:
            return ",".join(sorted(set(str(d) for d in islice(dts, MAX_COLUMNS))))
        except Exception:
            return ""
    return ""


def _small_int(v):
    return -(1 << SMALL_INT_BITS) < v < (1 << SMALL_INT_BITS)


def _int_digest(v):
    """repr of an int, or for a huge one its size and lowest 64 bits (repr is quadratic)."""
    if _small_int(v):
        return repr(v)
    return "int#%d:%x" % (v.bit_length(), abs(v) & 0xFFFFFFFFFFFFFFFF)


def _elem(v, depth=0):
    """A bounded digest of one element of a sampled container."""
    t = type(v)
    if t is str or t is bytes or t is bytearray:
        if len(v) > ELEM_CHARS:
            half = ELEM_CHARS // 2
            return "%s#%d:%r..%r" % (t.__name__, len(v), v[:half], v[-half:])
        return repr(v)
    if t is float or t is bool or v is None or t is complex:
        return repr(v)
    if t is int:
        return _int_digest(v)
    if t is tuple or t is list:
        if len(v) <= 8 and depth < 2:
            return "(" + ",".join(_elem(x, depth + 1) for x in v) + ")"
        return "%s#%d" % (t.__name__, len(v))
    if t is dict or t is set or t is frozenset:
        return "%s#%d" % (t.__name__, len(v))
    shape = getattr(v, "shape", None)
    if shape == ():                          # NumPy scalar
        return repr(v)[:ELEM_CHARS]
    if isinstance(shape, tuple):             # an array or a frame inside a container
        return "%s%r" % (type_name(v), shape)
    if t.__repr__ is object.__repr__:        # default repr: an address, not content
        return type_name(v)
    return repr(v)[:ELEM_CHARS]


class _Sample(object):
    """sha256 of the sampled parts, counting the bytes fed to it."""

    def __init__(self):
        loadguard.load("labtrace_agent.record.fasthash")
        from .fasthash import sha256 as _sha256
        self.h = _sha256()
        self.n = 0

    def feed(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "backslashreplace")
        self.n += len(data)
        self.h.update(data)

    def elems(self, items):
        """Digests of sampled elements (a list). Plain numbers (also in short rows: tuples/lists of up
        to 8) are digested at C speed by hash() of the tuple (deterministic for numbers, unlike str);
        their short strings by one repr; anything else by one _elem per element."""
        if items:
            flat = items
            kinds = set(map(type, items))
            if (kinds == _TUPLES or kinds == _LISTS) and max(map(len, items)) <= 8:
                flat = [x for row in items for x in row]
                kinds = set(map(type, flat))
            if kinds <= _NUMBERS:
                self.feed("%d:%x" % (len(flat), hash(tuple(flat)) & 0xFFFFFFFFFFFFFFFF))
                return
            if kinds <= _PLAIN:
                strs = [x for x in flat if type(x) is str]
                if max(map(len, strs)) <= ELEM_CHARS:   # numbers hashed as above, strings by repr
                    nums = tuple(x for x in flat if type(x) is not str)
                    self.feed("%d:%x:%r" % (len(flat), hash(nums) & 0xFFFFFFFFFFFFFFFF, strs))
                    return
        out = []
        budget = SAMPLE_BYTES // 3
        for x in items:
            d = _elem(x)
            out.append(d)
            budget -= len(d) + 1
            if budget <= 0:
                break
        self.feed("\x1f".join(out))


_NUMBERS = frozenset((float, int, bool, type(None)))
_PLAIN = _NUMBERS | frozenset((str,))
_TUPLES = frozenset((tuple,))
_LISTS = frozenset((list,))


def _sequence_parts(value, n):
    """Head, tail and a strided sample of a sequence (indices, no copy of the rest)."""
    k = SAMPLE_ROWS
    if n <= 3 * k:
        return (value,)
    step = n // k
    return value[:k], value[n - k:], value[::step][:k]


def _fingerprint_frame(s, value):
    frame = value
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple) and len(shape) == 2 and shape[1] > MAX_COLUMNS:
        frame = value.iloc[:, :MAX_COLUMNS]
    n = len(frame)
    k = SAMPLE_ROWS
    parts = (frame,) if n <= 3 * k else (frame.head(k), frame.tail(k), frame.iloc[::n // k].head(k))
    for part in parts:
        rows = part.values.tolist()
        s.elems([x for row in rows for x in (row if isinstance(row, list) else (row,))])


def _fingerprint_array(s, value):
    size = int(value.size)
    item = max(1, int(getattr(value, "itemsize", 8) or 8))
    k = max(1, SAMPLE_BYTES // 3 // item)
    flat = value.flat                        # flat[...] copies only the selected elements
    parts = (flat[:size],) if size <= 3 * k else (flat[:k], flat[size - k:], flat[::size // k][:k])
    for part in parts:
        if str(getattr(part, "dtype", "")) == "object":
            s.elems(part.tolist()[:SAMPLE_ROWS])
        else:
            s.feed(part.tobytes())


def fingerprint(value):
    """A sampled content hash (see the module doc): shape + head, tail and strided samples. O(sample)."""
    STATS["fingerprints"] += 1
    s = _Sample()
    s.feed(type_name(value))
    s.feed(_shape(value))
    try:
        t = type(value)
        head = getattr(value, "head", None)
        if t is str or t is bytes or t is bytearray:
            n = len(value)
            k = SAMPLE_BYTES // 3
            if n <= 3 * k:
                s.feed(value)
            else:
                s.feed(value[:k])
                s.feed(value[n - k:])
                s.feed(value[::n // k][:k])
        elif t is int:
            s.feed(_int_digest(value))
        elif t is float or t is bool or t is complex or value is None:
            s.feed(repr(value))
        elif callable(head) and hasattr(value, "tail") and hasattr(value, "iloc"):
            _fingerprint_frame(s, value)
        elif hasattr(value, "tobytes") and hasattr(value, "flat") and hasattr(value, "size"):
            _fingerprint_array(s, value)
        elif isinstance(value, (list, tuple)):
            for part in _sequence_parts(value, len(value)):
                s.elems(part if type(part) is list else list(part))
        elif isinstance(value, dict):
            n = len(value)
            k = SAMPLE_ROWS
            s.elems([x for kv in islice(value.items(), k) for x in kv])
            if n > k:
                s.elems([x for kv in islice(reversed(value.items()), k) for x in kv])
        elif isinstance(value, (set, frozenset)):
            s.elems(list(islice(value, 2 * SAMPLE_ROWS)))
        elif isinstance(value, (str, bytes, int, float, complex)):   # subclasses
            s.feed(_elem(value))
        else:
            return ""
    except Exception:
        return ""
    finally:
        STATS["sampled_bytes"] += s.n
    return s.h.hexdigest()[:32]


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return float(value) if _small_int(value) else None
    if isinstance(value, float):
        return float(value)
    # NumPy scalars and 0-d arrays
    if getattr(value, "shape", None) == () and hasattr(value, "item"):
        try:
            v = value.item()
            return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None
        except Exception:
            return None
    return None


def _shown(value):
    """repr of a shown value, at most MAX_VALUE characters, without repr'ing a long string in full."""
    if isinstance(value, (str, bytes)) and len(value) > MAX_VALUE:
        return repr(value[:MAX_VALUE])[:MAX_VALUE]
    return repr(value)[:MAX_VALUE]


def reduced(value):
    """What the budget still records when it is spent: type and size, no content."""
    STATS["reduced"] += 1
    out = {"type": type_name(value), "shape": _shape(value), "dtype": "", "columns": []}
    try:
        out["object_id"] = id(value)
    except Exception:
        pass
    return out


def summarize(name, value):
    """Dict of VariableSummary fields (without name/code/line/t)."""
    STATS["summaries"] += 1
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
        out["value"] = _shown(value)
    elif isinstance(value, (str, bool)) or value is None:
        out["value"] = _shown(value)
    out["fingerprint"] = fingerprint(value)
    return out


def version(value):
    """A cheap signal that a value is unchanged since its last summary (O(1)): identity, type and size,
    plus the identity of a few elements for lists, tuples and dicts. None for values whose summary is
    cheap or not cached (scalars; arrays and frames, whose sample is recomputed: in-place updates such
    as `W -= g` keep their identity and shape). A change in place that keeps size and those elements
    (`data[5] = x` in a long list) is not seen until the value's size or ends change."""
    t = type(value)
    if t is list or t is tuple:
        n = len(value)
        if n == 0:
            return (id(value), t, 0)
        return (id(value), t, n, id(value[0]), id(value[n // 2]), id(value[-1]))
    if t is dict:
        n = len(value)
        if n == 0:
            return (id(value), t, 0)
        first = next(iter(value))
        last = next(reversed(value)) if hasattr(value, "__reversed__") else first
        return (id(value), t, n, id(first), id(value[first]), id(last), id(value[last]))
    if t is str or t is bytes:
        if len(value) <= MAX_VALUE:
            return None
        return (id(value), t, len(value), value[:16], value[-16:])
    if t is set or t is frozenset:
        return (id(value), t, len(value))
    return None
