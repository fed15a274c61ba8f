"""os.fork() (register_at_fork): never fork in the middle of a flush, SIGTERM blocked around the fork,
the child a new run of its own (Agent.after_fork_child) whose os._exit flushes first."""
import os
import sys
import _thread

from . import saved as _saved, forkwarning, sigwatch
from .sigterm import is_importlib

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
                _saved["fork_lock"] = a.lock
        except Exception:
            pass
    forkwarning.hide_fork_warning()
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
        if is_importlib(frame.f_code):
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


def after_fork_parent():
    _restore_fork_mask()
    _release_fork_lock()
    if sys.version_info < (3, 13):
        forkwarning.remove_fork_filter()  # 3.12 warned before this hook (3.13 warns after it: the filter goes itself)


def after_fork_child():
    _saved["main_ident"] = _thread.get_ident()  # the forking thread is the child's main thread
    _saved.pop("deferred_signal", None)
    _saved.pop("sender_waited", None)
    if _saved.get("sigterm"):
        # the inherited pipe is the parent's: a fresh one when the parent had one, else none yet
        sigwatch.install(_saved["main_ident"], rearm=sigwatch.armed())
    _saved.pop("fork_lock", None)  # the child gets a fresh lock in after_fork_child()
    forkwarning.remove_fork_filter()
    a = _saved.get("agent")
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
