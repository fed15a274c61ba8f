"""Import the `sitecustomize` that python-agent/sitecustomize.py shadows (e.g. Debian's
/etc/python3.X/sitecustomize.py), as ddtrace does: drop ourselves from sys.modules, find the next one
on sys.path, import it, then put ourselves back. Never raises."""
import os
import sys

_done = []


def chain(name="sitecustomize"):
    if _done:
        return
    _done.append(True)
    me = sys.modules.get(name)
    try:
        my_file = getattr(me, "__file__", "") or ""
        my_dir = _identity(os.path.dirname(my_file) or ".")
        import _frozen_importlib as _b
        import _frozen_importlib_external as _m
        path = [p for p in sys.path if my_dir is None or _identity(p or ".") != my_dir]
        spec = _m.PathFinder.find_spec(name, path)
        if spec is None or spec.origin is None or _identity(spec.origin) in (_identity(my_file), None):
            return
        mod = _b.module_from_spec(spec)
        sys.modules[name] = mod
        try:
            spec.loader.exec_module(mod)
        finally:
            sys.modules[name] = me
    except Exception:
        if me is not None:
            sys.modules[name] = me


def _identity(path):
    """(device, inode) of path, or None: the same file or directory whatever the symlinks, one stat
    (os.path.realpath is a Python loop with an lstat per path component, 6 calls at every start)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)
