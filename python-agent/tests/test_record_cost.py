"""The experiment record's cost is bounded by design (issue 10): a value's summary costs O(sample)
whatever its size, an unchanged value is not summarised again at every statement end, and past the
record's budget summaries are reduced (type and size) and counted. Measured with deterministic
counters (bytes hashed, fingerprints made), never with wall-clock thresholds."""
import json
import os
import unittest

from labtrace_agent.record import summaries, variables
from labtrace_agent.record.summaries import SAMPLE_BYTES, STATS, summarize
from labtrace_agent.record.variables import VariableRecorder

from tests.support import AgentTestCase

REPEATS = 100

# The traced script counts what the agent hashes in the main thread (the summaries' fingerprints; the
# sender thread's file and source hashes are not counted) by wrapping fasthash.sha256, which both the
# old and the new summaries call.
PRELUDE = """
import _thread, json, sys
import labtrace_agent.record.fasthash as _fh
_MAIN = _thread.get_ident()
_FED = {"bytes": 0, "hashes": 0}
_orig = _fh.sha256
class _Counting(object):
    def __init__(self, data=b""):
        self.main = _thread.get_ident() == _MAIN
        if self.main:
            _FED["hashes"] += 1
            _FED["bytes"] += len(data)
        self.h = _orig(data)
    def update(self, data):
        if self.main:
            _FED["bytes"] += len(data)
        self.h.update(data)
    def hexdigest(self):
        return self.h.hexdigest()
    def digest(self):
        return self.h.digest()
_fh.sha256 = _Counting
import labtrace_agent.record.variables as _v
_v.BUDGET_FLOOR_NS = 10 ** 15     # the budget (tested below) must not reduce these summaries on a busy machine
"""

BODY = """
N = 1000000
big = list(range(N))
table = dict((i, i) for i in range(N // 5))
text = "row,value\\n" * (N // 2)
{aliases}
{docs}
{lengths}
print("FED " + json.dumps(_FED))
"""


def script():
    return PRELUDE + BODY.format(
        aliases="\n".join("same = big" for _ in range(REPEATS)),
        docs="\n".join("doc = text" for _ in range(REPEATS)),
        lengths="\n".join("n_%d = len(table) + %d" % (i, i) for i in range(REPEATS)))


def variables_of(run):
    out = []
    for b in run.batches:
        out.extend(b.get("variables", []))
    return out


class RecordCostTest(AgentTestCase):
    def test_large_values_at_module_level_cost_a_bounded_record(self):
        self.write("big.py", script())
        p = self.run_script("big.py", timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        fed = json.loads([ln for ln in p.stdout.decode().splitlines() if ln.startswith("FED ")][0][4:])
        # Old code: `doc = text` hashed the 5 MB string in full at each of its 100 statement ends
        # (~1 GB, repr + sha256) and re-summarised `same` 100 times. Now: `same` and `doc` once each
        # (unchanged values), the 100 small ints and the three large values once, each O(sample).
        self.assertLessEqual(fed["hashes"], REPEATS + 20, fed)
        self.assertLess(fed["bytes"], 3 * SAMPLE_BYTES, fed)
        self.assertEqual(self.agent_log(), "")
        run = self.single_run()
        self.assertGreater(run.end.get("record_ns", 0), 0)              # RunEnd carries the record's cost
        self.assertEqual(run.end.get("record_reduced", 0), 0)
        vs = variables_of(run)
        by_name = {}
        for v in vs:
            by_name.setdefault(v.get("name"), []).append(v)
        # the record still shows every value at every statement end that assigned it
        self.assertEqual(len(by_name["doc"]), REPEATS)
        self.assertEqual(len(by_name["same"]), REPEATS)
        for name, shape in (("doc", "len=5000000"), ("same", "len=1000000"), ("big", "len=1000000"), ("table", "len=200000")):
            prints = set(v.get("fingerprint") for v in by_name[name])
            self.assertEqual(len(prints), 1, name)
            self.assertEqual(len(prints.pop() or ""), 32, name)
            self.assertEqual(set(v.get("shape") for v in by_name[name]), {shape})
        self.assertEqual(by_name["n_7"][0].get("number"), 200007.0, by_name["n_7"])
        self.assertEqual(by_name["doc"][0]["fingerprint"], by_name["text"][0]["fingerprint"])


class SummaryCostTest(unittest.TestCase):
    def sampled(self, value):
        before = STATS["sampled_bytes"]
        s = summarize("v", value)
        return STATS["sampled_bytes"] - before, s

    def test_fingerprint_is_o_sample_whatever_the_size(self):
        cases = [
            ("x" * 10000000, "len=10000000"),
            (b"\x00" * 10000000, "len=10000000"),
            (["y" * 100000] * 1000, "len=1000"),           # long elements are digested, not repr'd
            ([list(range(100000))] * 1000, "len=1000"),
            (dict((i, "v" * 1000) for i in range(100000)), "len=100000"),
            (set(range(1000000)), "len=1000000"),
            (10 ** 20000, ""),
        ]
        for value, shape in cases:
            n, s = self.sampled(value)
            self.assertLessEqual(n, SAMPLE_BYTES + 1024, type(value))
            self.assertEqual(len(s.get("fingerprint") or ""), 32, type(value))
            self.assertEqual(s["shape"], shape)

    def test_fingerprint_sees_a_change_in_the_middle(self):
        a = list(range(1000000))
        b = list(a)
        b[500000 - 500000 % (1000000 // summaries.SAMPLE_ROWS)] = -1    # an element of the strided sample
        self.assertNotEqual(summaries.fingerprint(a), summaries.fingerprint(b))
        self.assertEqual(summaries.fingerprint(a), summaries.fingerprint(list(a)))

    def test_shown_value_of_a_long_string_is_cut_before_repr(self):
        s = summarize("v", "z" * 1000000)
        self.assertEqual(s["value"], repr("z" * 199)[:200])


class BudgetTest(unittest.TestCase):
    SOURCE = "a = 1\nb = [1, 2]\nc = 'text'\nd = 4\n"

    def test_past_the_budget_summaries_are_reduced_and_counted(self):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_budget_module.py")
        with open(path, "w") as f:
            f.write(self.SOURCE)
        try:
            vr, g = VariableRecorder(), {"a": 1, "b": [1, 2], "c": "text", "d": 4}
            vr.statement(1, path, 1, g, 10)
            vr.statement(1, path, 2, g, 20)                  # a = 1 ended: within the budget
            vr.record_ns = variables.BUDGET_FLOOR_NS + 10 ** 12   # as if the record had used it all
            vr.statement(1, path, 4, g, 30)                  # b and c ended: over the budget
            vr.module_end(1, path, g, 40)
            by_name = dict((v["name"], v) for v in vr.out)
            self.assertIn("fingerprint", by_name["a"])
            for name in ("b", "c", "d"):
                self.assertNotIn("fingerprint", by_name[name])
                self.assertNotIn("value", by_name[name])
            self.assertEqual(by_name["b"]["shape"], "len=2")
            self.assertEqual(by_name["c"]["type"], "str")
            self.assertEqual(vr.reduced, 3)
            self.assertGreater(vr.record_ns, 0)
        finally:
            os.unlink(path)

    def test_unchanged_value_reuses_its_summary_changed_one_does_not(self):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_budget_module2.py")
        with open(path, "w") as f:
            f.write("x = data\nx = data\nx = data\nx = data\n")
        try:
            data = list(range(1000))
            g = {"x": data, "data": data}
            vr = VariableRecorder()
            made = STATS["fingerprints"]
            vr.statement(1, path, 1, g, 1)
            vr.statement(1, path, 2, g, 2)
            vr.statement(1, path, 3, g, 3)
            self.assertEqual(STATS["fingerprints"] - made, 1)
            data.append(-1)                                  # changed in place: size differs
            vr.statement(1, path, 4, g, 4)
            self.assertEqual(STATS["fingerprints"] - made, 2)
            self.assertEqual([v["shape"] for v in vr.out], ["len=1000", "len=1000", "len=1001"])
            self.assertEqual(vr.out[0]["fingerprint"], vr.out[1]["fingerprint"])
            self.assertNotEqual(vr.out[1]["fingerprint"], vr.out[2]["fingerprint"])
        finally:
            os.unlink(path)

    def test_the_budget_counts_cpu_not_waiting(self):
        """On a busy machine the main thread waits for a core inside a summary: that is not the record's
        CPU and must not spend its budget (the old budget counted wall time, perf_counter_ns)."""
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_budget_module3.py")
        with open(path, "w") as f:
            f.write("slow = [Slow()]\nz = 1\n")
        import time

        class Slow(object):
            def __repr__(self):      # sampled elements with a repr of their own are repr'd: a wait here
                time.sleep(0.05)
                return "Slow()"
        try:
            vr = VariableRecorder()
            g = {"slow": [Slow()], "z": 1}
            vr.statement(1, path, 1, g, 1)
            vr.statement(1, path, 2, g, 2)               # `slow = ...` ended: its summary sleeps 50 ms
            self.assertEqual([v["name"] for v in vr.out], ["slow"])
            self.assertLess(vr.record_ns, 30 * 10 ** 6, vr.record_ns)
        finally:
            os.unlink(path)


class BudgetConfigTest(AgentTestCase):
    def test_labtrace_record_budget_ms_zero_reduces_every_summary_and_run_end_says_so(self):
        # (a call after each assignment: the setprofile backend learns statements from the calls they make)
        self.write("tiny.py", "print('start')\na = [1, 2, 3]\nlen(a)\nb = 'text'\nlen(b)\nc = 3.5\nprint('ok')\n")
        p = self.run_script("tiny.py", env={"LABTRACE_RECORD_BUDGET_MS": "0"})
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual(p.stdout.decode(), "start\nok\n")
        run = self.single_run()
        vs = dict((v.get("name"), v) for v in variables_of(run))
        for name, shape in (("a", "len=3"), ("b", "len=4"), ("c", "")):
            self.assertEqual(vs[name].get("shape", ""), shape, vs[name])
            self.assertFalse(vs[name].get("fingerprint"), vs[name])
            self.assertFalse(vs[name].get("value"), vs[name])
        self.assertGreaterEqual(run.end.get("record_reduced", 0), 3, run.end)
        self.assertEqual(self.agent_log(), "")


if __name__ == "__main__":
    unittest.main()
