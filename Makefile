# labtrace build, test and run entry points. Everything a fresh clone needs is installed from here.
SHELL := /bin/bash
.DEFAULT_GOAL := build

ROOT      := $(abspath .)
NODE_BIN  := $(ROOT)/node_modules/.bin
VENV      := $(ROOT)/.venv
VENV_PY   := $(VENV)/bin/python
PYENV_ROOT ?= $(shell pyenv root 2>/dev/null || echo $(HOME)/.pyenv)
PY311     := $(firstword $(wildcard $(PYENV_ROOT)/versions/3.11.*/bin/python) $(shell command -v python3.11) $(shell command -v python3))
# The local package index pip is configured for, passed as --index-url so pip never waits on the public one.
PIP_INDEXES := $(shell pip config list 2>/dev/null | sed -n "s/^global.extra-index-url='\(.*\)'/\1/p")
PIP_INDEX_ARGS := $(if $(PIP_INDEXES),--index-url $(firstword $(PIP_INDEXES)) $(foreach u,$(wordlist 2,99,$(PIP_INDEXES)),--extra-index-url $(u)))
VENV_PACKAGES := pandas scikit-learn matplotlib numpy protobuf grpcio-tools pytest coverage ipykernel nbclient nbformat pyarrow duckdb optuna

.PHONY: FORCE build deps venv proto native pyc chromium test test-ts test-py demo bench score-phases transparency install uninstall clean daemon-start daemon-stop

deps: node_modules/.stamp
node_modules/.stamp: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# The stamp depends on the package list (.venv/.packages, rewritten only when VENV_PACKAGES changes), so
# adding a package to VENV_PACKAGES re-runs pip on an existing venv.
venv: $(VENV)/.stamp
$(VENV)/.packages: FORCE
	@mkdir -p $(VENV)
	@echo '$(VENV_PACKAGES)' | cmp -s - $@ || echo '$(VENV_PACKAGES)' > $@
$(VENV)/.stamp: $(VENV)/.packages
	test -x $(VENV_PY) || $(PY311) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet $(PIP_INDEX_ARGS) $(VENV_PACKAGES)
	touch $@
FORCE:

proto: proto/gen/labtrace.js
proto/gen/labtrace.js: proto/labtrace.proto node_modules/.stamp
	mkdir -p proto/gen
	$(NODE_BIN)/pbjs -t static-module -w es6 --no-beautify -o proto/gen/labtrace.js proto/labtrace.proto
	$(NODE_BIN)/pbts -o proto/gen/labtrace.d.ts proto/gen/labtrace.js

# The agent's optional C hooks, for every CPython 3.8-3.13 here: the profile hook (3.8-3.11) or the
# monitoring guards (3.12+), and the file recorder's audit hook (each one skips itself without headers;
# the agent falls back to its pure-Python hooks).
native:
	@for py in $(wildcard $(PYENV_ROOT)/versions/3.*/bin/python) $(wildcard /usr/bin/python3); do \
	  "$$py" python-agent/native/build.py || exit 1; done

# The agent's bytecode for every CPython 3.8+ here: with PYTHONDONTWRITEBYTECODE=1 (many Docker images)
# Python would otherwise compile the agent from source in every traced process (+50-75 ms). compileall
# rewrites only stale files; Python's own mtime check still ignores a .pyc older than an edited source.
# build_codeblob.py: the code of the modules the agent loads at start-up, and of those it loads later, in two
# files (labtrace_agent/codeblob.py, record/loadguard.py): one read each instead of ~40 imports from files.
pyc:
	@for py in $(wildcard $(PYENV_ROOT)/versions/3.*/bin/python) $(wildcard /usr/bin/python3); do \
	  "$$py" -c 'import sys; sys.exit(sys.version_info < (3, 8))' || continue; \
	  "$$py" -m compileall -q --invalidation-mode timestamp python-agent/sitecustomize.py python-agent/labtrace_agent || exit 1; \
	  "$$py" python-agent/native/build_codeblob.py >/dev/null || exit 1; done

build: deps proto native pyc
	$(NODE_BIN)/tsc -p tsconfig.json
	mkdir -p build/proto/gen && cp proto/gen/labtrace.js build/proto/gen/labtrace.js
	chmod +x bin/labtrace.js

test: build venv chromium
	bash test/run-all.sh

demo: build
	bash examples/demo.sh

bench: build venv
	bash bench/run.sh

# Phase labels on the labelled corpus (test/corpus/phases): per phase and per-cell coarse classes, tuning and
# held-out splits (test/corpus/phases/HELDOUT). SCORE_ARGS='--cells' or '--mismatches' lists the misses.
score-phases: build
	node build/analytics/static/score-phases.js $(SCORE_ARGS)

# CPython's own test suite, untraced vs traced, every 3.8-3.13 (docs/transparency.md). Not in make test: slow.
#   make transparency TRANSPARENCY_ARGS='--pythons 12 --modules test_sys'
transparency: build
	$(PY311) test/transparency/run.py $(TRANSPARENCY_ARGS)

# Debian's headless Chromium, for the HTML report's browser test (test/e2e/html-report.test.ts): installed with
# apt-get as root (CI runs as root), nothing done when chromium is already there. Without root or apt it says
# so and goes on; the test then skips itself.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; } \
	      || echo 'make chromium: apt-get could not install chromium; the HTML report browser test will be skipped' >&2; \
	  else echo 'make chromium: chromium is missing (as root: apt-get install chromium); the HTML report browser test will be skipped' >&2; fi; }

install: build
	npm link --no-audit --no-fund --loglevel=error

# the reverse of install: removes the global labtrace link (npm unlink of this package)
uninstall:
	npm rm --global --no-audit --no-fund --loglevel=error labtrace

clean:
	rm -rf build proto/gen python-agent/labtrace_agent/_profilehook.*.so python-agent/labtrace_agent/_monitorhook.*.so \
	  python-agent/labtrace_agent/_audithook.*.so \
	  python-agent/__pycache__ python-agent/labtrace_agent/__pycache__ python-agent/labtrace_agent/record/__pycache__
