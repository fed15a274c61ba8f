"""Per-cell time of a real IPython kernel, traced vs untraced (issue 12): N executions of a trivial
cell and of a pandas cell through jupyter_client (the venv's python3 kernel), wall time from
execute request to idle, median and p95 in ms, and the kernel process's CPU time per cell. Traced kernels stream to a daemon of their own.

    .venv/bin/python bench/harness/kernel_cells.py [N] [OTHER_AGENT_DIR]

OTHER_AGENT_DIR (another checkout's python-agent/) is measured too, interleaved: before/after figures
taken under the same load.
"""
import contextlib
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CELLS = {
    "trivial": "x = 1",
    "pandas": "s = df['a'] * 2 + df['b']\nm = s.mean()",
}
SETUP = "import pandas as pd\ndf = pd.DataFrame({'a': range(1000), 'b': range(1000)})"


def run(kc, code):
    t = time.perf_counter()
    kc.execute_interactive(code, timeout=60, output_hook=lambda m: None)
    return (time.perf_counter() - t) * 1000


def cpu_ms(pid):
    f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")  # utime + stime


@contextlib.contextmanager
def kernel(agent, home):
    """A kernel of the venv's python3 kernelspec, traced by `agent` (a python-agent dir; "" untraced)."""
    env = dict(os.environ)
    for k in ("PYTHONPATH", "LABTRACE_DISABLE"):
        env.pop(k, None)
    env["LABTRACE_HOME"] = home
    if agent:
        env["PYTHONPATH"] = agent
    from jupyter_client.manager import start_new_kernel  # the venv's (make bench runs with it)
    km, kc = start_new_kernel(kernel_name="python3", env=env)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def measure(agent, home, n):
    with kernel(agent, home) as (km, kc):
        run(kc, SETUP)
        out = {}
        for name, code in CELLS.items():
            for _ in range(20):
                run(kc, code)  # warm-up
            pid = km.provisioner.process.pid
            c0 = cpu_ms(pid)
            times = sorted(run(kc, code) for _ in range(n))
            cpu = (cpu_ms(pid) - c0) / n
            out[name] = (statistics.median(times), times[int(0.95 * (len(times) - 1))], cpu)
        return out


def idle_cpu_ms(agent, home, seconds):
    """CPU the kernel process spends while nobody runs a cell (heartbeat, our sender thread)."""
    with kernel(agent, home) as (km, kc):
        run(kc, "x = 1")
        time.sleep(2)  # start-up settles
        pid = km.provisioner.process.pid
        c0 = cpu_ms(pid)
        time.sleep(seconds)
        return cpu_ms(pid) - c0


def measure_all(home, n, idle_s, other=None):
    """{cells: {cell: {variant: {median_ms, p95_ms, cpu_ms}}}, idle: {variant: cpu_ms over idle_s}},
    variants interleaved twice (untraced, traced, [other])."""
    variants = [("untraced", ""), ("traced", os.path.join(REPO, "python-agent"))]
    if other:
        variants.append(("other", os.path.abspath(other)))
    res = {}
    for rep in range(2):
        for label, agent in variants:
            for name, fig in measure(agent, home, n).items():
                res.setdefault((name, label), []).append(fig)
    cells = {}
    for (name, label), vals in sorted(res.items()):
        cells.setdefault(name, {})[label] = {
            "median_ms": statistics.median(v[0] for v in vals),
            "p95_ms": statistics.median(v[1] for v in vals),
            "cpu_ms": statistics.median(v[2] for v in vals), "n": n, "rounds": len(vals)}
    idle = {label: idle_cpu_ms(agent, home, idle_s) for label, agent in variants}
    return {"cells": cells, "idle": idle, "idle_s": idle_s}


def with_daemon(work):
    """work(home) with a daemon of its own on a fresh home."""
    from daemon import Daemon
    home = tempfile.mkdtemp(prefix="lt-kcells-")
    d = Daemon(home).start()
    try:
        return work(home)
    finally:
        d.stop()


def run_part(quick=False):
    """make bench's kernel part: fewer cells and a shorter idle window with --quick."""
    try:
        return with_daemon(lambda home: measure_all(home, 50 if quick else 200, 15 if quick else 60))
    except Exception as e:  # no kernel in this environment (no .venv): say so in the table
        return {"error": "%s: %s" % (type(e).__name__, e)}


def lines(res):
    """The table's lines for the kernel part."""
    if "error" in res:
        return ["Notebook kernel: " + res["error"]]
    out = ["Notebook kernel (jupyter_client, the venv's python3 kernel): time per cell execution, traced vs untraced"]
    for name, by in res["cells"].items():
        u, t = by.get("untraced"), by.get("traced")
        if u and t:
            out.append("  %-8s median %6.2f -> %6.2f ms (+%.2f)  p95 %6.2f -> %6.2f ms  kernel CPU %5.2f -> %5.2f ms/cell" % (
                name, u["median_ms"], t["median_ms"], t["median_ms"] - u["median_ms"], u["p95_ms"], t["p95_ms"],
                u["cpu_ms"], t["cpu_ms"]))
    idle = res["idle"]
    out.append("  idle kernel CPU over %d s: untraced %.0f ms, traced %.0f ms" % (
        res["idle_s"], idle.get("untraced", 0), idle.get("traced", 0)))
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    res = with_daemon(lambda home: measure_all(home, n, 20, sys.argv[2] if len(sys.argv) > 2 else None))
    for name, by in res["cells"].items():
        for label, f in by.items():
            print("%-8s %-9s median %6.2f ms  p95 %6.2f ms  kernel CPU %5.2f ms/cell  (n=%d x %d)"
                  % (name, label, f["median_ms"], f["p95_ms"], f["cpu_ms"], f["n"], f["rounds"]))
    print("idle kernel CPU over %d s: %s" % (res["idle_s"], ", ".join("%s %.0f ms" % kv for kv in res["idle"].items())))


if __name__ == "__main__":
    main()
