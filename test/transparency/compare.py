"""Outcomes of both sides -> identical / differing / flaky, and the text report.

A test id whose outcome differs in the first run of its module is run again, both sides (the whole
module, so order-dependent effects come back): it is "differing" when it differs again, "flaky" when
the second run agrees. The module's own exit status is compared the same way (id "<exit>").
"""
import re

EXIT_ID = "<exit>"
ABSENT = "absent"
_AGENT_LINE = re.compile(r"^.*labtrace_agent.*$", re.M)
_SHOWN_ABSENT = 5

# Differences any tool using the same CPython hook must cause, recognised by the traced failure's own
# text (module, regex on the traceback): reported apart ("inherent"), never hidden, not failing the
# check. Everything else in the same module still counts. Keep this list short and explain each entry.
INHERENT = [
    ("test_monitoring", re.compile(r"in setUp\n\s*self\.assertEqual\(sys\.monitoring\.get_events\(tool\), 0\)"),
     "its setUp asserts that no sys.monitoring tool has global events; any sys.monitoring tracer "
     "(coverage.py's sys.monitoring core, profilers, labtrace on 3.12+) holds some while the program runs"),
    # The next three fail the same way untraced under `python -m cProfile -m test MODULE` (same ids).
    ("test_profile", re.compile(r"sys\.setprofile\(self\.dispatcher\)[\s\S]*AssertionError: \('Bad return', "
                                r"\('profile', 0, "),
     "3.8-3.11: a profile function already set when the program calls sys.setprofile(f) makes CPython "
     "send f the c_return of that very call (C_TRACE checks c_profilefunc again after the call); "
     "profile.py asserts on it. Any sys.setprofile tool (cProfile, labtrace below 3.12) causes it"),
    ("test_sys_setprofile", re.compile(r"\['c_return', 'c_call', 'c_return', 'c_call'\] != "
                                       r"\['c_call', 'c_return', 'c_call'\]"),
     "3.13 test_method_with_c_function: a tool with CALL events at the program's sys.setprofile(f) call "
     "site makes that CALL instrumented, so its C_RETURN goes to f, set meanwhile. Any tool seeing "
     "calls there (cProfile, labtrace's library-call sampling) causes it"),
    ("test_pdb", re.compile(r"Expected:\n {4}> [^\n]*\n {4}-> [^\n]*set_trace\([^\n]*\n(?:[^\n]*\n)*?Got:\n {4}"
                            r"(?:--Return--\n|> [^\n]*\n {4}-> (?![^\n]*set_trace\())"
                            # (its 's' then runs past the print line: the input runs out, BdbQuit)
                            r"|test_pdb_ambiguous_statements\[0\]>\", line 1, in <module>[\s\S]*bdb\.BdbQuit"),
     "3.13: pdb's first stop after set_trace() (an opcode event: f_trace_opcodes set before sys.settrace) "
     "is lost when another sys.monitoring tool shares an instrumented event (PY_START, PY_RETURN, LINE) "
     "with settrace's: the code turns multi-tool and CPython starts its per-instruction tool table "
     "empty (CPython gh-157900, open). Any such tool (cProfile, labtrace on 3.12+) causes it"),
    ("test_frame", re.compile(r"AssertionError: <frame at 0x[0-9a-f]+, file '[^']*test_frame\.py', line \d+, code f> "
                              r"is not (?:None|<frame at 0x[0-9a-f]+, file '[^']*test_frame\.py', line \d+, "
                              r"code test_sneaky_frame_object>)"),
     "3.11 test_sneaky_frame_object: a profile function set when the test's generator first runs makes its "
     "frame object then (CPython's call_trace hands every profile function a frame object), so the resume "
     "the test arranges allocates none and the collection starts later, in the test's own frame, or (no allocation "
     "counted before the assertion: labtrace's C hook hides its own from the count) not at all. Any "
     "sys.setprofile tool (cProfile, labtrace below 3.12) causes it"),
]


def differences(untraced, traced):
    """{id: (untraced outcome, traced outcome)} for ids whose outcomes differ (a missing id is 'absent')."""
    out = {}
    for tid in set(untraced) | set(traced):
        u = untraced.get(tid, (ABSENT, ""))[0]
        t = traced.get(tid, (ABSENT, ""))[0]
        if u != t:
            out[tid] = (u, t)
    return out


def last_line(text):
    """The exception line of a traceback text ('' when there is none)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip() and not line.startswith("-")]
    return lines[-1] if lines else ""


def agent_lines(text, limit=8):
    """Distinct lines that point into labtrace_agent (traceback frames, agent messages)."""
    seen = []
    for line in _AGENT_LINE.findall(text or ""):
        line = line.strip()
        if line not in seen:
            seen.append(line)
        if len(seen) >= limit:
            break
    return seen


class ModuleResult(object):
    """One module on one Python: counts and the listed differences."""

    def __init__(self, module):
        self.module = module
        self.tests = 0
        self.differing = {}   # id -> [(u, t) first run, (u, t) second run]
        self.flaky = {}       # id -> [(u, t) first run, (u, t) second run]
        self.inherent = {}    # id -> why (see INHERENT), moved out of differing
        self.switch_offs = []
        self.agent_lines = {}  # id -> lines of its traced failure text pointing into labtrace_agent
        self.reasons = {}  # id -> last line of its traced failure text
        self.log_agent_lines = []  # same, from the whole traced output
        self.seconds = (0.0, 0.0)  # untraced, traced (first run)
        self.note = ""

    @property
    def identical(self):
        return self.tests - len([t for t in self.differing if t != EXIT_ID]) - len(
            [t for t in self.flaky if t != EXIT_ID]) - len([t for t in self.inherent if t != EXIT_ID])


def classify(result, first, second):
    """first/second: {id: (u, t)} differences of the two runs (second None when not re-run)."""
    second = second or {}
    for tid in set(first) | set(second):
        pair = [first.get(tid), second.get(tid)]
        if tid in first and tid in second:
            result.differing[tid] = pair
        else:
            result.flaky[tid] = pair
    # an exit status that differs in both runs only because a different flaky test failed in each
    if list(result.differing) == [EXIT_ID] and [t for t in result.flaky if t != EXIT_ID]:
        result.flaky[EXIT_ID] = result.differing.pop(EXIT_ID)


def set_apart_inherent(result, traced_texts_of):
    """Moves differing ids whose traced failure texts (one per run) all match the same INHERENT entry
    of the module into result.inherent; the module's <exit> too when nothing else differs."""
    rules = [(rx, why) for module, rx, why in INHERENT if module == result.module]
    if not rules:
        return
    for tid in list(result.differing):
        if tid == EXIT_ID:
            continue
        texts = traced_texts_of(tid)
        for rx, why in rules:
            if texts and all(rx.search(text) for text in texts):
                result.inherent[tid] = why
                del result.differing[tid]
                break
    if result.inherent and list(result.differing) == [EXIT_ID]:
        result.inherent[EXIT_ID] = "only inherent differences in this module"
        del result.differing[EXIT_ID]


def _pair(p):
    return "same" if p is None else "%s / %s" % p


def render(python_results, total_modules_note=""):
    """python_results: [(label, [ModuleResult], seconds_untraced, seconds_traced)] -> report text."""
    lines = []
    head = "%-8s %7s %7s %9s %9s %8s %6s %11s %15s" % (
        "python", "modules", "tests", "identical", "differing", "inherent", "flaky", "switch-offs", "time u / t (s)")
    lines.append(head)
    lines.append("-" * len(head))
    for label, mods, su, st in python_results:
        tests = sum(m.tests for m in mods)
        ident = sum(m.identical for m in mods)
        diff = sum(len(m.differing) for m in mods)
        inherent = sum(len(m.inherent) for m in mods)
        flaky = sum(len(m.flaky) for m in mods)
        offs = sum(len(m.switch_offs) for m in mods)
        lines.append("%-8s %7d %7d %9d %9d %8d %6d %11d %15s" % (
            label, len(mods), tests, ident, diff, inherent, flaky, offs, "%.0f / %.0f" % (su, st)))
    lines.append("(differing, inherent and flaky count test ids and module exit statuses '<exit>'; "
                 "outcomes: untraced / traced; inherent: compare.INHERENT, not failing the check)")
    for label, mods, _su, _st in python_results:
        for m in mods:
            if not (m.differing or m.flaky or m.switch_offs or m.note or m.inherent):
                continue
            lines.append("")
            lines.append("%s %s%s" % (label, m.module, ("  (" + m.note + ")") if m.note else ""))
            absent = sorted(t for t, p in m.differing.items() if ABSENT in p[0])
            for tid in sorted(m.differing):
                if tid in absent[_SHOWN_ABSENT:]:
                    continue
                p1, p2 = m.differing[tid]
                lines.append("  DIFFERS %s: %s (re-run: %s)" % (tid, _pair(p1), _pair(p2)))
                if m.reasons.get(tid):
                    lines.append("      traced: " + m.reasons[tid][:200])
                for al in m.agent_lines.get(tid, []):
                    lines.append("      " + al)
            if m.inherent:
                whys = sorted(set(m.inherent.values()) - {"only inherent differences in this module"})
                lines.append("  inherent: %d ids%s, each failing as: %s" % (
                    len([t for t in m.inherent if t != EXIT_ID]), " and <exit>" if EXIT_ID in m.inherent else "", "; ".join(whys)))
            if len(absent) > _SHOWN_ABSENT:
                lines.append("  ... and %d more tests absent on one side (the module ended early)"
                             % (len(absent) - _SHOWN_ABSENT))
            for tid in sorted(m.flaky):
                p1, p2 = m.flaky[tid]
                lines.append("  flaky   %s: %s (re-run: %s)" % (tid, _pair(p1), _pair(p2)))
            for line in m.switch_offs:
                lines.append("  agent.log: " + line)
            if m.differing and m.log_agent_lines:
                lines.append("  traced output lines naming labtrace_agent:")
                for al in m.log_agent_lines:
                    lines.append("      " + al)
    return "\n".join(lines) + "\n"
