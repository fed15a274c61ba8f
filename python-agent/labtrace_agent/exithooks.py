"""Exit handling: atexit flush, chained sys.excepthook, SIGTERM (only if default), sys.exit code
capture below 3.12, fork children (register_at_fork; their os._exit flushes first)."""
import atexit
import os
import sys
import _thread
from time import monotonic

from . import sigwatch

_agent = None
_saved = {}
_AGENT_DIR = os.path.dirname(os.path.abspath(__file__))
DEFER_LIMIT = 2.0  # seconds a SIGTERM may wait for the main thread to leave the import system
FORK_IMPORT_WAIT = 5.0  # more seconds a fork waits for our thread to finish an import


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


def _record_exit(status):
    a = _agent
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
        from . import _profilehook
        _profilehook.configure_exit(orig, _record_exit)
        return _profilehook.exit
    except (ImportError, AttributeError):
        return _make_exit(orig)


def _is_our_exit(f):
    hook = sys.modules.get(__package__ + "._profilehook")
    if hook is not None and f is getattr(hook, "exit", None):
        return True
    return getattr(f, "__code__", None) is not None and f.__code__ is _make_exit(None).__code__


def _sigterm(signum, frame):
    sigwatch.handled()
    a = _agent
    if a is not None and not _saved.pop("no_flush", False):
        if a.finishing:
            # interrupting our own final flush (e.g. a pool worker terminated while it exits):
            # let the flush complete, then die of the signal (see reraise_pending)
            _saved["pending_signal"] = signum
            return
        if in_import_system(frame):
            # The main thread may hold the global import lock, and the flush may need a module the
            # sender thread is importing right now (waiting for that lock): flushing here could
            # deadlock. The sender thread delivers the signal again once the main thread is out.
            if a.sender_running and not a.stopping:
                _saved["deferred_signal"] = (signum, monotonic())
                return
        else:
            try:
                a.finish("signal", -signum)
            except Exception:
                pass
    _die(signum)


def sigterm_is_ours():
    import _signal
    return _signal.getsignal(_signal.SIGTERM) is _sigterm


def sender_wait(timeout):
    """The sender thread's pause between flushes (watching for swallowed SIGTERMs). The first one
    (the run's first flush interval) opens nothing: the watchdog's pipe is asked for after it, and
    only while our SIGTERM handler is installed."""
    _saved["sender_ident"] = _thread.get_ident()
    if _saved.get("sender_waited") and _saved.get("sigterm") and sigterm_is_ours():
        sigwatch.request_arm()
    _saved["sender_waited"] = True
    sigwatch.wait(timeout, sigterm_is_ours)


def _is_importlib(code):
    name = code.co_filename
    return name.startswith("<frozen importlib") or "importlib" + os.sep + "_bootstrap" in name


def in_import_system(frame):
    """True when the interrupted thread may hold CPython's global import lock: its innermost frame
    (ours aside) is importlib's, or it is inside _find_spec (which runs finders under that lock)."""
    innermost = True
    depth = 0
    while frame is not None and depth < 200:
        code = frame.f_code
        if _is_importlib(code):
            if innermost or code.co_name == "_find_spec":
                return True
            innermost = False
        elif innermost and not code.co_filename.startswith(_AGENT_DIR):
            innermost = False
        frame = frame.f_back
        depth += 1
    return False


def redeliver_deferred(force=False):
    """Sender thread: send a deferred SIGTERM again once the main thread has left the import system
    (or after DEFER_LIMIT: then the handler dies without flushing rather than risk a hang)."""
    pending = _saved.get("deferred_signal")
    if pending is None:
        return
    signum, since = pending
    frame = sys._current_frames().get(_saved.get("main_ident"))
    if in_import_system(frame):
        if not force and monotonic() - since < DEFER_LIMIT:
            return
        _saved["no_flush"] = True
    _saved.pop("deferred_signal", None)
    sigwatch.resend(signum)


def _die(signum):
    import _signal
    _signal.signal(signum, _signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def reraise_pending():
    signum = _saved.pop("pending_signal", None)
    deferred = _saved.pop("deferred_signal", None)
    if signum is None and deferred is not None:
        signum = deferred[0]
    if signum is not None:
        _die(signum)


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


class _ForkWarningText(object):
    """Stands in for a compiled regex in a warnings filter (only .match is used): matches the fork
    warning (the filter is only there when the program has no thread of its own). The filter
    takes itself out of the list as soon as the fork warning is matched against it: the program's
    filter list is the untraced one again before os.fork() returns (3.13 warns after the
    after_in_parent hooks, 3.12 before them)."""

    def match(self, text):
        if not (text.startswith("This process (pid=") and "is multi-threaded, use of fork()" in text):
            return False
        # (removing an item that does not match would make CPython's loop skip the next filter)
        remove_fork_filter()
        return True


def _os_thread_count():
    try:
        with open("/proc/self/stat", "rb") as f:
            data = f.read()
        return int(data[data.rindex(b")") + 2:].split()[17])
    except Exception:
        return -1


def _before_fork():
    a = _agent
    if a is not None and not a.off:
        # never fork in the middle of a flush: the child would inherit a half-held lock
        # (import locks, the spool file's buffer lock, ...)
        try:
            if a.lock.acquire(True, 1.0) or (_sender_importing() and a.lock.acquire(True, FORK_IMPORT_WAIT)):
                _saved["fork_lock"] = a.lock
        except Exception:
            pass
    _hide_fork_warning()
    _block_sigterm_for_fork()


def _block_sigterm_for_fork():
    """A SIGTERM reaching the child between fork() and CPython's after-fork signal reset is lost for
    good (the reset clears tripped handlers): untraced it would have killed the child (SIG_DFL),
    traced the child ran on (a Pool.terminate()d worker hung in its queue lock). Blocked around the
    fork, such a signal stays pending and is delivered once our after-fork hook unblocks it."""
    if not _saved.get("sigterm"):
        return
    try:
        import _signal
        _saved["fork_mask"] = _signal.pthread_sigmask(_signal.SIG_BLOCK, [_signal.SIGTERM])
    except Exception:
        pass


def _restore_fork_mask():
    old = _saved.pop("fork_mask", None)
    if old is not None:
        try:
            import _signal
            _signal.pthread_sigmask(_signal.SIG_SETMASK, old)
        except Exception:
            pass


def _sender_importing():
    """A slow flush may be forked through (the child drops our state), but not an import in our
    thread: the child would inherit a module lock owned by a thread it does not have, and hang the
    first time it imports that module."""
    frame = sys._current_frames().get(_saved.get("sender_ident"))
    depth = 0
    while frame is not None and depth < 200:
        if _is_importlib(frame.f_code):
            return True
        frame = frame.f_back
        depth += 1
    return False


def _release_fork_lock():
    lock = _saved.pop("fork_lock", None)
    if lock is not None:
        try:
            lock.release()
        except Exception:
            pass


def _hide_fork_warning():
    """3.12+ warns at fork() when the process has other threads; our sender thread must not be what
    makes it multi-threaded. Hide the warning only when the program itself has no other thread: a
    filter in the list the warning machinery reads (warnings.filters, a catch_warnings block's copy
    included), inserted for the fork only. The filter list is not marked mutated: no warning registry
    of the program is reset. Left visible: CPython creates the forking module's __warningregistry__
    (as it does untraced when the program has threads); only having no thread of ours at fork time
    would avoid that."""
    if sys.version_info < (3, 12):
        return
    a = _agent
    if a is None or a.off or not a.sender_running:
        return
    if "fork_filter" in _saved or _os_thread_count() - 1 > 1:  # the program's own threads: its warning
        return
    try:
        w = sys.modules.get("warnings")
        filters = getattr(w, "filters", None) if w is not None else None
        if not isinstance(filters, list):
            import _warnings  # the C module: its list is warnings.filters outside catch_warnings
            filters = _warnings.filters
        entry = ("ignore", _ForkWarningText(), DeprecationWarning, None, 0)
        filters.insert(0, entry)
        _saved["fork_filter"] = (filters, entry)
    except Exception:
        pass


def _after_fork_parent():
    _restore_fork_mask()
    _release_fork_lock()
    if sys.version_info < (3, 13):
        remove_fork_filter()  # 3.12 warned before this hook (3.13 warns after it: the filter goes itself)


def remove_fork_filter():
    """The fork filter out of the program's list (normally done by the filter itself when the fork
    warning is matched; also by the sender thread and at exit, in case no warning came)."""
    saved = _saved.pop("fork_filter", None)
    if saved is not None:
        filters, entry = saved
        try:
            for i, item in enumerate(filters):
                if item is entry:
                    del filters[i]
                    break
        except Exception:
            pass


def _after_fork_child():
    _saved["main_ident"] = _thread.get_ident()  # the forking thread is the child's main thread
    _saved.pop("deferred_signal", None)
    _saved.pop("sender_waited", None)
    if _saved.get("sigterm"):
        # the inherited pipe is the parent's: a fresh one when the parent had one, else none yet
        sigwatch.install(_saved["main_ident"], rearm=sigwatch.armed())
    _saved.pop("fork_lock", None)  # the child gets a fresh lock in after_fork_child()
    remove_fork_filter()
    a = _agent
    try:
        if a is None or a.off:
            return
        try:
            if "os_exit" not in _saved:
                _saved["os_exit"] = os._exit
                os._exit = _make_os_exit(os._exit)
            a.after_fork_child()
        except Exception as e:
            a.fail("fork", e)
    finally:
        _restore_fork_mask()  # a SIGTERM that came meanwhile is delivered now, to a child ready for it


def install(agent):
    global _agent
    _agent = agent
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
            _signal.signal(_signal.SIGTERM, _sigterm)
            _saved["sigterm"] = True
            sigwatch.install(_saved["main_ident"])
    except (ImportError, ValueError, OSError, AttributeError):
        pass
    if hasattr(os, "register_at_fork") and not _saved.get("fork"):
        os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_parent,
                            after_in_child=_after_fork_child)
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
    if _saved.pop("sigterm", False):
        try:
            import _signal
            if _signal.getsignal(_signal.SIGTERM) is _sigterm:
                _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
        except Exception:
            pass
    try:
        sigwatch.disarm()  # no descriptor of ours stays open for an agent switched off
    except Exception:
        pass
