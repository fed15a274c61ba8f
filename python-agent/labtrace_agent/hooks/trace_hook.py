"""The settrace hook of one thread (ProfileBackend, mode "settrace"): 'call' events only, plus a
local tracer (no line events) on streamed frames; sees the real exception of a frame that unwinds."""
from time import perf_counter_ns

from ..recorder import S_CALLS, S_TOTAL, S_TIMED, S_KIND, S_SITES, K_MODULE
from ..transport.schema import CALL, RETURN, STATEMENT, LIB_CALL
from .codetable import code_key
from .profile import event_strings, qualname, returns_normally


def make_trace_hook(backend, tnum):
    """settrace variant: 'call' events only, plus a local tracer (no line events) on streamed frames."""
    rec = backend.rec
    cfg = rec.config
    N = cfg.stream_calls
    perf = perf_counter_ns
    append = rec.events.append
    files = rec.files
    classify = rec.classify
    codes = backend.codes
    seen_lines = backend.seen_lines
    lib_code_id = rec.lib_code_id
    record_exception = rec.exception
    ev = event_strings("settrace")
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
                if frame in exc_frames and not returns_normally(st, frame):
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
                    sites = bst[S_SITES]
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
            st = rec.register_user(code, frame.f_globals.get("__name__", ""), qualname(code, frame))
            try:
                st.append(code.co_code)  # S_CODE
            except Exception:
                st.append(b"")
            st.append({})  # S_SITES
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
