"""os.fork() (register_at_fork): never fork in the middle of a flush, SIGTERM blocked around the fork,
the child a new run of its own (Agent.after_fork_child) whose os._exit flushes first."""
import os
import sys
import _thread

from . import saved as _saved, forkwarning, sigwatch
from .sigterm import is_importlib, sigterm_is_ours

FORK_IMPORT_WAIT = 5.0  # more seconds a fork waits for our thread to finish an import


def _make_os_exit(orig):
    def _exit(code):
        a = _saved.get("agent")
        if a is not None:
            try:
                a.finish("fork-child", code)
            except Exception:
                pass
        return orig(code)
    _exit.__doc__ = orig.__doc__
    return _exit


def before_fork():
    a = _saved.get("agent")
    if a is not None and not a.off:
        # never fork in the middle of a flush: the child would inherit a half-held lock
        # (import locks, the spool file's buffer lock, ...)
        try:
            if a.lock.acquire(True, 1.0) or (_sender_importing() and a.lock.acquire(True, FORK_IMPORT_WAIT)):
                _mine("fork_lock")[_thread.get_ident()] = a.lock
        except Exception:
            pass
    forkwarning.hide_fork_warning()
    _block_sigterm_for_fork()


def _block_sigterm_for_fork():
    """A SIGTERM reaching the child between fork() and CPython's after-fork signal reset is lost for
    good (the reset clears tripped handlers): untraced it would have killed the child (SIG_DFL),
    traced the child ran on (a Pool.terminate()d worker hung in its queue lock). Blocked around the
    fork, such a signal stays pending and is delivered once our after-fork hook unblocks it."""
    if not sigterm_is_ours():  # (not _saved["sigterm"]: a switch-off in our thread leaves the handler)
        return
    try:
        import _signal
        _mine("fork_mask")[_thread.get_ident()] = _signal.pthread_sigmask(_signal.SIG_BLOCK, [_signal.SIGTERM])
    except Exception:
        pass


def _mine(key):
    """What before_fork saved, per forking thread: two threads forking at once (each waited 1 s for
    a busy sender) used to share one mask, and a child could keep SIGTERM blocked for life."""
    return _saved.setdefault(key, {})


def _restore_fork_mask():
    old = _mine("fork_mask").pop(_thread.get_ident(), None)
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
        if is_importlib(frame.f_code):
            return True
        frame = frame.f_back
        depth += 1
    return False


def _release_fork_lock():
    lock = _mine("fork_lock").pop(_thread.get_ident(), None)
    if lock is not None:
        try:
            lock.release()
        except Exception:
            pass


def _forget_parent_threads(a):
    """Fork child: only the forking thread was copied. A final flush the parent was in the middle of
    (another thread forked during its exit) and the parent's sender thread do not exist here: our
    SIGTERM handler waited for that flush to end, or for that thread to deliver the signal again,
    and the child ran on (1 in ~100 children forked during the exit hung on SIGTERM)."""
    if a is not None:
        a.finishing = False
        a.sender_running = False


def _default_sigterm_if_off(a):
    """Fork child of an agent that is off (switched off in its sender thread, which cannot put the
    default back): SIGTERM's action is the default again, as untraced."""
    if (a is None or a.off) and sigterm_is_ours():
        try:
            import _signal
            _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
            _saved.pop("sigterm", None)
        except Exception:
            pass


def after_fork_parent():
    _restore_fork_mask()
    _release_fork_lock()
    if sys.version_info < (3, 13):
        forkwarning.remove_fork_filter()  # 3.12 warned before this hook (3.13 warns after it: the filter goes itself)


def after_fork_child():
    _saved["main_ident"] = _thread.get_ident()  # the forking thread is the child's main thread
    _saved.pop("deferred_signal", None)
    _saved.pop("pending_signal", None)
    _forget_parent_threads(_saved.get("agent"))
    _saved.pop("sender_waited", None)
    a = _saved.get("agent")
    if _saved.get("sigterm"):
        # the inherited pipe is the parent's: a fresh one when the parent had one, else none yet
        sigwatch.install(_saved["main_ident"], rearm=sigwatch.armed() and a is not None and not a.off)
    _saved.pop("fork_lock", None)  # the child gets a fresh lock in after_fork_child()
    forkwarning.remove_fork_filter()
    try:
        if a is None or a.off:
            _default_sigterm_if_off(a)
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
