"""Tiny protobuf decoder (inverse of encoder.py): used for the daemon's replies and by tests."""
from .float64 import unpack_double
from .schema import MESSAGES


class DecodeError(ValueError):
    pass



def read_varint(buf, pos):
    result = 0
    shift = 0
    n = len(buf)
    while True:
        if pos >= n:
            raise DecodeError("truncated varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise DecodeError("varint too long")


def _unzig(v):
    return (v >> 1) ^ -(v & 1)


def _signed(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def _scalar(typ, v):
    if typ in ("sint64", "sint32"):
        return _unzig(v)
    if typ == "bool":
        return bool(v)
    if typ == "int32":
        return _signed(v, 32)
    if typ == "uint32":
        return v & 0xFFFFFFFF
    return v


def decode(name, buf):
    """Decode bytes as message type name into a dict (absent fields absent; repeated -> lists)."""
    fields = {f[0]: f for f in MESSAGES[name]}
    msg = {}
    pos = 0
    buf = memoryview(buf).tobytes() if not isinstance(buf, (bytes, bytearray)) else buf
    n = len(buf)
    while pos < n:
        key, pos = read_varint(buf, pos)
        fno, wire = key >> 3, key & 7
        if wire == 0:
            val, pos = read_varint(buf, pos)
        elif wire == 2:
            ln, pos = read_varint(buf, pos)
            if pos + ln > n:
                raise DecodeError("truncated field")
            val = buf[pos:pos + ln]
            pos += ln
        elif wire == 1:
            val = buf[pos:pos + 8]
            pos += 8
        elif wire == 5:
            val = buf[pos:pos + 4]
            pos += 4
        else:
            raise DecodeError("bad wire type %d" % wire)
        spec = fields.get(fno)
        if spec is None:
            continue
        _, fname, typ, repeated, oneof = spec
        if typ in MESSAGES:
            if wire != 2:
                raise DecodeError("expected message")
            sub = decode(typ, val)
            if repeated:
                msg.setdefault(fname, []).append(sub)
            else:
                if oneof:
                    for f in MESSAGES[name]:
                        if f[4] == oneof:
                            msg.pop(f[1], None)
                msg[fname] = sub
        elif typ == "string":
            s = val.decode("utf-8", "surrogatepass")
            if repeated:
                msg.setdefault(fname, []).append(s)
            else:
                msg[fname] = s
        elif typ == "bytes":
            if repeated:
                msg.setdefault(fname, []).append(bytes(val))
            else:
                msg[fname] = bytes(val)
        elif typ == "double":
            msg[fname] = unpack_double(val)
        else:
            if repeated:
                lst = msg.setdefault(fname, [])
                if wire == 2:
                    p = 0
                    while p < len(val):
                        v, p = read_varint(val, p)
                        lst.append(_scalar(typ, v))
                else:
                    lst.append(_scalar(typ, val))
            else:
                msg[fname] = _scalar(typ, val)
    return msg


def iter_delimited(data):
    """Yield the payloads of a varint-length-delimited stream (spool file format)."""
    pos = 0
    n = len(data)
    while pos < n:
        ln, pos = read_varint(data, pos)
        if pos + ln > n:
            raise DecodeError("truncated record")
        yield data[pos:pos + ln]
        pos += ln
