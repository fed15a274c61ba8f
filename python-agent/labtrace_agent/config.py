"""Agent configuration from the environment (read once at start-up) and the layout of $LABTRACE_HOME.

Every LABTRACE_* variable the agent reads is read here, except two read before a Config exists:
LABTRACE_DISABLE (bootstrap: a disabled agent reads nothing else) and LABTRACE_SAMPLER_AGENT (bench).
The agent writes LABTRACE_PARENT_RUN_ID (agent.py) for the processes the program starts, and a kernel
LABTRACE_PARENT_CELL (lifecycle/kernel.py: the cell execution running; removed by every other run)."""
import errno
import os
import sys

# The agent's package directory (labtrace_agent/): its files are never user code.
AGENT_DIR = os.path.dirname(os.path.abspath(__file__))


class Config(object):
    __slots__ = ("home", "disabled", "debug", "include", "exclude", "backend", "parent_run_id", "parent_cell",
                 "test_fail", "flush_interval", "stream_calls", "site_calls", "hot_mode",
                 "native", "record", "record_budget_ms")

    def __init__(self, environ=None):
        env = os.environ if environ is None else environ
        self.home = os.path.abspath(home_dir(env))
        self.disabled = env.get("LABTRACE_DISABLE", "") not in ("", "0")
        self.debug = env.get("LABTRACE_DEBUG", "") not in ("", "0")
        self.include = _globs(env.get("LABTRACE_INCLUDE", ""))
        self.exclude = _globs(env.get("LABTRACE_EXCLUDE", ""))
        self.backend = env.get("LABTRACE_BACKEND", "").strip().lower()
        self.parent_run_id = env.get("LABTRACE_PARENT_RUN_ID", "")
        # the parent kernel's cell execution (its ordinal) that started this process (lifecycle/kernel.py)
        self.parent_cell = _int(env.get("LABTRACE_PARENT_CELL"), 0)
        # Failure injection for the test-suite only: name of a stage that raises.
        self.test_fail = env.get("LABTRACE_TEST_FAIL", "")
        self.flush_interval = 0.1
        # User functions: CALL/RETURN streamed for the first stream_calls calls, then aggregated.
        self.stream_calls = _int(env.get("LABTRACE_STREAM_CALLS"), 16)
        # Library call sites: the first site_calls calls per call site are recorded, then none.
        self.site_calls = _int(env.get("LABTRACE_SITE_CALLS"), 4)
        # What a hot (past stream_calls) user function costs: "count" keeps an exact call count
        # (~+35 ns per call), "off" (default) stops counting it (FunctionStats.calls = calls seen
        # before it went hot; 3.12+: its events are DISABLEd, so it then costs nothing).
        self.hot_mode = env.get("LABTRACE_HOT", "off")
        # setprofile backend: answer ignored events in C (labtrace_agent/_profilehook.c) when it is built
        # for this Python; LABTRACE_NATIVE=0 keeps the pure-Python hook.
        self.native = env.get("LABTRACE_NATIVE", "1") not in ("0", "")
        # The experiment record (files, variables, parameters, metrics, environment); LABTRACE_RECORD=0: events only.
        self.record = env.get("LABTRACE_RECORD", "1") != "0"
        # The record's CPU budget at statement ends (record/variables.py): this many ms (default 20) plus
        # 2 % of the process's CPU time; past it, variable summaries are type and size only and file
        # scans are skipped. None: the default; 0: so from the start.
        budget = _int(env.get("LABTRACE_RECORD_BUDGET_MS"), None)
        self.record_budget_ms = None if budget is None else max(0, budget)
        if not self.disabled:
            check_home(self.home)

    @property
    def spool_dir(self):
        return os.path.join(self.home, "spool")


# Files and directories of $LABTRACE_HOME the agent reads or writes (the daemon's side: common/home.ts).
SPOOL_DIR = "spool"            # RUNID-PID-N.spool[.partial] (transport/spool.py)
GIT_STATUS_DIR = "gitstatus"   # RUNID-GITPID.gitstatus (record/environment.py)
AGENT_LOG = "agent.log"        # one line per agent switched off (lifecycle/bootstrap.py)
DAEMON_PORT = "daemon.port"    # the daemon's loopback port, and its token (transport/transport.py)
DAEMON_TOKEN = "token"
USER_CONFIG = "config.toml"    # ignore rules (lifecycle/ignore.py)


def home_dir(environ=None):
    """$LABTRACE_HOME, else ~/.labtrace (not made absolute: Config does, after the home check)."""
    env = os.environ if environ is None else environ
    return env.get("LABTRACE_HOME") or os.path.join(os.path.expanduser("~"), ".labtrace")


def check_home(home):
    """Raise OSError unless home/spool is (or can be made) a writable directory: a home below a file,
    in /proc, with too long a name or read-only would only fail at exit, after tracing the whole run for
    nothing. bootstrap then leaves the agent off, silently (its log line cannot be written either)."""
    spool = os.path.join(home, SPOOL_DIR)
    if not os.path.isdir(spool):
        for path in (home, spool):
            try:
                os.mkdir(path, 0o700)
            except OSError:
                if not os.path.isdir(path):
                    if path == home:
                        os.makedirs(home, 0o700)  # a missing parent: raises if it cannot be made
                    else:
                        raise
    if not os.access(spool, os.W_OK | os.X_OK):
        raise OSError(errno.EACCES, "not writable", spool)


def _globs(value):
    return tuple(g for g in value.split(os.pathsep) if g)


def _int(value, default):
    try:
        return int(value) if value else default
    except ValueError:
        return default


def fail_point(config, stage):
    """Raise if the test-suite asked this stage to fail (LABTRACE_TEST_FAIL=stage)."""
    if config.test_fail == stage:
        raise RuntimeError("injected failure at " + stage)


def python_version():
    v = sys.version_info
    return "%d.%d.%d" % (v[0], v[1], v[2])
