"""Frame reads for the hooks and the record (issue 8): frame_code(depth), frame_line(depth),
frame_globals(depth) are sys._getframe(depth).f_code / .f_lineno / .f_globals of their caller (depth 0:
the function calling them), None / 0 / None when the stack is not that deep; func_code(f) is
getattr(f, "__code__", None).

sys._getframe, frame.f_code and function.__code__ reads raise audit events ("sys._getframe",
"object.__getattr__"): a program's audit hook (sys.addaudithook) would see every read the agent makes
in its process (CPython's test_audit). On 3.12+ use_native(_monitorhook) swaps in its C readers
(VERSION 4), which raise none and make no frame objects (gc-tracked: the program's gc.get_count()).
The Python ones below are the fallback (not built, LABTRACE_NATIVE=0, 3.8-3.11)."""
import sys

_getframe = sys._getframe


def frame_code(depth):
    try:
        return _getframe(depth + 1).f_code
    except ValueError:
        return None


def frame_line(depth):
    try:
        return _getframe(depth + 1).f_lineno or 0
    except ValueError:
        return 0


def frame_globals(depth):
    try:
        return _getframe(depth + 1).f_globals
    except ValueError:
        return None


def func_code(f):
    return getattr(f, "__code__", None)


def first(depth, match):
    """(code, line) of the innermost frame from sys._getframe(depth) of the caller outwards whose code
    match(code) is true, or None."""
    if frame_code is _PYTHON[0]:  # one sys._getframe and a walk, as the record did before
        try:
            f = _getframe(depth + 1)
        except ValueError:
            return None
        while f is not None:
            code = f.f_code
            if match(code):
                return code, f.f_lineno or 0
            f = f.f_back
        return None
    d = depth + 1  # (C readers: no audit event, no frame object; each read walks from the top)
    code = frame_code(d)
    while code is not None:
        if match(code):
            return code, frame_line(d)
        d += 1
        code = frame_code(d)
    return None


_PYTHON = (frame_code, frame_line, frame_globals, func_code)


def use_native(native):
    """From now on the C readers of `native` (_monitorhook) if it has them, else the Python ones;
    returns the four readers."""
    global frame_code, frame_line, frame_globals, func_code
    readers = _PYTHON
    if native is not None and getattr(native, "VERSION", 0) >= 4:
        readers = (native.frame_code, native.frame_line, native.frame_globals, native.func_code)
    frame_code, frame_line, frame_globals, func_code = readers
    return readers
