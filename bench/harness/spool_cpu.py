"""Diagnostic (issue 10): the daemon's CPU and wall per spool file of a tiny run, and what follows it.
    python bench/harness/spool_cpu.py SPOOL_SRC N [--cli CLI_MAIN] [--interval S] [--label NAME]
SPOOL_SRC: a folder of spool files (e.g. from `python nop.py` traced with the daemon down); each
measured file is a copy of one of them under a fresh run id. A daemon (`node CLI_MAIN daemon run`,
as bench/harness/daemon.py starts it) gets N of them one at a time, each written as the agent does
(.partial, then renamed), S seconds apart (default 1.5: each run's correlation, after 1 s without
frames, falls inside the interval; 0.5: a burst, correlated in batches). Printed: the
daemon's CPU (all its threads, ns from /proc/PID/task/*/schedstat) from the rename to the file's
deletion ("ingest": read, decode, commit, unlink) and from then to the next file ("after": what the
run leaves for later), and the ingest's wall time, medians and means over N; the same windows of an
idle daemon are measured first and their CPU subtracted ("idle"); then the "tail", until every run is
correlated (correlations wait for a quiet moment) and an idle release, is added in the per-file total.
The daemon has stored and checkpointed a run first, as any but a brand-new one has."""
import os
import shutil
import statistics
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common
from common import WORK, ensure_work, log
from daemon import Daemon


def cpu_ns(pid):
    total = 0
    for t in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/schedstat" % (pid, t)) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError):
            pass
    return total


def write_partial(spool, src, i):
    """A copy of spool file `src` under a fresh run id, as `NAME.partial`; returns (partial path, NAME)."""
    data = open(src, "rb").read()
    old_id = os.path.basename(src).split("-")[0]
    new_id = uuid.uuid4().hex
    data = data.replace(old_id.encode(), new_id.encode())   # the run id in the hello, as text
    name = "%s-%d-1.spool" % (new_id, 4000000 + i)   # a pid no process has here: ingested at once
    part = os.path.join(spool, name + ".partial")
    with open(part, "wb") as f:
        f.write(data)
    return part, name


def feed(spool, src, i):
    part, name = write_partial(spool, src, i)
    os.rename(part, os.path.join(spool, name))


def main():
    src, n = sys.argv[1], int(sys.argv[2])
    args = sys.argv[3:]

    def opt(name, default):
        if name in args:
            i = args.index(name)
            v = args[i + 1]
            del args[i:i + 2]
            return v
        return default
    cli = opt("--cli", common.CLI_MAIN)
    interval = float(opt("--interval", "1.5"))
    label = opt("--label", os.path.basename(os.path.dirname(os.path.dirname(os.path.abspath(cli)))))
    files = sorted(os.path.join(src, f) for f in os.listdir(src) if f.endswith(".spool"))
    ensure_work()
    home = os.path.join(WORK, "home-spoolcpu-%d" % os.getpid())
    shutil.rmtree(home, ignore_errors=True)
    d = Daemon(home, cli).start()
    spool = os.path.join(home, "spool")
    pid = d.proc.pid
    try:
        # A daemon that has stored and checkpointed runs before (as any but a brand-new one has: the
        # first run after a CHECKPOINT writes its tables cold): one file, then its correlation and the
        # idle release; also the start-up backlog, the first liveness and git checks.
        feed(spool, files[-1], 999)
        time.sleep(3.0)
        idle = []
        for _ in range(min(n, 8)):
            c0 = cpu_ns(pid)
            time.sleep(interval)
            idle.append(cpu_ns(pid) - c0)
        idle_ms = statistics.median(idle) / 1e6
        ingest, after, wall = [], [], []
        for i in range(n):
            part, name = write_partial(spool, files[i % len(files)], i)
            t0 = time.perf_counter()
            c0 = cpu_ns(pid)
            os.rename(part, os.path.join(spool, name))
            while os.path.exists(os.path.join(spool, name)) and time.perf_counter() - t0 < 10:
                time.sleep(0.0005)
            t1 = time.perf_counter()
            c1 = cpu_ns(pid)
            time.sleep(max(0.0, interval - (t1 - t0)))
            c2 = cpu_ns(pid)
            ingest.append((c1 - c0) / 1e6)
            after.append((c2 - c1) / 1e6)
            wall.append((t1 - t0) * 1e3)
        # What is still queued (correlations wait for a quiet moment): until every run is correlated.
        t_tail, c_tail = time.perf_counter(), cpu_ns(pid)
        while d.query("SELECT count(*) AS n FROM run_analysis")[0]["n"] < n + 1 and time.perf_counter() - t_tail < 30:
            time.sleep(0.2)
        time.sleep(1.5)   # the idle release after the last correlation
        tail_s, tail_ms = time.perf_counter() - t_tail, (cpu_ns(pid) - c_tail) / 1e6
        rows = d.query("SELECT count(*) AS runs, count(*) FILTER (WHERE status = 'ok') AS ok FROM runs")   # the warm-up's included
        correlated = d.query("SELECT count(*) AS n FROM run_analysis")
    finally:
        d.stop()
        if not os.environ.get("SPOOL_CPU_KEEP"):
            shutil.rmtree(home, ignore_errors=True)
    load = os.getloadavg()[0]
    print("%s: %d files of %s, %.1f s apart, load %.1f; runs stored %s, correlated %s" % (label, n, src, interval, load, rows, correlated))
    print("  daemon CPU per file, ms: ingest median %.1f mean %.1f | after median %.1f mean %.1f (idle %.1f a window) | ingest+after-idle mean %.1f"
          % (statistics.median(ingest), statistics.mean(ingest), statistics.median(after), statistics.mean(after), idle_ms,
             statistics.mean(ingest) + statistics.mean(after) - idle_ms))
    total = sum(ingest) + sum(after) - idle_ms * n + tail_ms - idle_ms * tail_s / interval
    print("  with the tail (%.1f s until every run was correlated, and an idle release: %.0f ms of CPU): %.1f ms per file, idle excluded"
          % (tail_s, tail_ms, total / n))
    print("  ingest wall (rename to unlink), ms: median %.1f mean %.1f min %.1f max %.1f"
          % (statistics.median(wall), statistics.mean(wall), min(wall), max(wall)))


if __name__ == "__main__":
    main()
