"""Names that suggest a secret: their values never leave the process (no `re` at start-up)."""
_WORDS = ("TOKEN", "KEY", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIAL", "AUTH", "COOKIE",
          "SESSION", "PRIVATE", "SIGNATURE")


def looks_secret(name):
    upper = (name or "").upper()
    return any(w in upper for w in _WORDS)
