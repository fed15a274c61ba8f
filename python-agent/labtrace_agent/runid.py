"""Run ids: 32 lowercase hex chars = 12 hex of time (ns >> 16, sorts by time) + 20 random hex."""
import os
import time


def new_run_id(now_ns=None):
    t = (time.time_ns() if now_ns is None else now_ns) >> 16
    return "%012x" % (t & 0xFFFFFFFFFFFF) + os.urandom(10).hex()
