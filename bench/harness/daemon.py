"""A real labtrace daemon for the benchmarks: `labtrace daemon run --port 0` with its own home."""
import os
import signal
import subprocess
import time

import common
from common import CLI_MAIN, clean_env, log


class Daemon(object):
    def __init__(self, home, cli=None):
        self.home = home
        self.cli = cli or CLI_MAIN   # another build's cli/main.js (an A/B of daemons)
        self.proc = None
        self.port = None

    def start(self, timeout=30):
        os.makedirs(self.home, exist_ok=True)
        for f in ("daemon.port", "daemon.pid"):
            try:
                os.unlink(os.path.join(self.home, f))
            except OSError:
                pass
        logf = os.path.join(self.home, "daemon.log")
        self.proc = subprocess.Popen(["node", self.cli, "daemon", "run", "--port", "0", "--home", self.home, "--log-file", logf],
                                     env=clean_env(LABTRACE_DISABLE="1"), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("daemon exited with %s (see %s)" % (self.proc.returncode, logf))
            try:
                pid = int(open(os.path.join(self.home, "daemon.pid")).read())
                port = int(open(os.path.join(self.home, "daemon.port")).read())
                if pid == self.proc.pid and port:
                    self.port = port
                    common.DAEMONS.append((pid, self.home))
                    log("daemon up: pid %d port %d home %s" % (pid, port, self.home))
                    return self
            except (OSError, ValueError):
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("daemon did not start within %ds (see %s)" % (timeout, logf))

    def query(self, sql):
        """Rows (list of dicts) through the CLI, which asks the running daemon."""
        import json
        out = subprocess.check_output(["node", self.cli, "--home", self.home, "query", sql, "--format", "json"],
                                      env=clean_env(LABTRACE_DISABLE="1"), text=True, timeout=120)
        return json.loads(out or "[]")

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
