"""No-op floor of a C profile hook: _noop_profile.install() on the main thread and, through threading's
profile hook, on every thread the program starts (the same coverage as the agent's C hook)."""
import os
import sys
import threading

sys.path.insert(0, os.environ["LABTRACE_CPROFILE_FLOOR_DIR"])
import _noop_profile  # noqa: E402

sys.path.pop(0)


def _on_thread(frame, event, arg):
    _noop_profile.install()   # replaces this Python profile function with the C no-op for the new thread


threading.setprofile(_on_thread)
_noop_profile.install()
