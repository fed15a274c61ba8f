"""Where the daemon and the store are: $LABTRACE_HOME (default ~/.labtrace), as the CLI resolves it."""
import os


class Home(object):
    def __init__(self, root=None):
        root = root or os.environ.get("LABTRACE_HOME") or os.path.join(os.path.expanduser("~"), ".labtrace")
        self.root = os.path.abspath(root)
        self.database = os.path.join(self.root, "traces.duckdb")
        self.port_file = os.path.join(self.root, "daemon.port")
        self.token_file = os.path.join(self.root, "token")

    def _read(self, path):
        try:
            with open(path) as f:
                return f.read().strip()
        except (IOError, OSError):
            return None

    def port(self):
        text = self._read(self.port_file)
        return int(text) if text and text.isdigit() else None

    def token(self):
        return self._read(self.token_file)
