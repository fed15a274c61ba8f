"""SIGTERM watchdog, run by the sender thread.

A Python signal handler runs only when the main thread is back in the interpreter loop. A SIGTERM
that lands after its last check but before it blocks in C (a multiprocessing lock, a join; the
window grows to milliseconds while our sender thread holds the GIL) is swallowed: untraced the
process would die at once (SIG_DFL), traced it would hang (CPython bpo-38227, the reason coverage.py
made its SIGTERM handler opt-in). CPython's wakeup fd tells this thread that a signal arrived; when
our handler has not run shortly after, the main thread gets a "poke": a real-time signal whose
handler does nothing. It interrupts the blocking call (EINTR), CPython runs the tripped handlers and
retries the call (PEP 475). A poke is harmless when the byte was not ours: a fork child inherits the
wakeup fd until it installs its own, so its signals may show up in the parent's pipe.

The wakeup pipe is armed lazily: a program that ends within the first flush interval never sees a
descriptor of ours (its fd listing is the untraced one). Only the main thread may call
set_wakeup_fd, so the sender thread asks it to, at its first pause after that interval, without an
OS signal where it can: the poke handler is tripped by _thread.interrupt_main(signum) (3.10+), or the
C hook's call_in_main (Py_AddPendingCall, 3.8-3.9); the main thread runs it at its next bytecode. A
main thread still blocked in C after GRACE gets one real poke (a SIGTERM may already be swallowed
behind it, exactly what the poke is for): PEP 475 retries the interrupted call, but a program waiting
in signal.pause() from its first 0.1 s returns from it. That is the price of having no descriptor
open at start-up; measured alternatives are in docs/architecture.md. A program that installed its own
wakeup fd (asyncio) keeps it: no watchdog then."""
import os
import sys
import _signal
import _thread
from time import monotonic

from .fds import close_quietly, move_high, preload

_select = None  # select.select, imported by _arm(): no `select` at start-up (a run may never arm)

# The sender thread's pauses are timed waits on a lock that is never released, not time.sleep: from
# 3.13 every time.sleep is an audit event ("time.sleep"), seen by a program's own audit hooks
# (CPython's test_audit test_time saw ours, several per flush interval).
_never = _thread.allocate_lock()
_never.acquire()


def sleep(seconds):
    if seconds > 0:
        _never.acquire(True, seconds)

GRACE = 0.05          # seconds the main thread gets to run the handler before we poke it
MAX_POKES = 10
# seen: when we read a SIGTERM byte (or last resent it); since: when the pipe was last known empty;
# drained: `since` as it was when that byte was read (the signal came later); handled: when our
# handler last ran; want: "arm" / "disarm" asked of the main thread at `asked` (forced: the real
# poke for it was sent); foreign: the program owns the wakeup fd; w_id: (st_dev, st_ino) of our write
# end; lost: the program closed our pipe while CPython's wakeup fd still holds its number
_state = {"r": None, "w": None, "seen": None, "since": 0.0, "drained": 0.0, "handled": None, "main": None,
          "poke": None, "pokes": 0, "want": None, "asked": 0.0, "forced": False,
          "foreign": False, "w_id": None, "lost": False}


def _poke_handler(signum, frame):
    """The poke only makes the main thread's blocking call return EINTR; it also runs, in the main
    thread, what the sender thread asked of it (arming or disarming the wakeup pipe)."""
    _run_wanted()


def _run_wanted():
    want = _state["want"]
    if want is not None:
        _state["want"] = None
        try:
            if want == "arm":
                _arm()
            else:
                disarm()
        except Exception:  # never into the program
            pass


def install(main_ident, rearm=False):
    """Main thread only (CPython's rule for set_wakeup_fd). Sets up the poke; the pipe comes later
    (request_arm). False when the watchdog cannot be ours. rearm (a fork child of an armed parent,
    whose pipe it inherited): a fresh pipe at once, as its parent had one."""
    _state["main"] = main_ident
    _state.update(seen=None, want=None, forced=False, foreign=False)
    if _state["poke"] is None and not _install_poke():
        return False
    if rearm:
        return _arm()
    disarm()
    return True


def armed():
    return _state["r"] is not None


def request_arm():
    """Sender thread: ask the main thread to arm the pipe (see the module doc)."""
    if _state["r"] is not None or _state["foreign"] or _state["want"] == "arm" or not _poke_is_ours():
        return
    try:
        preload()
    except ImportError:
        return
    _state["want"] = "arm"
    _state["asked"] = monotonic()
    _state["forced"] = False
    _ask_main()


def _ask_main():
    """The main thread runs _run_wanted at its next bytecode; False when that cannot be asked."""
    if _state["lost"] or not _wakeup_still_ours():
        _state["want"] = None
        return False
    try:
        if sys.version_info >= (3, 10):
            import _thread
            _thread.interrupt_main(_state["poke"])  # trips the handler, no OS signal
            return True
        call_in_main = _call_in_main()
        if call_in_main is not None and call_in_main(_run_wanted):
            return True
    except (AttributeError, OSError, ValueError, TypeError, RuntimeError, ImportError):
        pass
    _state["want"] = None
    return False


def _fd_id(fd):
    st = os.fstat(fd)  # (not audited)
    return st.st_dev, st.st_ino


def _wakeup_still_ours():
    """Tripping a signal (interrupt_main, pthread_kill) writes a byte to the wakeup fd: never once the
    program has closed our pipe (CPython prints "Exception ignored when trying to write to the signal
    wakeup fd", a program closing every descriptor: test_spool_fds) or opened a file of its own under
    its number. Then the watchdog is not ours any more, as when its read end fails, and nothing of ours
    trips a signal again: CPython's wakeup fd still holds the lost number (`lost`)."""
    w = _state["w"]
    if w is None:
        return True
    try:
        if _fd_id(w) == _state["w_id"]:
            return True
    except (OSError, ValueError):
        pass
    _state.update(r=None, w=None, foreign=True, lost=True)
    return False


def _call_in_main():
    """The C hook's call_in_main (3.8-3.9, only once the C hook is loaded: it is never imported here)."""
    hook = sys.modules.get(__name__.split(".")[0] + "._profilehook")
    return getattr(hook, "call_in_main", None)


def _poke_is_ours():
    try:
        return _state["poke"] is not None and _signal.getsignal(_state["poke"]) is _poke_handler
    except (OSError, ValueError):
        return False


def _arm():
    """Main thread: our pipe becomes the wakeup fd (unless the program has one: it keeps it). The
    old pipe (a fork child's is its parent's) is closed only once it no longer is the wakeup fd (a
    signal hitting a closed wakeup fd makes CPython print an error); after a failure it stays open
    but unread (bytes a child writes there only cost its parent a harmless poke)."""
    global _select
    if _select is None:
        from select import select as _select  # main thread, before the pipe exists: wait() needs it then
    old_r, old_w = _state["r"], _state["w"]
    _state.update(r=None, w=None, seen=None)
    try:
        r, w = os.pipe()
    except OSError:
        return False
    try:
        r = move_high(r)
        w = move_high(w)
        os.set_blocking(r, False)
        os.set_blocking(w, False)
        previous = _signal.set_wakeup_fd(w, warn_on_full_buffer=False)
    except (OSError, ValueError, TypeError):
        close_quietly(r, w)
        return False
    if previous not in (-1, old_w):
        # the program's own wakeup fd (asyncio): give it back, with any byte that came meanwhile
        try:
            _signal.set_wakeup_fd(previous)
            data = os.read(r, 512)
            if data:
                os.write(previous, data)
        except (OSError, ValueError):
            pass
        close_quietly(r, w)
        _state["foreign"] = True
        return False
    close_quietly(old_r, old_w)
    try:
        _state["w_id"] = _fd_id(w)
    except OSError:
        _state["w_id"] = None
    _state["r"], _state["w"], _state["since"], _state["lost"] = r, w, monotonic(), False
    return True


def disarm(then=None):
    """Main thread: no wakeup pipe of ours any more (a program's own wakeup fd stays), then `then()`.
    Elsewhere (the agent switched off by the sender thread) the main thread is asked to (see
    _ask_main; where it cannot be asked, the pipe is merely left open and `then` not run)."""
    if then is not None:
        _state["then"] = then
    if _state["r"] is None and _state["w"] is None and _state.get("then") is None:
        return
    try:
        import _thread
        if _thread.get_ident() != _state["main"]:
            if _poke_is_ours():
                _state["want"] = "disarm"
                _ask_main()
            return
        if _state["r"] is not None or _state["w"] is not None:
            previous = _signal.set_wakeup_fd(-1)
            if previous not in (-1, _state["w"]):
                _signal.set_wakeup_fd(previous)
            r, w = _state["r"], _state["w"]
            _state.update(r=None, w=None, seen=None)
            close_quietly(r, w)
    except (AttributeError, OSError, ValueError, TypeError, RuntimeError):
        return
    then = _state.pop("then", None)
    if then is not None:
        then()


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


def pause(seconds, fd):
    """A Python sender thread's pause (senderloop.run_in_python): `seconds`, or until fd is readable."""
    if fd < 0:
        sleep(seconds)
    elif seconds > 0:
        try:
            _select([fd], [], [], seconds)
        except (OSError, ValueError):
            pass  # the program closed our fd: the next step's read says so


def waits(timeout, handler_is_ours):
    """The sender thread's pause between flushes, watching for SIGTERMs: yields the pauses (seconds,
    fd) its driver makes (fd >= 0: until readable; no thread state of ours in between with the C one)."""
    deadline = monotonic() + timeout
    while _state["r"] is None:
        if _state["want"] != "arm":
            remaining = deadline - monotonic()
            if remaining > 0:
                yield remaining, -1
            return
        # waiting for the main thread to arm the pipe: a real poke if it stays away (blocked in C)
        if not _state["forced"] and monotonic() - _state["asked"] >= GRACE:
            _state["forced"] = True
            try:
                _signal.pthread_kill(_state["main"], _state["poke"])
            except (OSError, ValueError):
                _state["want"] = None
        remaining = deadline - monotonic()
        if remaining <= 0:
            return
        yield min(remaining, 0.005), -1
    r = _state["r"]
    while True:
        _check(handler_is_ours)
        remaining = deadline - monotonic()
        if remaining <= 0:
            return
        if _state["r"] != r:  # (_check found the pipe closed by the program: no watchdog from now on)
            yield remaining, -1
            return
        if _state["seen"] is not None:
            remaining = min(remaining, GRACE)
        yield remaining, r
        try:
            try:
                data = os.read(r, 512)  # (non-blocking)
            except BlockingIOError:
                data = b""
            if _signal.SIGTERM in bytearray(data) and _state["seen"] is None:
                _state["seen"] = monotonic()
                _state["drained"] = _state["since"]
                _state["pokes"] = 0
            _state["since"] = monotonic()
        except (OSError, ValueError):  # the program closed our fd: no watchdog from now on
            _state.update(r=None, w=None, foreign=True, lost=True)  # (and its numbers are not ours to close)
            remaining = deadline - monotonic()
            if remaining > 0:
                yield remaining, -1
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
    if not _wakeup_still_ours():
        _state["seen"] = None
        return
    _state["seen"] = monotonic()
    _state["pokes"] += 1
    _signal.pthread_kill(_state["main"], _state["poke"])


def block_signals():
    """Process-directed signals must go to the program's threads, never to ours: a SIGTERM / SIGINT
    delivered to this thread would not interrupt a main thread blocked in a C call."""
    try:
        import _signal
        return _signal.pthread_sigmask(_signal.SIG_BLOCK, _signal.valid_signals())
    except Exception:
        return None


def restore_signals(old):
    if old is not None:
        try:
            import _signal
            _signal.pthread_sigmask(_signal.SIG_SETMASK, old)
        except Exception:
            pass
