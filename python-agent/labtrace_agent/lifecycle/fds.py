"""File descriptors the agent opens for itself: the wakeup pipe (sigwatch), the daemon socket
(websocket); the spool file only during a flush, the git status output file for an instant. See
docs/architecture.md, "The agent's file descriptors"."""
import os

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
