"""Spool files: $LABTRACE_HOME/spool/RUNID-PID-N.spool.partial, renamed to .spool when closed.
Each record = varint length + AgentMessage bytes."""
import _thread
import errno
import os

from .encoder import varint
from ..lifecycle.fds import HIGH_FD, open_high

_PAUSE = _thread.allocate_lock()
_PAUSE.acquire()  # never released: acquire(True, t) waits t seconds


class SpoolWriter(object):
    def __init__(self, spool_dir, run_id, pid):
        try:
            os.makedirs(spool_dir, 0o700)
        except OSError:
            if not os.path.isdir(spool_dir):
                raise
        n = 1
        while True:
            base = os.path.join(spool_dir, "%s-%d-%d.spool" % (run_id, pid, n))
            if not os.path.exists(base) and not os.path.exists(base + ".partial"):
                break
            n += 1
        self.final_path = base
        self.path = base + ".partial"
        # open from a write until release() (the sender thread, between two flushes) or close(): a
        # program (and what it execs or forks) does not see it while the agent sleeps
        self.ident = None
        self.records = 0
        self.fd = None
        self.pending = b""  # bytes a write could not place (see write_many), written first next time
        try:
            self.fd = self._open(os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except OSError as e:
            if e.errno != errno.EBADF:
                raise
            self.fd = None  # closed by the program at once: the first write reopens it

    def _open(self, flags):
        """Our descriptor, at HIGH_FD or above (lifecycle/fds.open_high): a program opening files after
        closing every descriptor never takes its number. EBADF when the program closed it at once (a
        number that may be the program's now is never closed)."""
        fd = open_high(self.path, flags)
        if self.ident is None:
            st = os.stat(self.path)  # (by path: the number may be the program's already)
            self.ident = (st.st_dev, st.st_ino)
        if not self._ours(fd):
            if fd >= HIGH_FD:
                os.close(fd)  # our duplicate of a program's file opened under our number meanwhile
            raise OSError(errno.EBADF, "spool file closed under us")
        return fd

    def _ours(self, fd):
        """fd still names our file. A program may close every descriptor while we write (a fork
        child's close_fds, os.closerange) and open one of its own under the same number: we never
        write to it, nor close it."""
        try:
            st = os.fstat(fd)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == self.ident

    def write(self, data):
        self.write_many((data,))

    def write_many(self, messages):
        buf = bytearray(self.pending)
        for data in messages:
            buf += varint(len(data))
            buf += data
        if self.path is None:
            raise OSError("spool file closed")
        self.records += len(messages)
        self.pending = b""
        self._write(buf, defer=True)

    def _write(self, buf, defer):
        # unbuffered: a fork child never inherits (and later flushes) half a buffer of ours
        view = memoryview(buf)
        lost = 0
        while view:
            try:
                if self.fd is None or not self._ours(self.fd):
                    self.fd = self._open(os.O_WRONLY | os.O_APPEND)  # (reopened: nothing written is lost)
                n = os.write(self.fd, view)
            except OSError as e:
                # closed under us between the check and the write (EBADF: nothing of it was written).
                # A program closing every descriptor in a loop can win many times in a row: each of our
                # system calls lets the GIL go, and a CPU-bound main thread holds it for the switch
                # interval (5 ms) while the program's closing thread wakes up. After a few tries, wait
                # 1 ms between them (a timed lock wait: no audited time.sleep); after ~60 ms the rest
                # waits for the next write or close() (in order: nothing is lost, nothing reordered).
                if e.errno != errno.EBADF:
                    raise
                if lost >= 64:
                    if not defer:
                        raise
                    self.pending = bytes(view)
                    return
                lost += 1
                if lost > 4:
                    _PAUSE.acquire(True, 0.001)
                self.fd = None
                continue
            view = view[n:]

    def release(self):
        if self.fd is not None and self._ours(self.fd):
            try:
                os.close(self.fd)
            except OSError:
                pass
        self.fd = None

    def close(self):
        """Close and rename to .spool (the daemon then ingests it).

        No fsync: it cost 2-25 ms on every spooled exit, and it only protects against a kernel crash
        or power loss in the few seconds before the page cache is written back (a process that exits
        or is killed loses nothing that write() returned for). In that case the program's own unsynced
        output is lost as well, and the daemon reads a short spool file as ending in a truncated
        record (as for an agent killed mid-write): the complete records are ingested."""
        if self.pending and self.path is not None:
            pending, self.pending = self.pending, b""
            self._write(memoryview(pending), defer=False)
        self.release()
        path, self.path = self.path, None
        if path is not None:
            os.rename(path, self.final_path)

    def abandon(self):
        """Fork child: the file belongs to the parent; never write to it or rename it (closing our
        copy of its descriptor writes nothing)."""
        self.release()
        self.path = None
