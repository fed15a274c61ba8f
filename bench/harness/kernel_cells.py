"""Per-cell time of a real IPython kernel, traced vs untraced (issue 12): N executions of a trivial
cell and of a pandas cell through jupyter_client (the venv's python3 kernel), wall time from
execute request to idle, median and p95 in ms, and the kernel process's CPU time per cell. Traced kernels stream to a daemon of their own.

    .venv/bin/python bench/harness/kernel_cells.py [N] [OTHER_AGENT_DIR]

OTHER_AGENT_DIR (another checkout's python-agent/) is measured too, interleaved: before/after figures
taken under the same load.
"""
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jupyter_client.manager import start_new_kernel  # noqa: E402

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


def measure(agent, home, n):
    env = dict(os.environ)
    for k in ("PYTHONPATH", "LABTRACE_DISABLE"):
        env.pop(k, None)
    env["LABTRACE_HOME"] = home
    if agent:
        env["PYTHONPATH"] = agent
    km, kc = start_new_kernel(kernel_name="python3", env=env)
    try:
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
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    from daemon import Daemon
    home = tempfile.mkdtemp(prefix="lt-kcells-")
    d = Daemon(home).start()
    try:
        res = {}
        variants = [("untraced", ""), ("traced", os.path.join(REPO, "python-agent"))]
        if len(sys.argv) > 2:
            variants.append(("other", os.path.abspath(sys.argv[2])))
        for rep in range(2):  # interleaved: untraced, traced, [other,] untraced, ...
            for label, agent in variants:
                for name, fig in measure(agent, home, n).items():
                    res.setdefault((name, label), []).append(fig)
        for (name, label), vals in sorted(res.items()):
            med = statistics.median(v[0] for v in vals)
            p95 = statistics.median(v[1] for v in vals)
            cpu = statistics.median(v[2] for v in vals)
            print("%-8s %-9s median %6.2f ms  p95 %6.2f ms  kernel CPU %5.2f ms/cell  (n=%d x %d)"
                  % (name, label, med, p95, cpu, n, len(vals)))
    finally:
        d.stop()


if __name__ == "__main__":
    main()
