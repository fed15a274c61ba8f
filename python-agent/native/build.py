"""Compile the optional C profile hook for the interpreter that runs this script (3.8-3.11).

    python python-agent/native/build.py

Writes labtrace_agent/_profilehook<EXT_SUFFIX> next to its source (one file per Python minor version,
git-ignored). Python 3.12+ needs no hook (sys.monitoring); without headers or a compiler it prints why
and exits 0: the agent then uses its pure-Python hook.
"""
import os
import subprocess
import sys
import sysconfig

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "labtrace_agent")
SOURCE = os.path.join(PACKAGE, "_profilehook.c")


def main():
    version = "%d.%d" % sys.version_info[:2]
    if not (3, 8) <= sys.version_info[:2] < (3, 12):
        print("labtrace native hook: not needed on Python %s" % version)
        return 0
    include = sysconfig.get_paths().get("include") or ""
    if not os.path.exists(os.path.join(include, "Python.h")):
        print("labtrace native hook: no Python.h for %s (%s); the pure-Python hook will be used" % (version, include))
        return 0
    target = os.path.join(PACKAGE, "_profilehook" + sysconfig.get_config_var("EXT_SUFFIX"))
    if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(SOURCE):
        print("labtrace native hook: %s up to date" % os.path.basename(target))
        return 0
    cc = os.environ.get("CC") or "cc"
    partial = target + ".partial"
    cmd = [cc, "-O2", "-fPIC", "-shared", "-Wall", "-fno-strict-aliasing", "-I", include, SOURCE, "-o", partial]
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
