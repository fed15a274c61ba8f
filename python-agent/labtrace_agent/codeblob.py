"""The agent's code in one file per interpreter, as `make pyc` writes it (native/build_codeblob.py).

Importing a module costs far more than running its code: the path finder's stats and directory listings,
an open and a read of its .pyc, the checks of its header, module locks and specs, all in Python code
(importlib). For the ~40 small modules a traced process loads before the program's first line, that was
7-10 ms of the 10-13 ms the agent's imports took (3.8-3.13), against 2-3 ms to unmarshal and run their
code (issue 10). So `install` puts a finder first on sys.meta_path while the agent starts: it serves the
agent's modules from start.<cache tag>.blob (one read), each checked against its source's mtime and size
(a module whose source changed since is imported as usual); `uninstall` takes it away again before the
program runs. The record's later modules come from lazy.<cache tag>.blob (record/loadguard.py).

A blob: 4 bytes (little-endian length of the head), the marshalled head (FORMAT, the interpreter's magic
number, {module name: entry}), then each module's marshalled code; an entry ends with the code's start and
end offsets. Never raises: no blob, another interpreter's, or a bad one serves nothing."""
import marshal
import os
import sys

FORMAT = 2
ROOT = os.path.dirname(os.path.abspath(__file__))  # labtrace_agent/
START_BLOB = "start.%s.blob" % sys.implementation.cache_tag


def magic():
    return sys.modules["_frozen_importlib_external"].MAGIC_NUMBER


def read(name):
    """(code, entries) of the blob `name` in labtrace_agent/__pycache__: code a memoryview the entries'
    offsets index (slices, not copies); (None, {}) when missing, unreadable or for another interpreter."""
    try:
        with open(os.path.join(ROOT, "__pycache__", name), "rb") as f:
            data = f.read()
        n = int.from_bytes(data[:4], "little")
        fmt, mag, entries = marshal.loads(memoryview(data)[4:4 + n])
        if fmt == FORMAT and mag == magic():
            return memoryview(data)[4 + n:], entries
    except Exception:
        pass
    return None, {}


def fresh(rel, mtime_ns, size):
    """The source (relative to labtrace_agent/) is still the one the blob's code was compiled from."""
    try:
        st = os.stat(os.path.join(ROOT, rel))  # (not audited)
    except OSError:
        return False
    return st.st_mtime_ns == mtime_ns and st.st_size == size


def code_of(blob, start, end, path):
    code = marshal.loads(blob[start:end])
    sys.modules["_imp"]._fix_co_filename(code, path)  # as an import does: the path found now
    return code


class StartFinder(object):
    """Finds the agent's start-up modules in the start blob: a spec whose loader is the SourceFileLoader an
    import from the source would have made (same __file__, __cached__, get_source), but with the code
    already at hand."""

    def __init__(self, blob, entries):
        self.blob = blob
        self.entries = entries

    def find_spec(self, name, path=None, target=None):
        entry = self.entries.get(name)
        if entry is None or not fresh(*entry[:3]):
            return None
        ext = sys.modules["_frozen_importlib_external"]
        source = os.path.join(ROOT, entry[0])
        return ext.spec_from_file_location(name, source, loader=_loader_class()(name, source, self.blob, entry))

    def invalidate_caches(self):
        pass


_loader = []


def _loader_class():
    if not _loader:
        ext = sys.modules["_frozen_importlib_external"]

        class BlobLoader(ext.SourceFileLoader):
            def __init__(self, name, path, blob, entry):
                ext.SourceFileLoader.__init__(self, name, path)
                self._blob, self._span = blob, entry[-2:]

            def get_code(self, fullname):
                if fullname != self.name or self._blob is None:  # (asked again, e.g. by runpy: from the file)
                    return ext.SourceFileLoader.get_code(self, fullname)
                blob, self._blob = self._blob, None
                return code_of(blob, self._span[0], self._span[1], self.path)

        _loader.append(BlobLoader)
    return _loader[0]


def install():
    """Puts the start finder first on sys.meta_path; returns it (None when there is no usable blob)."""
    try:
        blob, entries = read(START_BLOB)
        if blob is None:
            return None
        finder = StartFinder(blob, entries)
        sys.meta_path.insert(0, finder)
        return finder
    except Exception:
        return None


def uninstall(finder):
    """Takes the finder away: a new list, so that an import iterating the old one in another thread (the
    sender's) still sees every finder once."""
    if finder is None:
        return
    try:
        sys.meta_path = [f for f in sys.meta_path if f is not finder]
    except Exception:
        pass
