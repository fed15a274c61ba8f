"""The sender thread: connect after the first flush interval, then flush every interval, watching for
swallowed SIGTERMs in between (sigwatch). Written as a generator of pauses, so that two drivers can run
it: on 3.8-3.11 with the C hook built, a thread of the C module that has no Python thread state while it
pauses (_profilehook's start_sender, senderthread.h: programs see only their own threads, and
_xxsubinterpreters.is_running(main) holds, issue 8); elsewhere a Python thread of ours."""
import sys
import time
import _thread
from _functools import partial

from . import sigterm
from .sigwatch import block_signals, restore_signals, pause

# Recursion levels a flush may use (Hello, batch building and encoding, transport: 27 measured at most).
# The limit is process-wide: while the program keeps it lower, the sender thread does not flush (events
# stay buffered) and finish() raises it for its own duration.
FLUSH_DEPTH = 100
# ...and the limit may go down while the sender thread flushes: with the C module built, the thread
# connects and flushes with FLUSH_DEPTH levels of its own (headroom), whatever limit is set meanwhile.

_start_new_thread = _thread.start_new_thread  # the original: our own thread must never be traced


def native_driver(config):
    """_profilehook's (start_sender, stop_sender), or None (3.12+, not built, an older build)."""
    if not config.native or sys.version_info >= (3, 12):
        return None
    try:
        from .. import _profilehook as m
        return (m.start_sender, m.stop_sender) if m.VERSION >= 7 else None
    except Exception:
        return None


def headroom_of(config):
    """The C module's headroom(n) (_profilehook.c, _monitorhook.c): n more recursion levels for the
    calling thread, the limit unchanged; None without it (not built, an older build, LABTRACE_NATIVE=0).
    (The C driver gives each step its levels itself.)"""
    if not config.native:
        return None
    try:
        if sys.version_info >= (3, 12):
            from .. import _monitorhook as m
            return m.headroom if m.VERSION >= 3 else None
        from .. import _profilehook as m
        return m.headroom if m.VERSION >= 4 else None
    except Exception:  # not built for this Python, built for another ABI, or stale
        return None


def start(agent):
    """Start the sender thread of `agent`; returns a stop() for it (no thread state taken after it)."""
    steps = agent.sender_steps = run(agent)
    first = agent.config.flush_interval
    driver = native_driver(agent.config)
    if driver is not None:
        start_native, stop_native = driver
        return partial(stop_native, start_native(steps, first, FLUSH_DEPTH))
    # the thread inherits the creator's signal mask: block everything around its creation, so
    # no signal can land on it before it runs (a SIGTERM caught there would never interrupt a
    # main thread blocked in a C call)
    old = block_signals()
    try:
        # The thread's first pause (the run's first flush interval) is a lock wait in C, before
        # any frame of ours: list() takes one item of zip, whose second iterator times out on the
        # held gate, then calls run_in_python. Until then the thread has no Python frame, so
        # sys._current_frames() shows the program's threads only (a fork child checking that it
        # is alone: CPython's test_threading test_clear_threads_states_after_fork).
        gate = _thread.allocate_lock()
        gate.acquire()
        first_pause = zip((None,), iter(partial(gate.acquire, True, first), None))
        _start_new_thread(list, (map(partial(run_in_python, steps, headroom_of(agent.config)), first_pause),))
    finally:
        restore_signals(old)
    return None


def run_in_python(steps, headroom, _waited=None):
    block_signals()
    # The limit is process-wide and the program may lower it at any moment, also while this thread
    # waits, releases the spool or flushes (issue 8): with the C module built, this thread has
    # FLUSH_DEPTH levels of its own for its whole life (the program's getrecursionlimit() unchanged).
    if headroom is not None:
        headroom(FLUSH_DEPTH)
    for seconds, fd in steps:
        pause(seconds, fd)


def run(agent):
    """The sender's life after its first pause, as the pauses (seconds, fd) between its steps."""
    try:
        yield from _loop(agent)
    except GeneratorExit:
        raise  # closed unfinished (collected at exit): nothing of ours runs then
    except BaseException as e:  # never let the sender thread print a traceback
        if not agent.stopping:
            agent.fail("sender", e)
    agent.sender_running = False
    if agent.off and agent.transport is not None:
        agent.transport.drop_connection()  # switched off: no socket of ours stays open
    sigterm.redeliver_deferred(force=True)  # a deferred SIGTERM must never be lost


def _loop(agent):
    interval = agent.config.flush_interval
    # connect after the first interval (waited by the driver, see start): a run shorter than that
    # never waits on the daemon at exit (it is spooled in one write, see Agent.finish())
    yield from sigterm.sender_wait(0)  # (its bookkeeping, and a SIGTERM seen meanwhile)
    sigterm.redeliver_deferred()
    while not agent.stopping and sys.getrecursionlimit() < FLUSH_DEPTH:
        yield from sigterm.sender_wait(interval)  # the program lowered the recursion limit
        sigterm.redeliver_deferred()
    with agent.lock:
        if not agent.stopping:
            agent.connect()
    while not agent.stopping:
        with agent.lock:
            if agent.transport is not None:
                agent.transport.release()  # no spool file descriptor while we pause
        builder = agent.builder
        yield from sigterm.sender_wait(builder.pause(interval) if builder is not None else interval)
        sigterm.redeliver_deferred()
        if sys.getrecursionlimit() < FLUSH_DEPTH:
            continue  # the program lowered the recursion limit: flush later (or at exit)
        t1 = time.thread_time_ns()
        with agent.lock:
            if agent.stopping or agent.off:
                break
            agent.flush()  # (the check above leaves a race: the headroom covers it)
        agent.sender_cpu_ns += time.thread_time_ns() - t1
