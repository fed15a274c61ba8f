"""Imports the record makes lazily in a program's thread, and forks in other threads waiting for them.

The record's larger modules (experiment and what it imports, assignments with `_ast`, `inspect` for an
estimator's defaults) are imported when first needed, not at start-up (issue 10), in whichever thread
needs them, inside a hook's callback. A module half imported by one thread when another thread forks
stays locked in the child (its import lock belongs to a thread the child does not have): the child
hangs the first time it imports it. So these imports run under one lock, and os.fork() in another
thread waits for it (before_fork, registered with os.register_at_fork) up to WAIT seconds."""
import os
import _thread

WAIT = 5.0
_lock = _thread.allocate_lock()
_state = [None, False]  # [ident of the thread importing under the lock, lock taken by before_fork]


def run(fn, *args):
    """fn(*args) under the lock (re-entered in the same thread: directly)."""
    me = _thread.get_ident()
    if _state[0] == me:
        return fn(*args)
    # bounded: should this import wait for a module lock that a thread waiting here holds (a signal
    # handler's record call inside the program's own import of that module), it goes on unguarded
    took = _lock.acquire(True, WAIT)
    if took:
        _state[0] = me
    try:
        return fn(*args)
    finally:
        if took:
            _state[0] = None
            _lock.release()


def before_fork():
    owner = _state[0]
    if owner is not None and owner != _thread.get_ident():
        _state[1] = _lock.acquire(True, WAIT)


def after_fork():
    if _state[1]:
        _state[1] = False
        _lock.release()


def after_fork_child():
    """The child has only the forking thread: a lock still held (the wait timed out) belongs to none."""
    global _lock
    after_fork()
    if _state[0] is not None:
        _state[0] = None
        _lock = _thread.allocate_lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=before_fork, after_in_parent=after_fork, after_in_child=after_fork_child)
