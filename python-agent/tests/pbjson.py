"""protobufjs `fromObject` / official `json_format` form of the agent's message dicts:
camelCase names, enums as numbers, 64-bit integers as decimal strings, bytes as base64,
proto3 defaults omitted. Used by proto/testdata/generate.py and the compatibility test."""
import base64
import random

from labtrace_agent.transport.schema import MESSAGES

_INT64 = ("uint64", "sint64", "int64", "fixed64")


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _scalar(typ, v):
    if typ in _INT64:
        return str(int(v))
    if typ == "bytes":
        return base64.b64encode(bytes(v)).decode("ascii")
    if typ == "double":
        return float(v)
    return v


def to_json(name, msg):
    out = {}
    for _no, fname, typ, repeated, _oneof in MESSAGES[name]:
        v = msg.get(fname)
        if v is None:
            continue
        if typ in MESSAGES:
            out[camel(fname)] = [to_json(typ, x) for x in v] if repeated else to_json(typ, v)
            if repeated and not v:
                del out[camel(fname)]
        elif repeated:
            if v:
                out[camel(fname)] = [_scalar(typ, x) for x in v]
        elif v:
            out[camel(fname)] = _scalar(typ, v)
    return out


def random_message(name, rnd, depth=0):
    """A random dict for message `name` (every field type exercised, defaults included sometimes)."""
    msg = {}
    fields = MESSAGES[name]
    oneofs = {}
    for f in fields:
        if f[4]:
            oneofs.setdefault(f[4], []).append(f)
    chosen = set(rnd.choice(group)[1] for group in oneofs.values())
    for _no, fname, typ, repeated, oneof in fields:
        if oneof and fname not in chosen:
            continue
        if not oneof and rnd.random() < 0.25:
            continue
        if typ in MESSAGES:
            if depth > 3:
                continue
            if repeated:
                msg[fname] = [random_message(typ, rnd, depth + 1) for _ in range(rnd.randint(0, 3))]
            else:
                msg[fname] = random_message(typ, rnd, depth + 1)
        elif repeated:
            msg[fname] = [_random_scalar(typ, rnd) for _ in range(rnd.randint(0, 6))]
        else:
            msg[fname] = _random_scalar(typ, rnd)
    return msg


def _random_scalar(typ, rnd):
    pick = rnd.random()
    if typ == "uint32":
        return rnd.choice([0, 1, 127, 128, 2 ** 32 - 1, rnd.getrandbits(32)])
    if typ == "uint64":
        return rnd.choice([0, 1, 2 ** 63, 2 ** 64 - 1, rnd.getrandbits(64), rnd.getrandbits(20)])
    if typ == "sint64":
        return rnd.choice([0, -1, 1, -2 ** 63, 2 ** 63 - 1, rnd.randint(-2 ** 40, 2 ** 40)])
    if typ == "sint32":
        return rnd.choice([0, -1, 1, -2 ** 31, 2 ** 31 - 1, rnd.randint(-1000, 1000)])
    if typ == "int32":
        return rnd.choice([0, 1, 2 ** 31 - 1, rnd.randint(0, 1000)])
    if typ == "enum":
        return rnd.randint(0, 5)
    if typ == "bool":
        return pick < 0.5
    if typ == "string":
        return rnd.choice(["", "a", "h\u00e9llo", "\u2603 snow", "x" * 200, "tab\tnl\n"])
    if typ == "bytes":
        return bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 40)))
    if typ == "double":
        return rnd.choice([0.0, 1.5, -2.25, 1e300, -1e-300, rnd.random() * 1000])
    raise ValueError(typ)
