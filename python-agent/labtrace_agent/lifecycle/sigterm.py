"""SIGTERM (our handler only replaces the default): flush, then die of the signal as untraced. Deferred
while the main thread may hold the import lock (the sender thread delivers it again); a SIGTERM during
our own final flush waits for its end (reraise_pending). The sender thread's pause watches for
swallowed ones (sigwatch)."""
import os
import sys
import _thread
from time import monotonic

from . import saved as _saved, sigwatch
from ..config import AGENT_DIR as _AGENT_DIR

DEFER_LIMIT = 2.0  # seconds a SIGTERM may wait for the main thread to leave the import system
ARM_LIMIT = 100  # recursion limit below which the sender thread does not arm the watchdog (agent.FLUSH_DEPTH)


def on_sigterm(signum, frame):
    sigwatch.handled()
    a = _saved.get("agent")
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
    return _signal.getsignal(_signal.SIGTERM) is on_sigterm


def sender_wait(timeout):
    """The sender thread's pause between flushes (watching for swallowed SIGTERMs), as the pauses its
    driver makes (a generator: senderloop). The first one
    (the run's first flush interval) opens nothing: the watchdog's pipe is asked for after it, and
    only while our SIGTERM handler is installed."""
    _saved["sender_ident"] = _thread.get_ident()
    # (arming imports what the watchdog needs: not while the program keeps the recursion limit low,
    # process-wide, where importlib's frames overflow it; a later pause asks again)
    if _saved.get("sender_waited") and _saved.get("sigterm") and sys.getrecursionlimit() >= ARM_LIMIT \
            and sigterm_is_ours():
        sigwatch.request_arm()
    _saved["sender_waited"] = True
    yield from sigwatch.waits(timeout, sigterm_is_ours)


def is_importlib(code):
    name = code.co_filename
    return name.startswith("<frozen importlib") or "importlib" + os.sep + "_bootstrap" in name


def in_import_system(frame):
    """True when the interrupted thread may hold CPython's global import lock: its innermost frame
    (ours aside) is importlib's, or it is inside _find_spec (which runs finders under that lock)."""
    innermost = True
    depth = 0
    while frame is not None and depth < 200:
        code = frame.f_code
        if is_importlib(code):
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
