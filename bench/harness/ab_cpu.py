"""Diagnostic (issue 10): interleaved process-CPU and wall A/B of agent copies and LABTRACE_* settings on one workload, daemon up.
    .venv/bin/python bench/harness/ab_cpu.py PYTHON WORKLOAD REPEATS NAME=[AGENT_DIR[,VAR=VALUE...]] ...
e.g. ab_cpu.py .venv/bin/python sweep_fits 6 untraced= agent=python-agent rec0=python-agent,LABTRACE_RECORD=0
Ratios are paired per round against the first variant."""
import os, sys, statistics, json
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common, data
from common import clean_env, run_timed, rotated, WORK, WORKLOADS
from daemon import Daemon
py, wl, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
variants = []
for spec in sys.argv[4:]:
    name, _, rest = spec.partition("=")
    parts = rest.split(",") if rest else []
    pp = parts[0] if parts else ""
    env = dict(p.split("=", 1) for p in parts[1:])
    variants.append((name, pp, env))
home = os.path.join(WORK, "home-ab-%d" % os.getpid())
os.makedirs(home, exist_ok=True)
d = Daemon(home).start()
data_dir = data.ensure(os.path.join(WORK, "data"))
script = wl if wl.endswith(".py") and os.path.sep in wl else os.path.join(WORKLOADS, wl + ".py")
S = {n: {"cpu": [], "wall": []} for n, _, _ in variants}
try:
    for r in range(-1, reps):
        for name, pp, extra in rotated(variants, max(r, 0)):
            env = clean_env(LABTRACE_BENCH_DATA=data_dir)
            if pp:
                env.update(PYTHONPATH=os.path.abspath(pp), LABTRACE_HOME=home)
            env.update(extra)
            res = run_timed([py, script], env, isolated=True)
            if res["rc"] != 0:
                print(name, "FAILED", res["stderr"][-500:]); sys.exit(1)
            if r >= 0:
                S[name]["cpu"].append(res["cpu"]); S[name]["wall"].append(res["wall"])
finally:
    d.stop()
base = variants[0][0]
for name, _, _ in variants:
    s = S[name]
    rc = [a / b for a, b in zip(s["cpu"], S[base]["cpu"])]
    rw = [a / b for a, b in zip(s["wall"], S[base]["wall"])]
    print("%-14s cpu %.3fs wall %.3fs  cpu/%s %.3f (%.3f-%.3f) wall/%s %.3f" % (name, statistics.median(s["cpu"]), statistics.median(s["wall"]),
          base, statistics.median(rc), min(rc), max(rc), base, statistics.median(rw)))
