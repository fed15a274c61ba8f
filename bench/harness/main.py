"""`make bench` driver: overhead and start-up (Python), ingest and analytics (TypeScript, via node), then
the combiner writes bench/results/latest.json and prints the table. Benchmarks print; they never fail on a
slow machine. The only hard failure is the ingest count check (an event lost is a bug)."""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import combine  # noqa: E402
import common  # noqa: E402
import data  # noqa: E402
import overhead  # noqa: E402
import startup  # noqa: E402
from common import REPO, RESULTS, WORK, discover_pythons, ensure_work, log, reset_dir, write_json  # noqa: E402
from daemon import Daemon  # noqa: E402

PARTS = ("overhead", "startup", "ingest", "analytics", "kernel")


def node_part(script, out, quick, extra=()):
    argv = ["node", os.path.join(REPO, "build", "bench", script), "--out", out] + (["--quick"] if quick else []) + list(extra)
    log("running " + " ".join(argv[1:]))
    t0 = time.time()
    p = subprocess.run(argv, cwd=REPO, env=dict(os.environ, LABTRACE_DISABLE="1"))
    try:
        with open(out) as f:
            result = json.load(f)
    except (OSError, ValueError):
        result = {"error": "%s exited with %s and wrote no result" % (script, p.returncode)}
    result["exit_code"] = p.returncode
    result["elapsed_s"] = round(time.time() - t0, 1)
    return result


def agent_run_stats(daemon):
    try:
        return daemon.query(
            "SELECT regexp_replace(coalesce(script, '-c'), '.*/', '') AS script, python_version, backend, status, count(*) AS runs, "
            "round(avg(events_ingested)) AS events, round(avg(events_recorded)) AS recorded, round(avg(events_dropped)) AS dropped, "
            "round(avg(agent_cpu_ns) / 1e6, 1) AS agent_cpu_ms, round(avg(batches_spooled), 1) AS spooled "
            "FROM runs GROUP BY ALL ORDER BY 1, 2")
    except Exception as e:  # the figures do not depend on it
        return [{"error": str(e)}]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer repeats, Pythons 3.11 and the newest, fewer workloads")
    ap.add_argument("--parts", default=",".join(PARTS), help="comma-separated subset of " + ",".join(PARTS))
    ap.add_argument("--pythons", default="", help="comma-separated minor versions, e.g. 8,11,13")
    ap.add_argument("--workloads", default="", help="comma-separated workload names (overhead part)")
    ap.add_argument("--agent-dir", default="", help="measure this copy of python-agent/ instead (an A/B run, e.g. a snapshot of an older commit)")
    ap.add_argument("--agent-b", default="", help="also measure this copy of python-agent/ in the same rounds (variant agent-b, daemon up): a paired A/B")
    ap.add_argument("--update-docs", action="store_true", help="also put the table into docs/performance.md")
    args = ap.parse_args()
    parts = [p for p in args.parts.split(",") if p]
    if args.agent_dir:
        common.AGENT_UNDER_TEST[0] = os.path.abspath(args.agent_dir)
    if args.agent_b:
        common.AGENT_B[0] = os.path.abspath(args.agent_b)
    started = time.time()
    ensure_work()
    os.makedirs(RESULTS, exist_ok=True)

    minors = [int(x.split(".")[-1]) for x in args.pythons.split(",") if x]
    pythons = discover_pythons(minors or None)
    if args.quick and not minors:
        pythons = [p for p in pythons if p["minor"] == 11] + [p for p in pythons if p["minor"] >= 12][-1:]
    log("pythons: " + ", ".join("%s (%s)" % (p["label"], p["executable"]) for p in pythons))

    results = {
        "meta": {
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "quick": args.quick, "host": platform.node(),
            "cpu_count": os.cpu_count(), "platform": platform.platform(), "load_avg_start": os.getloadavg(),
            "git_commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip(),
            "agent_present": os.path.exists(os.path.join(common.agent_dir(), "sitecustomize.py")),
            "agent_dir": os.path.relpath(common.agent_dir(), REPO),
            "agent_b": os.path.relpath(common.AGENT_B[0], REPO) if common.AGENT_B[0] else None,
            "agent_uncommitted_changes": bool(subprocess.run(["git", "status", "--short", "python-agent"], cwd=REPO, capture_output=True, text=True).stdout.strip()),
            "pythons": [{k: p[k] for k in ("label", "executable", "coverage", "datasci")} for p in pythons],
        },
    }
    data_dir = data.ensure(os.path.join(WORK, "data"))
    home_up = reset_dir(os.path.join(WORK, "home-up"))
    home_down = reset_dir(os.path.join(WORK, "home-down"))
    if "overhead" in parts or "startup" in parts:
        daemon = Daemon(home_up).start()
        try:
            if "overhead" in parts:
                only = [w for w in args.workloads.split(",") if w]
                results["overhead"] = overhead.run(pythons, data_dir, home_up, home_down, quick=args.quick, only=only)
            if "startup" in parts:
                results["startup"] = startup.run(pythons, home_up, home_down, quick=args.quick)
            results["agent_runs"] = agent_run_stats(daemon)
            try:
                results["agent_batches_by_source"] = daemon.query("SELECT source, count(*) AS batches, sum(events) AS events FROM batches GROUP BY ALL ORDER BY 1")
            except Exception as e:
                results["agent_batches_by_source"] = [{"error": str(e)}]
        finally:
            daemon.stop()
    if "ingest" in parts:
        results["ingest"] = node_part("ingest/ingest.js", os.path.join(WORK, "ingest.json"), args.quick)
    if "analytics" in parts:
        results["analytics"] = node_part("analytics/analytics.js", os.path.join(WORK, "analytics.json"), args.quick)
    if "kernel" in parts:
        import kernel_cells  # jupyter_client: the venv's
        results["kernel"] = kernel_cells.run_part(args.quick)
    results["meta"]["elapsed_s"] = round(time.time() - started, 1)
    results["meta"]["load_avg_end"] = os.getloadavg()
    results["targets"] = combine.targets(results)
    out = os.path.join(RESULTS, "latest.json")
    write_json(out, results)
    table = combine.table(results)
    print(table)
    if args.update_docs:
        combine.update_docs(table)
    log("wrote %s (%.0f s)" % (out, results["meta"]["elapsed_s"]))
    ingest = results.get("ingest") or {}
    if ingest.get("count_check") == "FAILED":
        log("INGEST COUNT CHECK FAILED: events were lost")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
