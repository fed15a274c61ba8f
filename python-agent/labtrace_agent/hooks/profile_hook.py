"""The setprofile hook of one thread (ProfileBackend.make_hook): the pure-Python hot paths `hook` ("count"
mode) and `hook_off`, or the C hook (_profilehook.ProfileHook) for hook_off; both hand the rest to slow_path."""
from time import perf_counter_ns

from ..recorder import S_CALLS, S_TOTAL, S_TIMED, S_KIND, S_CODE, S_SITES, S_QUIET, K_MODULE, HEADROOM, \
    stack_room, from_program
from ..transport.schema import CALL, RETURN, STATEMENT, LIB_CALL
from .codetable import code_key
from .profile import RETURN_OPS, event_strings, event_tuple, qualname

# Shared by every thread's hook (module globals: no per-call cost, unlike cells). 4096 slots (64 K cost
# ~3.5 ms of page faults at start-up); a hot function whose slot is taken is found by the one-entry cache.
_HOTCODE = [None] * 0x1000    # [co_firstlineno & 0xFFF] -> hot user code object
_HOTST = [None] * 0x1000      # same index -> its state list
_LIBFILES = set()             # co_filename values known to be library code
# [co_firstlineno & 0xFFF] -> library code making no record, seen called from hot user code: its later
# calls from hot code pass in the hot paths; others reach the slow path, which decides. Never code
# compiled from strings ("<...>" file names: it must be free to die).
_LIBSEEN = [None] * 0x1000
_QUIET = [None, ()]           # user code whose sampled-out call sites (f_lasti) are in [1]
_CALL_EV = event_strings("setprofile")["call"]  # (a global, read by the hot paths as fast as a cell)
# A user code's state slot after S_QUIET: it made a record call (a fit, a metric). Such a function never
# goes hot (its record calls must reach the slow path): past stream_calls it is only no longer streamed.
S_REC = S_QUIET + 1


def make_hook(backend, tnum):
    rec = backend.rec
    cfg = rec.config
    N = cfg.stream_calls
    K = cfg.site_calls
    perf = perf_counter_ns
    gc_quiet = getattr(backend._cmod, "VERSION", 0) >= 6  # the record's tuples untracked by the gc (C hook)
    append = backend._cmod.appender(rec.events) if gc_quiet else rec.events.append
    hold = backend._cmod.hold if gc_quiet else list.append  # hold(list, record): see hold in _profilehook.c
    files = rec.files
    classify = rec.classify
    codes = backend.codes
    seen_lines = backend.seen_lines
    lib_code_id = rec.lib_code_id
    callable_id = rec.callable_id
    record_exception = rec.exception
    ev = event_strings("setprofile")
    CALL_EV = _CALL_EV
    RET_EV = ev["return"]
    CCALL_EV = ev["c_call"]
    HOTCODE = _HOTCODE
    HOTST = _HOTST
    LIBFILES = _LIBFILES
    QUIET = _QUIET
    LIBSEEN = _LIBSEEN
    hub = rec.hub            # experiment record (rare paths only), or None
    abspath = rec.filter.abspath
    metric_tokens = {}       # library frame -> token of a metric call awaiting its value
    record_callees = backend.record_callees  # code_key(library code) -> bool, decided once per callee
    stack = []   # (frame, t0, state) of streamed user frames
    pend = []    # (callee frame or None, caller frame, caller id, lib id, t0, line, c callable)
    hot = None   # one-entry cache: the hot code this thread's events last came from
    hot_st = None
    hot_n = 0    # calls of `hot` not yet added to hot_st
    hot2 = None  # the hot code before `hot`
    lib = None   # one-entry cache: co_filename of the library code of the last events (not the code: free to die)
    native = None  # the C hook standing in for hook_off, when built
    failure = None  # the exception slow_path raised: this (pure-Python) hook then passes every event
    reported = False

    def statement(frame, st):
        line = frame.f_lineno
        key = (st[0], line)
        if key not in seen_lines:
            seen_lines.add(key)
            t = perf()
            append((STATEMENT, t, st[0], line or 0, tnum, 0, 0))
            if hub is not None:
                hub.statement(st[0], abspath(frame.f_code.co_filename), line or 0, frame.f_globals, t)

    def lib_record(frame, code, bst, line):
        """A library call from user code (sampled, or a record call): what it fits, a metric, a search, a data set."""
        loc = frame.f_locals
        a0 = loc.get(code.co_varnames[0]) if code.co_argcount else None
        wrapped = None
        if code.co_freevars:  # a decorator's wrapper (functools.wraps): name it after what it wraps
            for name in code.co_freevars:
                fn = loc.get(name)
                if callable(fn) and hasattr(fn, "__code__") and not isinstance(fn, type):
                    wrapped = fn
                    break
        tok = hub.lib_call_named(frame.f_globals.get("__name__", "") or "", code.co_name, a0, (a0,), bst[0], line, wrapped, frame)
        if tok is not None:
            metric_tokens[frame] = tok

    def is_record(code, frame):
        """Is this library callee one whose calls make the record? Decided once per code object."""
        k = code_key(code)
        r = record_callees.get(k)
        if r is None:
            r = record_callees[k] = hub.is_record_callee(frame.f_globals.get("__name__", "") or "", code.co_name)
            rec.code_tables.watch(code)
        return r

    def sync():
        nonlocal hot_n
        if hot_n:
            hot_st[S_CALLS] += hot_n
            hot_n = 0
        if failure is not None and not reported:
            report_failure()  # (the sender thread, with room on its stack)

    def report_failure():
        nonlocal reported
        reported = True
        rec.hook_failed(failure)

    def user_state(code, frame):
        st = codes.get(code_key(code))
        if st is None:
            st = rec.register_user(code, frame.f_globals.get("__name__", ""), qualname(code, frame))
            try:
                st.append(code.co_code)  # S_CODE
            except Exception:
                st.append(b"")
            st.append({})     # S_SITES: call site (f_lasti) -> calls sampled
            st.append(set())  # S_QUIET: sampled-out call sites
            st.append(False)  # S_REC: made a record call
            codes[code_key(code)] = st
        return st

    def sample_site(st, lasti, code, callee=None, cframe=None):
        """1: this call site is still sampled (the call counted); 2: samples used up but its callee is a
        record callee (the record only, no LIB_CALL event); 0: the site goes quiet."""
        sites = st[S_SITES]
        n = sites.get(lasti, 0)
        if n >= K:
            if callee is not None and hub is not None and is_record(callee, cframe):
                return 2
            quiet(st, lasti, code)
            return 0
        sites[lasti] = n + 1
        return 1

    def quiet(st, lasti, code):
        st[S_QUIET].add(lasti)
        QUIET[0] = code
        QUIET[1] = st[S_QUIET]

    def slow(frame, event, arg, code):
        # The pure-Python hook's slow path (the C hook calls slow_path and handles its failures).
        # A failure may happen at the recursion limit, where any call raises again: the handler only
        # stores it; a later event with room on the stack, or sync(), switches the agent off. (A
        # RecursionError raised entering hook_off, slow or the handler reaches the program: CPython
        # then removes the hook. Only the C hook can look at the stack before calling Python code.)
        # The program's own exception (a signal handler ran in our code: from_program) propagates,
        # the agent stays on; CPython then removes this thread's (pure-Python) hook.
        nonlocal failure
        if failure is not None:
            if not reported:
                try:
                    room = stack_room(frame) >= HEADROOM
                except Exception:
                    room = False
                if room:
                    report_failure()
            return
        try:
            return slow_path(frame, event, arg, code)
        except Exception as e:
            try:
                programs = from_program(e)
            except BaseException:  # at the recursion limit: the call itself fails
                programs = False
            if programs:
                raise  # (3.11+ raises it with the traceback from_program left: none of ours)
            failure = e
        except BaseException as e:  # KeyboardInterrupt, SystemExit: the program's
            try:
                from_program(e)  # (its traceback without our frames)
            except BaseException:
                pass
            raise

    def slow_path(frame, event, arg, code):
        nonlocal hot, hot_st, hot_n
        fn = code.co_filename
        user = files.get(fn)
        if user is None:
            user = classify(fn)
            if not user:
                LIBFILES.add(fn)
        if not user:
            if event is CALL_EV:
                b = frame.f_back
                if b is not None and files.get(b.f_code.co_filename):
                    bst = user_state(b.f_code, b)
                    if bst[S_CALLS] <= N or bst[S_KIND] == K_MODULE:
                        s = sample_site(bst, b.f_lasti, b.f_code, code, frame)
                        if s:
                            if bst[S_KIND] == K_MODULE:
                                statement(b, bst)
                            if hub is not None:
                                if s == 2 or is_record(code, frame):
                                    bst[S_REC] = True
                                lib_record(frame, code, bst, b.f_lineno or 0)
                            # a record-only call (s == 2) is pending for its return value, with no event
                            hold(pend, (frame, b, bst[0], lib_code_id(code) if s == 1 else None, perf(), b.f_lineno or 0, None))
                    elif hub is not None and is_record(code, frame):
                        lib_record(frame, code, bst, b.f_lineno or 0)  # a record call of a function past stream_calls
                        hold(pend, (frame, b, bst[0], None, 0, b.f_lineno or 0, None))
                    else:
                        if not code.co_filename.startswith("<"):
                            LIBSEEN[code.co_firstlineno & 0xFFF] = code  # (its calls from hot code pass)
                        quiet(bst, b.f_lasti, b.f_code)
            elif pend and event is RET_EV and pend[-1][0] is frame:
                p = pend.pop()
                if hub is not None:
                    # lib_record's f_locals read left the call's arguments in a dict on the frame: one it
                    # dropped to break a cycle (Future.result's `self = None`) lived until a gc. Read
                    # again: the dict holds the locals as they are now. (Not emptied: sys.setprofile's
                    # trampoline copies it back into the locals.)
                    frame.f_locals
                if p[3] is not None:
                    append((LIB_CALL, p[4], p[3], p[5], tnum, p[2], perf() - p[4]))
                if metric_tokens:
                    tok = metric_tokens.pop(frame, None)
                    if tok is not None:
                        hub.lib_return(tok, arg)
            return
        st = user_state(code, frame)
        if event is CALL_EV:
            n = st[S_CALLS] + 1
            st[S_CALLS] = n
            b = frame.f_back
            if b is not None:
                bst = codes.get(code_key(b.f_code))
                if bst is not None and bst[S_KIND] == K_MODULE:
                    statement(b, bst)
            if n > N and st[S_KIND] != K_MODULE:
                if st[S_REC]:
                    return  # its record calls must keep reaching the slow path: not hot, no longer streamed
                if hot_n:
                    hot_st[S_CALLS] += hot_n
                    hot_n = 0
                hot = code
                hot_st = st
                if native is not None:
                    native.hot = code
                i = code.co_firstlineno & 0xFFF
                if HOTCODE[i] is None:
                    HOTCODE[i] = code
                    HOTST[i] = st
                return
            t = perf()
            hold(stack, (frame, t, st))
            append((CALL, t, st[0], code.co_firstlineno, tnum, 0, 0))
            return
        if event is RET_EV:
            if not stack:
                return
            top = stack.pop()
            if top[0] is not frame:
                stack.append(top)
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] is frame:
                        top = stack[i]
                        del stack[i:]
                        break
                else:
                    return
            t = perf()
            d = t - top[1]
            st[S_TOTAL] += d
            st[S_TIMED] += 1
            if hub is not None and st[S_KIND] == K_MODULE:
                hub.module_end(st[0], abspath(code.co_filename), frame.f_globals, t)
            while pend and pend[-1][1] is frame:
                p = pend.pop()
                if p[3] is not None:
                    append((LIB_CALL, p[4], p[3], p[5], tnum, p[2], 0))
            code_bytes = st[S_CODE]
            lasti = frame.f_lasti
            if code_bytes and 0 <= lasti < len(code_bytes) and code_bytes[lasti] not in RETURN_OPS:
                record_exception(st[0], frame.f_lineno or 0, None, t, tnum, d)
            else:
                append((RETURN, t, st[0], 0, tnum, 0, d))
            return
        # c_call / c_return / c_exception in a user frame
        if event is CCALL_EV:
            if st[S_CALLS] > N and st[S_KIND] != K_MODULE:
                return
            if not sample_site(st, frame.f_lasti, code):
                return
            if st[S_KIND] == K_MODULE:
                statement(frame, st)
            hold(pend, (None, frame, st[0], callable_id(arg), perf(), frame.f_lineno or 0, arg))
        elif pend:
            p = pend[-1]
            if p[1] is frame and p[6] is arg:
                pend.pop()
                append((LIB_CALL, p[4], p[3], p[5], tnum, p[2], perf() - p[4]))

    def hook(frame, event, arg):
        # Hot path ("count" mode): the one-entry cache, library frames, the table of hot user code.
        nonlocal hot, hot_st, hot_n, lib
        code = frame.f_code
        if code is hot:
            if event is _CALL_EV:
                hot_n += 1
            elif event is RET_EV and stack and stack[-1][0] is frame:
                return slow(frame, event, arg, code)  # a streamed call of code hot since (see hook_off)
            return
        fn = code.co_filename
        if fn is lib or fn in _LIBFILES:
            if event is not _CALL_EV:
                lib = fn
                if not pend or pend[-1][0] is not frame:
                    return  # the slow path only acts on the return of the pending library frame
                return slow(frame, event, arg, code)
            b = frame.f_back
            if b is None:
                return
            bc = b.f_code
            if bc is hot or _HOTCODE[bc.co_firstlineno & 0xFFF] is bc:  # hot user code: its record calls only
                lib = fn
                if _LIBSEEN[code.co_firstlineno & 0xFFF] is code:
                    return
                return slow(frame, event, arg, code)
            if bc.co_filename in _LIBFILES or bc is _QUIET[0] and b.f_lasti in _QUIET[1]:
                lib = fn
                return
            lib = fn
            return slow(frame, event, arg, code)
        i = code.co_firstlineno & 0xFFF
        if _HOTCODE[i] is code:
            if event is RET_EV and stack and stack[-1][0] is frame:
                return slow(frame, event, arg, code)
            if hot_n:
                hot_st[S_CALLS] += hot_n
            hot = code
            hot_st = _HOTST[i]
            hot_n = 1 if event is _CALL_EV else 0
            return
        if code is _QUIET[0] and event is not _CALL_EV and event is not RET_EV and frame.f_lasti in _QUIET[1]:
            return  # (a return at a quiet site: an exception from its call ends the frame; never skipped)
        return slow(frame, event, arg, code)

    def hook_off(frame, event, arg):
        # Hot path ("off" mode: hot functions not counted): the one-entry cache; library frames'
        # non-call events after one set lookup, their calls look at the caller.
        nonlocal hot, hot2, lib
        code = frame.f_code
        if code is hot:
            # A call streamed before its code turned hot returns through the slow path, else the stack
            # keeps its frame (locals, callers) alive: CPython's test_concurrent_futures env changed
            if event is RET_EV and stack and stack[-1][0] is frame:
                return slow(frame, event, arg, code)
            return
        if code is hot2:  # two hot functions calling each other (a function and its generator)
            if event is RET_EV and stack and stack[-1][0] is frame:
                return slow(frame, event, arg, code)
            hot2 = hot
            hot = code
            return
        fn = code.co_filename
        if fn is lib or fn in _LIBFILES:
            if event is not _CALL_EV:
                lib = fn
                if not pend or pend[-1][0] is not frame:
                    return  # the slow path only acts on the return of the pending library frame
                return slow(frame, event, arg, code)
            b = frame.f_back
            if b is None:
                return
            bc = b.f_code
            if bc is hot or _HOTCODE[bc.co_firstlineno & 0xFFF] is bc:  # hot user code: its record calls only
                lib = fn
                if _LIBSEEN[code.co_firstlineno & 0xFFF] is code:
                    return
                return slow(frame, event, arg, code)
            if bc.co_filename in _LIBFILES or bc is _QUIET[0] and b.f_lasti in _QUIET[1]:
                lib = fn
                return
            lib = fn
            return slow(frame, event, arg, code)
        if _HOTCODE[code.co_firstlineno & 0xFFF] is code:
            if event is RET_EV and stack and stack[-1][0] is frame:
                return slow(frame, event, arg, code)
            hot2 = hot
            hot = code
            return
        if code is _QUIET[0] and event is not _CALL_EV and event is not RET_EV and frame.f_lasti in _QUIET[1]:
            return  # (a return at a quiet site: an exception from its call ends the frame; never skipped)
        return slow(frame, event, arg, code)

    backend.syncs.append(sync)
    if cfg.hot_mode == "count":
        return hook
    if backend.native is not None:  # hook_off's tests in C (VERSION 5: returns of streamed calls of code hot since)
        args = (slow_path, _HOTCODE, _LIBFILES, _QUIET, event_tuple(ev), pend, _LIBSEEN)  # `native`: slow_path's cell
        native = backend.native(*(args + (stack,) if backend._cmod.VERSION >= 5 else args))
        return native
    return hook_off
