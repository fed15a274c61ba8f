"""Which processes record no run: the Python machinery a workstation runs all day (pip, builds, pytest,
Jupyter servers, language servers...) and what the user's config adds. Decided once at start-up from
the command line, before any hook is installed or anything sent; costs a few string operations and
reading at most one pyproject.toml and one config.toml. Imports nothing (no re, fnmatch or tomllib:
the program must not see modules it did not import).

Config, `[tool.labtrace]` in the nearest pyproject.toml above the working directory and
$LABTRACE_HOME/config.toml (top level, [tool.labtrace] or [labtrace]):
    ignore = ["scratch_*.py", "-m http.server"]   # more to ignore
    record = ["pytest"]                           # record although ignored (wins over ignore)
    default_ignore = false                        # no built-in list
A rule matches one of the program's names (glob with * and ?): the script's path (as typed and absolute), its
file name; for -m, "-m mod", "mod" and its top-level package; for -c, "-c CODE".
"""
import os
import sys

from ..config import USER_CONFIG

DEFAULT_IGNORE = (
    # installers, environments and builds (pip runs setup.py through a -c shim or PEP 517 hooks)
    "pip", "pip3", "pip3.*", "ensurepip", "venv", "virtualenv", "pipx", "poetry", "pdm", "hatch",
    "twine", "build", "setup.py", "-c *setuptools*", "*/pyproject_hooks/_in_process/_in_process.py",
    "*/pep517/in_process/_in_process.py", "*/pep517/_in_process.py", "*/site-packages/setuptools/*",
    "pre-commit", "tox", "nox", "conda", "mamba",
    # test runners' own machinery
    "pytest", "py.test", "pytest-*",
    # Jupyter servers and tools (not kernels: ipykernel_launcher is a notebook session, recorded)
    "jupyter", "jupyter-lab", "jupyter-notebook", "jupyter-server", "jupyter-kernelspec", "jupyter-nbconvert",
    "jupyter-troubleshoot", "jupyter-labextension", "jupyterlab", "notebook", "jupyter_server", "nbclassic",
    "voila",
    # language servers, linters, formatters, type checkers, editor helpers
    "pylsp", "pyls", "jedi-language-server", "jedi_language_server", "ruff-lsp", "ruff_lsp", "pyright",
    "mypy", "dmypy", "pylint", "flake8", "black", "isort", "autopep8", "yapf", "pycodestyle", "pydocstyle",
    "*/run-jedi-language-server.py",
)


def command_line():
    """The interpreter's command line (3.10+: sys.orig_argv; before, /proc/self/cmdline), or None."""
    argv = getattr(sys, "orig_argv", None)
    if argv:
        return list(argv)
    try:
        with open("/proc/self/cmdline", "rb") as f:
            data = f.read()
    except (OSError, IOError):
        return None
    return [a.decode("utf-8", "surrogateescape") for a in data.split(b"\0")[:-1]]


def program(argv, cmdline):
    """('script', path) | ('module', name) | ('command', code) | ('interactive', '') of this process."""
    first = argv[0] if argv else ""
    if first and first not in ("-c", "-m", "-"):
        return ("script", first)
    if first in ("-c", "-m") and cmdline:
        i = 1
        while i < len(cmdline):
            a = cmdline[i]
            if a == "--check-hash-based-pycs":
                i += 2
                continue
            if a == "-" or not a.startswith("-") or a.startswith("--"):
                break
            for j in range(1, len(a)):
                c = a[j]
                if c in "cm":
                    rest = a[j + 1:] if j + 1 < len(a) else (cmdline[i + 1] if i + 1 < len(cmdline) else "")
                    return ("module" if c == "m" else "command", rest)
                if c in "XW":
                    if j + 1 == len(a):
                        i += 1  # its argument is the next word
                    break
            i += 1
    return ("command", "") if first == "-c" else ("module", "") if first == "-m" else ("interactive", "")


def names(kind, value, cwd):
    if kind == "script":
        path = os.path.normpath(os.path.join(cwd, value))
        base = os.path.basename(path)
        return [path, value, base]
    if kind == "module" and value:
        return ["-m " + value, value, value.split(".")[0]]
    if kind == "command" and value:
        return ["-c " + value]
    return []


def glob_match(pattern, text):
    """fnmatch without re: * any run of characters (/ included), ? one character."""
    p = t = 0
    star = -1
    mark = 0
    while t < len(text):
        if p < len(pattern) and (pattern[p] == "?" or pattern[p] == text[t]):
            p += 1
            t += 1
        elif p < len(pattern) and pattern[p] == "*":
            star = p
            mark = t
            p += 1
        elif star >= 0:
            p = star + 1
            mark += 1
            t = mark
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def matches(rules, candidates):
    for rule in rules:
        for name in candidates:
            if glob_match(rule, name):
                return True
    return False


# -- config ---------------------------------------------------------------------------------------
def _string(text, i):
    """(value, next index) of the TOML string starting at text[i] (basic or literal)."""
    q = text[i]
    out = []
    i += 1
    while i < len(text) and text[i] != q:
        if q == '"' and text[i] == "\\" and i + 1 < len(text):
            i += 1
            out.append({"n": "\n", "t": "\t"}.get(text[i], text[i]))
        else:
            out.append(text[i])
        i += 1
    return "".join(out), i + 1


def _value(text):
    """A string, a boolean, an integer or an array of those; None for anything else."""
    text = text.strip()
    if not text:
        return None
    if text[0] in "\"'":
        return _string(text, 0)[0]
    if text in ("true", "false"):
        return text == "true"
    if text[0] == "[":
        items = []
        i = 1
        while i < len(text):
            c = text[i]
            if c in "\"'":
                v, i = _string(text, i)
                items.append(v)
                continue
            if c == "#":
                nl = text.find("\n", i)
                i = len(text) if nl < 0 else nl
                continue
            if c == "]":
                break
            i += 1
        return items
    try:
        return int(text)
    except ValueError:
        return None


def parse_table(text, tables):
    """The `key = value` pairs of the first of `tables` found ('' = top level) in a TOML text: the subset
    labtrace's config needs (strings, booleans, integers, arrays of strings over several lines)."""
    result = {}
    current = ""
    pending = None
    for raw in text.splitlines():
        if pending is not None:
            pending[1] += "\n" + _strip_comment(raw)
            if _closed(pending[1]):
                if current in tables:
                    result.setdefault(current, {})[pending[0]] = _value(pending[1])
                pending = None
            continue
        line = raw.strip()
        if not line or line[0] == "#":
            continue
        if line[0] == "[":
            current = line.strip("[] \t").replace('"', "").replace("'", "")
            continue
        eq = line.find("=")
        if eq <= 0:
            continue
        key = line[:eq].strip().strip("\"'")
        rest = _strip_comment(line[eq + 1:])
        if rest.lstrip().startswith("[") and not _closed(rest):
            pending = [key, rest]
            continue
        if current in tables:
            result.setdefault(current, {})[key] = _value(rest)
    for t in tables:
        if t in result:
            return result[t]
    return {}


def _scan(text):
    """(bracket depth at the end, index of a comment's # or -1), strings skipped."""
    depth = 0
    q = None
    i = 0
    while i < len(text):
        c = text[i]
        if q:
            if c == "\\" and q == '"':
                i += 1
            elif c == q:
                q = None
        elif c in "\"'":
            q = c
        elif c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == "#":
            return depth, i
        i += 1
    return depth, -1


def _closed(text):
    """An array value is complete: its brackets balance (comments at line ends ignored)."""
    depth = 0
    for line in text.split("\n"):
        depth += _scan(line)[0]
    return depth <= 0


def _strip_comment(text):
    i = _scan(text)[1]
    return text if i < 0 else text[:i]


def _read(path):
    try:
        with open(path, "rb") as f:
            return f.read(1 << 20).decode("utf-8", "replace")
    except (OSError, IOError):
        return None


def find_pyproject(cwd):
    d = cwd
    for _ in range(64):
        p = os.path.join(d, "pyproject.toml")
        if os.path.isfile(p):
            return p
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent
    return None


def load_rules(home, cwd):
    """(ignore rules, record rules) from the built-in list and both config files."""
    ignore = []
    record = []
    use_default = True
    sources = []
    text = _read(os.path.join(home, USER_CONFIG))
    if text is not None:
        sources.append(parse_table(text, ("tool.labtrace", "labtrace", "")))
    pyproject = find_pyproject(cwd)
    if pyproject:
        text = _read(pyproject)
        if text is not None and "labtrace" in text:
            sources.append(parse_table(text, ("tool.labtrace",)))
    for conf in sources:
        for key, into in (("ignore", ignore), ("record", record)):
            v = conf.get(key)
            if isinstance(v, str):
                v = [v]
            if isinstance(v, list):
                into.extend(x for x in v if isinstance(x, str) and x)
        if conf.get("default_ignore") is False:
            use_default = False
    if use_default:
        ignore.extend(DEFAULT_IGNORE)
    return ignore, record


def ignored(home, argv=None, cwd=None):
    """True when this process must record no run. Never raises (any trouble: not ignored)."""
    try:
        argv = list(sys.argv if argv is None else argv)
        cwd = cwd or os.getcwd()
        first = argv[0] if argv else ""
        kind, value = program(argv, command_line() if first in ("-c", "-m") else None)
        candidates = names(kind, value, cwd)
        if not candidates:
            return False
        ignore, record = load_rules(home, cwd)
        return matches(ignore, candidates) and not matches(record, candidates)
    except Exception:
        return False
