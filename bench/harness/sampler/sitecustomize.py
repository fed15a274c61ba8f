"""Diagnostic (bench/harness/sample_agent.py): start the labtrace agent, then sample the interrupted
Python frame every 0.5 ms of CPU time; at exit print where the time went (agent hook lines vs program)."""
import atexit
import collections
import os
import signal
import sys

sys.path.insert(0, os.environ["LABTRACE_SAMPLER_AGENT"])
try:
    import labtrace_agent.lifecycle.bootstrap as _b  # noqa: E402
except ImportError:  # an older agent checkout (flat labtrace_agent/)
    import labtrace_agent.bootstrap as _b  # noqa: E402

_b.initialize()
_counts = collections.Counter()


def _handler(sig, frame):
    if frame is not None:
        c = frame.f_code
        _counts[(os.path.basename(c.co_filename), c.co_name, frame.f_lineno)] += 1


def _report():
    signal.setitimer(signal.ITIMER_PROF, 0, 0)
    total = sum(_counts.values()) or 1
    agent = sum(n for k, n in _counts.items() if k[0] in _AGENT_FILES)
    by_fn = collections.Counter()
    for (f, fn, line), n in _counts.items():
        by_fn[(f, fn)] += n
    out = sys.stderr
    out.write("samples %d; in agent code %.1f%%\n" % (total, 100.0 * agent / total))
    out.write("by function:\n")
    for (f, fn), n in by_fn.most_common(12):
        out.write("  %5.1f%%  %s:%s\n" % (100.0 * n / total, f, fn))
    out.write("agent lines:\n")
    for (f, fn, line), n in sorted(((k, n) for k, n in _counts.items() if k[0] in _AGENT_FILES), key=lambda kv: -kv[1])[:15]:
        out.write("  %5.1f%%  %s:%d (%s)\n" % (100.0 * n / total, f, line, fn))


_PKG = os.path.join(os.environ["LABTRACE_SAMPLER_AGENT"], "labtrace_agent")
_AGENT_FILES = set(f for _d, _s, fs in os.walk(_PKG) for f in fs if f.endswith(".py"))
signal.signal(signal.SIGPROF, _handler)
signal.setitimer(signal.ITIMER_PROF, 0.0005, 0.0005)
atexit.register(_report)
