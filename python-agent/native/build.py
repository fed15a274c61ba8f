"""Compile the optional C hook for the interpreter that runs this script.

    python python-agent/native/build.py

3.8-3.11: labtrace_agent/_profilehook.c (the setprofile hook's hot path); 3.12-3.13: _monitorhook.c
(guards around the sys.monitoring callbacks). Writes <name><EXT_SUFFIX> next to its source (one file
per Python minor version, git-ignored). Without headers or a compiler it prints why and exits 0: the
agent then uses its pure-Python hook.
"""
import os
import subprocess
import sys
import sysconfig

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "labtrace_agent")


def module_name():
    """The C module for this interpreter, or None."""
    v = sys.version_info[:2]
    if (3, 8) <= v < (3, 12):
        return "_profilehook"
    if (3, 12) <= v < (3, 14) and not sysconfig.get_config_var("Py_GIL_DISABLED"):
        return "_monitorhook"
    return None


def main():
    version = "%d.%d" % sys.version_info[:2]
    name = module_name()
    if name is None:
        print("labtrace native hook: none for Python %s" % version)
        return 0
    source = os.path.join(PACKAGE, name + ".c")
    include = sysconfig.get_paths().get("include") or ""
    if not os.path.exists(os.path.join(include, "Python.h")):
        print("labtrace native hook: no Python.h for %s (%s); the pure-Python hook will be used" % (version, include))
        return 0
    target = os.path.join(PACKAGE, name + sysconfig.get_config_var("EXT_SUFFIX"))
    if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(source):
        print("labtrace native hook: %s up to date" % os.path.basename(target))
        return 0
    cc = os.environ.get("CC") or "cc"
    partial = target + ".partial"
    cmd = [cc, "-O2", "-fPIC", "-shared", "-Wall", "-fno-strict-aliasing", "-I", include, source, "-o", partial]
    try:
        subprocess.check_call(cmd)
    except (OSError, subprocess.CalledProcessError) as e:
        print("labtrace native hook: build failed on %s (%s); the pure-Python hook will be used" % (version, e))
        return 0
    os.rename(partial, target)  # atomic: a traced program never imports a half-written library
    print("labtrace native hook: built %s" % os.path.basename(target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
