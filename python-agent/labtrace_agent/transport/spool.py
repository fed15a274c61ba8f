"""Spool files: $LABTRACE_HOME/spool/RUNID-PID-N.spool.partial, renamed to .spool when closed.
Each record = varint length + AgentMessage bytes."""
import os

from .encoder import varint

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


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
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o600)
        self.records = 0

    def write(self, data):
        self.write_many((data,))

    def write_many(self, messages):
        buf = bytearray()
        for data in messages:
            buf += varint(len(data))
            buf += data
        if self.path is None:
            raise OSError("spool file closed")
        if self.fd is None:
            self.fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | _CLOEXEC)
        # unbuffered: a fork child never inherits (and later flushes) half a buffer of ours
        view = memoryview(buf)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]
        self.records += len(messages)

    def release(self):
        fd, self.fd = self.fd, None
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass

    def close(self):
        """Close and rename to .spool (the daemon then ingests it).

        No fsync: it cost 2-25 ms on every spooled exit, and it only protects against a kernel crash
        or power loss in the few seconds before the page cache is written back (a process that exits
        or is killed loses nothing that write() returned for). In that case the program's own unsynced
        output is lost as well, and the daemon reads a short spool file as ending in a truncated
        record (as for an agent killed mid-write): the complete records are ingested."""
        self.release()
        path, self.path = self.path, None
        if path is not None:
            os.rename(path, self.final_path)

    def abandon(self):
        """Fork child: the file belongs to the parent; never write to it or rename it (closing our
        copy of its descriptor writes nothing)."""
        self.release()
        self.path = None
