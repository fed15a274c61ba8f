"""Summaries of module-level variables, taken when the statements that assigned them have ended.

The backends call `statement(code_id, filename, line, globals, t)` when a module-level statement of a
user module starts (a rare event: each boundary is recorded once or a few times). The statements that
ran since the previous call of that module have ended, so the names they assign are summarised now.

Cost (issue 10): a summary is O(sample) (summaries.py), a value unchanged since its last summary under
that name (summaries.version: identity, size, a few elements) is not summarised again (its last
summary is recorded again with the new line and time), and the record's CPU time at statement ends
(the main thread's, time.thread_time_ns: a busy machine's preemption is not the record's cost) has a
budget: the floor (BUDGET_FLOOR_NS, LABTRACE_RECORD_BUDGET_MS) plus BUDGET_SHARE of the process's CPU
time since start-up. Past it, summaries are reduced to type and size (no fingerprint, value, dtype or
columns) and the statement's file scan is skipped, each counted in `reduced`; the CPU time spent is
`record_ns` (both go to RunEnd, and `labtrace show` prints them under "tracing cost").
"""
import sys
from time import process_time_ns, thread_time_ns

from . import loadguard
from .summaries import STATS, reduced, summarize, version
from ..hooks.userfilter import is_cell_file

MAX_VARIABLES = 5000
BUDGET_FLOOR_NS = 20000000     # 20 ms of CPU (config: LABTRACE_RECORD_BUDGET_MS)
BUDGET_SHARE = 0.02            # + 2 % of the process's CPU time


class _C(object):
    def m(self):
        pass


# types.ModuleType, FunctionType, BuiltinFunctionType, type, MethodType (no `types` import at start-up)
_SKIP_TYPES = (type(sys), type(_C.m), type(len), type, type(_C().m))
del _C


class VariableRecorder(object):
    def __init__(self, budget_floor_ns=None):
        self.out = []              # VariableSummary dicts, drained by the sender
        self.modules = {}          # filename -> ModuleStatements or None
        self.last = {}             # filename -> index of the statement that started last
        self.count = 0
        self.enabled = True
        self.on_statement_end = None   # (code_id, start_line, source text, globals, t of its start)
        self.started = {}              # filename -> perf ns when the current statement started
        self.cache = {}                # name -> (summaries.version of its value, summary)
        self.record_ns = 0             # main-thread CPU spent at statement ends (summaries, file scans)
        self.reduced = 0               # summaries reduced / file scans skipped by the budget
        self.budget_floor_ns = budget_floor_ns   # None: BUDGET_FLOOR_NS
        self.cpu0 = process_time_ns()

    def statement(self, code_id, filename, line, g, t):
        if not self.enabled:
            return
        ms = self.modules.get(filename, 0)
        if ms == 0:
            ms = self.modules[filename] = loadguard.run(_load, filename)  # _ast: once a user module has statements
        if ms is None:
            return
        i = ms.index_of(line)
        if i < 0:
            return
        prev = self.last.get(filename)
        self.last[filename] = i
        if prev is None or i == prev:
            self.started.setdefault(filename, t)
            return
        # a loop back to an earlier statement (module-level while) ends the later ones too
        lo, hi = (prev, i) if i > prev else (prev, len(ms.items))
        self._capture(code_id, ms, ms.between(lo, hi), g, self.started.get(filename, t), t)
        self.started[filename] = t

    def module_end(self, code_id, filename, g, t):
        """The module's code returned: every statement since the last boundary has ended."""
        ms = self.modules.get(filename)
        prev = self.last.pop(filename, None)
        if ms and prev is not None:
            self._capture(code_id, ms, ms.between(prev, len(ms.items)), g, self.started.pop(filename, t), t)
        elif prev is None and self.enabled and is_cell_file(filename):
            self._cell_statement_end(code_id, filename, g, t)

    def _cell_statement_end(self, code_id, filename, g, t):
        """IPython compiles each top-level statement of a cell as a module code of its own (issue 12):
        one that made no call (`x = 1`) showed no statement boundary. Its lines are those of the
        returning module frame's code, found a few frames up (the hook's caller)."""
        f = sys._getframe(2)
        for _ in range(8):
            if f is None:
                return
            code = f.f_code
            if code.co_name == "<module>" and f.f_globals is g and code.co_filename == filename:
                break
            f = f.f_back
        else:
            return
        ms = self.modules.get(filename, 0)
        if ms == 0:
            ms = self.modules[filename] = loadguard.run(_load, filename)
        if not ms:
            return
        # (a module code's co_firstlineno is 1 on 3.9+, wherever its statement is)
        lines = [ln for _, _, ln in code.co_lines() if ln] if hasattr(code, "co_lines") else [code.co_firstlineno]
        lo = ms.index_of(min(lines))
        hi = ms.index_of(max(lines))
        if lo >= 0:
            self._capture(code_id, ms, ms.between(lo, max(lo, hi) + 1), g, t, t)

    def over_budget(self):
        floor = self.budget_floor_ns
        if floor is None:
            floor = BUDGET_FLOOR_NS
        elif floor == 0:      # LABTRACE_RECORD_BUDGET_MS=0: type and size only, from the start
            return True
        return self.record_ns >= floor + BUDGET_SHARE * (process_time_ns() - self.cpu0)

    def _capture(self, code_id, ms, statements, g, t_start, t):
        t_in = thread_time_ns()
        try:
            self._capture_timed(code_id, ms, statements, g, t_start, t, self.over_budget())
        finally:
            self.record_ns += thread_time_ns() - t_in

    def _capture_timed(self, code_id, ms, statements, g, t_start, t, over):
        hook = self.on_statement_end
        cache = self.cache
        for start, end, names in statements:
            if hook is not None:
                if over:
                    self.reduced += 1
                else:
                    hook(code_id, start, ms.text(start, end), g, t_start)
            for name in names:
                if self.count >= MAX_VARIABLES:
                    self.enabled = False
                    return
                if name not in g or name.startswith("__"):
                    continue
                value = g[name]
                if isinstance(value, _SKIP_TYPES):
                    continue
                try:
                    v = version(value)
                    hit = cache.get(name)
                    if v is not None and hit is not None and hit[0] == v:
                        s = dict(hit[1])
                        STATS["reused"] += 1
                    elif over:
                        s = reduced(value)
                        self.reduced += 1
                        cache.pop(name, None)
                    else:
                        s = summarize(name, value)
                        if v is not None:
                            cache[name] = (v, dict(s))
                        else:
                            cache.pop(name, None)
                except Exception:
                    continue
                s.update(name=name, code_id=code_id, line=start, t=t)
                self.out.append(s)
                self.count += 1


def _load(filename):
    """The statements of a user module (record/assignments.py, which imports _ast: not at start-up)."""
    loadguard.load("labtrace_agent.record.assignments")  # (code read at start-up: no file opened now)
    from .assignments import load
    return load(filename)
