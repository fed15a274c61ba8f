"""RunInfo collection: cheap facts from sys, os and /proc (no `platform`, no environment values), and
the run id."""
import os
import sys
import time

from ..config import python_version
from ..lifecycle.fds import open_file, read_text


def new_run_id(now_ns=None):
    """32 lowercase hex chars = 12 hex of time (ns >> 16, sorts by time) + 20 random hex."""
    t = (time.time_ns() if now_ns is None else now_ns) >> 16
    return "%012x" % (t & 0xFFFFFFFFFFFF) + os.urandom(10).hex()


def startup_facts(project_root):
    """Cheap facts taken in initialize() (before the program can change them)."""
    argv = list(getattr(sys, "argv", []) or [])
    cwd = os.getcwd()
    script = ""
    if argv and argv[0] == "-m":
        script = run_module()  # `python -m pkg.mod`: the module's name (its file is not known yet)
    elif argv and argv[0] and argv[0] not in ("-c", "-") and not argv[0].startswith("<"):
        p = os.path.abspath(argv[0])
        if os.path.isfile(p):
            script = p
    return {"argv": argv, "cwd": cwd, "pid": os.getpid(), "ppid": os.getppid(),
            "script": script, "project_root": project_root}


def run_module():
    """The module of `python -m MODULE`, from the interpreter's own command line (sys.orig_argv from
    3.10, /proc/self/cmdline before), or "". sys.argv[0] is "-m" until runpy has found the module."""
    args = getattr(sys, "orig_argv", None)
    if args is None:
        try:
            with open_file("/proc/self/cmdline") as f:
                args = [os.fsdecode(a) for a in f.read().split(b"\0")]
        except OSError:
            return ""
    i = 1
    while i < len(args):
        a = args[i]
        if a == "-m":
            return args[i + 1] if i + 1 < len(args) else ""
        if a.startswith("-m"):
            return a[2:]
        if a in ("-c", "-") or not a.startswith("-"):
            return ""  # the script or command: options after it are the program's
        i += 2 if a in ("-W", "-X", "--check-hash-based-pycs") else 1
    return ""


def cpu_model():
    for line in read_text("/proc/cpuinfo", 1 << 14).splitlines():
        k, _, v = line.partition(":")
        if k.strip() in ("model name", "Hardware", "cpu model", "Processor"):
            return v.strip()
    return ""


def memory_bytes():
    for line in read_text("/proc/meminfo", 4096).splitlines():
        if line.startswith("MemTotal:"):
            parts = line.split()
            try:
                return int(parts[1]) * 1024
            except (IndexError, ValueError):
                return 0
    return 0


def os_string():
    try:
        u = os.uname()
        s = "%s-%s-%s" % (u.sysname, u.release, u.machine)
    except AttributeError:
        s = sys.platform
    pretty = ""
    for line in read_text("/etc/os-release", 4096).splitlines():
        if line.startswith("PRETTY_NAME="):
            pretty = line.split("=", 1)[1].strip().strip('"')
    return s + (" (" + pretty + ")" if pretty else "")


def sha256_file(path, limit=256 << 20):
    from .fasthash import sha256
    h = sha256()
    try:
        with open_file(path) as f:
            read = 0
            while read < limit:
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                h.update(chunk)
                read += len(chunk)
    except OSError:
        return ""
    return h.hexdigest()


def hostname():
    try:
        return os.uname().nodename
    except AttributeError:
        return ""


def run_info(facts, start_time_ns, origin_ns, backend, reason):
    """Full RunInfo dict (called in the sender thread: hashing and /proc reads are off the start-up path)."""
    impl = getattr(sys, "implementation", None)
    return {
        "argv": facts["argv"], "cwd": facts["cwd"], "pid": facts["pid"], "ppid": facts["ppid"],
        "python_version": python_version(),
        "python_implementation": {"cpython": "CPython", "pypy": "PyPy"}.get(impl.name, impl.name) if impl else "",
        "executable": sys.executable or "",
        "script": facts["script"],
        "script_sha256": sha256_file(facts["script"]) if os.path.isabs(facts["script"]) else "",
        "hostname": hostname(), "os": os_string(), "cpu_model": cpu_model(),
        "cpu_count": os.cpu_count() or 0, "memory_bytes": memory_bytes(),
        "start_time_ns": start_time_ns, "backend": backend, "backend_reason": reason,
        "project_root": facts["project_root"], "monotonic_origin_ns": origin_ns,
    }
