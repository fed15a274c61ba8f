"""Names that suggest a secret: their values never leave the process."""
import re

_SECRET = re.compile(r"(TOKEN|KEY|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE|SIGNATURE)", re.I)


def looks_secret(name):
    return bool(_SECRET.search(name or ""))
