"""Environment of a run, gathered once by the sender thread: imported distributions, selected
environment variables (never the values of secret-looking ones), git state, visible GPUs."""
import os
import sys

from ..fds import close_quietly, move_high
from .secrets import looks_secret

_SELECTED_PREFIXES = ("PYTHON", "CUDA", "OMP_", "MKL_", "OPENBLAS", "NUMEXPR", "LC_", "SLURM_", "CONDA_", "VIRTUAL_ENV",
                      "TF_", "TORCH", "HF_", "MLFLOW_", "WANDB_", "PIP_", "JAVA_HOME")
_SELECTED = frozenset(("LANG", "TZ", "HOME", "USER", "SHELL", "PATH", "PWD"))
MAX_VALUE = 500


def selected_variables(environ=None):
    env = os.environ if environ is None else environ
    out = []
    for name in sorted(env):
        secret = looks_secret(name)
        if not (secret or name in _SELECTED or name.startswith(_SELECTED_PREFIXES)):
            continue
        if name.startswith("LABTRACE"):
            continue
        out.append({"name": name, "value": "" if secret else env[name][:MAX_VALUE], "redacted": secret})
    return out


def _read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return ""


def git_root(start):
    """The directory holding the .git of the repository containing `start`, or None."""
    d = os.path.abspath(start)
    while True:
        if os.path.isdir(os.path.join(d, ".git")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def git_info(start, pending=None):
    """Commit, branch and dirty state of the repository containing `start`, read from .git itself;
    `git status` (if git exists) only for the dirty flag, with a short timeout. pending: the
    handle of a `git status` started earlier by start_git_status() for the same repository."""
    d = git_root(start)
    if d is None:
        if pending is not None:
            reap_git_status(pending, 0.0)
        return None
    git = os.path.join(d, ".git")
    head = _read(os.path.join(git, "HEAD"))
    branch, commit = "", head
    if head.startswith("ref: "):
        ref = head[5:]
        branch = ref.rsplit("/", 1)[-1] if ref.startswith("refs/heads/") else ref
        commit = _read(os.path.join(git, ref))
        if not commit:
            for line in _read(os.path.join(git, "packed-refs")).splitlines():
                if line.endswith(" " + ref):
                    commit = line.split(" ", 1)[0]
    info = {"commit": commit, "branch": branch, "root": d, "dirty": False}
    if pending is None:
        pending = start_git_status(d)
    info["dirty"] = reap_git_status(pending, 2.0) if pending is not None else False
    return info


def start_git_status(root):
    """Start `git status --porcelain` via posix_spawn and a pipe; returns a handle for reap_git_status() (or
    None). Not `subprocess`: it imports threading, and threading first imported from the agent's
    thread would take that thread for the main one (the interpreter would then wait for it forever
    at exit). The agent starts it in initialize() (main thread, ~1 ms), so that git runs while the
    program does: waiting for it at exit cost a short run 10-40 ms."""
    try:
        r, w = os.pipe()
    except OSError:
        return None
    try:
        r = move_high(r)
        actions = [(os.POSIX_SPAWN_DUP2, w, 1), (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0), (os.POSIX_SPAWN_CLOSE, r)]
        env = dict(os.environ, LABTRACE_DISABLE="1", GIT_OPTIONAL_LOCKS="0")
        pid = os.posix_spawnp("git", ["git", "-C", root, "status", "--porcelain", "--untracked-files=no"], env,
                              file_actions=actions)
    except (OSError, AttributeError):
        close_quietly(r, w)
        return None
    close_quietly(w)
    return {"pid": pid, "r": r, "pid_owner": os.getpid()}


def forget_git_status(handle):
    """Fork child: the git process is the parent's; close our copy of the pipe, never wait."""
    if handle is not None and handle.get("pid_owner") != os.getpid():
        fd, handle["r"] = handle.get("r"), None
        close_quietly(fd)


def reap_git_status(handle, timeout):
    """Read the output of a started `git status` (bounded), wait for it; True when it succeeded and
    listed changes."""
    import select
    r, pid = handle.get("r"), handle.get("pid")
    handle["r"] = handle["pid"] = None
    if r is None or pid is None or handle.get("pid_owner") != os.getpid():
        return False
    try:
        out = b""
        end = _monotonic() + timeout
        while True:
            left = end - _monotonic()
            if left <= 0 or not select.select([r], [], [], left)[0]:
                os.kill(pid, 9)
                break
            chunk = os.read(r, 65536)
            if not chunk:
                break
            out += chunk
        status = os.waitpid(pid, 0)[1]
        pid = 0
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and bool(out.strip())
    except (OSError, AttributeError, ValueError):
        return False
    finally:
        try:
            os.close(r)
        except OSError:
            pass
        if pid:
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass


def _monotonic():
    import time
    return time.monotonic()


def gpu_description():
    root = "/proc/driver/nvidia/gpus"
    try:
        names = []
        for g in sorted(os.listdir(root)):
            for line in _read(os.path.join(root, g, "information")).splitlines():
                if line.startswith("Model:"):
                    names.append(line.split(":", 1)[1].strip())
        return ", ".join(names)
    except OSError:
        return ""


def environment(project_root, distributions, pending_git=None):
    env = {"variables": selected_variables(), "gpu": gpu_description(),
           "platform": "%s %s (%s)" % (sys.platform, os.uname().release if hasattr(os, "uname") else "", sys.version.split()[0]),
           "distributions": [{"name": n, "version": v} for n, v in sorted(distributions)]}
    git = git_info(project_root, pending_git) if project_root else None
    if git:
        env["git"] = git
    return env
