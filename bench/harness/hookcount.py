"""Diagnostic: how many hook invocations a workload costs, by event type and by user/library frame.
    python bench/harness/hookcount.py [--settrace] script.py [args]
Divide (agent - floor) time by the invocation count to get the agent's own cost per event."""
import collections
import os
import runpy
import sys
import time


def main():
    args = sys.argv[1:]
    mode = "setprofile"
    if args and args[0] == "--settrace":
        mode = "settrace"
        args = args[1:]
    script = os.path.abspath(args[0])
    root = os.path.dirname(script)
    counts = collections.Counter()
    files = {}

    def hook(frame, event, arg):
        fn = frame.f_code.co_filename
        u = files.get(fn)
        if u is None:
            u = files[fn] = fn.startswith(root)
        counts[(event, u)] += 1
        return hook if mode == "settrace" else None

    sys.argv = args
    t0 = time.perf_counter()
    (sys.settrace if mode == "settrace" else sys.setprofile)(hook)
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        (sys.settrace if mode == "settrace" else sys.setprofile)(None)
    dt = time.perf_counter() - t0
    total = sum(counts.values())
    sys.stderr.write("%s: %d hook invocations in %.2f s (counting hook)\n" % (mode, total, dt))
    for (event, user), n in counts.most_common():
        sys.stderr.write("  %-12s %-8s %10d  %5.1f%%\n" % (event, "user" if user else "library", n, 100.0 * n / total))


if __name__ == "__main__":
    main()
