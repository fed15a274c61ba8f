"""Which files are "user code": under the project root, not stdlib / site-packages / the agent.

LABTRACE_EXCLUDE globs win over LABTRACE_INCLUDE globs, which win over the default rule.
"""
import os
import sys

from ..config import AGENT_DIR as _AGENT_DIR
# The query client shipped beside the agent (`from labtrace import runs`): library code, never the user's.
_CLIENT_DIR = os.path.join(os.path.dirname(_AGENT_DIR), "labtrace")


def project_root_for(argv0, cwd):
    """Directory of the script being run; cwd for -c, -m, interactive."""
    if argv0 and argv0 not in ("-c", "-m", "-") and not argv0.startswith("<"):
        p = os.path.abspath(os.path.join(cwd, argv0))
        if os.path.isfile(p):
            return os.path.dirname(os.path.realpath(p))
    return cwd


def _library_dirs():
    dirs = set()
    for p in (sys.prefix, sys.exec_prefix, getattr(sys, "base_prefix", sys.prefix),
              getattr(sys, "base_exec_prefix", sys.exec_prefix)):
        v = sys.version_info
        dirs.add(os.path.join(p, "lib", "python%d.%d" % (v[0], v[1])))
        dirs.add(os.path.join(p, "lib64", "python%d.%d" % (v[0], v[1])))
    for p in sys.path:
        if p and ("site-packages" in p or "dist-packages" in p):
            dirs.add(p)
    dirs.add(_AGENT_DIR)
    dirs.add(_CLIENT_DIR)
    out = []
    for d in dirs:
        out.append(os.path.normcase(os.path.abspath(d)))
        try:
            out.append(os.path.normcase(os.path.realpath(d)))
        except OSError:
            pass
    return tuple(sorted(set(out)))


def is_cell_file(filename):
    """A file name IPython compiles a cell's code under: TMP/ipykernel_PID/HASH.py (ipykernel 6+) or
    <ipython-input-N-HASH> (IPython's own). The cell is user code whatever its name (issue 12)."""
    if filename.startswith("<"):
        return filename.startswith("<ipython-input-")
    if not filename.endswith(".py"):
        return False
    d = os.path.dirname(filename)
    return os.path.basename(d).startswith("ipykernel_")


class UserFilter(object):
    def __init__(self, project_root, include=(), exclude=(), cwd=None):
        self.root = os.path.normcase(os.path.abspath(project_root))
        self.root_real = os.path.normcase(os.path.realpath(project_root))
        self.include = tuple(include)
        self.exclude = tuple(exclude)
        self.cwd = cwd or os.getcwd()
        self.libdirs = _library_dirs()

    def abspath(self, filename):
        if filename.startswith("<"):
            return filename
        if not os.path.isabs(filename):
            filename = os.path.join(self.cwd, filename)
        return os.path.normpath(filename)

    def is_user(self, filename):
        if not filename:
            return False
        if filename.startswith("<"):
            return filename.startswith("<ipython-input-")
        path = self.abspath(filename)
        if self.include or self.exclude:
            from fnmatch import fnmatchcase
        for g in self.exclude:
            if fnmatchcase(path, g):
                return False
        for g in self.include:
            if fnmatchcase(path, g):
                return True
        if is_cell_file(path):
            return True
        p = os.path.normcase(path)
        sep = os.sep
        for d in self.libdirs:
            if p == d or p.startswith(d + sep):
                return False
        if "site-packages" in p or "dist-packages" in p:
            return False
        for root in (self.root, self.root_real):
            if p.startswith(root.rstrip(sep) + sep):
                return True
        return False
