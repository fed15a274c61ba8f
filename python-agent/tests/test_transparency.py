"""The agent must not change the program: same stdout/stderr bytes, exit status, tracebacks,
threads, fork and multiprocessing behaviour; children get their own runs linked to the parent."""
import os
import signal
import subprocess
import sys
import time
import unittest

from tests.support import AgentTestCase, AGENT_DIR, clean_env

SCRIPTS = {
    "exit3.py": 'import sys\nprint("out")\nsys.stderr.write("err\\n")\nsys.exit(3)\n',
    "exit_str.py": 'import sys\nsys.exit("fatal: message")\n',
    "raise_se.py": 'raise SystemExit(4)\n',
    "raises.py": 'def f():\n    raise RuntimeError("boom \\u00e9")\n\nprint("before")\nf()\n',
    "kbint.py": 'raise KeyboardInterrupt\n',
    "output.py": 'import sys\nfor i in range(200):\n    print(i, end=" ")\n    sys.stderr.write("e%d " % i)\n'
                 'sys.stdout.buffer.write(b"\\xff\\x00raw")\n',
    "threads.py": '''\
import threading
print(threading.active_count(), [t.name for t in threading.enumerate()])
out = []
def work(i):
    out.append(sum(range(i * 1000)))
ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
[t.start() for t in ts]
[t.join() for t in ts]
print(sorted(out), threading.active_count())
''',
    "fork.py": '''\
import os, sys
def child_work():
    return sum(range(100))
pid = os.fork()
if pid == 0:
    print("child", child_work())
    sys.stdout.flush()
    os._exit(7)
_, status = os.waitpid(pid, 0)
print("parent", os.WEXITSTATUS(status))
''',
    "mp.py": '''\
import multiprocessing as mp
import sys

def square(x):
    return x * x

if __name__ == "__main__":
    ctx = mp.get_context(sys.argv[1])
    with ctx.Pool(2) as pool:
        print(pool.map(square, range(6)))
    p = ctx.Process(target=square, args=(3,))
    p.start()
    p.join()
    print("exitcode", p.exitcode)
''',
    "sub.py": '''\
import subprocess, sys
r = subprocess.run([sys.executable, "-c", "print('from child')"], stdout=subprocess.PIPE)
print(r.stdout.decode().strip(), r.returncode)
''',
    "getsig.py": 'import signal\nprint(signal.getsignal(signal.SIGINT))\n',
    # CPython's test_inspect (3.8-3.11) found sys.exit replaced by a Python function
    "exit_seen.py": '''\
import inspect, sys, traceback
print(inspect.isbuiltin(sys.exit), type(sys.exit).__name__, sys.exit.__name__)
try:
    sys.exit(5)
except SystemExit as e:
    print(e.code, [f.name for f in traceback.extract_tb(e.__traceback__)])
sys.exit(6)
''',
    # CPython's test_threading test_clear_threads_states_after_fork: a fork child alone with its main
    # thread (the agent's sender thread, started at once in the child, had a Python frame there)
    "current_frames.py": '''\
import os, sys, time
time.sleep(0.02)
print("main", len(sys._current_frames()))
pid = os.fork()
if pid == 0:
    time.sleep(0.02)
    print("child", len(sys._current_frames()), flush=True)
    os._exit(0)
os.waitpid(pid, 0)
''',
    # CPython's test_audit test_sys_getframe: a program's audit hook saw the agent's own frame reads at
    # exit (its recursion depth; the file record called for the .git/HEAD it reads)
    "audit_exit.py": '''\
import sys
def hook(event, args):
    if event == "sys._getframe" and args[0].f_code.co_name in ("finish", "_observe"):
        sys.__stderr__.write("%s %s\\n" % (event, args[0].f_code.co_name))
sys.addaudithook(hook)
print(sys.getrecursionlimit())
''',
    # CPython's test_audit test_time (3.13+: time.sleep is audited): the sender thread's pauses were
    # time.sleep calls, seen by the program's audit hook
    "audit_sleep.py": '''\
import sys, time
seen = []
sys.addaudithook(lambda event, args: seen.append(args) if event == "time.sleep" else None)
time.sleep(0.3)
print(seen)
''',
    # CPython's test_audit test_sys_monitoring_register_callback (3.12+): the final flush unregistered
    # the agent's 7 sys.monitoring callbacks, an audit event each
    "audit_monitoring.py": '''\
import sys
sys.addaudithook(lambda event, args: sys.__stderr__.write(event + "\\n") if event.startswith("sys.monitoring") else None)
print("ok")
''',
}


class TransparencyTest(AgentTestCase):
    def compare(self, name, args=(), env=None):
        self.write(name, SCRIPTS[name])
        plain = self.run_script(name, agent=False, args=args, env=env)
        traced = self.run_script(name, agent=True, args=args, env=env)
        self.assertEqual(traced.returncode, plain.returncode, traced.stderr)
        self.assertEqual(traced.stdout, plain.stdout)
        self.assertEqual(traced.stderr, plain.stderr)
        self.assertEqual(self.agent_log(), "")
        return plain, traced

    def test_exit_codes_and_output(self):
        for name, code in (("exit3.py", 3), ("exit_str.py", 1), ("raise_se.py", 4), ("raises.py", 1),
                           ("kbint.py", -2), ("output.py", 0)):
            plain, _ = self.compare(name)
            self.assertEqual(plain.returncode, code, name)

    def test_exit_codes_recorded(self):
        for name, code in (("exit3.py", 3), ("exit_str.py", 1), ("raises.py", 1)):
            self.compare(name)
        codes = sorted(r.end.get("exit_code", 0) for r in self.runs().values())
        self.assertEqual(codes, [1, 1, 3])

    def test_sys_exit_looks_untouched(self):
        plain, _ = self.compare("exit_seen.py")
        self.assertEqual(plain.stdout, b"True builtin_function_or_method exit\n5 ['<module>']\n")
        self.assertEqual(self.single_run().end.get("exit_code"), 6)

    def test_traceback_identical(self):
        plain, traced = self.compare("raises.py")
        self.assertIn(b"RuntimeError: boom", plain.stderr)

    def test_threads(self):
        plain, _ = self.compare("threads.py")
        self.assertTrue(plain.stdout.startswith(b"1 ['MainThread']"))

    def test_current_frames_in_first_flush_interval(self):
        # until its first flush interval (0.1 s) the sender thread waits in C, with no Python frame
        plain, _ = self.compare("current_frames.py")
        self.assertEqual(plain.stdout, b"main 1\nchild 1\n")
        self.assertEqual(len(self.runs()), 2)

    def test_audit_hook_sees_no_frame_read_at_exit(self):
        self.write(".git/HEAD", "ref: refs/heads/main\n")
        self.write(".git/refs/heads/main", "0123456789abcdef0123456789abcdef01234567\n")
        plain, _ = self.compare("audit_exit.py")
        self.assertEqual(plain.stderr, b"")

    def test_audit_hook_sees_no_sleep_of_ours(self):
        plain, _ = self.compare("audit_sleep.py")
        self.assertEqual(plain.stdout, b"[(0.3,)]\n" if sys.version_info >= (3, 13) else b"[]\n")

    def test_audit_hook_sees_no_monitoring_change_at_exit(self):
        plain, _ = self.compare("audit_monitoring.py")
        self.assertEqual(plain.stderr, b"")

    def test_fork_child_is_its_own_run(self):
        plain, _ = self.compare("fork.py")
        self.assertEqual(plain.stdout, b"child 4950\nparent 7\n")
        runs = self.runs()
        self.assertEqual(len(runs), 2)
        parent = [r for r in runs.values() if not r.hello.get("parent_run_id")][0]
        child = [r for r in runs.values() if r.hello.get("parent_run_id")][0]
        self.assertEqual(child.hello["parent_run_id"], parent.run_id)
        self.assertNotEqual(child.hello["run"]["pid"], parent.hello["run"]["pid"])
        self.assertEqual(child.end["exit_code"], 7)
        self.assertEqual(child.end["end_reason"], "fork-child")
        self.assertEqual(child.count("CALL", "child_work"), 1)
        self.assertEqual(parent.count("CALL", "child_work"), 0)

    def _mp(self, method):
        plain, _ = self.compare("mp.py", args=(method,))
        self.assertEqual(plain.stdout, b"[0, 1, 4, 9, 16, 25]\nexitcode 0\n")
        runs = self.runs()
        main = [r for r in runs.values() if r.hello["run"].get("script", "").endswith("mp.py") and not r.hello.get("parent_run_id")]
        self.assertEqual(len(main), 1)
        children = [r for r in runs.values() if r.hello.get("parent_run_id") == main[0].run_id]
        # the Process child + the pool workers (spawn adds a resource tracker); a pool worker that
        # Pool.terminate() SIGTERMs in the instant after fork, before it has run anything, leaves no run
        self.assertGreaterEqual(len(children), 2)
        self.assertTrue(any(r.count("CALL", "square") == 1 and r.end is not None and r.end.get("exit_code", 0) == 0
                            for r in children), "the Process child's run, complete")
        # pool workers are SIGTERMed by Pool.terminate(): one killed before its handler could run
        # leaves a .partial spool without RunEnd (the daemon ingests those); the others end cleanly
        self.assertIsNotNone(main[0].end)
        self.assertGreaterEqual(sum(1 for r in children if r.end is not None), 1)
        self.assertGreaterEqual(sum(r.count("CALL", "square") for r in children), 1)

    def test_multiprocessing_fork(self):
        self._mp("fork")

    def test_multiprocessing_spawn(self):
        self._mp("spawn")

    def test_subprocess_child_links_parent(self):
        self.compare("sub.py")
        runs = self.runs()
        parent = [r for r in runs.values() if r.hello["run"].get("script", "").endswith("sub.py")][0]
        kids = [r for r in runs.values() if r.hello.get("parent_run_id") == parent.run_id]
        self.assertEqual(len(kids), 1)
        self.assertEqual(kids[0].hello["run"]["argv"][0], "-c")

    def test_signal_handlers_untouched(self):
        self.compare("getsig.py")

    def _sigterm_after_ready(self, name, source):
        """SIGTERM the script once it printed "ready": the exit status must be the untraced one and
        the run must be flushed with end_reason "signal"."""
        self.write(name, source)
        results = []
        for agent in (False, True):
            e = clean_env(self.home)
            if agent:
                e["PYTHONPATH"] = AGENT_DIR
            p = subprocess.Popen([self.python, name], cwd=self.project, env=e, stdout=subprocess.PIPE)
            self.assertEqual(p.stdout.readline(), b"ready\n")
            p.send_signal(signal.SIGTERM)
            try:
                results.append(p.wait(20))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                results.append("still running 20 s after SIGTERM")
            p.stdout.close()
        self.assertEqual(results, [-signal.SIGTERM, -signal.SIGTERM])
        run = self.single_run()
        self.assertEqual(run.end["end_reason"], "signal")
        self.assertEqual(run.end["exit_code"], -signal.SIGTERM)
        return run

    def test_sigterm_exit_status(self):
        self._sigterm_after_ready("sleep.py", 'import time\nprint("ready", flush=True)\ntime.sleep(30)\n')

    def test_sigterm_caught_by_another_thread(self):
        # The C handler trips in a thread that does not block SIGTERM while the main thread blocks
        # in a lock: no EINTR reaches the main thread, so the Python handler would never run (the
        # swallowed-SIGTERM race, made deterministic). Untraced the process dies of the signal;
        # traced, the sender thread must poke the main thread so that it does too.
        self._sigterm_after_ready("blocked.py", '''\
import signal, threading, time
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM])
ready = threading.Event()

def helper():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
    ready.set()
    time.sleep(60)

threading.Thread(target=helper, daemon=True).start()
ready.wait()
lock = threading.Lock()
lock.acquire()
print("ready", flush=True)
lock.acquire()
''')

    def test_pool_terminated_again_and_again(self):
        # Pool.terminate() SIGTERMs workers at any point of their start-up: none may hang
        self.write("pools.py", '''\
import multiprocessing as mp

def square(x):
    return x * x

if __name__ == "__main__":
    for method, n in (("fork", 12), ("spawn", 3)):
        for i in range(n):
            with mp.get_context(method).Pool(2) as pool:
                pool.map(square, range(3))
    print("ok")
''')
        traced = self.run_script("pools.py", agent=True)
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, b"ok\n", b""))
        self.assertEqual(self.agent_log(), "")

    def test_sigterm_inside_import_system(self):
        # a meta path finder runs under CPython's global import lock: the agent must not flush
        # there (a flush needing an import would deadlock) but once the import is over
        run = self._sigterm_after_ready("slow_finder.py", '''\
import sys, time

class SlowFinder(object):
    def find_spec(self, name, path=None, target=None):
        if name == "not_a_real_module":
            print("ready", flush=True)
            time.sleep(1.0)
        return None

sys.meta_path.insert(0, SlowFinder())
try:
    import not_a_real_module
except ImportError:
    pass
time.sleep(30)
''')
        self.assertGreaterEqual(run.total_calls("SlowFinder.find_spec"), 1)

class SiteChainTest(AgentTestCase):
    """The sitecustomize the agent's shadows still runs, once, however the agent's directory is named."""

    def test_next_sitecustomize_runs_once_even_through_a_symlinked_agent_dir(self):
        other = os.path.join(self.project, "other_site")
        os.mkdir(other)
        with open(os.path.join(other, "sitecustomize.py"), "w") as f:
            f.write("import builtins\nbuiltins.CHAINED = getattr(builtins, 'CHAINED', 0) + 1\n")
        link = os.path.join(self.project, "agent_link")
        os.symlink(AGENT_DIR, link)
        self.write("s.py", "print(CHAINED)\n")
        for path in (os.pathsep.join((AGENT_DIR, other)), os.pathsep.join((link, AGENT_DIR, other))):
            p = self.run_script("s.py", env={"PYTHONPATH": path})
            self.assertEqual((p.returncode, p.stdout), (0, b"1\n"), p.stderr)


class DebianPythonTest(AgentTestCase):
    python = "/usr/bin/python3"

    @unittest.skipUnless(os.path.exists("/usr/bin/python3"), "no system python")
    def test_chains_system_sitecustomize(self):
        self.write("s.py", 'import sys\nprint(sys.modules["sitecustomize"].__file__.endswith("python-agent/sitecustomize.py"))\n')
        p = self.run_script("s.py", env={"LABTRACE_DEBUG": "1"})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, b"True\n")
        self.assertEqual(len(self.runs()), 1)


if __name__ == "__main__":
    unittest.main()
