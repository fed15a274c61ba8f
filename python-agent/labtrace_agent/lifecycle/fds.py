"""File descriptors the agent opens for itself: the wakeup pipe (sigwatch), the daemon socket
(websocket); the spool file only during a flush, the git status output file for an instant. See
docs/architecture.md, "The agent's file descriptors"."""
import os
import sys

# Our descriptors live high: the program's own fd numbers stay as without us (with stdin closed,
# os.pipe() would take fd 0, and multiprocessing closes stdin), and a program closing fds it does
# not own is unlikely to reuse the number.
HIGH_FD = 256


def move_high(fd):
    """A close-on-exec duplicate of fd at HIGH_FD or above (fd itself is closed), or fd unchanged."""
    try:
        fcntl = preload()
        high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, HIGH_FD)
    except (ImportError, OSError, AttributeError):
        return fd
    os.close(fd)
    return high


def open_high(path, flags, mode=0o600):
    """Our own file, opened close-on-exec at HIGH_FD or above with the GIL held from the open to the move
    (_audithook.open_high): no program thread runs while it holds a low number. Without the C module:
    os.open, then a duplicate at HIGH_FD when fcntl is already loaded (never imported here: this runs in
    hooks too), the low number closed only while it still names our file; a program thread may run in
    between. Raises OSError as os.open."""
    native = sys.modules.get("labtrace_agent._audithook")
    if native is not None and getattr(native, "VERSION", 0) >= 3:
        return native.open_high(os.fsencode(path), flags, mode, HIGH_FD)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), mode)
    fcntl = sys.modules.get("fcntl")  # (loaded by the sender thread: never imported here, in a hook)
    try:
        st = os.fstat(fd)
        high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, HIGH_FD)
    except (OSError, AttributeError):
        return fd
    if _same_file(fd, st):  # (a program closing every descriptor meanwhile may own that number now)
        os.close(fd)
    return high


def _same_file(fd, st):
    try:
        now = os.fstat(fd)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (st.st_dev, st.st_ino)


def open_file(path):
    """Our own read of the file at path (sources, the daemon's port and token, data files to hash,
    /proc), over open_high's descriptor: a program's audit hook sees no "open" of ours (io.FileIO of a
    descriptor raises one with its number)."""
    return OwnFile(open_high(path, os.O_RDONLY))


def read_text(path, limit=-1):
    """Up to limit bytes of a small text file of ours (/proc, .git, /etc/os-release), decoded; ""
    when it cannot be read."""
    try:
        with open_file(path) as f:
            return f.read(limit).decode("utf-8", "replace")
    except OSError:
        return ""


class OwnFile(object):
    """The few file methods the agent's reads use: read, seek, close, `with`."""

    def __init__(self, fd):
        self.fd = fd

    def read(self, size=-1):
        """Up to size bytes (all with size < 0), short only at the end of the file (/proc files come
        a page at a time)."""
        chunks, got = [], 0
        while size < 0 or got < size:
            chunk = os.read(self.fd, (1 << 16) if size < 0 else size - got)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def seek(self, pos):
        return os.lseek(self.fd, pos, os.SEEK_SET)

    def close(self):
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def preload():
    """fcntl, imported by the sender thread before the main thread needs it (in a signal handler
    that may interrupt the program's own import, an import of ours is best a sys.modules hit)."""
    import fcntl
    return fcntl


def close_quietly(*fds):
    for fd in fds:
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass
