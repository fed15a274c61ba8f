"""SIGTERM watchdog, run by the sender thread.

A Python signal handler runs only when the main thread is back in the interpreter loop. A SIGTERM
that lands after its last check but before it blocks in C (a multiprocessing lock, a join; the
window grows to milliseconds while our sender thread holds the GIL) is swallowed: untraced the
process would die at once (SIG_DFL), traced it would hang (CPython bpo-38227, the reason coverage.py
made its SIGTERM handler opt-in). CPython's wakeup fd tells this thread that a signal arrived; when
our handler has not run shortly after, the main thread gets a "poke": a real-time signal whose
handler does nothing. It interrupts the blocking call (EINTR), CPython runs the tripped handlers and
retries the call (PEP 475). A poke is harmless when the byte was not ours: a fork child inherits the
wakeup fd until it installs its own, so its signals may show up in the parent's pipe."""
import os
import select
import _signal
from time import monotonic, sleep

from .fds import close_quietly, move_high

GRACE = 0.05          # seconds the main thread gets to run the handler before we poke it
MAX_POKES = 10
# seen: when we read a SIGTERM byte (or last resent it); since: when the pipe was last known empty;
# drained: `since` as it was when that byte was read (the signal came later); handled: when our
# handler last ran
_state = {"r": None, "w": None, "seen": None, "since": 0.0, "drained": 0.0, "handled": None, "main": None,
          "poke": None, "pokes": 0}


def _poke_handler(signum, frame):
    """Does nothing: the poke only makes the main thread's blocking call return EINTR."""


def install(main_ident):
    """Main thread only (CPython's rule for set_wakeup_fd). False when the fd cannot be ours. The
    old pipe (a fork child's is its parent's) is closed only once the new one is the wakeup fd (a
    signal hitting a closed wakeup fd makes CPython print an error); after a failure it stays open
    but unread (bytes a child writes there only cost its parent a harmless poke)."""
    old_r, old_w = _state["r"], _state["w"]
    _state.update(r=None, w=None, seen=None)
    _state["main"] = main_ident
    if _state["poke"] is None and not _install_poke():
        return False
    try:
        r, w = os.pipe()
    except OSError:
        return False
    try:
        r = move_high(r)
        w = move_high(w)
        os.set_blocking(r, False)
        os.set_blocking(w, False)
        _signal.set_wakeup_fd(w, warn_on_full_buffer=False)
    except (OSError, ValueError, TypeError):
        close_quietly(r, w)
        return False
    close_quietly(old_r, old_w)
    _state["r"], _state["w"], _state["since"] = r, w, monotonic()
    return True


def _install_poke():
    try:
        sig = _signal.SIGRTMAX - 2
        if _signal.getsignal(sig) != _signal.SIG_DFL:
            return False
        _signal.signal(sig, _poke_handler)
    except (AttributeError, OSError, ValueError):
        return False
    _state["poke"] = sig
    return True


def handled():
    """Called by our SIGTERM handler on entry."""
    _state["handled"] = monotonic()


def resend(signum):
    """Deliver signum to the main thread (this thread blocks every signal)."""
    main = _state["main"]
    if main is None:
        os.kill(os.getpid(), signum)
    else:
        _signal.pthread_kill(main, signum)


def wait(timeout, handler_is_ours):
    """The sender thread's pause between flushes: sleeps `timeout`, watching for SIGTERMs."""
    r = _state["r"]
    if r is None:
        sleep(timeout)
        return
    deadline = monotonic() + timeout
    while True:
        _check(handler_is_ours)
        remaining = deadline - monotonic()
        if remaining <= 0:
            return
        if _state["seen"] is not None:
            remaining = min(remaining, GRACE)
        try:
            if select.select([r], [], [], remaining)[0]:
                data = os.read(r, 512)
                if _signal.SIGTERM in bytearray(data) and _state["seen"] is None:
                    _state["seen"] = monotonic()
                    _state["drained"] = _state["since"]
                    _state["pokes"] = 0
            _state["since"] = monotonic()
        except (OSError, ValueError):  # the program closed our fd: no watchdog from now on
            _state["r"] = None
            sleep(max(0.0, deadline - monotonic()))
            return


def _check(handler_is_ours):
    seen = _state["seen"]
    if seen is None:
        return
    last = _state["handled"]
    # the handler may have run before we read the byte: any run after the signal came counts
    if last is not None and last >= _state["drained"]:
        _state["seen"] = None
        return
    if monotonic() - seen < GRACE:
        return
    if _state["pokes"] >= MAX_POKES or not handler_is_ours() or _signal.getsignal(_state["poke"]) is not _poke_handler:
        _state["seen"] = None  # not ours (a child's byte, or the program's own handler)
        return
    _state["seen"] = monotonic()
    _state["pokes"] += 1
    _signal.pthread_kill(_state["main"], _state["poke"])
