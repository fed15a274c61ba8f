"""Files the run reads and writes, seen through CPython's audit hooks (`open` from builtins, io,
pandas, NumPy, pickle and joblib alike) and remote resources requested through urllib.

The hook runs for every audit event of the process, so it does almost nothing: a string compare,
then for `open` a cheap path filter and one stack walk to the innermost user frame. Sizes and
content hashes are computed later by the sender thread (reads: at the next flush; writes: at exit,
when the content is final)."""
import os
import sys
from time import perf_counter_ns

# Files above this size are hashed by sampling (size + 16 evenly spaced 64 KiB blocks + the tail).
FULL_HASH_LIMIT = 64 * 1024 * 1024
SAMPLE_BLOCKS = 16
BLOCK = 64 * 1024
MAX_ACCESSES = 10000
_SKIP_SUFFIXES = (".py", ".pyc", ".pyo", ".so", ".pth", ".pyd", ".dist-info", ".egg-info", ".mo")
_STRING = r"""(?:[rRbBuU]?)(?:"([^"\\\n]*)"|'([^'\\\n]*)')"""
_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_SKIP_PREFIXES = ("/proc/", "/dev/", "/sys/", "/etc/", "/usr/share/zoneinfo", "/usr/lib/", "/lib/")


def _library_roots():
    roots = set()
    for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, getattr(sys, "base_exec_prefix", "")):
        if p:
            roots.add(os.path.join(os.path.abspath(p), "lib") + os.sep)
    return tuple(roots)


def _write_mode(mode, flags):
    if isinstance(mode, str) and mode:
        return any(c in mode for c in "wax+")
    try:
        return bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT))
    except Exception:
        return False


class FileRecorder(object):
    def __init__(self, user_frame, home):
        self.user_frame = user_frame    # () -> (code_id, line) of the innermost user frame, or None
        self.pending = []               # raw accesses: [path, mode, write, code_id, line, t]
        self.done_reads = {}            # path -> dict already hashed (a path read twice is reported once)
        self.writes = {}                # path -> raw access, hashed at exit
        self.count = 0
        self.enabled = True
        self.skip = _SKIP_PREFIXES + _library_roots() + (os.path.abspath(home) + os.sep,)

    def install(self):
        hook = self.hook
        sys.addaudithook(hook)

    def hook(self, event, args):
        # Called for every audit event of the process: keep the common path to one comparison.
        if event == "open":
            if self.enabled:
                self._open(args)
        elif event == "urllib.Request" and self.enabled:
            self._url(args)

    def _open(self, args):
        try:
            path, mode, flags = args[0], args[1], args[2]
            if not isinstance(path, (str, bytes)) or isinstance(path, bytes) and not path:
                return
            if isinstance(path, bytes):
                path = os.fsdecode(path)
            if path.endswith(_SKIP_SUFFIXES):
                return
            path = os.path.abspath(path)
            if path.startswith(self.skip):
                return
            where = self.user_frame()
            if where is None:
                return  # opened by library code on its own (config files, caches): not the experiment's data
            self._add(path, mode if isinstance(mode, str) else "", _write_mode(mode, flags), where)
        except Exception:
            pass

    def _url(self, args):
        try:
            where = self.user_frame()
            if where is not None:
                self._add(str(args[0]), "url", False, where)
        except Exception:
            pass

    def _add(self, path, mode, write, where, t=None):
        self.count += 1
        if self.count > MAX_ACCESSES:
            self.enabled = False
            return
        access = [path, mode or ("w" if write else "r"), write, where[0], where[1], t or perf_counter_ns()]
        if write:
            self.writes.setdefault(path, access)
        else:
            self.pending.append(access)

    def named_in_statement(self, text, g, code_id, line, t_start):
        """Fallback without the audit hook: paths named by a statement's string literals, or by the
        string variables it reads, that exist now. Written if modified since the statement started."""
        import re
        import time
        candidates = set(a or b for a, b in re.findall(_STRING, text))
        for name in re.findall(_IDENT, text):
            v = g.get(name)
            if isinstance(v, str) and 0 < len(v) < 4096:
                candidates.add(v)
        if not candidates:
            return
        started_wall = time.time() - (perf_counter_ns() - t_start) / 1e9
        for c in candidates:
            if not c or "\n" in c or c.endswith(_SKIP_SUFFIXES):
                continue
            path = os.path.abspath(c)
            if path.startswith(self.skip) or not os.path.isfile(path):
                continue
            try:
                written = os.path.getmtime(path) >= started_wall - 0.01
            except OSError:
                continue
            self._add(path, "w" if written else "r", written, (code_id, line), t_start)

    def take(self, final=False):
        """FileAccess dicts ready to send (hashing reads now, writes only at the end)."""
        out = []
        pending, self.pending = self.pending, []
        for path, mode, write, code_id, line, t in pending:
            if path in self.done_reads:
                continue
            entry = self._describe(path, mode, write, code_id, line, t)
            self.done_reads[path] = entry
            out.append(entry)
        if final:
            for path, (p, mode, write, code_id, line, t) in list(self.writes.items()):
                out.append(self._describe(p, mode, True, code_id, line, t))
            self.writes.clear()
        return out

    @staticmethod
    def _describe(path, mode, write, code_id, line, t):
        entry = {"path": path, "mode": mode, "write": write, "code_id": code_id, "line": line, "t": t}
        if mode != "url":
            size, digest, method = content_hash(path)
            entry.update(size=size, sha256=digest, hash_method=method)
        return entry


def content_hash(path):
    """(size, sha256 hex, method). Full hash up to FULL_HASH_LIMIT; beyond, a sampled hash so a
    100 GB file costs 1 MiB of reading: the size, SAMPLE_BLOCKS evenly spaced blocks and the tail."""
    from .fasthash import sha256 as _sha256
    try:
        size = os.path.getsize(path)
        h = _sha256()
        with open(path, "rb") as f:
            if size <= FULL_HASH_LIMIT:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
                return size, h.hexdigest(), "full"
            h.update(str(size).encode())
            for i in range(SAMPLE_BLOCKS):
                f.seek(i * (size // SAMPLE_BLOCKS))
                h.update(f.read(BLOCK))
            f.seek(max(0, size - BLOCK))
            h.update(f.read(BLOCK))
            return size, h.hexdigest(), "sampled:size+%dx%dKiB+tail" % (SAMPLE_BLOCKS, BLOCK // 1024)
    except OSError:
        return 0, "", ""
