"""Environment of a run, gathered once by the sender thread: imported distributions, selected
environment variables (never the values of secret-looking ones), git state, visible GPUs."""
import os
import sys

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


def git_info(start):
    """Commit, branch and dirty state of the repository containing `start`, read from .git itself;
    `git status` (if git exists) only for the dirty flag, with a short timeout."""
    d = os.path.abspath(start)
    while True:
        git = os.path.join(d, ".git")
        if os.path.isdir(git):
            break
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent
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
    try:
        import subprocess
        r = subprocess.run(["git", "-C", d, "status", "--porcelain", "--untracked-files=no"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=2, env=dict(os.environ, LABTRACE_DISABLE="1"))
        info["dirty"] = r.returncode == 0 and bool(r.stdout.strip())
    except Exception:
        pass
    return info


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


def environment(project_root, distributions):
    env = {"variables": selected_variables(), "gpu": gpu_description(),
           "platform": "%s %s (%s)" % (sys.platform, os.uname().release if hasattr(os, "uname") else "", sys.version.split()[0]),
           "distributions": [{"name": n, "version": v} for n, v in sorted(distributions)]}
    git = git_info(project_root) if project_root else None
    if git:
        env["git"] = git
    return env
