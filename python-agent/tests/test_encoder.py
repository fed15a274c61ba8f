import random
import unittest

from tests import support  # noqa: F401  (puts the agent on sys.path)
from labtrace_agent.transport.encoder import encode, varint, zigzag, encode_agent_message
from labtrace_agent.transport.wiredecode import decode, read_varint, iter_delimited


class VarintTest(unittest.TestCase):
    def test_varints(self):
        self.assertEqual(varint(0), b"\x00")
        self.assertEqual(varint(1), b"\x01")
        self.assertEqual(varint(127), b"\x7f")
        self.assertEqual(varint(128), b"\x80\x01")
        self.assertEqual(varint(300), b"\xac\x02")
        self.assertEqual(varint(2 ** 64 - 1), b"\xff" * 9 + b"\x01")
        self.assertEqual(varint(-1), b"\xff" * 9 + b"\x01")  # int32/enum negative: 10 bytes

    def test_zigzag(self):
        self.assertEqual([zigzag(v) for v in (0, -1, 1, -2, 2)], [0, 1, 2, 3, 4])
        self.assertEqual(zigzag(2 ** 63 - 1), 2 ** 64 - 2)
        self.assertEqual(zigzag(-2 ** 63), 2 ** 64 - 1)

    def test_varint_roundtrip(self):
        rnd = random.Random(7)
        for _ in range(500):
            v = rnd.getrandbits(rnd.randint(1, 64))
            self.assertEqual(read_varint(varint(v), 0), (v, len(varint(v))))


class MessageTest(unittest.TestCase):
    def test_scalars_and_defaults(self):
        # uint64 seq=1, sint32 exit_code=-1 (zigzag 1), string, default fields omitted
        self.assertEqual(encode("RunEnd", {"seq": 1, "exit_code": -1, "end_reason": "exit", "events_dropped": 0}),
                         b"\x08\x01\x10\x01\x52\x04exit")
        self.assertEqual(encode("RunEnd", {"seq": 0, "exception_type": ""}), b"")

    def test_bool_and_utf8(self):
        self.assertEqual(encode("CodeObject", {"id": 2, "user": True}), b"\x08\x02\x28\x01")
        self.assertEqual(encode("ErrorReply", {"message": "\u00e9"}), b"\x12\x02\xc3\xa9")

    def test_packed(self):
        b = encode("EventBatch", {"kind": [1, 2], "t_delta": [5, -3], "duration": [0, 300]})
        self.assertEqual(b, b"\x52\x02\x01\x02" + b"\x5a\x02\x0a\x05" + b"\x82\x01\x03\x00\xac\x02")

    def test_empty_repeated_omitted_and_repeated_strings(self):
        self.assertEqual(encode("EventBatch", {"strings": ["a", ""], "kind": []}), b"\x1a\x01a\x1a\x00")

    def test_nested_and_oneof(self):
        # nested message written even when empty (protobufjs does the same for present fields)
        self.assertEqual(encode_agent_message("end", {}), b"\x1a\x00")
        self.assertEqual(encode("Hello", {"run": {"pid": 5}}), b"\x32\x02\x18\x05")
        b = encode("EventBatch", {"seq": 3, "code_objects": [{"id": 1, "file": 2}, {"id": 2}]})
        self.assertEqual(b, b"\x08\x03\x22\x04\x08\x01\x10\x02\x22\x02\x08\x02")

    def test_field_order(self):
        b = encode("Hello", {"run": {"pid": 1}, "run_id": "r", "protocol_version": 1})
        self.assertEqual(b, b"\x08\x01\x1a\x01r\x32\x02\x18\x01")

    def test_roundtrip(self):
        msg = {"batch": {"seq": 2 ** 63 + 5, "string_base": 7, "strings": ["x", "y"],
                         "code_objects": [{"id": 1, "file": 7, "qualname": 8, "first_line": 3, "user": True}],
                         "kind": [1, 2, 5], "t_delta": [10, -4, 2 ** 40], "code_id": [1, 1, 1],
                         "line": [3, 0, 4], "thread": [0, 0, 1], "caller_id": [0, 0, 0],
                         "duration": [0, 2 ** 64 - 1, 0],
                         "function_stats": [{"code_id": 1, "calls": 100, "total_ns": 5}],
                         "exceptions": [{"code_id": 1, "line": 4, "type": "ValueError", "message": "m", "t": 9}]}}
        self.assertEqual(decode("AgentMessage", encode("AgentMessage", msg)), msg)

    def test_delimited(self):
        a, b = encode_agent_message("end", {"seq": 1}), encode_agent_message("end", {"seq": 2})
        data = varint(len(a)) + a + varint(len(b)) + b
        self.assertEqual(list(iter_delimited(data)), [a, b])


if __name__ == "__main__":
    unittest.main()
