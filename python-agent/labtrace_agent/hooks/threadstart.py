"""Wrap _thread.start_new_thread / start_joinable_thread so every new thread gets a fresh small
number and its own setprofile/settrace hook before it runs any program code (sys.monitoring is
process-wide: that backend numbers threads at their first event and patches nothing).

The thread must look untraced (issue 8; CPython's test_thread found the wrapper): with the C hook
module, the body given to _thread is partial(_profilehook.run_thread, setup, function), which leaves
no frame of ours under the function and reports an exception escaping it as _thread does (unraisable
hook, object = the function). The pure-Python fallback (no compiler) keeps a frame of its own."""
import sys
import _thread


def _runner(native):
    run_thread = getattr(native, "run_thread", None) if native is not None else None
    if run_thread is None:
        return None
    try:
        from _functools import partial
    except ImportError:
        return None
    return lambda setup, function: partial(run_thread, setup, function)


def _wrap(orig, rec, on_start, runner):
    def start_thread(function, *args, **kwargs):
        owner = getattr(function, "__self__", None)  # threading.Thread._bootstrap -> the Thread
        name = getattr(owner, "name", "") if owner is not None else ""
        if not isinstance(name, str):
            name = ""

        def setup():
            try:
                tnum = rec.new_thread(_thread.get_ident(), name)
                if on_start is not None:
                    on_start(tnum)
            except Exception:
                pass
        if runner is not None:
            return orig(runner(setup, function), *args, **kwargs)

        def run(*a, **kw):
            setup()
            return function(*a, **kw)
        return orig(run, *args, **kwargs)
    start_thread.__name__ = getattr(orig, "__name__", "start_new_thread")
    start_thread.__doc__ = orig.__doc__
    start_thread.__wrapped__ = orig
    return start_thread


def patch(rec, on_start=None, native=None):
    """Returns what to give unpatch(). native: the C hook module (its run_thread), or None."""
    th = sys.modules.get("threading")
    runner = _runner(native)
    patched = []
    for name, thname in (("start_new_thread", "_start_new_thread"),
                         ("start_joinable_thread", "_start_joinable_thread")):
        orig = getattr(_thread, name, None)
        if orig is None:
            continue
        wrapper = _wrap(orig, rec, on_start, runner)
        setattr(_thread, name, wrapper)
        patched.append((_thread, name, orig, wrapper))
        if name == "start_new_thread" and getattr(_thread, "start_new", None) is orig:
            _thread.start_new = wrapper
            patched.append((_thread, "start_new", orig, wrapper))
        if th is not None and getattr(th, thname, None) is orig:
            setattr(th, thname, wrapper)
            patched.append((th, thname, orig, wrapper))
    return patched


def unpatch(patched):
    for mod, name, orig, wrapper in patched:
        if getattr(mod, name, None) is wrapper:
            setattr(mod, name, orig)


def thread_name(ident):
    """The name of the threading.Thread running as ident ("" for a bare _thread thread)."""
    th = sys.modules.get("threading")
    try:
        t = th._active.get(ident) if th is not None else None
        name = t.name if t is not None else ""
        return name if isinstance(name, str) else ""
    except Exception:
        return ""
