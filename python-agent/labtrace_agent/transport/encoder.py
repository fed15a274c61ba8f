"""Hand-written protobuf (proto3) encoder, byte-compatible with protobufjs.

Messages are plain dicts keyed by the snake_case field names of schema.MESSAGES. Rules (as protobufjs):
fields in field-number order; proto3 defaults (0, "", False, empty list, None) omitted; repeated scalars
packed; message fields (and oneof members) written whenever present, even if empty.
"""
from .float64 import pack_double
from .schema import MESSAGES

_MASK64 = (1 << 64) - 1
_VARINT_TYPES = ("uint32", "uint64", "int32", "enum", "bool")


def put_varint(out, v):
    """Append the base-128 varint of non-negative v (negative values: two's complement, 64 bits)."""
    if v < 0:
        v &= _MASK64
    while v > 0x7F:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)


def varint(v):
    out = bytearray()
    put_varint(out, v)
    return bytes(out)


def zigzag(v):
    """ZigZag of a signed 64-bit value."""
    return (v << 1) ^ (v >> 63) if v < 0 else v << 1


def _put_tag(out, field, wire):
    put_varint(out, (field << 3) | wire)


def _packed(values, typ):
    out = bytearray()
    app = out.append
    if typ == "sint64" or typ == "sint32":
        for v in values:
            v = (v << 1) ^ (v >> 63) if v < 0 else v << 1
            while v > 0x7F:
                app((v & 0x7F) | 0x80)
                v >>= 7
            app(v)
    else:
        for v in values:
            if v < 0:
                v &= _MASK64
            while v > 0x7F:
                app((v & 0x7F) | 0x80)
                v >>= 7
            app(v)
    return out


def _put_scalar(out, field, typ, v):
    if typ == "string":
        b = v.encode("utf-8", "surrogatepass") if isinstance(v, str) else bytes(v)
        _put_tag(out, field, 2)
        put_varint(out, len(b))
        out += b
    elif typ == "bytes":
        _put_tag(out, field, 2)
        put_varint(out, len(v))
        out += v
    elif typ == "sint64" or typ == "sint32":
        _put_tag(out, field, 0)
        put_varint(out, zigzag(int(v)))
    elif typ == "bool":
        _put_tag(out, field, 0)
        out.append(1 if v else 0)
    elif typ == "double":
        _put_tag(out, field, 1)
        out += pack_double(float(v))
    else:
        _put_tag(out, field, 0)
        put_varint(out, int(v))


def encode_into(out, name, msg):
    for field, fname, typ, repeated, _oneof in MESSAGES[name]:
        v = msg.get(fname)
        if v is None:
            continue
        if typ in MESSAGES:
            if repeated:
                for item in v:
                    sub = bytearray()
                    encode_into(sub, typ, item)
                    _put_tag(out, field, 2)
                    put_varint(out, len(sub))
                    out += sub
            else:
                sub = bytearray()
                encode_into(sub, typ, v)
                _put_tag(out, field, 2)
                put_varint(out, len(sub))
                out += sub
        elif repeated:
            if not v:
                continue
            if typ == "string" or typ == "bytes":
                for item in v:
                    _put_scalar(out, field, typ, item)
            else:
                body = _packed(v, typ)
                _put_tag(out, field, 2)
                put_varint(out, len(body))
                out += body
        else:
            if not v:  # proto3 default: 0, "", False
                continue
            _put_scalar(out, field, typ, v)
    return out


def encode(name, msg):
    """Encode dict msg as message type name; returns bytes."""
    return bytes(encode_into(bytearray(), name, msg))


def encode_agent_message(kind, body):
    """kind: 'hello' | 'batch' | 'end'."""
    return encode("AgentMessage", {kind: body})
