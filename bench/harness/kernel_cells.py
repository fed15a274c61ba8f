"""Per-cell time of a real IPython kernel, traced vs untraced (issue 12): N executions of a trivial
cell and of a pandas cell through jupyter_client (the venv's python3 kernel), wall time from
execute request to idle, median and p95 in ms. Traced kernels stream to a daemon of their own.

    .venv/bin/python bench/harness/kernel_cells.py [N]
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


def measure(traced, home, n):
    env = dict(os.environ)
    for k in ("PYTHONPATH", "LABTRACE_DISABLE"):
        env.pop(k, None)
    env["LABTRACE_HOME"] = home
    if traced:
        env["PYTHONPATH"] = os.path.join(REPO, "python-agent")
    km, kc = start_new_kernel(kernel_name="python3", env=env)
    try:
        run(kc, SETUP)
        out = {}
        for name, code in CELLS.items():
            for _ in range(20):
                run(kc, code)  # warm-up
            times = sorted(run(kc, code) for _ in range(n))
            out[name] = (statistics.median(times), times[int(0.95 * (len(times) - 1))])
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
        for rep in range(2):  # interleaved: untraced, traced, untraced, traced
            for traced in (False, True):
                for name, (med, p95) in measure(traced, home, n).items():
                    res.setdefault((name, traced), []).append((med, p95))
        for (name, traced), vals in sorted(res.items()):
            med = statistics.median(v[0] for v in vals)
            p95 = statistics.median(v[1] for v in vals)
            print("%-8s %-9s median %6.2f ms  p95 %6.2f ms  (n=%d x %d)" % (name, "traced" if traced else "untraced", med, p95, n, len(vals)))
    finally:
        d.stop()


if __name__ == "__main__":
    main()
