import socket
import threading
import unittest

from tests.support import FakeDaemon, server_frame, read_client_frame
from labtrace_agent.transport.websocket import (WebSocketClient, WebSocketError, ConnectionClosed, build_frame,
                                      mask_payload, accept_key)
from labtrace_agent.transport.encoder import encode
from labtrace_agent.transport.wiredecode import decode


class OneShotServer(object):
    """Accepts one connection and runs script(conn, buf) after a correct handshake."""

    def __init__(self, script, status=b"101 Switching Protocols", bad_accept=False):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.port = self.sock.getsockname()[1]
        self.request = None
        self.result = {}
        self.error = None

        def run():
            conn, _ = self.sock.accept()
            try:
                data = b""
                while b"\r\n\r\n" not in data:
                    data += conn.recv(4096)
                head, rest = data.split(b"\r\n\r\n", 1)
                self.request = head.decode("latin-1")
                key = [ln.split(":", 1)[1].strip() for ln in self.request.split("\r\n")
                       if ln.lower().startswith("sec-websocket-key:")][0]
                acc = "bogus" if bad_accept else accept_key(key)
                conn.sendall(b"HTTP/1.1 " + status + b"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             b"Sec-WebSocket-Accept: " + acc.encode() + b"\r\n\r\n")
                script(conn, [rest], self.result)
            except Exception as e:  # pragma: no cover - surfaced by the test
                self.error = e
            finally:
                conn.close()
                self.sock.close()
        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()


class FrameTest(unittest.TestCase):
    def test_mask_and_lengths(self):
        mask = b"\x01\x02\x03\x04"
        self.assertEqual(mask_payload(mask, b"\x00\x00\x00\x00\x00"), b"\x01\x02\x03\x04\x01")
        f = build_frame(2, b"abc", mask=mask)
        self.assertEqual(f[:2], b"\x82\x83")
        self.assertEqual(f[2:6], mask)
        self.assertEqual(mask_payload(mask, f[6:]), b"abc")
        self.assertEqual(build_frame(2, b"x" * 200, mask=mask)[1:4], b"\xfe\x00\xc8")
        self.assertEqual(build_frame(2, b"x" * 70000, mask=mask)[1:10], b"\xff" + (70000).to_bytes(8, "big"))

    def test_accept_key_rfc_example(self):
        self.assertEqual(accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")


class ClientTest(unittest.TestCase):
    def test_handshake_masking_fragments_ping_close(self):
        def script(conn, buf, result):
            fin, op, payload, masked = read_client_frame(conn, buf)
            result["first"] = (fin, op, payload, masked)
            big = b"y" * 70000
            _fin, _op, payload, masked = read_client_frame(conn, buf)
            result["big"] = (payload == big, masked)
            conn.sendall(server_frame(9, b"hi"))                 # ping -> pong expected
            conn.sendall(server_frame(2, b"part1-", fin=False))  # fragmented message
            conn.sendall(server_frame(0, b"part2", fin=True))
            fin, op, payload, masked = read_client_frame(conn, buf)
            result["pong"] = (op, payload, masked)
            conn.sendall(server_frame(8, (4001).to_bytes(2, "big") + b"bad token"))
            fin, op, payload, masked = read_client_frame(conn, buf)
            result["close_echo"] = (op, payload)

        srv = OneShotServer(script)
        ws = WebSocketClient.connect("127.0.0.1", srv.port, "/agent", "TOKEN123", timeout=2)
        ws.settimeout(5)
        ws.send_binary(b"hello")
        ws.send_binary(b"y" * 70000)
        self.assertEqual(ws.recv_message(), b"part1-part2")
        with self.assertRaises(ConnectionClosed) as cm:
            ws.recv_message()
        self.assertEqual(cm.exception.code, 4001)
        self.assertEqual(cm.exception.reason, "bad token")
        ws.close()
        srv.thread.join(5)
        self.assertIsNone(srv.error)
        self.assertIn("GET /agent HTTP/1.1", srv.request)
        self.assertIn("Authorization: Bearer TOKEN123", srv.request)
        self.assertEqual(srv.result["first"], (True, 2, b"hello", True))
        self.assertEqual(srv.result["big"], (True, True))
        self.assertEqual(srv.result["pong"], (10, b"hi", True))
        self.assertEqual(srv.result["close_echo"][0], 8)

    def test_refused_handshake(self):
        srv = OneShotServer(lambda c, b, r: None, status=b"401 Unauthorized")
        with self.assertRaises(WebSocketError):
            WebSocketClient.connect("127.0.0.1", srv.port, "/agent", "x", timeout=2)

    def test_bad_accept(self):
        srv = OneShotServer(lambda c, b, r: None, bad_accept=True)
        with self.assertRaises(WebSocketError):
            WebSocketClient.connect("127.0.0.1", srv.port, "/agent", "x", timeout=2)

    def test_fake_daemon_conversation(self):
        d = FakeDaemon(token="abc")
        try:
            ws = WebSocketClient.connect("127.0.0.1", d.port, "/agent", "abc", timeout=2)
            ws.settimeout(5)
            ws.send_binary(encode("AgentMessage", {"hello": {"protocol_version": 1, "run_id": "r1"}}))
            self.assertEqual(decode("DaemonMessage", ws.recv_message()), {"ack": {"protocol_version": 1, "run_id": "r1"}})
            ws.send_binary(encode("AgentMessage", {"batch": {"seq": 1}}))
            self.assertEqual(decode("DaemonMessage", ws.recv_message()), {"batch_ack": {"seq": 1}})
            ws.close()
        finally:
            d.close()
        self.assertEqual(d.unmasked, 0)


if __name__ == "__main__":
    unittest.main()
