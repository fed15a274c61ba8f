"""sha256 without importing hashlib (which loads OpenSSL's _hashlib: milliseconds at exit).

When the program has loaded _hashlib itself (pandas, scikit-learn, requests, ... do), its OpenSSL
sha256 is used: same digests, several times faster, and it releases the GIL while hashing large
buffers (a data file hashed by the sender thread no longer stalls the program). Nothing is imported.
"""
import sys

try:
    from _sha256 import sha256 as _builtin  # 3.8 - 3.11
except ImportError:
    try:
        from _sha2 import sha256 as _builtin  # 3.12+
    except ImportError:  # pragma: no cover
        from hashlib import sha256 as _builtin


def sha256(data=b""):
    m = sys.modules.get("_hashlib")
    if m is not None:
        try:
            return m.openssl_sha256(data)
        except Exception:
            pass
    return _builtin(data)


__all__ = ["sha256"]
