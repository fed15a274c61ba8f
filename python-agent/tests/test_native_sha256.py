"""The agent's own SHA-256 (sha256.h in _audithook, used by record/fasthash.py when the program has not
loaded OpenSSL's _hashlib) gives hashlib's digests, whatever the split of the data into updates."""
import hashlib
import os
import unittest

from tests.support import AGENT_DIR  # noqa: F401  (puts the agent on sys.path)

try:
    from labtrace_agent import _audithook
except ImportError:  # no compiler where the suite runs: the standard library's sha256 is used
    _audithook = None


@unittest.skipIf(_audithook is None, "the C module is not built for this Python")
class NativeSha256Test(unittest.TestCase):
    def digest(self, *parts):
        state = _audithook.sha256_new()
        for part in parts:
            _audithook.sha256_update(state, part)
        return _audithook.sha256_hexdigest(state)

    def test_every_length_around_the_block_and_padding_edges(self):
        data = os.urandom(300)
        for n in range(len(data)):
            self.assertEqual(self.digest(data[:n]), hashlib.sha256(data[:n]).hexdigest(), n)

    def test_any_split_into_updates(self):
        data = os.urandom(1000)
        for cut in (1, 55, 56, 63, 64, 65, 127, 128, 500):
            self.assertEqual(self.digest(data[:cut], data[cut:]), hashlib.sha256(data).hexdigest(), cut)

    def test_large_buffers_bytes_like_and_digest_midway(self):
        data = os.urandom(3 << 20)  # above the size that releases the GIL
        state = _audithook.sha256_new()
        _audithook.sha256_update(state, memoryview(data)[:1 << 20])
        self.assertEqual(_audithook.sha256_hexdigest(state), hashlib.sha256(data[:1 << 20]).hexdigest())
        _audithook.sha256_update(state, bytearray(data[1 << 20:]))
        self.assertEqual(_audithook.sha256_hexdigest(state), hashlib.sha256(data).hexdigest())

    def test_known_vector(self):
        self.assertEqual(self.digest(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

    def test_bad_state_is_a_clear_error(self):
        with self.assertRaises(TypeError):
            _audithook.sha256_update(b"x" * 112, b"data")
        with self.assertRaises(ValueError):
            _audithook.sha256_hexdigest(bytearray(3))

    def test_fasthash_uses_it_without_hashlib(self):
        from labtrace_agent.record import fasthash
        if "_hashlib" not in __import__("sys").modules:
            self.assertIs(type(fasthash.sha256()).__module__, fasthash.__name__)
        self.assertEqual(fasthash.sha256(b"abc").hexdigest(), hashlib.sha256(b"abc").hexdigest())


if __name__ == "__main__":
    unittest.main()
