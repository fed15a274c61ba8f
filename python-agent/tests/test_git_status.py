"""The git dirty flag: read by the agent when `git status` is done in time; a run that ends first
does not wait for git and leaves its output (RUNID-GITPID.gitstatus) to the daemon."""
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
        name = os.path.basename(files[0])
        self.assertRegex(name, r"^%s-\d+\.gitstatus$" % run.run_id)
        pid = int(name.split("-")[1].split(".")[0])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and _running(pid):
            time.sleep(0.05)
        with open(files[0], "rb") as f:
            self.assertIn(b"train.py", f.read())  # what the daemon will read: the tree is dirty


def _running(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
        return stat[stat.rindex(")") + 2] != "Z"
    except OSError:
        return False


if __name__ == "__main__":
    unittest.main()
