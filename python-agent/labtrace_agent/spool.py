"""Spool files: $LABTRACE_HOME/spool/RUNID-PID-N.spool.partial, renamed to .spool when closed.
Each record = varint length + AgentMessage bytes."""
import os

from .encoder import varint


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
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        self.f = os.fdopen(fd, "wb")
        self.records = 0

    def write(self, data):
        self.f.write(varint(len(data)))
        self.f.write(data)
        self.records += 1

    def flush(self):
        self.f.flush()

    def close(self):
        """fsync and rename to .spool (the daemon then ingests it)."""
        f = self.f
        if f is None:
            return
        self.f = None
        f.flush()
        try:
            os.fsync(f.fileno())
        finally:
            f.close()
        os.rename(self.path, self.final_path)

    def abandon(self):
        """Fork child: the file belongs to the parent; drop it without touching it."""
        self.f = None
