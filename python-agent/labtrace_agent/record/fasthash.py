"""sha256 without importing hashlib (which loads OpenSSL's _hashlib: milliseconds at exit).

When the program has loaded _hashlib itself (pandas, scikit-learn, requests, ... do), its OpenSSL
sha256 is used: same digests, several times faster, and it releases the GIL while hashing large
buffers (a data file hashed by the sender thread no longer stalls the program). Otherwise the agent's
own C module (_audithook, sha256.h), loaded at start-up anyway: the standard library's _sha256/_sha2
is a shared library whose loading cost ~2.4 M instructions in every short run's exit. Without the C
module, the standard library's. Nothing is imported beyond that.
"""
import sys

try:
    from .. import _audithook as _native
    if _native.VERSION < 4:  # a module built before it had SHA-256
        _native = None
except ImportError:
    _native = None

if _native is None:
    try:
        from _sha256 import sha256 as _builtin  # 3.8 - 3.11
    except ImportError:
        try:
            from _sha2 import sha256 as _builtin  # 3.12+
        except ImportError:  # pragma: no cover
            from hashlib import sha256 as _builtin
else:
    class _builtin(object):
        """The two methods the record uses, on the C module's state."""
        __slots__ = ("_state",)

        def __init__(self, data=b""):
            self._state = _native.sha256_new()
            if data:
                _native.sha256_update(self._state, data)

        def update(self, data):
            _native.sha256_update(self._state, data)

        def hexdigest(self):
            return _native.sha256_hexdigest(self._state)


def sha256(data=b""):
    m = sys.modules.get("_hashlib")
    if m is not None:
        try:
            return m.openssl_sha256(data)
        except Exception:
            pass
    return _builtin(data)


__all__ = ["sha256"]
