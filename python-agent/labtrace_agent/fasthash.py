"""sha256 without importing hashlib (which loads OpenSSL's _hashlib: milliseconds at exit)."""
try:
    from _sha256 import sha256  # 3.8 - 3.11
except ImportError:
    try:
        from _sha2 import sha256  # 3.12+
    except ImportError:  # pragma: no cover
        from hashlib import sha256

__all__ = ["sha256"]
