"""Our encoder vs the official protobuf runtime, on proto/testdata vectors and random messages.

Runs where google.protobuf and grpc_tools import (the repo's .venv); skipped elsewhere, unless
LABTRACE_REQUIRE_PROTOBUF=1, which turns a missing runtime into a failure."""
import glob
import importlib
import json
import os
import random
import shutil
import sys
import tempfile
import unittest

from tests import pbjson
from labtrace_agent.transport.encoder import encode
from labtrace_agent.transport.schema import MESSAGES
from labtrace_agent.transport.wiredecode import decode

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROTO_DIR = os.path.join(REPO, "proto")
TESTDATA = os.path.join(PROTO_DIR, "testdata")
REQUIRED = os.environ.get("LABTRACE_REQUIRE_PROTOBUF") == "1"

try:
    from google.protobuf import json_format
    from grpc_tools import protoc
    HAVE = True
except ImportError:
    HAVE = False


def _pb2():
    out = tempfile.mkdtemp(prefix="labtrace-pb2-")
    import grpc_tools
    include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    rc = protoc.main(["protoc", "-I" + PROTO_DIR, "-I" + include, "--python_out=" + out,
                      os.path.join(PROTO_DIR, "labtrace.proto")])
    if rc != 0:
        raise RuntimeError("protoc failed: %d" % rc)
    sys.path.insert(0, out)
    try:
        return importlib.import_module("labtrace_pb2"), out
    finally:
        sys.path.remove(out)


class ProtobufCompatTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not HAVE:
            if REQUIRED:
                raise AssertionError("LABTRACE_REQUIRE_PROTOBUF=1 but google.protobuf / grpc_tools are missing")
            raise unittest.SkipTest("google.protobuf and grpc_tools not installed")
        cls.pb2, cls.outdir = _pb2()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(getattr(cls, "outdir", ""), ignore_errors=True)

    def official(self, name, data):
        msg = getattr(self.pb2, name)()
        msg.ParseFromString(data)
        return msg

    def check(self, name, msg):
        ours = encode(name, msg)
        official = self.official(name, ours)
        self.assertEqual(official.SerializeToString(), ours)
        self.assertEqual(json_format.MessageToDict(official, use_integers_for_enums=True),
                         pbjson.to_json(name, msg))
        # and back: the official encoding decodes to what we encoded
        self.assertEqual(encode(name, decode(name, official.SerializeToString())), ours)

    def test_schema_matches_proto(self):
        for name, fields in MESSAGES.items():
            desc = getattr(self.pb2, name).DESCRIPTOR
            self.assertEqual(sorted((f.number, f.name) for f in desc.fields),
                             sorted((f[0], f[1]) for f in fields), name)

    def test_vectors(self):
        files = sorted(glob.glob(os.path.join(TESTDATA, "*.bin")))
        self.assertGreaterEqual(len(files), 5)
        for path in files:
            with self.subTest(vector=os.path.basename(path)):
                with open(path, "rb") as f:
                    data = f.read()
                with open(path[:-4] + ".json") as f:
                    spec = json.load(f)
                self.assertEqual(spec["type"], "labtrace.v1.AgentMessage")
                official = self.official("AgentMessage", data)
                self.assertEqual(official.SerializeToString(), data)
                self.assertEqual(json_format.MessageToDict(official, use_integers_for_enums=True), spec["object"])
                rebuilt = json_format.ParseDict(spec["object"], self.pb2.AgentMessage())
                self.assertEqual(rebuilt.SerializeToString(), data)

    def test_vectors_are_current(self):
        sys.path.insert(0, TESTDATA)
        try:
            gen = importlib.import_module("generate")
        finally:
            sys.path.remove(TESTDATA)
        for name, msg in gen.VECTORS.items():
            with open(os.path.join(TESTDATA, name + ".bin"), "rb") as f:
                self.assertEqual(f.read(), encode("AgentMessage", msg), name + ": run proto/testdata/generate.py")

    def test_random_messages(self):
        rnd = random.Random(20241128)
        for i in range(300):
            name = rnd.choice(sorted(MESSAGES))
            msg = pbjson.random_message(name, rnd)
            with self.subTest(i=i, name=name):
                self.check(name, msg)


if __name__ == "__main__":
    unittest.main()
