#!/usr/bin/env bash
# Builds _noop_profile for one CPython into OUT_DIR: bash build.sh PYTHON OUT_DIR (the bench's ab_cpu.py runs
# use it as the floor `PYTHONPATH=bench/harness/floors/cprofile LABTRACE_CPROFILE_FLOOR_DIR=OUT_DIR`).
set -euo pipefail
py=$1; out=$2
mkdir -p "$out"
inc=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
cc -O2 -shared -fPIC -I"$inc" "$(dirname "$0")/_noop_profile.c" -o "$out/_noop_profile$suffix"
