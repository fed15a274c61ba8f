"""Live delivery to a fake daemon, and the spool fallback's exactly-once bookkeeping."""
import os
import unittest

from tests.support import AgentTestCase, FakeDaemon, Run, spool_runs
from labtrace_agent.config import Config
from labtrace_agent.transport.encoder import encode_agent_message
from labtrace_agent.transport.transport import Transport

SCRIPT = '''\
def f(i):
    return i * 2

for i in range(5):
    f(i)
print("ok")
'''


class LiveTest(AgentTestCase):
    def test_live_run_no_spool(self):
        d = FakeDaemon()
        self.addCleanup(d.close)
        d.write_home(self.home)
        # runs long enough for the sender thread to connect (shorter runs go straight to the spool)
        self.write("s.py", "import time\ntime.sleep(0.4)\n" + SCRIPT)
        p = self.run_script("s.py")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, b"ok\n", b""))
        self.assertEqual(d.unmasked, 0)
        self.assertTrue(d.requests[0].startswith(b"GET /agent HTTP/1.1"))
        hello = d.messages[0]["hello"]
        self.assertEqual(hello["token"], d.token)
        run = Run(d.messages)
        self.assertEqual(run.count("CALL", "f"), 5)
        self.assertEqual(run.end["seq"], len(run.batches) + 1)
        self.assertEqual(run.end.get("batches_spooled", 0), 0)
        # The exit waits 5 ms at most for the daemon's acks (agent.EXIT_WAIT): on a loaded machine this
        # in-process fake daemon can be later, and the unacknowledged tail is spooled as well (a daemon
        # stores each (run, seq) once). Nothing but copies of frames it received live.
        for spooled in spool_runs(self.home).values():
            self.assertEqual(spooled.run_id, run.run_id)
            self.assertLessEqual(set(b["seq"] for b in spooled.batches), set(b["seq"] for b in run.batches))
            self.assertEqual(spooled.end, run.end)

    def test_short_run_spools_without_connecting(self):
        d = FakeDaemon()
        self.addCleanup(d.close)
        d.write_home(self.home)
        self.write("s.py", SCRIPT)
        p = self.run_script("s.py")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, b"ok\n", b""))
        if d.messages:  # a very slow machine: the sender connected before the script ended
            run = Run(d.messages)
        else:
            run = self.single_run()
        self.assertEqual(run.count("CALL", "f"), 5)
        self.assertIsNotNone(run.end)

    def test_wrong_token_spools(self):
        d = FakeDaemon()
        self.addCleanup(d.close)
        d.write_home(self.home)
        with open(os.path.join(self.home, "token"), "w") as f:
            f.write("nope\n")
        self.write("s.py", SCRIPT)
        p = self.run_script("s.py")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, b"ok\n", b""))
        run = self.single_run()
        self.assertEqual(run.count("CALL", "f"), 5)

    def test_connection_dropped_mid_run(self):
        # the daemon acks the first batch, then the connection drops: everything else goes to the spool
        d = FakeDaemon(ack_batches=1, drop_after=3)
        self.addCleanup(d.close)
        d.write_home(self.home)
        self.write("s.py", "import time\n" + SCRIPT.replace('print("ok")', 'time.sleep(0.35)\nf(1)\ntime.sleep(0.35)\nprint("ok")'))
        p = self.run_script("s.py")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, b"ok\n", b""))
        live = d.messages
        runs = spool_runs(self.home)
        self.assertEqual(len(runs), 1)
        spooled = list(runs.values())[0]
        live_seqs = [m["batch"]["seq"] for m in live if "batch" in m]
        spool_seqs = [m["batch"]["seq"] for m in spooled.messages if "batch" in m]
        self.assertTrue(live_seqs)
        # together they cover every seq; nothing acknowledged is re-spooled, nothing lost
        self.assertEqual(sorted(set(live_seqs) | set(spool_seqs)), list(range(1, spooled.end["seq"])))
        self.assertNotIn(1, spool_seqs)
        self.assertIn("hello", spooled.messages[0])


class FakeConfig(Config):
    pass


class SpoolBookkeepingTest(AgentTestCase):
    """Transport state machine driven directly (no subprocess)."""

    def make(self, daemon):
        cfg = Config({"LABTRACE_HOME": self.home})
        tr = Transport(cfg, "r" * 32, lambda *a, **k: None)
        if daemon is not None:
            daemon.write_home(self.home)
        tr.start({"protocol_version": 1, "run_id": "r" * 32})
        return tr

    def test_unacked_frames_respooled_once(self):
        d = FakeDaemon(ack_batches=2)
        self.addCleanup(d.close)
        tr = self.make(d)
        self.assertEqual(tr.state, "live")
        for seq in range(1, 5):
            tr.send(seq, encode_agent_message("batch", {"seq": seq}))
        tr.poll_acks(0.5)
        self.assertEqual(tr.acked_seq, 2)
        self.assertEqual([s for s, _ in tr.unacked], [3, 4])
        tr.send(5, encode_agent_message("end", {"seq": 5}))
        self.assertFalse(tr.wait_for(5, 0.3))  # never acked -> spool
        self.assertEqual(tr.state, "spool")
        tr.finish()
        run = list(spool_runs(self.home).values())[0]
        self.assertEqual([m["batch"]["seq"] for m in run.messages if "batch" in m], [3, 4])
        self.assertEqual(run.end["seq"], 5)
        files = os.listdir(os.path.join(self.home, "spool"))
        self.assertEqual(len(files), 1)
        self.assertTrue(files[0].endswith(".spool"))
        self.assertEqual(os.stat(os.path.join(self.home, "spool")).st_mode & 0o777, 0o700)

    def test_daemon_down(self):
        tr = self.make(None)
        self.assertEqual(tr.state, "spool")
        tr.send(1, encode_agent_message("batch", {"seq": 1}))
        self.assertTrue(any(f.endswith(".partial") for f in os.listdir(os.path.join(self.home, "spool"))))
        tr.finish()
        run = list(spool_runs(self.home).values())[0]
        self.assertEqual(run.batches[0]["seq"], 1)


if __name__ == "__main__":
    unittest.main()
