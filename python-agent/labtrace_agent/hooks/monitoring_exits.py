"""The sys.monitoring exit callbacks (hooks.monitoring registers them; built like monitoring_events' over
the same Context): PY_RETURN, PY_YIELD and PY_UNWIND end a streamed user activation, or a watched
library call; and the end of a hot code's "draining" (monitoring_events.start_callback's go_hot): its
exit events stay on after it turned hot until the activations streamed before have all ended."""
from ..recorder import S_TOTAL, S_TIMED, S_KIND, K_FUNC, K_MODULE, K_GEN
from ..transport.schema import RETURN, LIB_CALL

# Slots this backend appends to a user code's state (after recorder.S_KIND): the frame ids (frame_id) of
# its streamed activations still running, in any thread (at most N: the first N are streamed; a
# _monitorhook.FrameSet the C guard reads, else a set), and
# whether its exit events stay on for them since it turned hot ("draining", see go_hot).
M_LIVE, M_DRAIN = 5, 6



def drain_callbacks(c):
    """hot_events[kind]: the local events of hot code; end_drain(code, st): its streamed activations
    have all ended, its exit events go off."""
    E, set_local, tool, undrain = c.E, c.set_local, c.tool, c.undrain
    LOCAL_HOT = E.CALL | E.C_RETURN | E.C_RAISE
    # (count mode: a hot generator's resumes are counted too, as its starts are)
    hot_events = {K_FUNC: LOCAL_HOT, K_MODULE: LOCAL_HOT | E.INSTRUCTION,
                  K_GEN: LOCAL_HOT | (0 if c.hot_off else c.resume)}

    def end_drain(code, st):
        st[M_DRAIN] = False
        set_local(tool, code, hot_events[st[S_KIND]])
        if undrain is not None:
            undrain(code)

    return hot_events, end_drain


def exit_callbacks(c):
    """PY_RETURN, PY_YIELD and PY_UNWIND: a streamed user activation ends (or unwinds); a watched library
    call returns."""
    codes, ckey, lib_watch, tstate, perf = c.codes, c.ckey, c.lib_watch, c.tstate, c.perf
    fcode, fline, fglobals, G = c.fcode, c.fline, c.fglobals, c.G
    metric_tokens, hub, append = c.metric_tokens, c.hub, c.append
    set_local, tool, abspath, main_code, rec = c.set_local, c.tool, c.abspath, c.main_code, c.rec
    frame_id, end_drain = c.frame_id, c.end_drain
    record_exception = rec.exception

    def unlive(code, st, live, fid):
        live.discard(fid)
        if not live and st[M_DRAIN]:
            end_drain(code, st)

    def _end(stk, code, fid):
        # t0 of the streamed activation fid of code on this thread's stack, popped with the entries
        # above it (activations whose exit was not seen: their ids leave their code's live list), or None
        if stk:
            top = stk.pop()
            if top[0] == fid and top[2] is code:
                return top[1]
            stk.append(top)
            for i in range(len(stk) - 1, -1, -1):
                e = stk[i]
                if e[0] == fid and e[2] is code:
                    for x in stk[i + 1:]:
                        xst = codes.get(ckey(x[2]))
                        if xst and x[0] in xst[M_LIVE]:
                            unlive(x[2], xst, xst[M_LIVE], x[0])
                    del stk[i:]
                    return e[1]
        return None

    def lib_done(code, ts, t, retval=None):
        pend = ts[2]
        if pend and pend[-1][3] is code:
            # lib_done <- py_return / py_unwind [<- guard] <- the library frame <- its caller
            if fcode(3 + G) is pend[-1][0]:
                caller, offset, lib_id, _c, t0, line = pend.pop()
                if metric_tokens:
                    tok = metric_tokens.pop((caller, offset), None)
                    if tok is not None:
                        hub.lib_return(tok, retval)
                if lib_id is not None:  # (None: a record-only call, no event)
                    st = codes.get(ckey(caller))
                    append((LIB_CALL, t0, lib_id, line, ts[0], st[0] if st else 0, t - t0))
                w = lib_watch.get(code, 1) - 1
                if w <= 0:
                    lib_watch.pop(code, None)
                    set_local(tool, code, 0)
                else:
                    lib_watch[code] = w

    def py_return(code, offset, retval):  # PY_RETURN and PY_YIELD
        t = perf()
        st = codes.get(ckey(code))
        if st.__class__ is not list:
            if code in lib_watch:
                lib_done(code, tstate(), t, retval)
            return
        if hub is not None and st[S_KIND] == K_MODULE:
            if fcode(1 + G) is code:
                hub.module_end(st[0], abspath(code.co_filename), fglobals(1 + G), t)
        live = st[M_LIVE]
        if not live:
            return
        fid = frame_id(1 + G)  # py_return [<- guard] <- the code's frame
        if fid not in live:
            return  # a call made after the code turned hot (its streamed ones still running: go_hot)
        unlive(code, st, live, fid)
        ts = tstate()
        t0 = _end(ts[1], code, fid)
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
            if lib_id is not None:
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
        live = st[M_LIVE]
        if live:
            fid = frame_id(1 + G)
            if fid in live:
                unlive(code, st, live, fid)
                t0 = _end(ts[1], code, fid)
                if t0 is not None:
                    d = t - t0
                    st[S_TOTAL] += d
                    st[S_TIMED] += 1
        if ts[2]:
            _drop_pending(ts[2], code, ts[0], t)
        line = fline(1 + G) if fcode(1 + G) is code else 0
        record_exception(st[0], line, exc, t, ts[0], d)
        if code is main_code[0]:
            rec.main_exception = exc

    def forget_streamed():
        # a fork child: the activations of the parent's other threads never end here
        alive = rec.code_tables.alive
        for k, st in list(codes.items()):
            if st and st[M_LIVE]:
                st[M_LIVE].clear()
            if st and st[M_DRAIN]:
                code = alive(k)
                if code is not None:
                    end_drain(code, st)

    return py_return, py_unwind, forget_streamed
