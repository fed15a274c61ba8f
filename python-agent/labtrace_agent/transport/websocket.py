"""Minimal RFC 6455 WebSocket client over a stdlib socket: client-masked binary frames, handshake
with a bearer token, fragmented/ping/close frames from the server handled."""
import binascii
import os
import select
import _socket  # not `socket`: socket.py imports enum & co (milliseconds at start-up)

from ..lifecycle.fds import move_high

try:
    from _sha1 import sha1
except ImportError:  # pragma: no cover
    from hashlib import sha1

timeout = _socket.timeout

_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0, 1, 2, 8, 9, 10
MAX_MESSAGE = 16 << 20


class WebSocketError(Exception):
    pass


class ConnectionClosed(WebSocketError):
    def __init__(self, code=1005, reason=""):
        WebSocketError.__init__(self, "closed %d %s" % (code, reason))
        self.code = code
        self.reason = reason


def mask_payload(mask, data):
    if not data:
        return b""
    n = len(data)
    m = (mask * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "little") ^ int.from_bytes(m, "little")).to_bytes(n, "little")


def build_frame(opcode, payload, fin=True, mask=None):
    """One client frame (always masked, as RFC 6455 requires of clients)."""
    if mask is None:
        mask = os.urandom(4)
    n = len(payload)
    head = bytearray([(0x80 if fin else 0) | opcode])
    if n < 126:
        head.append(0x80 | n)
    elif n < 65536:
        head.append(0x80 | 126)
        head += n.to_bytes(2, "big")
    else:
        head.append(0x80 | 127)
        head += n.to_bytes(8, "big")
    head += mask
    return bytes(head) + mask_payload(mask, payload)


def b64(data):
    return binascii.b2a_base64(data).strip().decode("ascii")


def accept_key(key):
    return b64(sha1(key.encode("ascii") + _GUID).digest())


def create_connection(host, port, timeout):
    sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    try:
        # kept high and close-on-exec, as the agent's other descriptors (fds.py)
        sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM, 0, move_high(sock.detach()))
        sock.settimeout(timeout)
        sock.connect((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


class WebSocketClient(object):
    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.closed = False
        self._frag = None

    @classmethod
    def connect(cls, host, port, path, token, timeout=0.2):
        sock = create_connection(host, port, timeout)
        try:
            sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
            key = b64(os.urandom(16))
            req = ("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
                   "Authorization: Bearer %s\r\n\r\n") % (path, host, port, key, token)
            sock.sendall(req.encode("latin-1"))
            client = cls(sock)
            head = client._read_http_head()
            lines = head.split(b"\r\n")
            status = lines[0].split(None, 2)
            if len(status) < 2 or status[1] != b"101":
                raise WebSocketError("handshake refused: %s" % lines[0].decode("latin-1", "replace"))
            headers = {}
            for ln in lines[1:]:
                if b":" in ln:
                    k, v = ln.split(b":", 1)
                    headers[k.strip().lower()] = v.strip()
            if headers.get(b"sec-websocket-accept", b"").decode("latin-1") != accept_key(key):
                raise WebSocketError("bad Sec-WebSocket-Accept")
            return client
        except BaseException:
            sock.close()
            raise

    def _read_http_head(self):
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise WebSocketError("connection closed during handshake")
            self.buf += chunk
            if len(self.buf) > 65536:
                raise WebSocketError("handshake response too large")
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        return head

    def settimeout(self, t):
        self.sock.settimeout(t)

    def readable(self, wait):
        if self.buf:
            return True
        r, _, _ = select.select([self.sock], [], [], wait)
        return bool(r)

    def send_binary(self, payload):
        self._send(OP_BINARY, payload)

    def _send(self, opcode, payload):
        if self.closed:
            raise ConnectionClosed()
        self.sock.sendall(build_frame(opcode, payload))

    def _recv_exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buf)))
            if not chunk:
                self.closed = True
                raise ConnectionClosed(1006, "eof")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def recv_message(self):
        """Next complete data message (bytes); raises socket.timeout / ConnectionClosed."""
        while True:
            b0, b1 = self._recv_exact(2)
            fin, opcode = b0 & 0x80, b0 & 0x0F
            n = b1 & 0x7F
            if n == 126:
                n = int.from_bytes(self._recv_exact(2), "big")
            elif n == 127:
                n = int.from_bytes(self._recv_exact(8), "big")
            if n > MAX_MESSAGE:
                raise WebSocketError("frame too large")
            mask = self._recv_exact(4) if b1 & 0x80 else None
            payload = self._recv_exact(n) if n else b""
            if mask:
                payload = mask_payload(mask, payload)
            if opcode == OP_CLOSE:
                code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
                reason = payload[2:].decode("utf-8", "replace")
                if not self.closed:
                    try:
                        self.sock.sendall(build_frame(OP_CLOSE, payload[:2]))
                    except OSError:
                        pass
                self.closed = True
                raise ConnectionClosed(code, reason)
            if opcode == OP_PING:
                try:
                    self._send(OP_PONG, payload)
                except OSError:
                    pass
                continue
            if opcode == OP_PONG:
                continue
            if opcode in (OP_TEXT, OP_BINARY):
                if fin:
                    return payload
                self._frag = [payload]
                continue
            if opcode == OP_CONT and self._frag is not None:
                self._frag.append(payload)
                if fin:
                    data = b"".join(self._frag)
                    self._frag = None
                    return data
                continue
            raise WebSocketError("unexpected opcode %d" % opcode)

    def close(self, code=1000, reason=""):
        if not self.closed:
            self.closed = True
            try:
                self.sock.sendall(build_frame(OP_CLOSE, code.to_bytes(2, "big") + reason.encode("utf-8")))
            except OSError:
                pass
        try:
            self.sock.close()
        except OSError:
            pass

    def abandon(self):
        """Forget the socket without a close handshake (fork child: the connection is the parent's)."""
        self.closed = True
        self.sock = None
