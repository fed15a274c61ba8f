"""Diagnostic: where does a traced run's time go? Runs a workload with the agent plus a CPU-time
sampler of the interrupted Python frame (agent hook lines vs program code).
    .venv/bin/python bench/harness/sample_agent.py [--python EXE] bench/workloads/dslike.py
The agent runs with LABTRACE_HOME=.labtrace-bench/home-sample (no daemon: spool path)."""
import os
import subprocess
import sys

from common import AGENT_DIR, WORK, clean_env, ensure_work

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    args = sys.argv[1:]
    exe = sys.executable
    if args[:1] == ["--python"]:
        exe, args = args[1], args[2:]
    ensure_work()
    env = clean_env(PYTHONPATH=os.path.join(HERE, "sampler"), LABTRACE_SAMPLER_AGENT=AGENT_DIR,
                    LABTRACE_HOME=os.path.join(WORK, "home-sample"), LABTRACE_BENCH_DATA=os.path.join(WORK, "data"))
    return subprocess.call([exe] + args, env=env)


if __name__ == "__main__":
    sys.exit(main())
