"""sys.monitoring backend (CPython 3.12+).

Only PY_START and PY_UNWIND are global. The first PY_START of a code object classifies it: library code
answers DISABLE and is never seen again; user code gets local events (PY_RETURN, CALL/C_RETURN/C_RAISE
for library-call sampling, INSTRUCTION for module-level code's statement starts). A user function
streams CALL/RETURN for its first `stream_calls` calls (a generator's or coroutine's activations:
PY_START/PY_RESUME to PY_YIELD/PY_RETURN/PY_UNWIND, as setprofile sees them), then becomes hot: its exit events are switched off once the calls
streamed before have ended (the C guard answers its other frames' exits meanwhile: monitoring_events
go_hot) and PY_START only bumps a counter ("count" mode) or is DISABLEd too ("off" mode: calls stop
counting). A call site answers DISABLE after `site_calls` calls, a module instruction right after its
first run (its line's start recorded), so steady state costs nothing but the hot-function counter.

Callbacks never raise into the program (issue 8): CPython calls them with no recursion check, so each is
registered wrapped in a C Guard (_monitorhook.c, built by `make native`) that calls it only with room
on the stack, clears its exceptions (the agent then switches off) and never passes DISABLE for an event
that cannot be disabled. Without the C module a Python guard does the same, except that a RecursionError
raised entering the guard's own frame (at the recursion limit) still reaches the program. Nor do they
take the program's exceptions: the C guard skips the event while a signal or an asynchronous exception
is pending for the thread (it comes in the program's code, as untraced), and an exception of the
program's raised while a callback runs (recorder.from_program) propagates with the agent left on.
"""
import sys
import _thread
from time import perf_counter_ns

from ..recorder import HEADROOM, stack_room, from_program, take
from . import Backend
from .codetable import code_key
from . import frames
from .monitoring_events import Context, thread_state, start_callback, call_callbacks
from .monitoring_exits import drain_callbacks, exit_callbacks

TOOL_NAME = "labtrace"


def _load_native():
    """The C guard module (_monitorhook.c) built for this interpreter by `make`, or None."""
    try:
        from .. import _monitorhook
        _monitorhook.Guard, _monitorhook.configure, _monitorhook.take_skipped, _monitorhook.report
        if _monitorhook.VERSION < 2:  # built from an older source: configure() takes no classifier
            return None
        return _monitorhook
    except Exception:  # not built for this Python (ImportError), built for another ABI, or stale
        return None


class MonitoringBackend(Backend):
    name = "monitoring"

    def __init__(self, rec, tool_id):
        self.rec = rec
        self.tool_id = tool_id
        self.installed = False
        self.native = _load_native() if rec.config.native else None
        self._sync = None

    def install(self):
        mon = sys.monitoring
        E = mon.events
        DISABLE = mon.DISABLE
        tool = self.tool_id
        rec = self.rec
        cfg = rec.config
        native = self.native
        tables = rec.code_tables
        self._main_ident = _thread.get_ident()
        c = Context()
        c.backend, c.rec, c.tool, c.E, c.DISABLE = self, rec, tool, E, DISABLE
        c.N = cfg.stream_calls
        c.K = cfg.site_calls
        c.hot_off = cfg.hot_mode == "off"
        c.set_local = mon.set_local_events
        c.perf = perf_counter_ns
        c.get_ident = _thread.get_ident
        # frame reads: depths in the callbacks count helper -> callback [-> Python guard] -> frame
        c.fcode, c.fline, c.fglobals, c.func_code = frames.use_native(native)  # (hooks/frames.py)
        c.G = 0 if native is not None else 1  # frames of the Python guard
        # a running frame's identity, and the C guard's filter of a hot code's exits (VERSION 7)
        v7 = native is not None and native.VERSION >= 7
        c.frame_id = native.frame_id if v7 else _frame_id
        c.drain, c.undrain = (native.drain, native.undrain) if v7 else (None, None)
        c.frame_set = native.FrameSet if v7 else set
        # A generator's resumes are calls (PY_RESUME) with the C guard only: a Python callback there
        # would take a signal the program gets in the generator it resumes (CPython checks none on a
        # resume; CPython's test_generators SignalAndYieldFromTest). The Python guard's generators
        # stream their first activation (start to first yield) and count their starts.
        c.resume = E.PY_RESUME if native is not None else 0
        # the record's tuples untracked by the gc (_monitorhook VERSION 5; see push there)
        gc_quiet = native is not None and native.VERSION >= 5
        if native is not None and native.VERSION >= 6:
            # events packed in C: no tuple or int left allocated per event (the program's
            # sys.getallocatedblocks(); see Events in _monitorhook.c)
            events = native.Events()
            for e in take(rec.events):
                events.append(e)
            rec.events = events
            c.append = events.append
        else:
            c.append = native.appender(rec.events) if gc_quiet else rec.events.append
        c.push = native.push if gc_quiet else list.append  # push(list, item)
        c.files = rec.files
        c.classify = rec.classify
        c.ckey = code_key  # (not id(): see codetable)
        c.watch = tables.watch
        c.codes = codes = tables.add({})  # ckey(code) -> user state list (library code: no entry; see codetable)
        c.tstates = tstates = _thread._local()  # .ts: [thread number, call stack [(code, t0)], pending lib calls]
        c.sites = tables.add({})  # code_key(user code) -> {offset: calls seen}
        c.module_lines = tables.add({})  # code_key(module code) -> {offset: line} (monitoring_events.line_at)
        c.record_callees = tables.add({})  # code_key(library code) -> a record call? (never sampled out)
        c.lib_watch = {}  # library code -> pending samples needing its PY_RETURN
        c.main_code = [None]
        c.hub = rec.hub            # experiment record (rare paths only), or None
        c.abspath = rec.filter.abspath
        c.metric_tokens = {}       # (caller code, offset) -> token of a metric call awaiting its value
        c.tstate = thread_state(c)
        c.hot_events, c.end_drain = drain_callbacks(c)
        py_start = start_callback(c)
        py_return, py_unwind, self._forget_streamed = exit_callbacks(c)
        call, c_return, instr_cb = call_callbacks(c)
        guard, sync = _guards(native, rec)
        if native is not None:
            native.configure(rec.hook_failed, DISABLE, from_program)
        mon.use_tool_id(tool, TOOL_NAME)
        reg = mon.register_callback
        # only "local" events may answer DISABLE (PY_UNWIND, C_RETURN, C_RAISE: ValueError, callback dropped)
        reg(tool, E.PY_START, guard(py_start, True))
        reg(tool, E.PY_RETURN, guard(py_return, True, v7))
        reg(tool, E.PY_YIELD, guard(py_return, True, v7))  # (a generator's activation ends)
        reg(tool, E.PY_RESUME, guard(py_start, True))
        reg(tool, E.PY_UNWIND, guard(py_unwind, False))
        reg(tool, E.CALL, guard(call, True))
        reg(tool, E.C_RETURN, guard(c_return, False))
        reg(tool, E.C_RAISE, guard(c_return, False))
        reg(tool, E.INSTRUCTION, guard(instr_cb, True))
        mon.set_events(tool, E.PY_START | E.PY_UNWIND)
        self.installed = True
        self._codes = codes
        self._tstates = tstates
        self._sync = sync

    def sync(self):
        """Sender thread, before each batch: skipped events, a failure not yet reported."""
        if self._sync is not None:
            try:
                self._sync()
            except Exception:
                pass

    def after_fork(self):
        """Child of os.fork(): only the forking thread survives."""
        self._main_ident = _thread.get_ident()  # the forking thread (its state is the parent's)
        self._tstates.__dict__.clear()
        try:
            self._forget_streamed()
        except Exception:
            pass
        if self.native is not None:
            self.native.take_skipped()  # the parent's

    def uninstall(self, final=False):
        if not self.installed:
            return
        self.installed = False
        mon = sys.monitoring
        try:
            mon.set_events(self.tool_id, 0)
            alive = self.rec.code_tables.alive
            for k, st in list(self._codes.items()):
                code = alive(k) if st else None
                if code is not None:
                    mon.set_local_events(self.tool_id, code, 0)
            if self.native is not None and self.native.VERSION >= 7:
                self.native.undrain(None)  # (its references to code objects)
            if final:
                # the process is ending: no event reaches the callbacks any more, and the tool id
                # stays ours (the program's atexit handlers ran before ours). Unregistering would
                # raise one audit event per callback, seen by a program's audit hooks (CPython's
                # test_audit test_sys_monitoring_register_callback)
                return
            for e in (mon.events.PY_START, mon.events.PY_RETURN, mon.events.PY_UNWIND, mon.events.CALL,
                      mon.events.C_RETURN, mon.events.C_RAISE, mon.events.INSTRUCTION, mon.events.PY_YIELD,
                      mon.events.PY_RESUME):
                mon.register_callback(self.tool_id, e, None)
            mon.free_tool_id(self.tool_id)
        except Exception:
            pass



def _frame_id(depth, _getframe=sys._getframe, key=code_key):
    """Without the C module: the identity of the caller's frame at depth while it runs (its frame
    object's, which the frame keeps; not id(): the audit event builtins.id)."""
    return key(_getframe(depth + 1))


def _guards(native, rec):
    """guard(fn, local): fn as the callback of an event that may (local) or may not answer DISABLE,
    in the C Guard when built, else in a Python one; sync(): the sender thread's report."""
    hook_failed = rec.hook_failed
    failure = None  # an exception a callback raised (Python guard): every callback then passes
    reported = False

    def report_failure():
        nonlocal reported
        reported = True
        hook_failed(failure)

    def sync():
        if native is not None:
            rec.dropped += native.take_skipped()  # events skipped for lack of stack
            native.report()
        elif failure is not None and not reported:
            report_failure()  # (the sender thread, with room on its stack)

    def guard(fn, local, exits=False):
        """fn as the callback of an event that may (local) or may not answer DISABLE; exits: the C
        guard answers the exits of a hot code's frames that were not streamed (drain)."""
        if native is not None:
            return native.Guard(fn, local, exits) if exits else native.Guard(fn, local)

        def guarded(*args):
            # A failure may happen at the recursion limit, where any call raises again: the handler
            # only stores it; a later callback with room on the stack, or sync(), reports it.
            nonlocal failure
            if failure is not None:
                if not reported:
                    try:
                        room = stack_room(sys._getframe(1)) >= HEADROOM
                    except Exception:
                        room = False
                    if room:
                        report_failure()
                return None
            try:
                return fn(*args)
            except Exception as e:
                try:
                    programs = from_program(e)  # a signal handler ran in fn: the program's exception
                except BaseException:  # at the recursion limit: the call itself fails
                    programs = False
                if programs:
                    raise  # (3.11+ raises it with the traceback from_program left: none of ours)
                failure = e
                return None
            except BaseException as e:  # KeyboardInterrupt, SystemExit: the program's
                try:
                    from_program(e)  # (its traceback without our frames)
                except BaseException:
                    pass
                raise
        guarded.__name__ = fn.__name__
        return guarded
    return guard, sync
