"""Tracing overhead: every workload x every Python x variant (untraced, labtrace agent with the daemon up,
agent with the daemon down (spool), agent with PYTHONDONTWRITEBYTECODE=1 (nobc), the no-op floor of the
agent's hook, coverage.py), interleaved per repeat so that drift of a busy machine hits every variant
alike; ratios are taken per repeat (paired), on whole-process wall time (spawn to exit, what a user
waits for) and on the script's own elapsed time.
Each run starts once the previous one's leftovers are done (see common.settle): the daemon's ingest and
correlation of a traced run are its own cost (the ingest benchmark), not the next run's."""
import os
import re

import common
from common import FLOORS, agent_dir, no_bytecode, WORK, WORKLOADS, AgentLog, log, reset_dir, rotated, run_timed, clean_env, spread

ELAPSED = re.compile(r"LABTRACE_BENCH_ELAPSED=([0-9.]+)")

# name, file, needs pandas/scikit-learn, repeats (full, quick)
WORKLOADS_DEF = [
    ("callheavy", "callheavy.py", False, (9, 3)),
    ("dslike", "dslike.py", False, (9, 3)),
    ("modloop", "modloop.py", False, (9, 3)),            # module-level loops over large lists
    ("kernel", "kernel.py", False, (7, 3)),              # long-lived process: cells exec'd over and over
    ("modloop_pandas", "modloop_pandas.py", True, (5, 3)),  # module-level loops over a 1M-row DataFrame
    ("pandas_regression", "pandas_regression.py", True, (4, 2)),
    ("grid_search", "grid_search.py", True, (4, 2)),
    ("preprocessing", "preprocessing.py", True, (4, 2)),
    ("listing1_numpy", "listing1_numpy.py", True, (5, 2)),
    ("digits_pipeline", "digits_pipeline.py", True, (4, 2)),
    ("model_comparison", "model_comparison.py", True, (4, 2)),
    ("sweep_fits", "sweep_fits.py", True, (4, 2)),         # 2,000 cheap fits in a loop: every trial recorded (issue 11)
]
QUICK_WORKLOADS = ("dslike", "modloop", "kernel", "modloop_pandas", "pandas_regression", "model_comparison")
# pure-Python workloads get the daemon-down and no-bytecode rows (on every Python)
PURE_ROWS = ("dslike", "modloop", "kernel")


def agent_backend(python):
    return "monitoring" if python["minor"] >= 12 else "setprofile"


class Variants(object):
    def __init__(self, home_up, home_down):
        self.home_up = home_up
        self.home_down = home_down
        up, down = AgentLog(home_up), AgentLog(home_down)
        self.agent_logs = {"agent": up, "agent-nobc": up, "agent-b": up, "agent-spool": down, "agent-spool-nobc": down}
        self.cov_dir = os.path.join(WORK, "coverage")
        os.makedirs(self.cov_dir, exist_ok=True)

    def command(self, variant, python, script, data_dir):
        exe = python["executable"]
        env = no_bytecode(clean_env(LABTRACE_BENCH_DATA=data_dir), variant.endswith("-nobc"))
        argv = [exe, script]
        if variant == "agent-b":
            env.update(PYTHONPATH=common.AGENT_B[0], LABTRACE_HOME=self.home_up)
        elif variant in ("agent", "agent-nobc"):
            env.update(PYTHONPATH=agent_dir(), LABTRACE_HOME=self.home_up)
        elif variant in ("agent-spool", "agent-spool-nobc"):
            env.update(PYTHONPATH=agent_dir(), LABTRACE_HOME=self.home_down)
        elif variant.startswith("floor-"):
            env["PYTHONPATH"] = os.path.join(FLOORS, variant[len("floor-"):])
        elif variant == "coverage":
            argv = [exe, "-m", "coverage", "run", "--data-file=" + os.path.join(self.cov_dir, ".coverage"), script]
        return argv, env

    def after(self, variant):
        if variant.startswith("agent-spool"):
            reset_dir(os.path.join(self.home_down, "spool"))


def variants_for(python, workload, datasci):
    backend = agent_backend(python)
    vs = ["untraced", "agent", "floor-" + backend]
    if workload in PURE_ROWS or workload == "modloop_pandas":
        vs.append("agent-spool")                          # daemon down: the agent spools to disk
    if workload in PURE_ROWS:
        vs.append("agent-nobc")                           # PYTHONDONTWRITEBYTECODE=1, daemon up
    if python["minor"] == 11 and workload in ("callheavy", "dslike", "pandas_regression"):
        vs.append("floor-settrace")                       # context: the other pre-3.12 hook
    if python["minor"] >= 12 and workload in ("callheavy", "dslike"):
        vs.append("floor-setprofile")                     # context: what 3.12+ would pay without monitoring
    if python.get("coverage"):
        vs.append("coverage")
    if common.AGENT_B[0]:
        vs.insert(2, "agent-b")
    return vs


def run_case(python, name, script, variants, repeats, runner, data_dir):
    samples = {v: {"wall": [], "script": [], "cpu": [], "maxrss": []} for v in variants}
    errors = {}
    switched_off = {}
    timeout = 300.0   # until the untraced warm-up tells how long the workload takes
    for r in range(-1, repeats):                         # r = -1: warm-up (page cache, .pyc), not recorded
        for v in rotated(variants, max(r, 0)):
            if v in errors:
                continue
            argv, env = runner.command(v, python, script, data_dir)
            res = run_timed(argv, env, timeout=timeout, isolated=True)
            if v == "untraced" and r == -1 and res["rc"] == 0:
                timeout = max(20.0, 25 * res["wall"])   # a traced run 25x slower than untraced is taken for a hang
            runner.after(v)
            if v in runner.agent_logs:
                fails = runner.agent_logs[v].new_failures()
                if fails:
                    switched_off.setdefault(v, []).extend(fails)
                    log("  %s %s %s: agent %s" % (python["label"], name, v, fails[-1][:160]))
            m = ELAPSED.search(res["stdout"])
            if res["rc"] != 0 or not m:
                errors[v] = ("hung: killed after %.0f s; " % timeout if res.get("timed_out") else "") + "rc=%s %s" % (res["rc"], (res["stderr"] or res["stdout"])[-600:])
                log("  %s %s %s FAILED: %s" % (python["label"], name, v, errors[v][-200:]))
                continue
            if r >= 0:
                s = samples[v]
                s["wall"].append(res["wall"])
                s["script"].append(float(m.group(1)))
                s["cpu"].append(res["cpu"])
                s["maxrss"].append(res["maxrss"])
    out = {"python": python["label"], "minor": python["minor"], "workload": name, "backend": agent_backend(python),
           "repeats": repeats, "variants": {}, "ratios": {}, "errors": errors,
           "agent_switched_off": {v: {"runs": len(m), "message": m[-1][:300]} for v, m in switched_off.items()}}
    for v, s in samples.items():
        if s["wall"]:
            out["variants"][v] = {k: spread(xs) for k, xs in s.items()}

    def paired(a, b):
        sa, sb = samples.get(a), samples.get(b)
        if not sa or not sb or not sa["wall"] or len(sa["wall"]) != len(sb["wall"]):
            return None
        return {k: spread([x / y for x, y in zip(sa[k], sb[k]) if y > 0]) for k in ("script", "wall", "cpu")}

    floor = "floor-" + agent_backend(python)
    for a, b in [("agent", "untraced"), ("agent", floor), (floor, "untraced"), ("agent-spool", "untraced"),
                 ("agent-nobc", "untraced"), ("agent-spool", floor), ("agent-nobc", floor),
                 ("agent-b", "untraced"), ("agent-b", floor), ("agent", "agent-b"),
                 ("coverage", "untraced"), ("agent", "coverage"), ("floor-settrace", "untraced"), ("floor-setprofile", "untraced")]:
        r = paired(a, b)
        if r:
            out["ratios"]["%s/%s" % (a, "floor" if b == floor else b)] = r
    return out


def run(pythons, data_dir, home_up, home_down, quick=False, only=None):
    runner = Variants(home_up, home_down)
    results = []
    for name, fname, datasci, reps in WORKLOADS_DEF:
        if quick and not only and name not in QUICK_WORKLOADS:
            continue
        if only and name not in only:
            continue
        script = os.path.join(WORKLOADS, fname)
        for py in pythons:
            if datasci and not py.get("datasci"):
                continue
            variants = variants_for(py, name, datasci)
            repeats = reps[1] if quick else reps[0]
            log("overhead %s on %s: %s x%d" % (name, py["label"], ", ".join(variants), repeats))
            case = run_case(py, name, script, variants, repeats, runner, data_dir)
            ra = case["ratios"].get("agent/untraced")
            rf = case["ratios"].get("agent/floor")
            if ra:
                log("  agent/untraced wall %.3f (in-script %.3f)  agent/floor wall %s" % (ra["wall"]["median"], ra["script"]["median"],
                    "%.3f" % rf["wall"]["median"] if rf else "-"))
            results.append(case)
    return results
