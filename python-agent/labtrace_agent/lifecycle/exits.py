"""Exit handling: the final flush at exit (atexit), the program's uncaught exception (chained
sys.excepthook), the sys.exit code below 3.12 (the C hook's builtin exit when built). install() puts
every hook of this package in place: these, SIGTERM (sigterm, only if default) and fork (fork)."""
import atexit
import os
import sys
import _thread

from . import saved as _saved, fork, sigterm, sigwatch


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
    a = _saved.get("agent")
    if a is not None:
        a.finish()


def _excepthook(tp, value, tb):
    a = _saved.get("agent")
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


def _record_exit(status):
    a = _saved.get("agent")
    # sys.exit in another thread only ends that thread (threading swallows its SystemExit)
    if a is not None and _thread.get_ident() == _saved.get("main_ident"):
        a.exit["code"] = system_exit_code(SystemExit(status))
        a.exit["reason"] = "exit"


def _make_exit(orig):
    """Without the C hook: a Python wrapper (a frame of ours in tracebacks through it)."""
    def exit(status=None):
        _record_exit(status)
        return orig(status)
    exit.__doc__ = orig.__doc__
    return exit


def _exit_for(orig):
    """The C hook's builtin exit when it is built (inspect.isbuiltin(sys.exit) stays true)."""
    try:
        from .. import _profilehook
        _profilehook.configure_exit(orig, _record_exit)
        return _profilehook.exit
    except (ImportError, AttributeError):
        return _make_exit(orig)


def _is_our_exit(f):
    hook = sys.modules.get(__name__.split(".")[0] + "._profilehook")
    if hook is not None and f is getattr(hook, "exit", None):
        return True
    return getattr(f, "__code__", None) is not None and f.__code__ is _make_exit(None).__code__


def install(agent):
    _saved["agent"] = agent
    _saved["main_ident"] = _thread.get_ident()
    atexit.register(_on_exit)
    _saved["excepthook"] = sys.excepthook
    sys.excepthook = _excepthook
    if agent.backend_name != "monitoring":
        _saved["exit"] = sys.exit
        sys.exit = _exit_for(sys.exit)
    try:
        import _signal
        if _signal.getsignal(_signal.SIGTERM) == _signal.SIG_DFL:
            _signal.signal(_signal.SIGTERM, sigterm.on_sigterm)
            _saved["sigterm"] = True
            sigwatch.install(_saved["main_ident"])
    except (ImportError, ValueError, OSError, AttributeError):
        pass
    if hasattr(os, "register_at_fork") and not _saved.get("fork"):
        os.register_at_fork(before=fork.before_fork, after_in_parent=fork.after_fork_parent,
                            after_in_child=fork.after_fork_child)
        _saved["fork"] = True


def uninstall(agent):
    """Agent switched off: put back what we replaced (when still ours)."""
    try:
        atexit.unregister(_on_exit)
    except Exception:
        pass
    if sys.excepthook is _excepthook:
        sys.excepthook = _saved.get("excepthook", sys.__excepthook__)
    if "exit" in _saved and _is_our_exit(sys.exit):
        sys.exit = _saved.pop("exit")
    main = _thread.get_ident() == _saved.get("main_ident")
    if main:
        default_sigterm()
    try:
        # no descriptor of ours stays open for an agent switched off; switched off in our thread (which
        # may not set a handler), the main thread is asked to put SIGTERM's default back as well
        sigwatch.disarm(then=None if main or not _saved.get("sigterm") else default_sigterm)
    except Exception:
        pass


def default_sigterm():
    """Main thread: SIGTERM's action as untraced again (when still ours)."""
    if _saved.get("sigterm"):
        try:
            import _signal
            if _signal.getsignal(_signal.SIGTERM) is sigterm.on_sigterm:
                _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
            _saved.pop("sigterm", None)
        except Exception:
            pass
