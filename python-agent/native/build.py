"""Compile the optional C hook for the interpreter that runs this script.

    python python-agent/native/build.py

3.8-3.11: labtrace_agent/_profilehook.c (the setprofile hook's hot path); 3.12-3.13: _monitorhook.c
(guards around the sys.monitoring callbacks); 3.8-3.13: _audithook.c (the file recorder's audit hook). Writes <name><EXT_SUFFIX> next to its source (one file
per Python minor version, git-ignored). Without headers or a compiler it prints why and exits 0: the
agent then uses its pure-Python hook.
"""
import os
import subprocess
import sys
import sysconfig

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "labtrace_agent")


def module_names():
    """The C modules for this interpreter."""
    v = sys.version_info[:2]
    if sysconfig.get_config_var("Py_GIL_DISABLED") or not (3, 8) <= v < (3, 14):
        return []
    return ["_profilehook" if v < (3, 12) else "_monitorhook", "_audithook"]


def main():
    version = "%d.%d" % sys.version_info[:2]
    names = module_names()
    if not names:
        print("labtrace native hook: none for Python %s" % version)
    for name in names:
        build(name, version)
    return 0


def build(name, version):
    source = os.path.join(PACKAGE, name + ".c")
    include = sysconfig.get_paths().get("include") or ""
    if not os.path.exists(os.path.join(include, "Python.h")):
        print("labtrace native hook: no Python.h for %s (%s); the pure-Python hook will be used" % (version, include))
        return
    target = os.path.join(PACKAGE, name + sysconfig.get_config_var("EXT_SUFFIX"))
    # the extension depends on its source and on the headers next to it (hookshared.h)
    inputs = [source] + [os.path.join(PACKAGE, f) for f in os.listdir(PACKAGE) if f.endswith(".h")]
    if os.path.exists(target) and os.path.getmtime(target) >= max(os.path.getmtime(f) for f in inputs):
        print("labtrace native hook: %s up to date" % os.path.basename(target))
        return
    cc = os.environ.get("CC") or "cc"
    partial = target + ".partial"
    cmd = [cc, "-O2", "-fPIC", "-shared", "-Wall", "-fno-strict-aliasing", "-I", include, source, "-o", partial]
    try:
        subprocess.check_call(cmd)
    except (OSError, subprocess.CalledProcessError) as e:
        print("labtrace native hook: build failed on %s (%s); the pure-Python hook will be used" % (version, e))
        return
    os.rename(partial, target)  # atomic: a traced program never imports a half-written library
    print("labtrace native hook: built %s" % os.path.basename(target))


if __name__ == "__main__":
    sys.exit(main())
