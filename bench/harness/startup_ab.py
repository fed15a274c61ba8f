"""Diagnostic (issue 10): interleaved A/B of the agent's start-up + exit on a no-op script, against untraced.
    python bench/harness/startup_ab.py PYTHON REPEATS NAME=AGENT_DIR ... [--cwd DIR] [--sleep S]
e.g. startup_ab.py ~/.pyenv/versions/3.12.1/bin/python 20 before=.cache/agent-old/python-agent after=python-agent
Each round runs, in a rotated order, untraced and every agent with the daemon up and down, each with and
without PYTHONDONTWRITEBYTECODE=1, on `nop.py` (prints time.time_ns() at its first statement). Printed per
agent and case: medians of the paired differences to untraced of the same round and bytecode setting
(ms): spawn to main (wall), spawn to exit (wall), the child's CPU (user+sys, all its threads).
--sleep S: the script sleeps S seconds after its first statement; past the agent's first flush interval
(0.1 s) the run connects to the daemon, and with the daemon up its exit sends the final batch live.
--daemon-cli PATH: the daemon of another build (its cli/main.js; default build/cli/main.js), for an A/B
of daemons run one after the other (one daemon at a time: what one leaves for later lands on the next runs)."""
import os, sys, statistics, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import clean_env, no_bytecode, run_timed, rotated, reset_dir, WORK
from daemon import Daemon

py, reps = sys.argv[1], int(sys.argv[2])
args = sys.argv[3:]
cwd = None
if "--cwd" in args:
    i = args.index("--cwd")
    cwd = args[i + 1]
    del args[i:i + 2]
sleep = 0.0
if "--sleep" in args:
    i = args.index("--sleep")
    sleep = float(args[i + 1])
    del args[i:i + 2]
daemon_cli = None
if "--daemon-cli" in args:
    i = args.index("--daemon-cli")
    daemon_cli = os.path.abspath(args[i + 1])
    del args[i:i + 2]
agents = [(a.partition("=")[0], os.path.abspath(a.partition("=")[2])) for a in args]
cwd = cwd or tempfile.mkdtemp(prefix="lt-startup-")  # outside a git tree by default: no `git status` child
script = os.path.join(cwd, "nop.py")
with open(script, "w") as f:
    f.write("import time, sys; sys.stdout.write(str(time.time_ns()))\n" + ("time.sleep(%r)\n" % sleep if sleep else ""))
home_up = os.path.join(WORK, "home-sab-up-%d" % os.getpid())
home_down = os.path.join(WORK, "home-sab-down-%d" % os.getpid())
for h in (home_up, home_down):
    os.makedirs(h, exist_ok=True)
variants = []
for nobc in (False, True):
    variants.append(("untraced", None, None, nobc))
    for name, path in agents:
        variants.append((name, path, "up", nobc))
        variants.append((name, path, "down", nobc))
S = {}
d = Daemon(home_up, daemon_cli).start()
try:
    for r in range(-2, reps):
        for name, path, daemon, nobc in rotated(variants, max(r, 0)):
            env = no_bytecode(clean_env(), nobc)
            if path:
                env.update(PYTHONPATH=path, LABTRACE_HOME=home_up if daemon == "up" else home_down)
            res = run_timed([py, script], env, cwd=cwd, timeout=20, isolated=True)
            if daemon == "down":
                reset_dir(os.path.join(home_down, "spool"))
            if res["rc"] != 0:
                print(name, daemon, "FAILED", res["stderr"][-500:])
                sys.exit(1)
            if r >= 0:
                to_main = (int(res["stdout"].strip()) - res["t_spawn_ns"]) / 1e6
                S.setdefault((name, daemon, nobc), []).append((to_main, res["wall"] * 1e3, res["cpu"] * 1e3))
finally:
    d.stop()

print("%s, %d rounds, cwd %s, sleep %s s, daemon %s, load %.1f; ms added to untraced (median of paired differences; untraced absolute)" % (py, reps, cwd, sleep, daemon_cli or "build", os.getloadavg()[0]))
print("%-10s %-5s %-6s %8s %8s %8s" % ("agent", "daemon", "nobc", "to_main", "to_exit", "cpu"))
for nobc in (False, True):
    base = S[("untraced", None, nobc)]
    print("%-10s %-5s %-6s %8.1f %8.1f %8.1f" % ("untraced", "-", nobc, statistics.median(b[0] for b in base),
                                                statistics.median(b[1] for b in base), statistics.median(b[2] for b in base)))
    for name, _ in agents:
        for daemon in ("up", "down"):
            xs = S[(name, daemon, nobc)]
            diffs = [statistics.median(x[k] - b[k] for x, b in zip(xs, base)) for k in range(3)]
            print("%-10s %-5s %-6s %+8.1f %+8.1f %+8.1f" % (name, daemon, nobc, diffs[0], diffs[1], diffs[2]))
