"""sys.monitoring backend (CPython 3.12+).

Only PY_START and PY_UNWIND are global. The first PY_START of a code object classifies it: library code
answers DISABLE and is never seen again; user code gets local events (PY_RETURN, CALL/C_RETURN/C_RAISE
for library-call sampling, LINE for module-level code). A user function streams CALL/RETURN for its first
`stream_calls` calls, then becomes hot: its PY_RETURN events are switched off and PY_START only bumps a
counter ("count" mode) or is DISABLEd too ("off" mode: calls stop counting). A call site answers DISABLE
after `site_calls` calls, a LINE location right after its statement boundary is recorded, so steady
state costs nothing but the hot-function counter.

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
CodeType = type((lambda: 0).__code__)  # types.CodeType, without importing `types` at start-up

from .recorder import S_CALLS, S_TOTAL, S_TIMED, S_KIND, K_MODULE, K_GEN, HEADROOM, stack_room, from_program, \
    plain_type
from .schema import CALL, RETURN, STATEMENT, LIB_CALL
from . import threadstart
from .codetable import code_key

TOOL_NAME = "labtrace"


def _load_native():
    """The C guard module (_monitorhook.c) built for this interpreter by `make`, or None."""
    try:
        from . import _monitorhook
        _monitorhook.Guard, _monitorhook.configure, _monitorhook.take_skipped, _monitorhook.report
        if _monitorhook.VERSION < 2:  # built from an older source: configure() takes no classifier
            return None
        return _monitorhook
    except Exception:  # not built for this Python (ImportError), built for another ABI, or stale
        return None


def _user_type(tp, files, classify):
    """A class defined in user code: calling it is not a library call."""
    mod = sys.modules.get(getattr(tp, "__module__", "") or "")
    fn = getattr(mod, "__file__", None)
    if not fn:
        return False
    user = files.get(fn)
    if user is None:
        user = classify(fn)
    return user


class MonitoringBackend(object):
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
        N = cfg.stream_calls
        K = cfg.site_calls
        hot_off = cfg.hot_mode == "off"
        set_local = mon.set_local_events
        perf = perf_counter_ns
        get_ident = _thread.get_ident
        getframe = sys._getframe  # depths below count: helper -> callback [-> Python guard] -> monitored frame
        native = self.native
        G = 0 if native is not None else 1  # frames of the Python guard
        events = rec.events
        append = events.append
        files = rec.files
        classify = rec.classify
        thread_num = rec.thread_num
        register_user = rec.register_user
        lib_code_id = rec.lib_code_id
        callable_id = rec.callable_id
        record_exception = rec.exception
        tables = rec.code_tables
        ckey = code_key  # (not id(): see codetable)
        watch = tables.watch
        codes = tables.add({})  # ckey(code) -> user state list, or False for library code (see codetable)
        tstates = _thread._local()  # .ts: [thread number, call stack [(code, t0)], pending lib calls]
        self._main_ident = get_ident()
        sites = tables.add({})  # code_key(user code) -> {offset: calls seen}
        lib_watch = {}  # library code -> pending samples needing its PY_RETURN
        LOCAL_FUNC = E.PY_RETURN | E.CALL | E.C_RETURN | E.C_RAISE
        LOCAL_GEN = E.CALL | E.C_RETURN | E.C_RAISE
        LOCAL_HOT = E.CALL | E.C_RETURN | E.C_RAISE
        main_code = [None]
        hub = rec.hub            # experiment record (rare paths only), or None
        abspath = rec.filter.abspath
        metric_tokens = {}       # (caller code, offset) -> token of a metric call awaiting its value

        def tstate():
            # per-thread state in a thread-local: a new thread (even one reusing a dead thread's ident)
            # gets a fresh number at its first event; nothing wraps the program's thread starts
            try:
                return tstates.ts
            except AttributeError:
                ident = get_ident()
                if ident == self._main_ident:
                    n = thread_num(ident)
                else:
                    n = rec.new_thread(ident, threadstart.thread_name(ident))
                ts = tstates.ts = [n, [], []]
                return ts

        def first_start(code):
            fn = code.co_filename
            user = files.get(fn)
            if user is None:
                user = classify(fn)
            if not user:
                codes[ckey(code)] = False
                watch(code)
                return None
            f = getframe(2 + G)
            g = f.f_globals if f is not None else {}
            module = g.get("__name__", "")
            st = register_user(code, module)
            kind = st[S_KIND]
            if kind == K_MODULE:
                if module == "__main__":
                    main_code[0] = code
                set_local(tool, code, LOCAL_FUNC | E.LINE)
            elif kind == K_GEN:
                set_local(tool, code, LOCAL_GEN)
            else:
                set_local(tool, code, LOCAL_FUNC)
            codes[ckey(code)] = st
            return st

        def py_start(code, offset):
            st = codes.get(ckey(code))
            if st is None:
                st = first_start(code)
                if st is None:
                    return DISABLE
            elif st is False:
                return DISABLE
            n = st[S_CALLS] + 1
            st[S_CALLS] = n
            if n > N:
                if n == N + 1 and st[S_KIND] != K_GEN:
                    set_local(tool, code, LOCAL_HOT | (E.LINE if st[S_KIND] == K_MODULE else 0))
                if hot_off:
                    return DISABLE
                return
            t = perf()
            ts = tstate()
            if st[S_KIND] != K_GEN:
                ts[1].append((code, t))
            append((CALL, t, st[0], code.co_firstlineno, ts[0], 0, 0))

        def _pop(stk, code):
            if stk:
                top = stk.pop()
                if top[0] is code:
                    return top[1]
                stk.append(top)
                for i in range(len(stk) - 1, -1, -1):
                    if stk[i][0] is code:
                        t0 = stk[i][1]
                        del stk[i:]
                        return t0
            return None

        def lib_done(code, ts, t, retval=None):
            pend = ts[2]
            if pend and pend[-1][3] is code:
                f = getframe(2 + G)
                back = f.f_back if f is not None else None
                if back is not None and back.f_code is pend[-1][0]:
                    caller, offset, lib_id, _c, t0, line = pend.pop()
                    if metric_tokens:
                        tok = metric_tokens.pop((caller, offset), None)
                        if tok is not None:
                            hub.lib_return(tok, retval)
                    st = codes.get(ckey(caller))
                    append((LIB_CALL, t0, lib_id, line, ts[0], st[0] if st else 0, t - t0))
                    w = lib_watch.get(code, 1) - 1
                    if w <= 0:
                        lib_watch.pop(code, None)
                        set_local(tool, code, 0)
                    else:
                        lib_watch[code] = w

        def py_return(code, offset, retval):
            t = perf()
            st = codes.get(ckey(code))
            if st.__class__ is not list:
                if code in lib_watch:
                    lib_done(code, tstate(), t, retval)
                return
            if hub is not None and st[S_KIND] == K_MODULE:
                fr = getframe(1 + G)
                if fr is not None and fr.f_code is code:
                    hub.module_end(st[0], abspath(code.co_filename), fr.f_globals, t)
            ts = tstate()
            t0 = _pop(ts[1], code)
            if t0 is None:
                return
            if ts[2]:
                _drop_pending(ts[2], code, ts[0], t)
            d = t - t0
            st[S_TOTAL] += d
            st[S_TIMED] += 1
            append((RETURN, t, st[0], 0, ts[0], 0, d))

        def _drop_pending(pend, code, tnum, t):
            # library calls of this frame whose end we did not see (generators, odd callables)
            while pend and pend[-1][0] is code:
                caller, offset, lib_id, c, t0, line = pend.pop()
                st = codes.get(ckey(caller))
                append((LIB_CALL, t0, lib_id, line, tnum, st[0] if st else 0, 0))

        def py_unwind(code, offset, exc):
            st = codes.get(ckey(code))
            if st.__class__ is not list:
                if code in lib_watch:
                    lib_done(code, tstate(), perf())
                return
            t = perf()
            ts = tstate()
            d = 0
            if st[S_CALLS] <= N and st[S_KIND] != K_GEN:
                t0 = _pop(ts[1], code)
                if t0 is not None:
                    d = t - t0
                    st[S_TOTAL] += d
                    st[S_TIMED] += 1
            if ts[2]:
                _drop_pending(ts[2], code, ts[0], t)
            f = getframe(1 + G)
            line = f.f_lineno if f is not None and f.f_code is code else 0
            record_exception(st[0], line or 0, exc, t, ts[0], d)
            if code is main_code[0]:
                rec.main_exception = exc

        def call(code, offset, func, arg0):
            key = (code, offset)  # (metric_tokens: a pending call's, dropped at its return)
            cs = sites.get(ckey(code))
            if cs is None:
                cs = sites[ckey(code)] = {}
            n = cs.get(offset, 0)
            if n >= K:
                return DISABLE
            # the program's callables may answer any attribute (mocks): looked at only if plain
            plain = plain_type(type(func))
            f = getattr(func, "__func__", func) if plain else func
            fcode = getattr(f, "__code__", None) if plain else None
            if type(fcode) is not CodeType:  # type(), not __class__: AsyncMock's __code__ claims to be code
                fcode = None
            if fcode is not None:
                cst = codes.get(ckey(fcode))
                if cst is None:
                    fn = fcode.co_filename
                    user = files.get(fn)
                    if user is None:
                        user = classify(fn)
                    if user:
                        cs[offset] = K
                        return DISABLE
                elif cst is not False:
                    cs[offset] = K
                    return DISABLE
                lib_id = lib_code_id(fcode)
                w = lib_watch.get(fcode, 0)
                if not w:
                    set_local(tool, fcode, E.PY_RETURN)
                lib_watch[fcode] = w + 1
                watched = fcode
            else:
                if type(func) is type and _user_type(func, files, classify):
                    cs[offset] = K
                    return DISABLE
                lib_id = callable_id(func)
                watched = None
            cs[offset] = n + 1
            fr = getframe(1 + G)
            line = fr.f_lineno if fr is not None else 0
            ts = tstate()
            st = codes.get(ckey(code))
            if hub is not None and plain:
                # a method loaded with LOAD_ATTR arrives as the plain function with self as arg0
                recv = arg0 if fcode is not None and "." in getattr(f, "__qualname__", "") else None
                tok = hub.lib_call(func, recv, (arg0,), st[0] if st else 0, line or 0)
                if tok is not None and watched is not None:
                    metric_tokens[key] = tok
            ts[2].append((code, offset, lib_id, watched, perf(), line or 0))
            if st and st[S_KIND] == K_MODULE and line:
                _statement(code, line, st, ts)

        def c_return(code, offset, func, arg0):
            t = perf()
            ts = tstate()
            pend = ts[2]
            if pend:
                top = pend[-1]
                if top[0] is code and top[1] == offset and top[3] is None:
                    pend.pop()
                    st = codes.get(ckey(code))
                    append((LIB_CALL, top[4], top[2], top[5], ts[0], st[0] if st else 0, t - top[4]))

        seen_lines = set()

        def _statement(code, line, st, ts):
            key = (st[0], line)
            if key not in seen_lines:
                seen_lines.add(key)
                t = perf()
                append((STATEMENT, t, st[0], line, ts[0], 0, 0))
                if hub is not None:
                    fr = getframe(2 + G)  # _statement <- call / line_cb [<- guard] <- the module's frame
                    if fr is not None and fr.f_code is code:
                        hub.statement(st[0], abspath(code.co_filename), line, fr.f_globals, t)

        def line_cb(code, line):
            st = codes.get(ckey(code))
            if st:
                _statement(code, line, st, tstate())
            return DISABLE

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

        def guard(fn, local):
            """fn as the callback of an event that may (local) or may not answer DISABLE."""
            if native is not None:
                return native.Guard(fn, local)

            def guarded(*args):
                # A failure may happen at the recursion limit, where any call raises again: the handler
                # only stores it; a later callback with room on the stack, or sync(), reports it.
                nonlocal failure
                if failure is not None:
                    if not reported:
                        try:
                            room = stack_room(getframe(1)) >= HEADROOM
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

        if native is not None:
            native.configure(hook_failed, DISABLE, from_program)
        mon.use_tool_id(tool, TOOL_NAME)
        reg = mon.register_callback
        # only "local" events may answer DISABLE (PY_UNWIND, C_RETURN, C_RAISE: ValueError, callback dropped)
        reg(tool, E.PY_START, guard(py_start, True))
        reg(tool, E.PY_RETURN, guard(py_return, True))
        reg(tool, E.PY_UNWIND, guard(py_unwind, False))
        reg(tool, E.CALL, guard(call, True))
        reg(tool, E.C_RETURN, guard(c_return, False))
        reg(tool, E.C_RAISE, guard(c_return, False))
        reg(tool, E.LINE, guard(line_cb, True))
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

    def reset_after_fork(self):
        """Child of os.fork(): only the forking thread survives."""
        self._main_ident = _thread.get_ident()  # the forking thread (its state is the parent's)
        self._tstates.__dict__.clear()
        if self.native is not None:
            self.native.take_skipped()  # the parent's

    def uninstall(self):
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
            for e in (mon.events.PY_START, mon.events.PY_RETURN, mon.events.PY_UNWIND, mon.events.CALL,
                      mon.events.C_RETURN, mon.events.C_RAISE, mon.events.LINE):
                mon.register_callback(self.tool_id, e, None)
            mon.free_tool_id(self.tool_id)
        except Exception:
            pass
