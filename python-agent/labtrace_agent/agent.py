"""One traced run: wires config, filter, recorder, backend, sender thread, exit and fork handling."""
import os
import sys
import time
import _thread
from time import perf_counter_ns

from . import __version__
from .config import fail_point, _int
from .recorder import Recorder, reset_for_child
from .hooks.userfilter import UserFilter, project_root_for
from .record import loadguard
from .record.runinfo import new_run_id, startup_facts
from .lifecycle import chooser
from .lifecycle import exits, forkexec, forkwarning, senderloop, sigterm
from .lifecycle.senderloop import FLUSH_DEPTH
from .transport.schema import PROTOCOL_VERSION

# what the sender thread imports, made from code read at start-up (record/loadguard.py: no file opened then)
SENDER_MODULES = tuple("labtrace_agent." + m for m in ("transport.transport", "transport.batch", "transport.encoder",
                                                       "record.fasthash", "record.environment"))

# The exit waits on the daemon this long at most (issue 10): each final send, and the RunEnd's ack (was
# 0.3 s for both: the daemon's commit takes ~15 ms quiet, 40-100 ms on a loaded machine, and every run past
# the first flush interval waited for it). What it did not acknowledge by then is spooled as well: the
# daemon stores each (run, seq) once, whichever copy comes first. A sender thread in its handshake is
# never waited for (finish() spools the run itself); one building Hello (CPU) for LOCK_WAIT at most.
EXIT_WAIT = 0.005
LOCK_WAIT = 0.2
FLUSH_LOCK_WAIT = 1.0  # a flush in progress (batch building: CPU, not the daemon) is waited for as before


class Agent(object):
    def __init__(self, config, log):
        self.config = config
        self.log = log
        self.off = False
        self.pid = os.getpid()
        self.start_time_ns = time.time_ns()
        self.origin = perf_counter_ns()
        self.run_id = new_run_id(self.start_time_ns)
        self.parent_run_id = config.parent_run_id
        self.parent_cell = config.parent_cell
        argv = list(getattr(sys, "argv", []) or [])
        cwd = os.getcwd()
        root = project_root_for(argv[0] if argv else "", cwd)
        self.filter = UserFilter(root, config.include, config.exclude, cwd)
        self.facts = startup_facts(root)
        self.rec = Recorder(self.filter, config)
        self.rec.on_error = self.fail
        self.git_hub = self.rec.hub  # (start() may drop rec.hub; the sh it spawned is still reaped)
        if self.git_hub is not None:
            # as early as the run id and root are known: the sh that backgrounds git starts now and
            # is reaped at the end of start(), its time overlapping ours (issue 10)
            self.git_hub.start_git(self.run_id)
        try:
            self._init_backend(config)
        except BaseException:
            self._reap_git_starter()
            raise

    def _init_backend(self, config):
        self.backend_name, self.backend_reason, tool_id = chooser.choose(config.backend)
        if self.backend_name == "monitoring":
            from .hooks.monitoring import MonitoringBackend
            self.backend = MonitoringBackend(self.rec, tool_id)
            if self.backend.native is not None:
                self.backend_reason += "; callbacks guarded in C (_monitorhook)"
        else:
            from .hooks.profile import ProfileBackend
            self.backend = ProfileBackend(self.rec, self.backend_name)
            if self.backend.native is not None:
                self.backend_reason += "; ignored events answered in C (_profilehook)"
        self.lock = _thread.allocate_lock()
        self.stopping = False
        self.finished = False
        self.finishing = False
        self.failing = False
        self.sender_running = False
        self.sender_steps = None   # the sender's generator (lifecycle/senderloop.py)
        self.stop_sender = None
        self.sender_pid = None
        self.transport = None
        self.builder = None
        self.connect_modules = None  # sys.modules when the transport was first being set up
        self.seq = 0
        self.sender_cpu_ns = 0
        self.exit = {"code": None, "type": "", "message": "", "reason": ""}
        self.stats_base = {}
        self.baseline_modules = set(sys.modules)

    # -- life cycle ------------------------------------------------------------------------------
    def start(self):
        try:
            fail_point(self.config, "start")
            self.backend.install()
            if self.rec.hub is not None:
                try:
                    self.rec.hub.install(audit=self.backend_name == "monitoring")
                except Exception:
                    self.rec.hub = None
            os.environ["LABTRACE_PARENT_RUN_ID"] = self.run_id
            os.environ.pop("LABTRACE_PARENT_CELL", None)  # set by a kernel per cell (lifecycle/kernel.py)
            exits.install(self)
            self._start_sender()
        finally:
            self._reap_git_starter()

    def _reap_git_starter(self):
        if self.git_hub is not None:
            self.git_hub.reap_git_starter()

    def _start_sender(self):
        self.sender_running = True
        try:
            self.stop_sender = senderloop.start(self)
        except BaseException:
            self.sender_running = False
            raise
        self.sender_pid = os.getpid()

    def _stop_sender(self):
        """The sender thread takes no thread state from now on (its C driver): at exit and when the
        agent switches off, before the interpreter finalizes. Never a fork child's inherited one."""
        stop, self.stop_sender = self.stop_sender, None
        if stop is not None and self.sender_pid == os.getpid():
            stop()

    def connect(self, spool_only=False):
        """Build Hello and open the transport (live or spool). Caller holds the lock, except finish()
        taking over from a sender thread stuck in its handshake: so the sender touches only its own
        builder and transport once start() returns, and closes them if finish() replaced them."""
        if self.transport is not None:
            return
        before = self.connect_modules = self.connect_modules or set(sys.modules)
        for name in SENDER_MODULES:
            loadguard.load(name)
        from .transport.transport import Transport
        from .transport.batch import BatchBuilder
        from .record.runinfo import run_info
        fail_point(self.config, "sender")
        info = run_info(self.facts, self.start_time_ns, self.origin, self.backend_name, self.backend_reason)
        hello = {"protocol_version": PROTOCOL_VERSION, "run_id": self.run_id,
                 "parent_run_id": self.parent_run_id, "parent_cell": self.parent_cell, "agent_version": __version__, "run": info}
        builder = self.builder = BatchBuilder(self.rec, self.origin, self.baseline_modules)
        builder.stats_base = self.stats_base
        builder.sync = self.backend.sync
        builder.backend = self.backend
        transport = self.transport = Transport(self.config, self.run_id, self.log)
        transport.start(hello, spool_only=spool_only)
        if self.transport is not transport:  # finish() spooled the run meanwhile
            transport.finish()
            return
        # modules the agent itself imported are not the program's imports
        builder.ambiguous_modules(set(sys.modules) - before)
        if self.config.debug:
            self.log("run %s: transport %s %s" % (self.run_id, transport.state, transport.reason),
                     always=False)

    def flush(self, final=False):
        from .transport.encoder import encode_agent_message
        forkwarning.remove_fork_filter()
        batch = self.builder.build(self.seq + 1, final=final)
        if batch is not None:
            self.seq += 1
            self.transport.send(self.seq, encode_agent_message("batch", batch))
        elif self.transport.state == "live" and self.transport.unacked:
            try:
                self.transport.poll_acks(0)
            except Exception:
                pass

    def finish(self, reason=None, exit_code=None):
        """Final flush: last batch, RunEnd, bounded wait for its BatchAck, spool fallback."""
        if self.failing:
            self._wait_off()
        if self.finished or self.off or self.pid != os.getpid():
            # (a fork child signalled before after_fork_child() ran holds its parent's transport
            # and spool file: it must not touch them)
            return
        self.finished = True
        self.finishing = True
        self._stop_sender()
        t0 = time.thread_time_ns()
        got = self._exit_lock()
        limit = quiet = None
        try:
            # Our own file reads and writes from here on (git HEAD, the spool file) are no program
            # I/O: the C audit hook passes this thread's events without calling the file record.
            files = getattr(self.rec.hub, "files", None)
            if files is not None:
                quiet = files.quiet()
                quiet.__enter__()
            # The flush's levels above the program's depth, however deep it is and whatever limit it
            # set (process-wide): raised for our final flush only. (Never measured with sys._getframe:
            # a program's audit hooks see every call of it, CPython's test_audit test_sys_getframe.)
            limit = sys.getrecursionlimit()
            sys.setrecursionlimit(limit + FLUSH_DEPTH)
            if self.failing:
                self._wait_off()
                return
            self.stopping = True
            try:
                self.backend.uninstall(final=True)
            except Exception:
                pass
            if not got and (self.transport is None or self.transport.state == "init"):
                # the sender thread holds the lock in its handshake (up to HELLO_TIMEOUT): nothing was
                # sent live yet. The frames and RunEnd went nowhere (transport not started): the whole
                # run now goes to a spool file of our own.
                self.transport = None
            if self.transport is None:
                self.connect(spool_only=True)
            elif self.transport.state == "live":  # a daemon that stopped reading: sends bounded too
                self.transport.bound(EXIT_WAIT)
            self.flush(final=True)
            from .transport.encoder import encode_agent_message
            ex = self.exit
            code, reason2 = self._exit_status(exit_code)
            self.seq += 1
            rv = getattr(self.rec.hub, "variables", None)   # the record's work at statement ends (issue 10)
            record_ns, reduced = (rv.record_ns, rv.reduced) if rv is not None else (0, 0)
            end = {"seq": self.seq, "exit_code": code, "exception_type": ex["type"],
                   "exception_message": ex["message"], "end_time_ns": time.time_ns(),
                   "events_recorded": self.builder.events_recorded, "events_dropped": self.rec.dropped,
                   "batches_spooled": self.transport.batches_spooled,
                   "agent_cpu_ns": self.sender_cpu_ns + (time.thread_time_ns() - t0) + record_ns,
                   "end_reason": reason or reason2, "record_ns": record_ns, "record_reduced": reduced}
            tr = self.transport
            tr.send(self.seq, encode_agent_message("end", end))
            tr.wait_for(self.seq, EXIT_WAIT)
            tr.finish()
        except BaseException as e:
            self.fail("finish", e)
        finally:
            if limit is not None and sys.getrecursionlimit() != limit:
                try:
                    sys.setrecursionlimit(limit)
                except Exception:
                    pass
            if quiet is not None:
                try:
                    quiet.__exit__(None, None, None)
                except Exception:
                    pass
            self.finishing = False
            if got:
                self.lock.release()
            sigterm.reraise_pending()

    def _exit_lock(self):
        """The lock for finish(): False at once while the sender thread is in its handshake (transport
        "init"), after LOCK_WAIT while it builds Hello (no transport yet); a flush (CPU) is waited for."""
        end = time.monotonic() + LOCK_WAIT
        while not self.lock.acquire(True, 0.001):
            tr = self.transport
            if tr is not None:
                return tr.state != "init" and self.lock.acquire(True, FLUSH_LOCK_WAIT)
            if time.monotonic() >= end:
                return False
        return True

    def _wait_off(self):
        end = time.monotonic() + 0.5
        while not self.off and time.monotonic() < end:
            time.sleep(0.001)

    def _exit_status(self, exit_code):
        ex = self.exit
        if exit_code is not None:
            return exit_code, ex["reason"] or "exit"
        if ex["code"] is not None:
            return ex["code"], ex["reason"] or "exit"
        exc = self.rec.main_exception
        if exc is not None and isinstance(exc, SystemExit):
            return exits.system_exit_code(exc), "exit"
        if ex["type"]:
            return 1, "exception"
        return 0, "exit"

    # -- failures --------------------------------------------------------------------------------
    def fail(self, stage, exc):
        """Switch the agent off: one line to agent.log, hooks removed, nothing printed."""
        if self.failing or self.off:
            self._wait_off()  # another thread is logging: let it finish before the program exits
            return
        self.failing = True
        self.stopping = True
        # log first (finish() waits for `off`): a sender thread failing while the program exits is
        # frozen by the interpreter as soon as the main thread is done
        self.log("run %s: agent switched off in %s: %s: %s%s" % (self.run_id, stage, exc.__class__.__name__, exc,
                                                              _raised_at(exc)))
        self.off = True
        try:
            self._stop_sender()
        except Exception:
            pass
        try:
            self.backend.uninstall()
        except Exception:
            pass
        try:
            exits.uninstall(self)
        except Exception:
            pass

    # -- fork ------------------------------------------------------------------------------------
    def after_fork_child(self):
        """os.fork() child: a new run (new id, parent = forking run), fresh buffers, own transport."""
        if self.off or self.finished:
            return
        old = self.run_id
        # self.pid changes last: until then a SIGTERM handler running here (between two bytecodes of
        # this at-fork hook) sees the parent's pid and leaves the parent's transport alone; it used to
        # change first, and a worker terminated in this window finished through the parent's spool
        # writer (renaming the parent's .partial file: the parent's own exit then failed)
        self.lock = _thread.allocate_lock()
        self.stop_sender = None  # the parent's thread: not in this process
        if self.transport is not None:
            self.transport.abandon()
        self.transport = None
        self.builder = None
        self.connect_modules = None
        self.seq = 0
        self.sender_cpu_ns = 0
        self.stopping = False
        self.parent_run_id = old
        self.parent_cell = _int(os.environ.get("LABTRACE_PARENT_CELL"), 0)  # a kernel's cell forked us (its cell running)
        self.start_time_ns = time.time_ns()
        # the child's run starts here: its event times count from the fork, as its started_at does
        # (they counted from the parent's start: phase intervals ended after the child's run did)
        self.origin = perf_counter_ns()
        self.run_id = new_run_id(self.start_time_ns)
        self.facts = dict(self.facts, pid=os.getpid(), ppid=os.getppid())
        self.exit = {"code": None, "type": "", "message": "", "reason": ""}
        self.baseline_modules = set(sys.modules)
        self.stats_base = dict((st[0], (st[1], st[2], st[3])) for st in self.rec.states)
        reset_for_child(self.rec, _thread.get_ident())
        if self.rec.hub is not None:
            self.rec.hub.after_fork_child()
        try:
            self.backend.after_fork()
        except Exception:
            pass
        os.environ["LABTRACE_PARENT_RUN_ID"] = self.run_id
        os.environ.pop("LABTRACE_PARENT_CELL", None)
        try:
            forkexec.after_fork_child(self, old, self.parent_cell)  # exec before hello: the forking run's child
        except Exception:
            pass
        self.pid = os.getpid()
        self._start_sender()


def _raised_at(exc):
    """ (at transport/spool.py:98 in write_many): where in the agent the error was raised, so that a
    switch-off seen once in a user's agent.log (or a test run) says where to look."""
    try:
        tb, where = exc.__traceback__, None
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename.startswith(_AGENT_DIR):
                where = (code.co_filename[len(_AGENT_DIR):], tb.tb_lineno, code.co_name)
            tb = tb.tb_next
        return " (at %s:%d in %s)" % where if where is not None else ""
    except Exception:
        return ""


_AGENT_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
