"""Pick the tracing backend and record why."""
import sys

# Tool ids we may take, in order of preference. 0-2 (debugger, coverage, profiler) are left to the
# tools the program itself may use (pdb, coverage.py, cProfile); 5 is the optimizer slot, unused.
PREFERRED_TOOL_IDS = (3, 4, 5)
BACKENDS = ("monitoring", "setprofile", "settrace")


def _free_tool_id(mon):
    taken = []
    for tid in PREFERRED_TOOL_IDS:
        owner = mon.get_tool(tid)
        if owner is None:
            return tid, taken
        taken.append("%d (%s)" % (tid, owner))
    return None, taken


def choose(forced=""):
    """Return (backend, reason, tool_id or None)."""
    mon = getattr(sys, "monitoring", None)
    if forced:
        if forced not in BACKENDS:
            name, reason, tid = choose("")
            return name, "LABTRACE_BACKEND=%r unknown; %s" % (forced, reason), tid
        if forced != "monitoring":
            return forced, "forced by LABTRACE_BACKEND=%s" % forced, None
        if mon is None:
            return "setprofile", "LABTRACE_BACKEND=monitoring but sys.monitoring needs 3.12+", None
        tid, taken = _free_tool_id(mon)
        if tid is None:
            return "setprofile", "LABTRACE_BACKEND=monitoring but tool ids %s are in use" % ", ".join(taken), None
        return "monitoring", "forced by LABTRACE_BACKEND=monitoring, tool id %d free" % tid, tid
    if mon is None:
        return "setprofile", "sys.monitoring unavailable (Python %d.%d < 3.12)" % sys.version_info[:2], None
    tid, taken = _free_tool_id(mon)
    if tid is None:
        return "setprofile", "sys.monitoring tool ids %s all in use" % ", ".join(taken), None
    if taken:
        return "monitoring", "sys.monitoring available (3.12+), tool id %d free (%s in use)" % (tid, ", ".join(taken)), tid
    return "monitoring", "sys.monitoring available (3.12+), tool id %d free" % tid, tid
