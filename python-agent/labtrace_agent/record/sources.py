"""User source files, sent once each with their content so runs can be diffed without git."""
from ..lifecycle.fds import open_file

MAX_SOURCE = 2 * 1024 * 1024


class SourceRecorder(object):
    def __init__(self):
        self.sent = set()

    def take(self, paths):
        out = []
        for path in paths:
            if path in self.sent or path.startswith("<"):
                continue
            from .fasthash import sha256 as _sha256  # only with a file to hash (not for `python -c`)
            self.sent.add(path)
            try:
                with open_file(path) as f:
                    content = f.read()
            except OSError:
                continue
            entry = {"path": path, "sha256": _sha256(content).hexdigest(), "size": len(content)}
            if len(content) <= MAX_SOURCE:
                entry["content"] = content
            out.append(entry)
        return out
