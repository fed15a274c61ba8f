"""Writes the wire-format test vectors: NAME.bin (AgentMessage bytes from the agent's encoder) and
NAME.json ({"type": "labtrace.v1.AgentMessage", "object": <protobufjs fromObject form>}).

    python proto/testdata/generate.py        (from the repository root; stdlib only)

The daemon's TypeScript test decodes each .bin with protobufjs, re-encodes `object`, and requires
byte equality; python-agent/tests/test_protobuf_compat.py checks them against the official protobuf.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "python-agent"))

from labtrace_agent.transport.encoder import encode  # noqa: E402
from tests.pbjson import to_json  # noqa: E402

VECTORS = {
    "hello": {"hello": {
        "protocol_version": 1, "token": "ab" * 32, "run_id": "18ec22cbb6fb" + "ea2f24383474f29a4abb",
        "parent_run_id": "18ec22cb0000" + "00000000000000000001", "agent_version": "0.1.0",
        "run": {"argv": ["train.py", "--epochs", "3", "caf\u00e9"], "cwd": "/home/u/proj", "pid": 4242,
                "ppid": 1, "python_version": "3.12.1", "python_implementation": "CPython",
                "executable": "/usr/bin/python3", "script": "/home/u/proj/train.py",
                "script_sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "hostname": "box", "os": "Linux-6.1-x86_64", "cpu_model": "AMD EPYC", "cpu_count": 2,
                "memory_bytes": 25769803776, "start_time_ns": 1795848610684862751,
                "backend": "monitoring", "backend_reason": "sys.monitoring available (3.12+), tool id 3 free",
                "project_root": "/home/u/proj", "monotonic_origin_ns": 12345678901234}}},
    "batch_events": {"batch": {
        "seq": 1, "string_base": 1,
        "strings": ["/home/u/proj/train.py", "<module>", "__main__", "fib", "json", "dumps", "",
                    "/usr/lib/python3.12/json/__init__.py"],
        "code_objects": [
            {"id": 1, "file": 1, "qualname": 2, "first_line": 1, "user": True, "module": 3},
            {"id": 2, "file": 1, "qualname": 4, "first_line": 4, "user": True, "module": 3},
            {"id": 3, "file": 8, "qualname": 6, "first_line": 183, "user": False, "module": 5},
            {"id": 4, "file": 0, "qualname": 0, "first_line": 0, "user": False, "module": 0}],
        "imports": [{"module": 5, "file": 8, "distribution": "", "version": "", "t": 1500},
                    {"module": 3, "file": 1, "distribution": "numpy", "version": "1.26.4", "t": 0}],
        "kind": [1, 3, 4, 2, 5, 1],
        "t_delta": [100, 50, -30, 2 ** 40, -(2 ** 40), 9223372036854775807],
        "code_id": [2, 1, 3, 2, 2, 4294967295],
        "line": [4, 12, 13, 0, 7, 0],
        "thread": [0, 0, 0, 1, 1, 2],
        "caller_id": [0, 0, 1, 0, 0, 0],
        "duration": [0, 0, 12000, 18446744073709551615, 300, 0],
        "function_stats": [{"code_id": 2, "calls": 242785, "total_ns": 98765, "timed_calls": 16},
                           {"code_id": 3, "calls": 18446744073709551615}],
        "threads": [{"thread": 0, "name": "MainThread", "ident": 140481685220224},
                    {"thread": 1, "name": "worker-\u00e9", "ident": 18446744073709551615}],
        "exceptions": [{"code_id": 2, "line": 7, "type": "ValueError", "message": "bad value \u2603", "t": 77},
                       {"code_id": 2, "line": 0, "type": "", "message": "", "t": 0}]}},
    "batch_empty": {"batch": {"seq": 2, "string_base": 9}},
    "batch_record": {"batch": {
        "seq": 3, "string_base": 9, "strings": ["x"],
        "file_accesses": [{"path": "/data/train.csv", "mode": "r", "size": 1234567, "sha256": "ab" * 32,
                           "hash_method": "full", "code_id": 1, "line": 3, "t": 10, "write": False, "source": "audit"},
                          {"path": "/out/model.pkl", "mode": "wb", "write": True}],
        "variables": [{"name": "df", "code_id": 1, "line": 3, "type": "pandas.core.frame.DataFrame",
                       "shape": "(200000, 9)", "dtype": "", "columns": ["a", "b"], "fingerprint": "f00d",
                       "object_id": 140000000000000, "t": 11},
                      {"name": "lr", "code_id": 1, "line": 4, "type": "float", "value": "0.01",
                       "number": 0.01, "is_number": True},
                      {"name": "neg", "number": -2.5e-300, "is_number": True}],
        "hyperparameters": [{"estimator": "sklearn.linear_model.Ridge", "object_id": 5, "name": "alpha",
                             "value": "1.0", "type": "float", "is_default": True, "code_id": 1, "line": 9,
                             "t": 12, "source": "get_params"}],
        "metrics": [{"function": "sklearn.metrics.r2_score", "value": 0.875, "code_id": 1, "line": 10,
                     "t": 13}, {"function": "f", "value": -1e300, "repr": "array([1, 2])"}],
        "sources": [{"path": "/home/u/proj/train.py", "sha256": "cd" * 32, "content": b"print('hi')\n\x00\xff",
                     "size": 14}],
        "environment": {"distributions": [{"name": "numpy", "version": "1.26.4"}],
                        "variables": [{"name": "CUDA_VISIBLE_DEVICES", "value": "0"},
                                      {"name": "API_TOKEN", "redacted": True}],
                        "git": {"commit": "deadbeef", "dirty": True, "branch": "main", "root": "/home/u/proj"},
                        "gpu": "", "platform": "linux"}}},
    "run_end": {"end": {
        "seq": 4, "exit_code": -15, "exception_type": "KeyboardInterrupt", "exception_message": "",
        "end_time_ns": 1795848610999999999, "events_recorded": 123456, "events_dropped": 0,
        "batches_spooled": 3, "agent_cpu_ns": 18446744073709551615, "end_reason": "signal"}},
    "run_end_empty": {"end": {}},
}


def main():
    for name, msg in sorted(VECTORS.items()):
        data = encode("AgentMessage", msg)
        with open(os.path.join(HERE, name + ".bin"), "wb") as f:
            f.write(data)
        with open(os.path.join(HERE, name + ".json"), "w") as f:
            json.dump({"type": "labtrace.v1.AgentMessage", "object": to_json("AgentMessage", msg)}, f,
                      indent=2, sort_keys=True, ensure_ascii=False)
            f.write("\n")
        print("%-14s %5d bytes" % (name, len(data)))


if __name__ == "__main__":
    main()
