"""Exit handling: atexit flush, chained sys.excepthook, SIGTERM (only if default), sys.exit code
capture below 3.12, fork children (register_at_fork; their os._exit flushes first)."""
import atexit
import os
import sys

_agent = None
_saved = {}


def system_exit_code(exc):
    code = getattr(exc, "code", None)
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1


def _exception_name(tp):
    mod = getattr(tp, "__module__", "builtins")
    q = getattr(tp, "__qualname__", getattr(tp, "__name__", "?"))
    return q if mod in ("builtins", "__main__") else mod + "." + q


def _on_exit():
    a = _agent
    if a is not None:
        a.finish()


def _excepthook(tp, value, tb):
    a = _agent
    if a is not None and not a.off:
        try:
            a.exit["type"] = _exception_name(tp)
            msg = str(value)
            a.exit["message"] = msg[:1000]
            a.exit["code"] = 1
            a.exit["reason"] = "exception"
        except Exception:
            pass
    return _saved["excepthook"](tp, value, tb)


def _make_exit(orig):
    def exit(status=None):
        a = _agent
        if a is not None:
            a.exit["code"] = system_exit_code(SystemExit(status))
            a.exit["reason"] = "exit"
        return orig(status)
    exit.__doc__ = orig.__doc__
    return exit


def _sigterm(signum, frame):
    import _signal
    a = _agent
    if a is not None:
        try:
            a.finish("signal", -signum)
        except Exception:
            pass
    _signal.signal(signum, _signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _make_os_exit(orig):
    def _exit(code):
        a = _agent
        if a is not None:
            try:
                a.finish("fork-child", code)
            except Exception:
                pass
        return orig(code)
    _exit.__doc__ = orig.__doc__
    return _exit


def _after_fork_child():
    a = _agent
    if a is None or a.off:
        return
    try:
        if "os_exit" not in _saved:
            _saved["os_exit"] = os._exit
            os._exit = _make_os_exit(os._exit)
        a.after_fork_child()
    except Exception as e:
        a.fail("fork", e)


def install(agent):
    global _agent
    _agent = agent
    atexit.register(_on_exit)
    _saved["excepthook"] = sys.excepthook
    sys.excepthook = _excepthook
    if agent.backend_name != "monitoring":
        _saved["exit"] = sys.exit
        sys.exit = _make_exit(sys.exit)
    try:
        import _signal
        if _signal.getsignal(_signal.SIGTERM) == _signal.SIG_DFL:
            _signal.signal(_signal.SIGTERM, _sigterm)
            _saved["sigterm"] = True
    except (ImportError, ValueError, OSError, AttributeError):
        pass
    if hasattr(os, "register_at_fork") and not _saved.get("fork"):
        os.register_at_fork(after_in_child=_after_fork_child)
        _saved["fork"] = True


def uninstall(agent):
    """Agent switched off: put back what we replaced (when still ours)."""
    try:
        atexit.unregister(_on_exit)
    except Exception:
        pass
    if sys.excepthook is _excepthook:
        sys.excepthook = _saved.get("excepthook", sys.__excepthook__)
    if "exit" in _saved and getattr(sys.exit, "__code__", None) is not None \
            and sys.exit.__code__ is _make_exit(None).__code__:
        sys.exit = _saved.pop("exit")
    if _saved.pop("sigterm", False):
        try:
            import _signal
            if _signal.getsignal(_signal.SIGTERM) is _sigterm:
                _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
        except Exception:
            pass
