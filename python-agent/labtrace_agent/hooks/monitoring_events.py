"""The sys.monitoring callbacks (hooks.monitoring registers them): built as closures over the run's
tables by the builders that share one Context, so each callback reads its tables and helpers as cells
of its builder (as fast as the one closure they were, no call added on the hot path)."""
import sys
CodeType = type((lambda: 0).__code__)  # types.CodeType, without importing `types` at start-up

from ..recorder import S_CALLS, S_KIND, K_MODULE, K_GEN, plain_type
from ..transport.schema import CALL, STATEMENT, LIB_CALL
from . import threadstart
from .monitoring_exits import M_LIVE, M_DRAIN


class Context(object):
    """What the builders share: set by MonitoringBackend.install(), then by the builders in order
    (thread_state, then statements, before the callbacks that call them)."""


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


def thread_state(c):
    """tstate(): this thread's [thread number, call stack [(code, t0)], pending library calls]."""
    tstates = c.tstates
    get_ident = c.get_ident
    backend = c.backend
    rec = c.rec
    thread_num = rec.thread_num

    def tstate():
        # per-thread state in a thread-local: a new thread (even one reusing a dead thread's ident)
        # gets a fresh number at its first event; nothing wraps the program's thread starts
        try:
            return tstates.ts
        except AttributeError:
            ident = get_ident()
            if ident == backend._main_ident:
                n = thread_num(ident)
            else:
                n = rec.new_thread(ident, threadstart.thread_name(ident))
            ts = tstates.ts = [n, [], []]
            return ts

    return tstate


def line_map(code):
    """{offset: line} of every instruction of code that has a line (co_lines, 3.10+)."""
    lines = {}
    for start, end, line in code.co_lines():
        if line:
            for offset in range(start, end, 2):
                lines[offset] = line
    return lines


def start_callback(c):
    """PY_START (and a generator's PY_RESUME): classify a code at its first start; count a user function's
    calls (a generator's or coroutine's activations, as setprofile does), stream the first N."""
    codes, ckey, files, classify, watch = c.codes, c.ckey, c.files, c.classify, c.watch
    fglobals, G, register_user, main_code = c.fglobals, c.G, c.rec.register_user, c.main_code
    set_local, tool, E, DISABLE = c.set_local, c.tool, c.E, c.DISABLE
    N, hot_off, perf, tstate, append, push = c.N, c.hot_off, c.perf, c.tstate, c.append, c.push
    frame_id, drain, hot_events, end_drain = c.frame_id, c.drain, c.hot_events, c.end_drain
    frame_set = c.frame_set
    LOCAL_FUNC = E.PY_RETURN | E.CALL | E.C_RETURN | E.C_RAISE
    LOCAL_GEN = LOCAL_FUNC | E.PY_YIELD | c.resume  # an activation ends at a yield too
    EXITS = E.PY_RETURN | E.PY_YIELD

    def first_start(code):
        fn = code.co_filename
        user = files.get(fn)
        if user is None:
            user = classify(fn)
        if not user:
            # DISABLE is the whole answer (its PY_START comes back only after a restart_events(), and is
            # answered again from `files`): no table entry, no weak reference (~1.5-2 us a library code)
            return None
        g = fglobals(2 + G)  # first_start <- py_start [<- guard] <- the code's frame
        module = g.get("__name__", "") if g is not None else ""
        st = register_user(code, module)
        st.append(frame_set())  # M_LIVE
        st.append(False)  # M_DRAIN
        kind = st[S_KIND]
        if kind == K_MODULE:
            if module == "__main__":
                main_code[0] = code
            set_local(tool, code, LOCAL_FUNC | E.INSTRUCTION)
        elif kind == K_GEN:
            set_local(tool, code, LOCAL_GEN)
        else:
            set_local(tool, code, LOCAL_FUNC)
        codes[ckey(code)] = st
        return st

    def go_hot(code, st):
        # Its streamed activations still running (recursion, other threads, generators suspended in
        # one) must see their exit: the exit events stay on, answered in the C guard for its other
        # frames (drain), until the last one ends (end_drain). Never DISABLE there: a return location
        # is shared by all its frames.
        live = st[M_LIVE]
        ev = hot_events[st[S_KIND]]
        if live:
            st[M_DRAIN] = True
            if drain is not None:
                drain(code, live)
            ev |= EXITS
        set_local(tool, code, ev)
        if st[M_DRAIN] and not live:  # (its last one ended meanwhile, in another thread)
            end_drain(code, st)

    def py_start(code, offset):
        st = codes.get(ckey(code))
        if st is None:
            st = first_start(code)
            if st is None:
                return DISABLE
        n = st[S_CALLS] + 1
        st[S_CALLS] = n
        if n > N:
            if n == N + 1:
                go_hot(code, st)
            if hot_off:
                return DISABLE
            return
        t = perf()
        ts = tstate()
        fid = frame_id(1 + G)  # py_start [<- guard] <- the code's frame
        st[M_LIVE].add(fid)
        push(ts[1], (fid, t, code))
        append((CALL, t, st[0], code.co_firstlineno, ts[0], 0, 0))

    return py_start


def call_callbacks(c):
    """CALL, C_RETURN / C_RAISE and INSTRUCTION: library calls sampled per call site (the first K), the
    statement boundaries of module-level code."""
    sites, ckey, K, DISABLE, codes, files, classify = c.sites, c.ckey, c.K, c.DISABLE, c.codes, c.files, c.classify
    lib_code_id, callable_id = c.rec.lib_code_id, c.rec.callable_id
    set_local, tool, E, lib_watch, G = c.set_local, c.tool, c.E, c.lib_watch, c.G
    frame_code, fline, fglobals, func_code = c.fcode, c.fline, c.fglobals, c.func_code
    tstate, hub, metric_tokens, perf, append, abspath = c.tstate, c.hub, c.metric_tokens, c.perf, c.append, c.abspath
    push = c.push
    record_callees, c_watch = c.record_callees, c.watch
    module_lines = c.module_lines

    def lines_of(k, code):
        """{offset: line} of a module code object (key k), built once: f_lineno scans the code's line
        table from its start (PyCode_Addr2Line), so a call per statement of a 2,000-statement script
        made the run quadratic (6.4 G instructions of 7.2 G, 3.12)."""
        lines = module_lines.get(k)
        if lines is None:
            lines = module_lines[k] = line_map(code)
        return lines

    def line_at(code, offset, st):
        """The line of offset in code: a module's from lines_of; other code: None (its frame's f_lineno)."""
        if st and st[S_KIND] == K_MODULE:
            return lines_of(ckey(code), code).get(offset, 0)
        return None

    def record_only(code, offset, func, arg0):
        # A call site past its K samples whose callee makes the record (a fit, a metric:
        # record/experiment.py), decided once per callee code object: the site stays enabled, each
        # call reaches the hub, no LIB_CALL event. Any other callee: the site goes quiet (DISABLE).
        if not plain_type(type(func)):
            return DISABLE
        f = getattr(func, "__func__", func)
        fcode = func_code(f)
        if type(fcode) is not CodeType:
            return DISABLE
        k = ckey(fcode)
        r = record_callees.get(k)
        if r is None:
            if k in codes:  # user code (started)
                return DISABLE
            fn = fcode.co_filename
            user = files.get(fn)
            if user is None:
                user = classify(fn)
            if user:
                return DISABLE
            g = getattr(f, "__globals__", None)
            module = g.get("__name__", "") if type(g) is dict else ""
            r = record_callees[k] = hub.is_record_callee(module or "", fcode.co_name)
            c_watch(fcode)
        if not r:
            return DISABLE
        st = codes.get(ckey(code))
        line = line_at(code, offset, st)
        if line is None:
            line = fline(2 + G)  # record_only <- call [<- guard] <- the caller's frame
        recv = arg0 if "." in getattr(f, "__qualname__", "") else None
        tok = hub.lib_call(func, recv, (arg0,), st[0] if st else 0, line)
        if tok is not None:  # its value is wanted at its return
            w = lib_watch.get(fcode, 0)
            if not w:
                set_local(tool, fcode, E.PY_RETURN)
            lib_watch[fcode] = w + 1
            metric_tokens[(code, offset)] = tok
            push(tstate()[2], (code, offset, None, fcode, 0, line))

    def call(code, offset, func, arg0):
        cs = sites.get(ckey(code))
        if cs is None:
            cs = sites[ckey(code)] = {}
        n = cs.get(offset, 0)
        if n >= K:
            if hub is None:
                return DISABLE
            return record_only(code, offset, func, arg0)
        # the program's callables may answer any attribute (mocks): looked at only if plain
        plain = plain_type(type(func))
        f = getattr(func, "__func__", func) if plain else func
        fcode = func_code(f) if plain else None
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
        st = codes.get(ckey(code))
        line = line_at(code, offset, st)
        if line is None:
            line = fline(1 + G)
        ts = tstate()
        if hub is not None and plain:
            # a method loaded with LOAD_ATTR arrives as the plain function with self as arg0
            recv = arg0 if fcode is not None and "." in getattr(f, "__qualname__", "") else None
            tok = hub.lib_call(func, recv, (arg0,), st[0] if st else 0, line or 0)
            if tok is not None and watched is not None:
                metric_tokens[(code, offset)] = tok  # (a pending call's, dropped at its return)
        push(ts[2], (code, offset, lib_id, watched, perf(), line or 0))
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
                # _statement <- call / line_cb [<- guard] <- the module's frame
                if frame_code(2 + G) is code:
                    hub.statement(st[0], abspath(code.co_filename), line, fglobals(2 + G), t)

    def instr_cb(code, offset):
        # Module-level code's statement starts: its INSTRUCTION events, each offset answered DISABLE at
        # its first run, so the first instruction run on a line starts the line. Not LINE: CPython
        # 3.12/3.13 leave a loop's FOR_ITER line-instrumented (a jump target on its own line, where the
        # callback is never asked and can never answer DISABLE), so each iteration of a module-level loop
        # or comprehension paid a line lookup (x1.42 on `[v * 2.0 for v in data]`); and a long module's
        # LINE events each scan its line table from the start (PyCode_Addr2Line: quadratic).
        k = ckey(code)
        st = codes.get(k)
        if st:
            line = lines_of(k, code).get(offset)
            if line:
                _statement(code, line, st, tstate())
        return DISABLE

    return call, c_return, instr_cb
