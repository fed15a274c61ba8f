"""Shared helpers of the bench harness (stdlib only; the driver runs on the repo's 3.11 venv)."""
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(BENCH)
WORK = os.path.join(REPO, ".labtrace-bench")   # temp homes, data, stores (self-ignored by git)
RESULTS = os.path.join(BENCH, "results")
AGENT_DIR = os.path.join(REPO, "python-agent")
FLOORS = os.path.join(BENCH, "harness", "floors")
WORKLOADS = os.path.join(BENCH, "workloads")
VENV_PY = os.path.join(REPO, ".venv", "bin", "python")
CLI_MAIN = os.path.join(REPO, "build", "cli", "main.js")


def log(msg):
    sys.stderr.write("[bench %s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


def ensure_work():
    os.makedirs(WORK, exist_ok=True)
    ignore = os.path.join(WORK, ".gitignore")
    if not os.path.exists(ignore):
        with open(ignore, "w") as f:
            f.write("*\n")
    return WORK


def pyenv_root():
    root = os.environ.get("PYENV_ROOT")
    if root:
        return root
    try:
        return subprocess.check_output(["pyenv", "root"], text=True).strip()
    except Exception:
        return os.path.expanduser("~/.pyenv")


def probe(executable):
    code = ("import sys, platform, importlib.util as u; print(platform.python_implementation(), '%d.%d.%d' % sys.version_info[:3], "
            "int(u.find_spec('coverage') is not None), int(u.find_spec('sklearn') is not None and u.find_spec('pandas') is not None))")
    out = subprocess.check_output([executable, "-c", code], text=True, timeout=30, env=clean_env()).split()
    return {"impl": out[0], "version": out[1], "coverage": out[2] == "1", "datasci": out[3] == "1"}


def discover_pythons(minors=None):
    """One interpreter per minor version 3.8-3.13; 3.11 is the repo venv (it has the packages)."""
    found = {}
    for exe in sorted(glob.glob(os.path.join(pyenv_root(), "versions", "3.*", "bin", "python"))):
        try:
            info = probe(exe)
        except Exception:
            continue
        minor = int(info["version"].split(".")[1])
        if info["impl"] != "CPython" or minor < 8:
            continue
        found[minor] = dict(info, executable=exe, minor=minor, label=info["version"])
    if os.path.exists(VENV_PY):
        try:
            info = probe(VENV_PY)
            minor = int(info["version"].split(".")[1])
            found[minor] = dict(info, executable=VENV_PY, minor=minor, label=info["version"] + " venv")
        except Exception:
            pass
    out = [found[m] for m in sorted(found)]
    if minors:
        out = [p for p in out if p["minor"] in minors]
    return out


AGENT_UNDER_TEST = [AGENT_DIR]
AGENT_B = [None]    # --agent-b: a second agent measured in the same interleaved rounds (variant agent-b)


def agent_dir():
    """The agent under test: python-agent/, or the copy given with --agent-dir (an A/B run)."""
    return AGENT_UNDER_TEST[0]


def clean_env(**extra):
    # A user's ordinary environment: no LABTRACE_*, no PYTHONPATH, and bytecode caching on. The variants
    # named *-nobc put PYTHONDONTWRITEBYTECODE=1 back (as set in many Docker images) to see what the
    # agent's start-up costs where Python never writes .pyc files (see no_bytecode_env).
    drop = ("PYTHONPATH", "COVERAGE_PROCESS_START", "COVERAGE_CORE", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONPYCACHEPREFIX")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABTRACE_") and k not in drop}
    env.update({k: v for k, v in extra.items() if v is not None})
    return env


def no_bytecode(env, on):
    """env with PYTHONDONTWRITEBYTECODE=1 when on (the *-nobc variants)."""
    if on:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _proc_stat(pid):
    """Fields of /proc/PID/stat after the command name (state first), or None when it is gone."""
    try:
        with open("/proc/%s/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _group_alive(pgid):
    """A process of group pgid still runs (zombies aside)."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _proc_stat(entry)
            if fields and fields[0] != "Z" and int(fields[2]) == pgid:
                return True
    return False


# Daemons started by the harness, (pid, home): what a traced run leaves them to do (ingest, correlation) must
# not overlap the next measured run, whichever variant that is.
DAEMONS = []
# A daemon given work by a run (frames on a connection, or a spool file it ingests once the writer has exited)
# correlates the run after this long without frames (daemon/daemon.ts CORRELATION_QUIET_MS): the wait covers it,
# so that no measured run pays for the previous run's daemon work (a user's script starts with the daemon idle).
CORRELATION_QUIET_S = 1.0
_ticks_after_wait = {}


def _cpu_ticks(pid):
    fields = _proc_stat(pid)
    return int(fields[11]) + int(fields[12]) if fields else None   # utime + stime, all threads


def _spool_pending(home):
    try:
        return any(name.endswith(".spool") for name in os.listdir(os.path.join(home, "spool")))
    except OSError:
        return False


def wait_daemons_idle(limit=10.0, quiet=0.06, step=0.02):
    """Until every harness daemon has used no CPU for `quiet` seconds (bounded by `limit`), or, when the last
    run gave it work, until its correlation has run as well."""
    end = time.monotonic() + limit
    for pid, home in DAEMONS:
        last, since = _cpu_ticks(pid), time.monotonic()
        worked = last != _ticks_after_wait.get(pid, last) or _spool_pending(home)
        need = quiet + (CORRELATION_QUIET_S + 0.1 if worked else 0.0)
        while last is not None and time.monotonic() < end:
            time.sleep(step)
            now = _cpu_ticks(pid)
            if now != last:
                if worked and time.monotonic() - since >= CORRELATION_QUIET_S / 2:
                    need = quiet   # work after a long pause: the correlation; only its end is left to wait for
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= need:
                break
        _ticks_after_wait[pid] = _cpu_ticks(pid)


def settle(pgid, limit=2.0, pause=0.02):
    """Waits until processes a run left behind (the agent's `git status` outlives a short run) have
    exited and the daemons have done what the run gave them (ingest, correlation): the next
    measurement then starts on a quiet machine, whichever variant it is."""
    end = time.monotonic() + limit
    while time.monotonic() < end and _group_alive(pgid):
        time.sleep(0.005)
    wait_daemons_idle()
    time.sleep(pause)


def run_timed(argv, env, cwd=REPO, timeout=300, isolated=False):
    """Runs a process to completion (killed after `timeout` s: rc -9, timed_out). Returns rc, wall s (spawn
    to exit), cpu s of the child (user+sys, all its threads), maxrss bytes, stdout, stderr, t_spawn_ns.
    isolated: the process gets its own process group, and the call returns only once the group is gone
    (see settle); the timing stops when the process itself exits."""
    import tempfile
    import threading
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t_spawn_ns = time.time_ns()
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=isolated)
        fired = []

        def kill():
            fired.append(1)
            try:
                os.kill(p.pid, 9)
            except OSError:
                pass
        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        if isolated:
            settle(p.pid)
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        if fired:
            stderr += "\n[bench] killed after %d s (hung)" % timeout
        return {"rc": p.returncode, "wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "maxrss": ru.ru_maxrss * 1024,
                "stdout": out.read().decode("utf-8", "replace"), "stderr": stderr, "t_spawn_ns": t_spawn_ns, "timed_out": bool(fired)}


class AgentLog(object):
    """New 'switched off' lines of $LABTRACE_HOME/agent.log since the last call: a traced run whose agent
    switched itself off measures nothing, so the harness flags it."""

    def __init__(self, home):
        self.path = os.path.join(home, "agent.log")
        self.offset = self._size()

    def _size(self):
        try:
            return os.path.getsize(self.path)
        except OSError:
            return 0

    def new_failures(self):
        size = self._size()
        if size <= self.offset:
            self.offset = size
            return []
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            text = f.read().decode("utf-8", "replace")
        self.offset = size
        return [ln.split(": ", 1)[-1] if "switched off" not in ln else ln[ln.index("switched off"):] for ln in text.splitlines()
                if "switched off" in ln or "failed" in ln]


def median(xs):
    s = sorted(xs)
    n = len(s)
    if n == 0:
        return None
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0


def spread(xs):
    """median, min, max, and the interquartile range of a sample."""
    s = sorted(xs)
    if not s:
        return None

    def q(p):
        k = (len(s) - 1) * p
        lo = int(k)
        hi = min(lo + 1, len(s) - 1)
        return s[lo] + (s[hi] - s[lo]) * (k - lo)
    return {"median": median(s), "min": s[0], "max": s[-1], "q1": q(0.25), "q3": q(0.75), "n": len(s)}


def rotated(items, r):
    k = r % len(items)
    return items[k:] + items[:k]


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=False, default=str)
    os.replace(tmp, path)


def reset_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path, exist_ok=True)
    return path


__all__ = ["random"]
