"""Files the run reads and writes, observed through CPython's audit events (`open` from builtins, io,
os.open, pandas, NumPy, pickle and joblib alike; `os.rename`/`os.replace`, `os.remove`/`os.unlink`,
`os.truncate`), library calls that open files in C (record/libio.py) and remote resources requested
through urllib.

The audit hook is the C one (_audithook.c, built by `make native` for CPython 3.8-3.13): it compares
event names in C and calls `event` only for those above, never from inside itself nor from the agent's
own work (`quiet`). Without it (LABTRACE_NATIVE=0, not built) a Python audit hook (`hook`) is used
where the backend allows one (3.12+: below, a Python audit hook is called on every `frame.f_code` read
of the setprofile hook, ~4x slower), and on 3.8-3.11 files are inferred from the statements' text
(`named_in_statement`): those rows say source "inferred".

Read or write comes from the open mode and flags; the row's line is the innermost user frame on the
stack (through library frames); relative paths are made absolute against the cwd at open time. Sizes
and content hashes are computed later by the sender thread (reads: at the next flush; writes: at
exit, when the content is final)."""
import os
import sys
from time import perf_counter_ns

from . import libio
from ..lifecycle.fds import open_file

# Files above this size are hashed by sampling (size + 16 evenly spaced 64 KiB blocks + the tail).
FULL_HASH_LIMIT = 64 * 1024 * 1024
SAMPLE_BLOCKS = 16
BLOCK = 64 * 1024
MAX_ACCESSES = 10000
_SKIP_SUFFIXES = (".py", ".pyc", ".pyo", ".so", ".pth", ".pyd", ".dist-info", ".egg-info", ".mo")
_STRING = r"""(?:[rRbBuU]?)(?:"([^"\\\n]*)"|'([^'\\\n]*)')"""
_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_SKIP_PREFIXES = ("/proc/", "/dev/", "/sys/", "/etc/", "/usr/share/zoneinfo", "/usr/lib/", "/lib/")
# audit event -> kind given by the C hook (the same numbers); EXEC is not the record's: it is passed to
# lifecycle/forkexec.py (route_exec, in fork children), through the same hook
OPEN, RENAME, REMOVE, TRUNCATE, URL, EXEC = range(6)
_EVENTS = {"open": OPEN, "os.rename": RENAME, "os.remove": REMOVE, "os.truncate": TRUNCATE, "urllib.Request": URL,
           "os.exec": EXEC}
FILE_KINDS = 0x1f  # the C hook's mask: 1 << kind for OPEN..URL
# Rows that are not a content written: keyed apart from a path's write, and never hashed.
_NO_CONTENT = ("remove",)


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
        return bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC))
    except Exception:
        return False


def _path_str(path):
    """A path argument as str, or None (file descriptors, file objects, other path-likes: their
    __fspath__ is the program's code)."""
    if isinstance(path, str):
        return path or None
    if isinstance(path, bytes):
        return os.fsdecode(path) if path else None
    if type(path).__module__ == "pathlib":
        return str(path)
    return None


def load_native():
    """The C audit hook module built for this interpreter, or None."""
    try:
        from .. import _audithook
        if _audithook.VERSION < 2:
            return None
        return _audithook
    except Exception:
        return None


class FileRecorder(object):
    def __init__(self, user_frame, home, on_fail=None, test_fail=False):
        self.user_frame = user_frame    # () -> (code_id, line) of the innermost user frame, or None
        self.on_fail = on_fail          # on_fail(exc): the C hook's callback raised (agent off)
        self.test_fail = test_fail      # LABTRACE_TEST_FAIL=audit: the callback raises (tests)
        self.pending = []               # raw accesses: [path, mode, write, code_id, line, t, source]
        self.done_reads = {}            # path -> dict already hashed (a path read twice is reported once)
        self.writes = {}                # (path, kind) -> raw access, hashed at exit
        self.count = 0
        self.enabled = True
        self.native = None              # the C hook module once installed with it
        self.how = ""                   # "c", "python" or "" (files inferred, or none)
        self.on_exec = None             # on_exec(args) for os.exec events (route_exec), or None
        self.skip = _SKIP_PREFIXES + _library_roots() + (os.path.abspath(home) + os.sep,)

    def install(self, python_hook=True, native=True):
        """The C audit hook if built (and native), else a Python one if python_hook. True if either."""
        mod = load_native() if native else None
        if mod is not None:
            try:
                mod.install(self.event, self._failed)
                self.native, self.how = mod, "c"
                return True
            except Exception:
                pass
        if python_hook:
            sys.addaudithook(self.hook)
            self.how = "python"
            return True
        return False

    def route_exec(self, on_exec):
        """os.exec events go to on_exec(args) through this recorder's audit hook (the C one: its
        mask gets EXEC). False if it has none."""
        if self.how == "c":
            try:
                self.native.install(self.event, self._failed, FILE_KINDS | (1 << EXEC))
            except Exception:
                return False
        elif self.how != "python":
            return False
        self.on_exec = on_exec
        return True

    def _failed(self, exc):
        self.enabled = False
        if self.on_fail is not None:
            self.on_fail(exc)

    def hook(self, event, args):
        """The Python audit hook: called for every audit event of the process, so the common path
        is one dict lookup."""
        kind = _EVENTS.get(event)
        if kind is not None and (self.enabled or kind == EXEC):
            try:
                self.event(kind, args)
            except Exception:
                pass

    def event(self, kind, args):
        """An audit event the record keeps (from the C hook or `hook`). Exceptions reach the C hook
        (it switches the agent off); the expected ones are handled here."""
        if kind == EXEC:  # not the record's (it may be full): forkexec's, which never raises
            if self.on_exec is not None:
                self.on_exec(args)
            return
        if not self.enabled:
            return
        if self.test_fail:
            raise RuntimeError("injected failure at audit")
        if kind == OPEN:
            path, mode, flags = args[0], args[1], args[2]
            self._observe(path, mode if isinstance(mode, str) else "", _write_mode(mode, flags))
        elif kind == RENAME:  # the destination is written (by renaming onto it), the source gone
            if self._observe(args[1], "rename", True):
                self._observe(args[0], "remove", True)
        elif kind == REMOVE:
            self._observe(args[0], "remove", True)
        elif kind == TRUNCATE:
            self._observe(args[0], "truncate", True)
        elif kind == URL:
            where = self.user_frame()
            if where is not None:
                self._add(str(args[0]), "url", False, where)

    def _observe(self, path, mode, write, where=None, source="audit"):
        path = _path_str(path)
        if path is None or path.endswith(_SKIP_SUFFIXES):
            return False
        path = os.path.abspath(path)  # against the cwd now, at open time
        if path.startswith(self.skip):
            return False
        if where is None:
            where = self.user_frame()
            if where is None:
                return False  # opened by library code on its own (config files, caches): not the experiment's data
        self._add(path, mode, write, where, None, source)
        return True

    def lib_call(self, module, name, receiver, args, where):
        """User code calls a library callable: a file it opens in C is recorded from its arguments
        (libio). Returns a token for lib_return, or None."""
        if not self.enabled:
            return None
        return libio.on_call(module, name, receiver, args, where, self._observe)

    def lib_return(self, call):
        if self.enabled:
            try:
                libio.on_return(call, self._observe)
            except Exception:
                pass

    def quiet(self):
        """Context for the agent's own file work (hashing): the C hook passes this thread's events."""
        return _Quiet(self.native)

    def _add(self, path, mode, write, where, t=None, source="audit"):
        self.count += 1
        if self.count > MAX_ACCESSES:
            self.enabled = False
            return
        access = [path, mode or ("w" if write else "r"), write, where[0], where[1], t or perf_counter_ns(), source]
        if write:
            self.writes.setdefault((path, "remove" if mode in _NO_CONTENT else "w"), access)
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
            self._add(path, "w" if written else "r", written, (code_id, line), t_start, "inferred")

    def after_fork_child(self):
        """The parent's accesses not sent yet (reads) or kept for its exit (writes) are its own; the
        child's run reports the files it reads itself."""
        self.pending = []
        self.writes = {}
        self.done_reads = {}

    def take(self, final=False):
        """FileAccess dicts ready to send (hashing reads now, writes only at the end)."""
        out = []
        pending, self.pending = self.pending, []
        with self.quiet():
            for access in pending:
                path = access[0]
                if path in self.done_reads:
                    continue
                entry = self._describe(*access)
                self.done_reads[path] = entry
                out.append(entry)
            if final:
                for access in list(self.writes.values()):
                    out.append(self._describe(*access))
                self.writes.clear()
        return out

    @staticmethod
    def _describe(path, mode, write, code_id, line, t, source):
        entry = {"path": path, "mode": mode, "write": write, "code_id": code_id, "line": line, "t": t, "source": source}
        if mode != "url" and mode not in _NO_CONTENT:
            size, digest, method = content_hash(path)
            entry.update(size=size, sha256=digest, hash_method=method)
        return entry


class _Quiet(object):
    __slots__ = ("mod", "was")

    def __init__(self, mod):
        self.mod = mod

    def __enter__(self):
        if self.mod is not None:
            self.was = self.mod.enter()

    def __exit__(self, *exc):
        if self.mod is not None:
            self.mod.leave(self.was)


def content_hash(path):
    """(size, sha256 hex, method). Full hash up to FULL_HASH_LIMIT; beyond, a sampled hash so a
    100 GB file costs 1 MiB of reading: the size, SAMPLE_BLOCKS evenly spaced blocks and the tail."""
    from .fasthash import sha256 as _sha256
    try:
        size = os.path.getsize(path)
        h = _sha256()
        with open_file(path) as f:
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
