"""Delivery of encoded AgentMessages: live WebSocket with BatchAck tracking, or the spool file.

Frames not yet acknowledged are kept. If the daemon is down at start or the connection drops, the spool
gets Hello + every unacknowledged frame + everything later (the daemon dedups by (run_id, seq)).
"""
import os
import time

from ..config import DAEMON_PORT, DAEMON_TOKEN
from ..lifecycle.fds import open_file
from ..record import loadguard
from .encoder import encode_agent_message
from .spool import SpoolWriter


class _NoWebSocket(Exception):
    pass


WebSocketError = _NoWebSocket  # replaced by websocket.WebSocketError once that module is loaded
DecodeError = _NoWebSocket     # replaced with wiredecode's: both are loaded only with a daemon up
decode = None                  # (a run spooled at exit imports neither)

CONNECT_TIMEOUT = 0.2
ACK_TIMEOUT = 0.5
# The handshake runs in the sender thread, off the program's path: a daemon that is busy (just
# started, committing a backlog) gets time to answer rather than turning the whole run into a spool.
HELLO_TIMEOUT = 3.0


def read_daemon_address(home):
    with open_file(os.path.join(home, DAEMON_PORT)) as f:
        port = int(f.read().decode().strip())
    with open_file(os.path.join(home, DAEMON_TOKEN)) as f:
        token = f.read().decode().strip()
    return port, token


class Transport(object):
    def __init__(self, config, run_id, log):
        self.config = config
        self.run_id = run_id
        self.log = log
        self.ws = None
        self.spool = None
        self.hello = None
        self.unacked = []      # [(seq, bytes)] sent live, not yet acknowledged
        self.acked_seq = 0
        self.state = "init"    # init -> live | spool -> closed
        self.batches_spooled = 0
        self.reason = ""
        self.recv_timeout = 1.0  # a reply begun is read within this (bound(): the exit's)

    # -- setup -----------------------------------------------------------------------------------
    def start(self, hello_msg, spool_only=False):
        """hello_msg: Hello dict without token; connects or falls back to the spool.
        spool_only: a run that ended before the sender thread connected goes straight to the spool
        (no round trips at exit; the daemon's spool watcher picks it up)."""
        try:
            if spool_only:
                raise OSError("run ended before connecting")
            port, token = read_daemon_address(self.config.home)
        except (OSError, ValueError) as e:
            port, token = None, ""
            self.reason = "no daemon address: %s" % e.__class__.__name__
        live_hello = dict(hello_msg, token=token)
        self.hello = encode_agent_message("hello", dict(hello_msg))  # spool copy: no token
        if port is not None:
            global WebSocketError, DecodeError, decode
            loadguard.load("labtrace_agent.transport.websocket")  # (code read at start-up: no file opened now)
            loadguard.load("labtrace_agent.transport.wiredecode")
            from .websocket import WebSocketClient, WebSocketError  # loaded only with a daemon up
            from .wiredecode import decode, DecodeError
            try:
                self.ws = WebSocketClient.connect("127.0.0.1", port, "/agent", token, timeout=CONNECT_TIMEOUT)
                self.ws.settimeout(HELLO_TIMEOUT)
                self.ws.send_binary(encode_agent_message("hello", live_hello))
                reply = decode("DaemonMessage", self.ws.recv_message())
                self.ws.settimeout(ACK_TIMEOUT)
                if "ack" not in reply:
                    raise WebSocketError("daemon refused hello: %r" % (reply.get("error"),))
                self.acked_seq = reply["ack"].get("committed_seq", 0)
                self.state = "live"
                return
            except (OSError, WebSocketError, DecodeError, ValueError) as e:
                self.reason = "connect failed: %s %s" % (e.__class__.__name__, e)
                self._drop_ws()
        self._go_spool()

    # -- sending ---------------------------------------------------------------------------------
    def send(self, seq, data):
        if self.state == "live":
            try:
                self.ws.send_binary(data)
                self.unacked.append((seq, data))
                self.poll_acks(0)
                return
            except (OSError, WebSocketError, DecodeError, ValueError) as e:
                self.reason = "connection lost: %s %s" % (e.__class__.__name__, e)
                self.unacked.append((seq, data))
                self._drop_ws()
                self._go_spool()
                return
        if self.state == "spool":
            self.spool.write(data)
            self.batches_spooled += 1

    def poll_acks(self, wait):
        """Read daemon replies available within `wait` seconds; drop acknowledged frames."""
        if self.state != "live":
            return
        deadline = time.monotonic() + wait
        while True:
            remaining = max(0.0, deadline - time.monotonic())
            if not self.ws.readable(remaining):
                return
            self.ws.settimeout(self.recv_timeout)
            reply = decode("DaemonMessage", self.ws.recv_message())
            if "batch_ack" in reply:
                self.acked_seq = max(self.acked_seq, reply["batch_ack"].get("seq", 0))
                self.unacked = [(s, d) for s, d in self.unacked if s > self.acked_seq]
            elif "error" in reply:
                raise WebSocketError("daemon error %r" % (reply["error"],))
            if not self.unacked:
                return

    def bound(self, limit):
        """From here on (the exit) no send or read on the socket waits longer than `limit` seconds."""
        self.recv_timeout = limit
        if self.ws is not None:
            self.ws.settimeout(limit)

    def wait_for(self, seq, limit):
        """Wait (bounded) until seq is acknowledged; else everything unacked goes to the spool: frames the
        daemon received live as well are stored once (it skips a (run_id, seq) it has committed)."""
        if self.state != "live":
            return self.state == "spool"
        deadline = time.monotonic() + limit
        try:
            while self.acked_seq < seq:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("no BatchAck for seq %d" % seq)
                self.poll_acks(remaining)
            self.ws.close(1000, "run ended")
            self.ws = None
            self.state = "closed"
            return True
        except (OSError, WebSocketError, DecodeError, ValueError) as e:
            self.reason = "final ack: %s %s" % (e.__class__.__name__, e)
            self._drop_ws()
            self._go_spool()
            return False

    def release(self):
        """Between two flushes: the spool file is closed (reopened by the next write)."""
        if self.spool is not None:
            self.spool.release()

    def drop_connection(self):
        """The agent was switched off: close the socket, leave the spool file (a .partial file)."""
        self._drop_ws()
        self.state = "closed"

    def _drop_ws(self):
        if self.ws is not None:
            try:
                self.ws.close(1000, "")
            except Exception:
                pass
            self.ws = None

    def _go_spool(self):
        self.state = "spool"
        self.spool = SpoolWriter(self.config.spool_dir, self.run_id, os.getpid())
        self.spool.write_many([self.hello] + [data for _seq, data in self.unacked])
        self.batches_spooled += len(self.unacked)
        self.unacked = []

    def finish(self):
        if self.spool is not None:
            self.spool.close()
            self.spool = None
        self._drop_ws()
        self.state = "closed"

    def abandon(self):
        """Fork child: never touch the parent's socket or spool file."""
        if self.ws is not None:
            self.ws.abandon()
            self.ws = None
        if self.spool is not None:
            self.spool.abandon()
            self.spool = None
        self.state = "closed"
