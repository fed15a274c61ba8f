"""Wrap _thread.start_new_thread / start_joinable_thread so every new thread gets a fresh small
number (and, for the setprofile/settrace backends, its own hook) before it runs any program code."""
import sys
import _thread


def _wrap(orig, rec, on_start):
    def start_thread(function, *args, **kwargs):
        owner = getattr(function, "__self__", None)  # threading.Thread._bootstrap -> the Thread
        name = getattr(owner, "name", "") if owner is not None else ""
        if not isinstance(name, str):
            name = ""

        def run(*a, **kw):
            try:
                tnum = rec.new_thread(_thread.get_ident(), name)
                if on_start is not None:
                    on_start(tnum)
            except Exception:
                pass
            return function(*a, **kw)
        return orig(run, *args, **kwargs)
    start_thread.__name__ = getattr(orig, "__name__", "start_new_thread")
    start_thread.__doc__ = orig.__doc__
    start_thread.__wrapped__ = orig
    return start_thread


def patch(rec, on_start=None):
    """Returns what to give unpatch()."""
    th = sys.modules.get("threading")
    patched = []
    for name, thname in (("start_new_thread", "_start_new_thread"),
                         ("start_joinable_thread", "_start_joinable_thread")):
        orig = getattr(_thread, name, None)
        if orig is None:
            continue
        wrapper = _wrap(orig, rec, on_start)
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
