"""The agent's lazy imports: made from code read at start-up, and forks in other threads waiting for them.

The record's larger modules (experiment and what it imports, assignments with `_ast`, `inspect` for an
estimator's defaults) are imported when first needed, not at start-up (issue 10), in whichever thread
needs them, inside a hook's callback; the transport, by the sender thread. A module half imported by one
thread when another thread forks stays locked in the child (its import lock belongs to a thread the
child does not have): the child hangs the first time it imports it. So these imports run under one lock,
and os.fork() in another thread waits for it (before_fork, registered with os.register_at_fork) up to
WAIT seconds.

An import opens the module's .pyc: an audited `open` a program's own audit hook (sys.addaudithook) sees
at that moment (CPython's test_audit test_open saw one, 3.12). So the agent's modules that load after
start-up are read here, at start-up, before the program's first line, in one read of one file
(labtrace_agent/__pycache__/lazy.<cache tag>.blob, written by `make pyc`: native/build_codeblob.py, format
in codeblob.py),
and `load` makes each from it: no open and no import event (the agent modules it imports are made
first). Its code is still unmarshalled and run then: "marshal.loads" and "exec" are audited (3.8:
"code.__new__" per code object instead of the first); unmarshalling all of it at start-up would cost
0.3-0.5 ms before main. A module whose source changed since the blob was written (size or mtime), or
that is not in it, is imported as usual."""
import os
import sys
import _thread

from .. import codeblob

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


BLOB = "lazy.%s.blob" % sys.implementation.cache_tag
# Modules a module's functions import that `load` does not make with it: each has its own load() call.
ON_DEMAND = frozenset(("labtrace_agent.transport.websocket", "labtrace_agent.transport.wiredecode",
                       "labtrace_agent.lifecycle.kernel", "labtrace_agent.record.experiment"))
_blob = [b""]   # the blob's code: one bytes object, read once (each module's a slice of it, not a copy)
_entries = {}   # name -> (path relative to labtrace_agent/, mtime_ns, size, module-level deps, function-level deps, start, end)


def read():
    """Start-up: the blob's index and code for this interpreter (none when missing or for another)."""
    blob, entries = codeblob.read(BLOB)
    _entries.clear()
    if blob is not None:
        _blob[0] = blob
        _entries.update(entries)


def load(name):
    """The module `name` (labtrace_agent.x.y), made from the blob if it has it, else imported."""
    mod = sys.modules.get(name)
    if mod is not None:
        return mod
    return run(_load, name, set())


def _load(name, making):
    mod = sys.modules.get(name)
    if mod is not None:
        return mod
    entry = _entries.get(name)
    if entry is None or name in making or not codeblob.fresh(*entry[:3]):
        __import__(name)
        return sys.modules[name]
    rel, _, _, deps, late, start, end = entry
    making.add(name)
    for dep in deps:
        _load(dep, making)
    path = os.path.join(codeblob.ROOT, rel)
    mod = _module(name, path)
    code = codeblob.code_of(_blob[0], start, end, path)
    sys.modules[name] = mod
    try:
        exec(code, mod.__dict__)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    del _entries[name]
    parent, _, child = name.rpartition(".")
    setattr(sys.modules[parent], child, mod)
    for dep in late:
        if dep not in ON_DEMAND:
            _load(dep, making)
    return mod


def _module(name, path):
    ext = sys.modules["_frozen_importlib_external"]
    loader = ext.SourceFileLoader(name, path)
    spec = ext.spec_from_file_location(name, path, loader=loader)
    mod = type(sys)(name)
    mod.__dict__.update(__file__=path, __cached__=spec.cached, __loader__=loader, __spec__=spec,
                        __package__=name.rpartition(".")[0], __builtins__=sys.modules["builtins"].__dict__)
    return mod


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=before_fork, after_in_parent=after_fork, after_in_child=after_fork_child)
read()
