"""Environment of a run, gathered once by the sender thread: imported distributions, selected
environment variables (never the values of secret-looking ones), git state, visible GPUs."""
import os
import sys
from time import monotonic as _monotonic, sleep as _sleep  # (time is loaded before the agent)

from ..lifecycle.fds import close_quietly, open_file, read_text
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
    return read_text(path).strip()


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


def git_info(start, pending=None, final=False):
    """Commit, branch and dirty state of the repository containing `start`, read from .git itself;
    `git status` (if git exists) only for the dirty flag, with a short timeout. pending: the
    handle of a `git status` started earlier by start_git_status() for the same repository.
    final (the run is ending): a `git status` still running is not waited for; its output file stays
    in $LABTRACE_HOME/gitstatus for the daemon, which sets the dirty flag once git has exited."""
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
    if pending is not None:
        dirty = reap_git_status(pending, max(0.0, pending["deadline"] - _monotonic()), leave_running=final)
        info["dirty"] = bool(dirty)
        if dirty is None:  # git still running: the daemon sets the flag from its file
            info["dirty_pending"] = True
    return info


# `git status` writes into $LABTRACE_HOME/gitstatus/RUNID.gitstatus.part (not the spool directory:
# the daemon watches that one, and would wake at every start-up), renamed RUNID.gitstatus once git
# has exited (empty when git failed). The agent reads it when git is done in time; a run that ends
# first leaves it to the daemon (daemon/runs/git-status.ts).
GIT_STATUS_SUFFIX = ".gitstatus"
GIT_PART_SUFFIX = ".part"
GIT_WAIT = 2.0  # seconds from its start that a running run's flushes give git before the environment goes without it
# git runs detached, a grandchild: the program never has a child it did not start (its os.wait()
# would reap ours; regrtest reports "reaped child process"). The outer sh exits at once.
_GIT_SCRIPT = ('{ git -C "$1" status --porcelain --untracked-files=no >"$2%s" 2>/dev/null </dev/null '
               '|| : >"$2%s"; mv -f "$2%s" "$2"; } </dev/null >/dev/null 2>&1 &') % ((GIT_PART_SUFFIX,) * 3)


def start_git_status(root, out_dir, run_id):
    """Start `git status --porcelain` detached (sh backgrounds it and exits), its output into a
    file; returns a handle for reap_git_status() (or None). Not `subprocess`: it imports threading,
    and threading first imported from the agent's thread would take that thread for the main one.
    The sh is not waited for here: reap_git_starter() does it at the end of the agent's start, so
    that the sh's 1-4 ms (exec, fork, exit) overlap the rest of the start instead of adding to it.
    The agent starts it in initialize() (main thread, before the program runs: no program code can
    wait for our child in between), so that git runs while the program does."""
    path = os.path.join(out_dir, run_id + GIT_STATUS_SUFFIX)
    part = path + GIT_PART_SUFFIX
    try:
        try:
            os.makedirs(out_dir, 0o700)
        except OSError:
            pass
        close_quietly(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600))  # mode 0600 kept
        env = dict(os.environ, LABTRACE_DISABLE="1", GIT_OPTIONAL_LOCKS="0")
        pid = os.posix_spawn("/bin/sh", ["sh", "-c", _GIT_SCRIPT, "sh", root, path], env)
    except (OSError, AttributeError):
        _unlink(part)
        return None
    return {"path": path, "pid_owner": os.getpid(), "status": None, "deadline": _monotonic() + GIT_WAIT,
            "starter": pid}


def reap_git_starter(handle):
    """Wait for the sh that start_git_status() spawned (it exits once git is in the background).
    Called before the program runs, always: a child of ours left for later could be reaped by the
    program's own os.wait()."""
    pid = handle.pop("starter", None) if handle is not None else None
    if pid is not None:
        try:
            os.waitpid(pid, 0)
        except OSError:
            pass


def forget_git_status(handle):
    """Fork child: the git process and its file are the parent's; never wait, never delete."""
    if handle is not None:
        handle["path"] = None
        handle["status"] = -1


def git_status_done(handle):
    """True once the started `git status` has exited (its output file renamed into place)."""
    if handle.get("status") is not None:
        return True
    path = handle.get("path")
    if path is None or handle.get("pid_owner") != os.getpid():
        return True
    if os.path.exists(path):
        handle["status"] = 0
        return True
    return False


def reap_git_status(handle, timeout, leave_running=False):
    """Wait (bounded) for a started `git status`; True when it listed changes, False when it did not
    (or failed), None when it is still running after `timeout` (its file stays for the daemon).
    leave_running: do not wait at all for a git still running."""
    path = handle.get("path")
    if path is None or handle.get("pid_owner") != os.getpid():
        return False
    end = _monotonic() + (0.0 if leave_running else timeout)
    delay = 0.0005
    try:
        while not git_status_done(handle):
            if _monotonic() >= end:
                handle["path"] = None  # the daemon reads it once git is done
                return None
            _sleep(delay)
            delay = min(delay * 2, 0.01)
        with open_file(path) as f:
            return bool(f.read(4096).strip())
    except (OSError, ValueError):
        return False
    finally:
        if handle.get("path"):
            _unlink(handle["path"])
            handle["path"] = None


def _unlink(path):
    try:
        os.unlink(path)
    except OSError:
        pass


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


def environment(project_root, distributions, pending_git=None, final=False):
    env = {"variables": selected_variables(), "gpu": gpu_description(),
           "platform": "%s %s (%s)" % (sys.platform, os.uname().release if hasattr(os, "uname") else "", sys.version.split()[0]),
           "distributions": [{"name": n, "version": v} for n, v in sorted(distributions)]}
    git = git_info(project_root, pending_git, final) if project_root else None
    if git:
        env["git"] = git
    return env
