"""make transparency: a slice of CPython's own regression suite, untraced and traced, same outcomes?

    python3 test/transparency/run.py [--pythons 12,11] [--modules test_sys,test_with] [--timeout 900]
                                     [--work DIR] [--report FILE] [--keep]

For every CPython 3.8-3.13 under pyenv and every module below that exists in its test package, runs
`python -m test MODULE` untraced and then traced, back to back (see side.py), compares the per-test
outcomes (outcomes.py, compare.py), re-runs a module whose outcomes differ, and prints the table.
Exits 1 when an outcome differs in both runs, 0 otherwise (flaky ones are listed, they do not fail).
Sequential on purpose: the machine is shared and most of these tests are timing-sensitive.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import outcomes  # noqa: E402
import side  # noqa: E402

# What the agent touches, and what would notice it: threads and subinterpreters, recursion limits,
# exceptions and tracebacks, subprocesses and inherited fds, signals, fork, atexit, the trace/profile/
# monitoring hooks it shares, audit hooks (test_audit: a program's hook sees the agent's audited calls),
# imports, generators and coroutines, gc and weakrefs; plus ordinary
# stdlib suites. A name missing from a Python's test package is left out for that Python.
MODULES = [
    "test_threading", "test_thread", "test_threading_local", "test__xxsubinterpreters", "test__interpreters",
    "test_interpreters",
    "test_sys", "test_exceptions", "test_raise", "test_traceback", "test_faulthandler",
    "test_subprocess", "test_os", "test_tempfile", "test_signal", "test_fork1", "test_wait4", "test_atexit",
    "test_sys_settrace", "test_sys_setprofile", "test_monitoring", "test_trace", "test_bdb", "test_cprofile",
    "test_profile", "test_pdb", "test_frame", "test_code", "test_inspect",
    "test_import", "test_weakref", "test_gc",
    "test_generators", "test_coroutines", "test_asyncgen", "test_contextlib", "test_contextlib_async",
    "test_with", "test_scope", "test_class", "test_functools", "test_itertools",
    "test_pickle", "test_logging", "test_json", "test_csv", "test_re", "test_dict", "test_list",
    "test_concurrent_futures", "test_unittest", "test_audit",
]


def pythons(wanted):
    """[(label '3.12', path)] of the newest 3.8-3.13 patch release per minor under pyenv, in `wanted` order."""
    root = os.environ.get("PYENV_ROOT")
    if not root:
        try:
            root = subprocess.check_output(["pyenv", "root"], universal_newlines=True).strip()
        except (OSError, subprocess.CalledProcessError):
            root = os.path.expanduser("~/.pyenv")
    found = {}
    for path in glob.glob(os.path.join(root, "versions", "3.*", "bin", "python")):
        m = re.match(r"3\.(\d+)\.(\d+)$", os.path.basename(os.path.dirname(os.path.dirname(path))))
        if m and 8 <= int(m.group(1)) <= 13:
            minor, patch = int(m.group(1)), int(m.group(2))
            if minor not in found or found[minor][0] < patch:
                found[minor] = (patch, path)
    order = [int(w) for w in wanted.split(",")] if wanted else sorted(found, reverse=True)
    return [("3.%d" % minor, found[minor][1]) for minor in order if minor in found]


def test_dir_of(python):
    return subprocess.check_output(
        [python, "-c", "import os, test; print(os.path.dirname(test.__file__))"], universal_newlines=True,
        env=side.base_env()).strip()


def has_module(test_dir, module):
    return os.path.isfile(os.path.join(test_dir, module + ".py")) or os.path.isfile(
        os.path.join(test_dir, module, "__init__.py"))


def prepare_agent(python, agent_dir):
    """Byte-compile a copied agent and rebuild its start-up blobs for this Python: a copy made without
    keeping file times has every blob entry stale, and each traced interpreter then loads the agent from
    its files (~2x its start-up CPU; test_concurrent_futures starts hundreds of workers)."""
    for cmd in ([python, "-m", "compileall", "-q", "--invalidation-mode", "timestamp",
                 os.path.join(agent_dir, "sitecustomize.py"), os.path.join(agent_dir, "labtrace_agent")],
                [python, os.path.join(agent_dir, "native", "build_codeblob.py")]):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def run_pair(python, test_dir, module, workdir, timeout, ignore, traced_first=False):
    """Both sides back to back; returns (untraced Side, traced Side)."""
    order = (True, False) if traced_first else (False, True)
    sides = {}
    for traced in order:
        sides[traced] = side.run(python, test_dir, module, traced,
                                 os.path.join(workdir, "traced" if traced else "untraced"), timeout, ignore=ignore)
    return sides[False], sides[True]


def outcomes_of(u, t):
    use_xml = os.path.exists(u.xml) and os.path.exists(t.xml)
    uo = outcomes.outcomes(u.xml, u.log, use_xml)
    to = outcomes.outcomes(t.xml, t.log, use_xml)
    uo[compare.EXIT_ID] = (u.exit_status(), "")
    to[compare.EXIT_ID] = (t.exit_status(), "")
    return uo, to


def run_module(python, test_dir, module, workdir, timeout, rerun, ignore=()):
    result = compare.ModuleResult(module)
    u, t = run_pair(python, test_dir, module, os.path.join(workdir, "run1"), timeout, ignore)
    uo, to = outcomes_of(u, t)
    result.tests = len((set(uo) | set(to)) - {compare.EXIT_ID})
    result.seconds = (u.seconds, t.seconds)
    result.switch_offs = list(t.switch_offs)
    first = compare.differences(uo, to)
    second = None
    traced_texts = [to]
    traced_logs = [t.log]
    if first and rerun:
        # the whole module again, traced side first this time, so the order does not favour one side
        u2, t2 = run_pair(python, test_dir, module, os.path.join(workdir, "run2"), timeout, ignore, traced_first=True)
        uo2, to2 = outcomes_of(u2, t2)
        second = compare.differences(uo2, to2)
        result.switch_offs += t2.switch_offs
        traced_texts.append(to2)
        traced_logs.append(t2.log)
    elif first:
        second = first
        result.note = "not re-run"
    compare.classify(result, first, second)
    compare.set_apart_inherent(result, lambda tid: [texts.get(tid, ("", ""))[1] for texts in traced_texts])
    for tid in result.differing:
        lines = []
        for texts in traced_texts:
            lines += [al for al in compare.agent_lines(texts.get(tid, ("", ""))[1]) if al not in lines]
        if lines:
            result.agent_lines[tid] = lines
        reason = compare.last_line(traced_texts[0].get(tid, ("", ""))[1])
        if reason:
            result.reasons[tid] = reason
    for log in traced_logs:
        result.log_agent_lines += [al for al in compare.agent_lines(log) if al not in result.log_agent_lines]
    if t.timed_out or u.timed_out:
        result.note = "timed out after %d s" % timeout
    return result


def _commit():
    try:
        out = subprocess.check_output(["git", "-C", side.REPO, "rev-parse", "--short", "HEAD"],
                                      universal_newlines=True, stderr=subprocess.DEVNULL).strip()
        dirty = subprocess.call(["git", "-C", side.REPO, "diff", "--quiet", "HEAD", "--", "python-agent"],
                                stderr=subprocess.DEVNULL)
        return out + (" + uncommitted python-agent changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pythons", default="", help="minor versions in the order to run, e.g. 12,11 (default: all, newest first)")
    ap.add_argument("--modules", default="", help="comma-separated test modules (default: the built-in slice)")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per module and side (default 900)")
    ap.add_argument("--work", default="", help="directory for logs and XML (default: a new temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the logs of modules without differences too")
    ap.add_argument("--no-rerun", action="store_true", help="do not re-run a module with differences")
    ap.add_argument("--report", default="", help="also write the report to this file (rewritten after each Python)")
    ap.add_argument("--agent", default="", help="python-agent directory to trace with (default: the checkout's); "
                    "a copy keeps a long run from seeing edits made to the checkout meanwhile")
    args = ap.parse_args(argv)
    if args.agent:
        side.AGENT_DIR = os.path.abspath(args.agent)
    modules = [m for m in args.modules.split(",") if m] or MODULES
    # absolute: each side runs in its own working directory, and regrtest opens --junit-xml from there
    work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="labtrace-transparency-"))
    os.makedirs(work, exist_ok=True)
    found = pythons(args.pythons)
    if not found:
        sys.stderr.write("transparency: no CPython 3.8-3.13 under pyenv\n")
        return 2
    sys.stderr.write("transparency: logs in %s\n" % work)
    results = []
    failed = False
    agent = "from " + side.AGENT_DIR if args.agent else "at " + _commit()
    header = "labtrace transparency, %s, agent %s; daemon down (agents spool); %d modules asked\n" % (
        time.strftime("%Y-%m-%d %H:%M"), agent, len(modules)) + "".join(
        "left out on both sides on %s: %s (%s)\n" % item for item in side.IGNORED) + "\n"
    for label, python in found:
        if args.agent:
            prepare_agent(python, side.AGENT_DIR)
        test_dir = test_dir_of(python)
        mods = []
        su = st = 0.0
        for module in modules:
            if not has_module(test_dir, module):
                continue
            workdir = os.path.join(work, label, module)
            shutil.rmtree(workdir, ignore_errors=True)
            start = time.monotonic()
            r = run_module(python, test_dir, module, workdir, args.timeout, not args.no_rerun,
                           [pattern for pattern, _why in side.ignored_for(label)])
            mods.append(r)
            su += r.seconds[0]
            st += r.seconds[1]
            failed = failed or bool(r.differing)
            sys.stderr.write("[%s] %s %-28s %4d tests  %d differing  %d inherent  %d flaky  %d switch-offs  %.0f s\n" % (
                time.strftime("%H:%M:%S"), label, module, r.tests, len(r.differing), len(r.inherent), len(r.flaky),
                len(r.switch_offs), time.monotonic() - start))
            sys.stderr.flush()
            if not (r.differing or r.flaky or r.switch_offs or r.inherent or args.keep):
                shutil.rmtree(workdir, ignore_errors=True)
        results.append((label, mods, su, st))
        if args.report:
            with open(args.report, "w") as f:
                f.write(header + compare.render(results))
    sys.stdout.write(header + compare.render(results))
    sys.stdout.write("logs of modules with differences: %s\n" % work)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
