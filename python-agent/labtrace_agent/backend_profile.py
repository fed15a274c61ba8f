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
from time import perf_counter_ns

from .recorder import S_CALLS, S_TOTAL, S_TIMED, S_KIND, K_MODULE, K_GEN, K_FUNC, HEADROOM, stack_room, \
    from_program
from .schema import CALL, RETURN, STATEMENT, LIB_CALL
from . import threadstart
from .codetable import code_key

_V = sys.version_info[:2]
if _V < (3, 12):
    _RETURN_OPS = {83, 150 if _V >= (3, 11) else 86}   # RETURN_VALUE, YIELD_VALUE
    if _V < (3, 11):
        _RETURN_OPS.add(72)                               # YIELD_FROM
else:  # opcodes are renumbered between versions: ask the (light, C-backed) opcode module
    import opcode as _opcode
    _RETURN_OPS = set(_opcode.opmap[n] for n in ("RETURN_VALUE", "RETURN_CONST", "YIELD_VALUE")
                      if n in _opcode.opmap)


def _load_native():
    """The C hook module (_profilehook.c) built for this interpreter by `make`, or None."""
    if _V >= (3, 12):
        return None
    try:
        from . import _profilehook
        _profilehook.ProfileHook, _profilehook.configure, _profilehook.take_skipped, _profilehook.report
        if _profilehook.VERSION < 2:  # built from an older source: configure() takes no classifier
            return None
        return _profilehook
    except Exception:  # not built for this Python (ImportError), built for another ABI, or stale
        return None


class ProfileBackend(object):
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
        self.seen_lines = set()

        self.syncs = []
        self.installed = False
        self._orig_start = None
        self._main = None  # (thread id, hook) of the thread that installed the agent

    # -- per-thread hook factory ---------------------------------------------------------------
    def make_hook(self, tnum):
        rec = self.rec
        cfg = rec.config
        N = cfg.stream_calls
        K = cfg.site_calls
        perf = perf_counter_ns
        append = rec.events.append
        files = rec.files
        classify = rec.classify
        codes = self.codes
        seen_lines = self.seen_lines
        lib_code_id = rec.lib_code_id
        callable_id = rec.callable_id
        record_exception = rec.exception
        global _CALL_EV
        ev = _event_strings("setprofile")
        CALL_EV = _CALL_EV = ev["call"]
        RET_EV = ev["return"]
        CCALL_EV = ev["c_call"]
        HOTCODE = _HOTCODE
        HOTST = _HOTST
        LIBFILES = _LIBFILES
        QUIET = _QUIET
        hub = rec.hub            # experiment record (rare paths only), or None
        abspath = rec.filter.abspath
        metric_tokens = {}       # library frame -> token of a metric call awaiting its value
        stack = []   # (frame, t0, state) of streamed user frames
        pend = []    # (callee frame or None, caller frame, caller id, lib id, t0, line, c callable)
        hot = None   # one-entry cache: the hot code this thread's events last came from
        hot_st = None
        hot_n = 0    # calls of `hot` not yet added to hot_st
        hot2 = None  # the hot code before `hot`
        lib = None   # one-entry cache: co_filename of the library code this thread's events last came
        #              from (never the code object: it must be free to die)
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
            """A sampled library call from user code: parameters of what it fits, a metric's value."""
            loc = frame.f_locals
            a0 = loc.get(code.co_varnames[0]) if code.co_argcount else None
            wrapped = None
            if code.co_freevars:  # a decorator's wrapper (functools.wraps): name it after what it wraps
                for name in code.co_freevars:
                    fn = loc.get(name)
                    if callable(fn) and getattr(fn, "__wrapped__", None) is None and hasattr(fn, "__code__"):
                        wrapped = fn
                        break
            tok = hub.lib_call_named(frame.f_globals.get("__name__", "") or "", code.co_name, a0, (a0,), bst[0], line, wrapped)
            if tok is not None:
                metric_tokens[frame] = tok

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
                st = rec.register_user(code, frame.f_globals.get("__name__", ""), _qualname(code, frame))
                try:
                    st.append(code.co_code)
                except Exception:
                    st.append(b"")
                st.append({})     # 6: call site (f_lasti) -> calls sampled
                st.append(set())  # 7: sampled-out call sites
                codes[code_key(code)] = st
            return st

        def sample_site(st, lasti, code):
            """True if this call site is still being sampled (and counts the call)."""
            sites = st[6]
            n = sites.get(lasti, 0)
            if n >= K:
                st[7].add(lasti)
                QUIET[0] = code
                QUIET[1] = st[7]
                return False
            sites[lasti] = n + 1
            return True

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
                            if sample_site(bst, b.f_lasti, b.f_code):
                                if bst[S_KIND] == K_MODULE:
                                    statement(b, bst)
                                if hub is not None:
                                    lib_record(frame, code, bst, b.f_lineno or 0)
                                pend.append((frame, b, bst[0], lib_code_id(code), perf(), b.f_lineno or 0, None))
                elif pend and event is RET_EV and pend[-1][0] is frame:
                    p = pend.pop()
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
                stack.append((frame, t, st))
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
                    append((LIB_CALL, p[4], p[3], p[5], tnum, p[2], 0))
                code_bytes = st[5]
                lasti = frame.f_lasti
                if code_bytes and 0 <= lasti < len(code_bytes) and code_bytes[lasti] not in _RETURN_OPS:
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
                pend.append((None, frame, st[0], callable_id(arg), perf(), frame.f_lineno or 0, arg))
            elif pend:
                p = pend[-1]
                if p[1] is frame and p[6] is arg:
                    pend.pop()
                    append((LIB_CALL, p[4], p[3], p[5], tnum, p[2], perf() - p[4]))

        def hook(frame, event, arg):
            # Hot path ("count" mode). Order: the one-entry cache, then library frames (most events
            # of library-heavy scripts), then the table of hot user code.
            nonlocal hot, hot_st, hot_n, lib
            code = frame.f_code
            if code is hot:
                if event is _CALL_EV:
                    hot_n += 1
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
                if bc is hot or bc.co_filename in _LIBFILES \
                        or _HOTCODE[bc.co_firstlineno & 0xFFF] is bc or bc is _QUIET[0] and b.f_lasti in _QUIET[1]:
                    lib = fn
                    return
                lib = fn
                return slow(frame, event, arg, code)
            i = code.co_firstlineno & 0xFFF
            if _HOTCODE[i] is code:
                if hot_n:
                    hot_st[1] += hot_n
                hot = code
                hot_st = _HOTST[i]
                hot_n = 1 if event is _CALL_EV else 0
                return
            if code is _QUIET[0] and event is not _CALL_EV and frame.f_lasti in _QUIET[1]:
                return
            return slow(frame, event, arg, code)

        def hook_off(frame, event, arg):
            # Hot path ("off" mode: hot functions are not counted). Every event pays the one-entry
            # cache test; library frames (most events of library-heavy scripts) come next: their
            # c_call / c_return / return return after one set lookup (or the library one-entry cache),
            # their calls look at the caller.
            nonlocal hot, hot2, lib
            code = frame.f_code
            if code is hot:
                return
            if code is hot2:  # two hot functions calling each other (a function and its generator)
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
                if bc is hot or bc.co_filename in _LIBFILES \
                        or _HOTCODE[bc.co_firstlineno & 0xFFF] is bc or bc is _QUIET[0] and b.f_lasti in _QUIET[1]:
                    lib = fn
                    return
                lib = fn
                return slow(frame, event, arg, code)
            if _HOTCODE[code.co_firstlineno & 0xFFF] is code:
                hot2 = hot
                hot = code
                return
            if code is _QUIET[0] and event is not _CALL_EV and frame.f_lasti in _QUIET[1]:
                return
            return slow(frame, event, arg, code)

        self.syncs.append(sync)
        if cfg.hot_mode == "count":
            return hook
        if self.native is not None:
            # the same tests as hook_off, in C; events it cannot answer go to slow() as above
            native = self.native(slow_path, _HOTCODE, _LIBFILES, _QUIET, _event_tuple(ev), pend)
            return native
        return hook_off

    def make_trace_hook(self, tnum):
        """settrace variant: 'call' events only, plus a local tracer (no line events) on streamed frames."""
        rec = self.rec
        cfg = rec.config
        N = cfg.stream_calls
        perf = perf_counter_ns
        append = rec.events.append
        files = rec.files
        classify = rec.classify
        codes = self.codes
        seen_lines = self.seen_lines
        lib_code_id = rec.lib_code_id
        record_exception = rec.exception
        ev = _event_strings("settrace")
        S_RET_EV = ev["return"]
        S_EXC_EV = ev["exception"]

        def statement(frame, st):
            line = frame.f_lineno
            key = (st[0], line)
            if key not in seen_lines:
                seen_lines.add(key)
                append((STATEMENT, perf(), st[0], line or 0, tnum, 0, 0))

        def local(frame, event, arg):
            if event is S_RET_EV:
                st = codes.get(code_key(frame.f_code))
                t = perf()
                t0 = frame_t0.pop(id(frame), None)
                if st is not None and t0 is not None:
                    d = t - t0
                    st[S_TOTAL] += d
                    st[S_TIMED] += 1
                    exc = exc_info.pop(id(frame), None)
                    if frame in exc_frames and not _returns_normally(st, frame):
                        exc_frames.discard(frame)
                        record_exception(st[0], frame.f_lineno or 0, exc, t, tnum, d)
                    else:
                        append((RETURN, t, st[0], 0, tnum, 0, d))
            elif event is S_EXC_EV:
                exc_frames.add(frame)
                exc_info[id(frame)] = arg[1]
            return local

        frame_t0 = {}
        exc_frames = set()
        exc_info = {}

        def trace(frame, event, arg):
            code = frame.f_code
            user = files.get(code.co_filename)
            if user is None:
                user = classify(code.co_filename)
            b = frame.f_back
            if not user:
                if b is not None and files.get(b.f_code.co_filename):
                    bst = codes.get(code_key(b.f_code))
                    if bst is not None and (bst[S_CALLS] <= N or bst[S_KIND] == K_MODULE):
                        sites = bst[6]
                        lasti = b.f_lasti
                        n = sites.get(lasti, 0)
                        if n < cfg.site_calls:
                            sites[lasti] = n + 1
                            if bst[S_KIND] == K_MODULE:
                                statement(b, bst)
                            append((LIB_CALL, perf(), lib_code_id(code), b.f_lineno or 0, tnum, bst[0], 0))
                return None
            st = codes.get(code_key(code))
            if st is None:
                st = rec.register_user(code, frame.f_globals.get("__name__", ""), _qualname(code, frame))
                try:
                    st.append(code.co_code)
                except Exception:
                    st.append(b"")
                st.append({})
                codes[code_key(code)] = st
            n = st[S_CALLS] + 1
            st[S_CALLS] = n
            if b is not None:
                bst = codes.get(code_key(b.f_code))
                if bst is not None and bst[S_KIND] == K_MODULE:
                    statement(b, bst)
            if n > N and st[S_KIND] != K_MODULE:
                return None
            t = perf()
            frame_t0[id(frame)] = t
            append((CALL, t, st[0], code.co_firstlineno, tnum, 0, 0))
            frame.f_trace_lines = False
            return local

        return trace

    # -- installation --------------------------------------------------------------------------
    def _set(self, hook):
        if self.mode == "settrace":
            sys.settrace(hook)
        elif self.native is not None and isinstance(hook, self.native):
            hook.install()
        else:
            sys.setprofile(hook)

    def _make(self, tnum):
        return self.make_trace_hook(tnum) if self.mode == "settrace" else self.make_hook(tnum)

    def install(self):
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

    def reset_after_fork(self):
        """Child of os.fork(): only the forking thread survives; give it a fresh hook."""
        self.syncs[:] = []
        if self._cmod is not None:
            self._cmod.take_skipped()  # the parent's
        self._main = (_thread.get_ident(), self._make(0))
        self._set(self._main[1])

    def uninstall(self):
        if not self.installed:
            return
        self.installed = False
        self._set(None)
        threadstart.unpatch(self._patched)


_EVENTS = {}
# Shared by every thread's hook (module globals: reading them costs nothing per call, unlike cells).
# 4096 slots: two 512 KB tables (64 K slots) cost ~3.5 ms of page faults at every start-up on a VM.
# A hot function whose slot is taken (same first line mod 4096) is found by the one-entry cache.
_HOTCODE = [None] * 0x1000    # [co_firstlineno & 0xFFF] -> hot user code object
_HOTST = [None] * 0x1000      # same index -> its state list
_LIBFILES = set()             # co_filename values known to be library code
_QUIET = [None, ()]           # user code whose sampled-out call sites (f_lasti) are in [1]
_CALL_EV = None


def _probe_target():
    try:
        len(())
        raise KeyError
    except KeyError:
        pass


def _event_strings(kind):
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


def _event_tuple(ev):
    """Event strings indexed by the C API's PyTrace_* numbers (CALL 0 ... C_RETURN 6)."""
    return tuple(ev[name] for name in ("call", "exception", "line", "return", "c_call", "c_exception", "c_return"))


def _returns_normally(st, frame):
    """The frame is leaving on a return/yield instruction (not unwinding an exception)."""
    code_bytes = st[5]
    lasti = frame.f_lasti
    return not code_bytes or not (0 <= lasti < len(code_bytes)) or code_bytes[lasti] in _RETURN_OPS


def _qualname(code, frame):
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
