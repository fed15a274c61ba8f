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
        # unbuffered: a fork child must never inherit (and later flush) half a buffer of ours
        self.f = os.fdopen(fd, "wb", buffering=0)
        self.records = 0

    def write(self, data):
        rec = varint(len(data)) + data
        view = memoryview(rec)
        while view:
            n = self.f.write(view)
            view = view[n:]
        self.records += 1

    def flush(self):
        pass

    def close(self):
        """Close and rename to .spool (the daemon then ingests it).

        No fsync: it cost 2-25 ms on every spooled exit, and it only protects against a kernel crash
        or power loss in the few seconds before the page cache is written back (a process that exits
        or is killed loses nothing that write() returned for). In that case the program's own unsynced
        output is lost as well, and the daemon reads a short spool file as ending in a truncated
        record (as for an agent killed mid-write): the complete records are ingested."""
        f = self.f
        if f is None:
            return
        self.f = None
        f.close()
        os.rename(self.path, self.final_path)

    def abandon(self):
        """Fork child: the file belongs to the parent; drop it without touching it (unbuffered, so
        closing our copy of the descriptor writes nothing)."""
        f, self.f = self.f, None
        if f is not None:
            try:
                f.close()
            except OSError:
                pass
