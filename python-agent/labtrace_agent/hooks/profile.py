"""sys.setprofile / sys.settrace backends (any CPython; the default below 3.12).

One hook closure per thread (thread number, call stack and pending library calls live in closure cells,
so the hook never asks which thread it runs on). The hook's first test is a one-entry cache of the last
hot user function: recursion and hot loops calling builtins hit it and only bump a counter. Library
frames cost a filename lookup ('call' events also look at the caller, to sample library calls made
from user code). Module-level statement boundaries are learnt from the module frame's f_lineno at the
calls it makes ('call' / 'c_call' events whose frame / f_back is a user module frame), never from line
events. Exceptions: setprofile cannot see the exception object, so a streamed user frame that exits on
an instruction other than return/yield yields an EXCEPTION with type "" (settrace sees the real one).
"""
import sys
import _thread

from ..recorder import S_CODE, from_program
from . import Backend, threadstart

_V = sys.version_info[:2]
if _V < (3, 12):
    RETURN_OPS = {83, 150 if _V >= (3, 11) else 86}   # RETURN_VALUE, YIELD_VALUE
    if _V < (3, 11):
        RETURN_OPS.add(72)                               # YIELD_FROM
else:  # opcodes are renumbered between versions: ask the (light, C-backed) opcode module
    import opcode as _opcode
    RETURN_OPS = set(_opcode.opmap[n] for n in ("RETURN_VALUE", "RETURN_CONST", "YIELD_VALUE")
                      if n in _opcode.opmap)


def _load_native():
    """The C hook module (_profilehook.c) built for this interpreter by `make`, or None."""
    if _V >= (3, 12):
        return None
    try:
        from .. import _profilehook
        _profilehook.ProfileHook, _profilehook.configure, _profilehook.take_skipped, _profilehook.report
        if _profilehook.VERSION < 3:  # built from an older source: no classifier (2), no libseen table (3)
            return None
        return _profilehook
    except Exception:  # not built for this Python (ImportError), built for another ABI, or stale
        return None


class ProfileBackend(Backend):
    has_main_hook = True  # one hook per thread: a kernel switches the main thread's off between cells

    def __init__(self, rec, mode="setprofile"):
        self.rec = rec
        self.name = mode
        self.mode = mode
        cfg = rec.config
        self._cmod = _load_native() if mode == "setprofile" and cfg.hot_mode != "count" and cfg.native else None
        self.native = None
        if self._cmod is not None:
            self.native = self._cmod.ProfileHook
            self._cmod.configure(rec.hook_failed, from_program)
        self.codes = rec.code_tables.add({})  # code_key(user code) -> its state list
        self.record_callees = rec.code_tables.add({})  # code_key(library code) -> a record call? (never sampled out)
        self.seen_lines = set()
        self.syncs = []  # each thread's hook's sync()
        self.installed = False
        self._factory = None  # make_hook / make_trace_hook (backend, thread number) -> the thread's hook
        self._main = None  # (thread id, hook) of the thread that installed the agent

    # -- per-thread hook factory ---------------------------------------------------------------
    def _set(self, hook):
        if self.mode == "settrace":
            sys.settrace(hook)
        elif self.native is not None and isinstance(hook, self.native):
            hook.install()
        else:
            sys.setprofile(hook)

    def _make(self, tnum):
        return self._factory(self, tnum)

    def install(self):
        if self.mode == "settrace":
            from .trace_hook import make_trace_hook as factory
        else:
            from .profile_hook import make_hook as factory
        self._factory = factory
        self._main = (_thread.get_ident(), self._make(0))
        self._set(self._main[1])
        native = self._cmod or (_load_native() if self.rec.config.native else None)  # its run_thread
        self._patched = threadstart.patch(self.rec, self._thread_started, native)
        self.installed = True

    def main_off(self):
        """A kernel between cells (issue 12): its main thread runs without our hook. Only our own hook
        is removed (a profiler the program set stays), in the thread it was made for."""
        main = self._main
        if self.installed and main is not None and _thread.get_ident() == main[0]:
            get = sys.gettrace if self.mode == "settrace" else sys.getprofile
            if get() is main[1]:
                self._set(None)

    def main_on(self):
        """A kernel's cell starts: our hook back in the main thread (unless the program set its own)."""
        main = self._main
        if self.installed and main is not None and _thread.get_ident() == main[0]:
            get = sys.gettrace if self.mode == "settrace" else sys.getprofile
            if get() is None:
                self._set(main[1])

    def _thread_started(self, tnum):
        if self.installed:
            self._set(self._make(tnum))

    def sync(self):
        for s in list(self.syncs):
            try:
                s()
            except Exception:
                pass
        if self._cmod is not None:
            try:
                self.rec.dropped += self._cmod.take_skipped()  # events skipped for lack of stack
                self._cmod.report()
            except Exception:
                pass

    def after_fork(self):
        """Child of os.fork(): only the forking thread survives; give it a fresh hook."""
        self.syncs[:] = []
        if self._cmod is not None:
            self._cmod.take_skipped()  # the parent's
        self._main = (_thread.get_ident(), self._make(0))
        self._set(self._main[1])

    def uninstall(self, final=False):
        if not self.installed:
            return
        self.installed = False
        self._set(None)
        threadstart.unpatch(self._patched)



_EVENTS = {}



def _probe_target():
    try:
        len(())
        raise KeyError
    except KeyError:
        pass


def event_strings(kind):
    """The exact str objects CPython passes as `event` (identity tests in the hooks; not always
    the objects sys.intern() returns)."""
    got = _EVENTS.get(kind)
    if got is None:
        got = {}

        def probe(frame, event, arg):
            got.setdefault(event, event)
            return probe
        getter = sys.gettrace if kind == "settrace" else sys.getprofile
        setter = sys.settrace if kind == "settrace" else sys.setprofile
        old = getter()
        setter(probe)
        try:
            _probe_target()
        finally:
            setter(old)
        for name in ("call", "return", "c_call", "c_return", "c_exception", "exception", "line"):
            got.setdefault(name, sys.intern(name))
        _EVENTS[kind] = got
    return got


def event_tuple(ev):
    """Event strings indexed by the C API's PyTrace_* numbers (CALL 0 ... C_RETURN 6)."""
    return tuple(ev[name] for name in ("call", "exception", "line", "return", "c_call", "c_exception", "c_return"))


def returns_normally(st, frame):
    """The frame is leaving on a return/yield instruction (not unwinding an exception)."""
    code_bytes = st[S_CODE]
    lasti = frame.f_lasti
    return not code_bytes or not (0 <= lasti < len(code_bytes)) or code_bytes[lasti] in RETURN_OPS


def qualname(code, frame):
    """co_qualname is 3.11+; below, find the class in the module globals that owns this code."""
    q = getattr(code, "co_qualname", None)
    if q:
        return q
    name = code.co_name
    try:
        for v in list(frame.f_globals.values()):
            if isinstance(v, type):
                f = v.__dict__.get(name)
                f = getattr(f, "__func__", f)
                if getattr(f, "__code__", None) is code:
                    return v.__qualname__ + "." + name
    except Exception:
        pass
    return name
