"""Quick hot-path measurement (not collected by unittest discovery: the name does not match test*.py).

    python python-agent/tests/perf_smoke.py [--repeats 5] [--python PATH ...]

For each interpreter and workload: untraced, no-op hook floor (sitecustomize installing an empty
setprofile callback), and the agent (daemon down -> spool), interleaved; prints best-of-N ratios.
"""
import argparse
import glob
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
AGENT = os.path.dirname(HERE)
WORKLOADS = ["callheavy.py", "dslike.py"]
NOOP_SITE = "import sys\ndef _noop(frame, event, arg):\n    pass\nsys.setprofile(_noop)\n"


def run(py, script, env):
    """CPU time (user+sys) of the child: far less noisy than wall time on a shared machine.
    Set PERF_WALL=1 for wall-clock time instead."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([py, os.path.join(HERE, "perf", script)], env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if os.environ.get("PERF_WALL"):
        return wall
    return (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def measure(py, repeats, extra_env):
    tmp = tempfile.mkdtemp()
    noop = os.path.join(tmp, "noop")
    os.makedirs(noop)
    with open(os.path.join(noop, "sitecustomize.py"), "w") as f:
        f.write(NOOP_SITE)
    base = dict(os.environ)
    for k in list(base):
        if k.startswith("LABTRACE_") or k == "PYTHONPATH":
            del base[k]
    base["LABTRACE_HOME"] = os.path.join(tmp, "home")
    base.update(extra_env)
    for p in (AGENT, noop):  # byte-compile once, as an installed package would be
        subprocess.run([py, "-m", "compileall", "-q", p], stdout=subprocess.DEVNULL, check=False)
    modes = {"untraced": dict(base), "noop": dict(base, PYTHONPATH=noop), "agent": dict(base, PYTHONPATH=AGENT)}
    out = {}
    for script in WORKLOADS:
        times = dict((m, []) for m in modes)
        for _ in range(repeats):
            for m, env in modes.items():
                times[m].append(run(py, script, env))
        best = dict((m, min(v)) for m, v in times.items())
        out[script] = best
    shutil.rmtree(tmp, ignore_errors=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--python", action="append")
    ap.add_argument("--env", action="append", default=[], help="extra KEY=VALUE for every run")
    a = ap.parse_args()
    pys = a.python or sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[123]*/bin/python")))
    extra = dict(kv.split("=", 1) for kv in a.env)
    for py in pys:
        ver = subprocess.check_output([py, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).decode().strip()
        for script, best in measure(py, a.repeats, extra).items():
            print("%-5s %-13s untraced %.3fs  noop %.3fs  agent %.3fs  agent/untraced %.2fx  agent/noop %.2fx" % (
                ver, script, best["untraced"], best["noop"], best["agent"],
                best["agent"] / best["untraced"], best["agent"] / best["noop"]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
