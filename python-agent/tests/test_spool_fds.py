"""A program that closes every descriptor while the sender thread writes its spool file (CPython 3.8's
test_subprocess: a fork child's close_fds) must not switch the agent off, nor see a byte of ours in a
file it opens under our old number: the spool file is reopened and nothing is lost (issue 8). On the
previous agent the write failed with `OSError: [Errno 9] Bad file descriptor` (agent switched off)."""
import errno
import os
import shutil
import tempfile
import unittest

from tests.support import AgentTestCase, read_spool
from labtrace_agent.transport.encoder import encode_agent_message
from labtrace_agent.transport.spool import SpoolWriter

CLOSER = '''\
import os, threading, time
time.sleep(0.5)  # the sender thread connected: its modules are imported (an import reads files too)
stop = time.monotonic() + 3
def work(i):
    return i
def closer():
    while time.monotonic() < stop:
        os.closerange(3, 1024)
        time.sleep(0.005)
t = threading.Thread(target=closer)
t.start()
while time.monotonic() < stop:
    for i in range(300):
        work(i)
t.join()
print("done")
'''


class SpoolFdsTest(AgentTestCase):
    def test_program_closing_every_descriptor_during_writes(self):
        self.write("closer.py", CLOSER)
        plain = self.run_script("closer.py", agent=False)
        self.assertEqual((plain.returncode, plain.stdout), (0, b"done\n"), plain.stderr)
        traced = self.run_script("closer.py")
        self.assertEqual((traced.returncode, traced.stdout, traced.stderr), (0, plain.stdout, plain.stderr))
        self.assertEqual(self.agent_log(), "")
        run = self.single_run()
        self.assertIsNotNone(run.end)
        self.assertEqual([b["seq"] for b in run.batches], list(range(1, len(run.batches) + 1)))
        self.assertGreater(run.total_calls("work"), 0)


class SpoolWriterClosedUnderItTest(unittest.TestCase):
    """The same, deterministic: the program closes our descriptor, and a file of its own takes the
    number (the e2e test above hits the window in about 1 run in 3 on the previous agent)."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="labtrace-spool-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def _msg(self, seq):
        return encode_agent_message("end", {"seq": seq, "exit_code": 0})

    def test_number_reused_by_the_program(self):
        w = SpoolWriter(self.tmp, "r1", os.getpid())
        w.write(self._msg(1))
        os.close(w.fd)  # the program's closerange, then a file of its own under our number
        tmp = os.open(os.path.join(self.tmp, "theirs.txt"), os.O_WRONLY | os.O_CREAT, 0o600)
        theirs = os.dup2(tmp, w.fd) if tmp != w.fd else tmp
        if tmp != theirs:
            os.close(tmp)
        w.write(self._msg(2))
        w.release()
        os.write(theirs, b"x")  # still open: release() closed our file, not theirs
        os.close(theirs)
        self.assertEqual(os.path.getsize(os.path.join(self.tmp, "theirs.txt")), 1)
        w.close()
        self.assertEqual([m["end"]["seq"] for m in read_spool(w.final_path)], [1, 2])

    def test_closed_number(self):
        w = SpoolWriter(self.tmp, "r2", os.getpid())
        os.close(w.fd)
        w.write(self._msg(1))  # was OSError: [Errno 9] Bad file descriptor
        w.close()
        self.assertEqual([m["end"]["seq"] for m in read_spool(w.final_path)], [1])

    def test_a_write_that_keeps_losing_waits_for_the_next_one_in_order(self):
        # The CI's failure (run.end None, nothing in agent.log): the program closed our descriptor
        # faster than we could reopen and write, 64 times in a row, and the sender thread switched the
        # agent off. Now the rest of that write waits for the next write or close().
        w = SpoolWriter(self.tmp, "r3", os.getpid())
        w.write(self._msg(1))
        real_open = w._open

        def closed_again(flags):
            raise OSError(errno.EBADF, "spool file closed under us")

        w._open = closed_again
        os.close(w.fd)
        w.write(self._msg(2))  # was: OSError after ~60 ms of tries
        self.assertTrue(w.pending)
        w._open = real_open
        w.write(self._msg(3))  # 2 first, then 3
        self.assertFalse(w.pending)
        w._open = closed_again
        w.release()
        w.write(self._msg(4))  # lost again: close() places it
        w._open = real_open
        w.close()
        self.assertEqual([m["end"]["seq"] for m in read_spool(w.final_path)], [1, 2, 3, 4])
