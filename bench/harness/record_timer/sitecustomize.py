"""Diagnostic (issue 10): main-thread CPU (thread_time_ns, inclusive) of the record's entry points, printed at exit.
    PYTHONPATH=bench/harness/record_timer LABTRACE_SAMPLER_AGENT=$PWD/python-agent LABTRACE_HOME=/tmp/lt .venv/bin/python SCRIPT
(SAMPLER_OUT=file: the report there instead of stderr; the wrappers add ~1 us a call)."""
import atexit, os, sys
from time import thread_time_ns as perf_counter_ns, process_time_ns
sys.path.insert(0, os.environ["LABTRACE_SAMPLER_AGENT"])
from labtrace_agent.record import hub as H
T = {}
def wrap(cls, name):
    orig = getattr(cls, name)
    def w(*a, **k):
        t = perf_counter_ns()
        try:
            return orig(*a, **k)
        finally:
            e = T.setdefault(name, [0, 0]); e[0] += perf_counter_ns() - t; e[1] += 1
    setattr(cls, name, w)
for n in ("lib_call_named", "lib_return", "statement", "module_end", "is_record_callee", "fill"):
    wrap(H.RecordHub, n)
from labtrace_agent.record import files as F
wrap(F.FileRecorder, "event")
from labtrace_agent.record import trials as TR
wrap(TR.TrialTracker, "current")
from labtrace_agent.record import estimators as ES
wrap(ES.EstimatorRecorder, "on_call")
from labtrace_agent.record import metrics as ME
wrap(ME.MetricRecorder, "on_return")
T0 = process_time_ns()
def rep():
    out = open(os.environ.get("SAMPLER_OUT", "/dev/stderr"), "w")
    out.write("process cpu %.3fs\n" % ((process_time_ns() - T0) / 1e9))
    for k, (ns, n) in sorted(T.items(), key=lambda kv: -kv[1][0]):
        out.write("  %-18s %8.1f ms  %7d calls  %6.1f us/call\n" % (k, ns / 1e6, n, ns / 1e3 / max(n, 1)))
atexit.register(rep)
import labtrace_agent.lifecycle.bootstrap as _b
_b.initialize()
