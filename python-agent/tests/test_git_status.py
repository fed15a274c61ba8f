"""The git dirty flag: read by the agent when `git status` is done in time; a run that ends first
does not wait for git and leaves its output (RUNID.gitstatus.part, renamed RUNID.gitstatus when git
is done) to the daemon. git is never the program's child."""
import glob
import os
import shutil
import subprocess
import time
import unittest

from tests.support import AgentTestCase

GIT = shutil.which("git")
SLOW_GIT_S = 4  # the fake git answers this late; a run that waited for it takes longer (loaded CI: margin)


def environment(run):
    envs = [b["environment"] for b in run.batches if b.get("environment")]
    return envs[0] if envs else {}


@unittest.skipUnless(GIT, "git is not installed")
class GitStatusTest(AgentTestCase):
    def setUp(self):
        super(GitStatusTest, self).setUp()
        self.write("train.py", "import time\ntime.sleep(float(__import__('sys').argv[1]))\nprint('trained')\n")
        for args in (["init", "-q"], ["add", "train.py"],
                     ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first"]):
            subprocess.check_call([GIT] + args, cwd=self.project)

    def edit(self):
        with open(os.path.join(self.project, "train.py"), "a") as f:
            f.write("# tuned\n")

    def status_files(self):
        return glob.glob(os.path.join(self.home, "gitstatus", "*.gitstatus*"))

    def test_dirty_read_by_the_agent_when_git_is_done_in_time(self):
        self.edit()
        p = self.run_script("train.py", args=["0.5"])
        self.assertEqual((p.returncode, p.stdout), (0, b"trained\n"), p.stderr)
        git = environment(self.single_run())["git"]
        self.assertTrue(git["dirty"])
        self.assertFalse(git.get("dirty_pending", False))
        self.assertEqual(self.status_files(), [])

    def test_clean_tree(self):
        p = self.run_script("train.py", args=["0.5"])
        self.assertEqual(p.returncode, 0, p.stderr)
        git = environment(self.single_run())["git"]
        self.assertFalse(git.get("dirty", False))
        self.assertTrue(git["commit"])
        self.assertEqual(self.status_files(), [])

    def test_short_run_leaves_a_slow_git_to_the_daemon(self):
        self.check_slow_git_left_to_the_daemon("0")

    def test_flushes_do_not_wait_for_git(self):
        """A run past the first flush (0.1 s) but shorter than git: no flush blocks on git either."""
        self.check_slow_git_left_to_the_daemon("0.4")

    def check_slow_git_left_to_the_daemon(self, seconds):
        self.edit()
        slow = os.path.join(self.tmp, "slowbin")
        os.makedirs(slow)
        with open(os.path.join(slow, "git"), "w") as f:
            f.write("#!/bin/sh\nsleep %d\nexec %s \"$@\"\n" % (SLOW_GIT_S, GIT))
        os.chmod(os.path.join(slow, "git"), 0o755)
        t0 = time.monotonic()
        p = self.run_script("train.py", args=[seconds], env={"PATH": slow + os.pathsep + os.environ.get("PATH", "")})
        elapsed = time.monotonic() - t0
        self.assertEqual((p.returncode, p.stdout), (0, b"trained\n"), p.stderr)
        self.assertLess(elapsed, SLOW_GIT_S - 0.5, "the run waited for git status")
        run = self.single_run()
        git = environment(run)["git"]
        self.assertTrue(git["dirty_pending"])
        self.assertFalse(git.get("dirty", False))
        files = self.status_files()
        self.assertEqual(len(files), 1, files)
        self.assertEqual(os.path.basename(files[0]), "%s.gitstatus.part" % run.run_id)  # git still running
        done = os.path.join(self.home, "gitstatus", "%s.gitstatus" % run.run_id)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not os.path.exists(done):
            time.sleep(0.05)
        with open(done, "rb") as f:
            self.assertIn(b"train.py", f.read())  # what the daemon will read: the tree is dirty
        self.assertEqual(self.status_files(), [done])
        self.assertEqual(os.stat(done).st_mode & 0o777, 0o600)

    def test_git_is_never_the_programs_child(self):
        """A program that waits for any child at start gets none traced either (it used to reap the
        agent's git: CPython's regrtest said 'reaped child process' after test_raise, test_frame...)."""
        self.edit()
        self.write("waits.py", "import os\ntry:\n    print(os.wait())\nexcept ChildProcessError:\n    print('no child')\n")
        p = self.run_script("waits.py")
        self.assertEqual((p.returncode, p.stdout), (0, b"no child\n"), p.stderr)
        git = environment(self.single_run())["git"]
        self.assertTrue(git.get("dirty") or git.get("dirty_pending"), git)  # git did run

    def test_start_does_not_wait_for_the_sh_that_backgrounds_git(self):
        """The sh's exec, fork and exit (1-4 ms, more under load) overlap the agent's own start: it is
        spawned as soon as the run id is known and reaped only at the end of start(), still before
        the program runs (the test above)."""
        from labtrace_agent.record.environment import reap_git_starter, start_git_status
        handle = start_git_status(self.project, os.path.join(self.home, "gitstatus"), "r1")
        pid = handle.get("starter")
        self.assertIsNotNone(pid, "the sh was reaped inside start_git_status")
        reap_git_starter(handle)
        self.assertNotIn("starter", handle)
        with self.assertRaises(ChildProcessError):  # reaped, by reap_git_starter alone
            os.waitpid(pid, os.WNOHANG)
        reap_git_starter(handle)  # twice: nothing to do

    def test_agent_reaps_the_sh_even_when_its_start_fails(self):
        self.edit()
        self.write("waits.py", "import os\ntry:\n    print(os.wait())\nexcept ChildProcessError:\n    print('no child')\n")
        p = self.run_script("waits.py", env={"LABTRACE_TEST_FAIL": "start"})
        self.assertEqual((p.returncode, p.stdout), (0, b"no child\n"), p.stderr)


if __name__ == "__main__":
    unittest.main()
