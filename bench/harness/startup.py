"""Agent start-up: `python -c` with and without the agent, daemon up (connect + hello) and down (spool),
each also with PYTHONDONTWRITEBYTECODE=1 (-nobc: as in many Docker images; the agent's modules are then
read from the .pyc files `make` wrote, or compiled from source in every process when there are none).
'to main' = spawn to the first statement of the -c code (wall clock across processes); 'total' = spawn
to exit, which also includes the agent's exit work (RunEnd, waiting for acks, closing the spool)."""
import os

from common import agent_dir, no_bytecode, clean_env, log, rotated, run_timed, spread, reset_dir

CODE = "import time, sys; sys.stdout.write(str(time.time_ns()))"


def run(pythons, home_up, home_down, quick=False):
    repeats = 7 if quick else 15
    variants = ["untraced", "agent", "agent-spool", "agent-nobc", "agent-spool-nobc"]
    results = []
    for py in pythons:
        samples = {v: {"total": [], "to_main": []} for v in variants}
        errors = {}
        for r in range(-2, repeats):
            for v in rotated(variants, max(r, 0)):
                if v in errors:
                    continue   # failed or hung once: not measured again (see errors)
                env = no_bytecode(clean_env(), v.endswith("-nobc"))
                if v.startswith("agent-spool"):
                    env.update(PYTHONPATH=agent_dir(), LABTRACE_HOME=home_down)
                elif v.startswith("agent"):
                    env.update(PYTHONPATH=agent_dir(), LABTRACE_HOME=home_up)
                res = run_timed([py["executable"], "-c", CODE], env, timeout=10, isolated=True)
                if v.startswith("agent-spool"):
                    reset_dir(os.path.join(home_down, "spool"))
                if res["rc"] != 0:
                    errors[v] = ("hung: killed after 10 s" if res.get("timed_out") else "rc=%s" % res["rc"]) + " " + res["stderr"][-300:]
                    log("startup %s %s FAILED: %s" % (py["label"], v, errors[v][:160]))
                    continue
                if r >= 0:
                    try:
                        to_main = (int(res["stdout"].strip()) - res["t_spawn_ns"]) / 1e9
                    except ValueError:
                        to_main = float("nan")
                    samples[v]["total"].append(res["wall"])
                    samples[v]["to_main"].append(to_main)
        case = {"python": py["label"], "minor": py["minor"], "repeats": repeats, "variants": {}, "added_ms": {}, "errors": errors}
        for v, s in samples.items():
            if s["total"]:
                case["variants"][v] = {k: spread(xs) for k, xs in s.items()}
        base = case["variants"].get("untraced")
        for v in variants[1:]:
            if base and v in case["variants"]:
                case["added_ms"][v] = {k: (case["variants"][v][k]["median"] - base[k]["median"]) * 1000 for k in ("total", "to_main")}
        log("startup %s: %s" % (py["label"], ", ".join("%s +%.1f ms total (+%.1f to main)" % (v, a["total"], a["to_main"]) for v, a in case["added_ms"].items())))
        results.append(case)
    return results
