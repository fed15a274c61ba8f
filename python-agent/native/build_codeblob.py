"""Write the code of the agent's modules for the interpreter that runs this script, in two blobs.

    python python-agent/native/build_codeblob.py

labtrace_agent/__pycache__/lazy.<cache tag>.blob: the modules of ROOTS and every agent module they import (at
module level or in a function), each with its agent imports. labtrace_agent/record/loadguard.py reads it at
start-up (one file read before the program's first line) and makes those modules from it when they are needed,
with no file open a program's audit hook would see.
labtrace_agent/__pycache__/start.<cache tag>.blob: every other agent module (those a traced process imports
before the program's first line, and the few it may import later), served while the agent starts by
labtrace_agent/codeblob.py's finder instead of ~40 imports from files.
Each module with its source's mtime and size (a module whose source changed since is imported as usual) and its
marshalled code (as importlib compiles it). Run by `make pyc` for every interpreter, like compileall.
"""
import ast
import marshal
import os
import sys

AGENT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, AGENT_DIR)
from labtrace_agent import codeblob  # noqa: E402
from labtrace_agent.record import loadguard  # noqa: E402

PACKAGE = "labtrace_agent"
# imported from files before the start finder exists (sitecustomize imports them to install it)
NOT_IN_START = (PACKAGE, PACKAGE + ".codeblob")
# What the agent imports after start-up (record/hub.py, agent.py's sender, record/variables.py, ...).
ROOTS = ("transport.transport", "transport.batch", "transport.encoder", "transport.websocket", "transport.wiredecode",
         "lifecycle.kernel", "record.experiment", "record.assignments", "record.environment", "record.fasthash")


def source_of(name):
    """Path of a module's source (a plain module: packages are loaded at start-up), or None."""
    path = os.path.join(AGENT_DIR, *name.split(".")) + ".py"
    return path if os.path.isfile(path) else None


def imports(name, tree):
    """(module-level, function-level) agent modules `name` imports."""
    top, late = [], []
    package = name.rpartition(".")[0]

    def resolve(module, level):
        if level == 0:
            return module
        base = package.split(".")
        if level > 1:
            base = base[:-(level - 1)]
        return ".".join(base + ([module] if module else []))

    def visit(node, in_function):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            in_function = True
        found = []
        if isinstance(node, ast.Import):
            found = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            mod = resolve(node.module, node.level)
            found = [mod] + [mod + "." + a.name for a in node.names]
        for dep in found:
            if dep.startswith(PACKAGE + ".") and source_of(dep) and dep != name:
                out = late if in_function else top
                if dep not in out:
                    out.append(dep)
        for child in ast.iter_child_nodes(node):
            visit(child, in_function)

    visit(tree, False)
    return tuple(top), tuple(d for d in late if d not in top)


def start_modules():
    """The agent modules imported at start-up (by every traced process): not in the blob."""
    __import__(PACKAGE + ".agent")
    __import__(PACKAGE + ".record.hub")
    __import__(PACKAGE + (".hooks.monitoring" if sys.version_info >= (3, 12) else ".hooks.profile"))
    return set(m for m in sys.modules if m.startswith(PACKAGE + "."))


def lazy_entries():
    """name -> (path relative to labtrace_agent/, mtime_ns, size, module-level deps, function-level deps, code)."""
    todo = [PACKAGE + "." + r for r in ROOTS]
    start = start_modules()
    entries = {}
    while todo:
        name = todo.pop()
        if name in entries or name in start:
            continue
        path = source_of(name)
        source, stat = read_source(path)
        top, late = imports(name, ast.parse(source, path))
        entries[name] = (relative(path), stat.st_mtime_ns, stat.st_size, top, late, compiled(source, path))
        todo.extend(top + late)
    return entries


def start_entries(lazy):
    """name -> (path relative to labtrace_agent/, mtime_ns, size, code): every module not in the lazy blob."""
    entries = {}
    top = os.path.join(AGENT_DIR, PACKAGE)
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for f in sorted(files):
            if not f.endswith(".py"):
                continue
            path = os.path.join(folder, f)
            rel = relative(path)
            parts = rel[:-3].split(os.sep)
            name = ".".join([PACKAGE] + (parts[:-1] if parts[-1] == "__init__" else parts))
            if name in lazy or name in NOT_IN_START:
                continue
            source, stat = read_source(path)
            entries[name] = (rel, stat.st_mtime_ns, stat.st_size, compiled(source, path))
    return entries


def read_source(path):
    with open(path, "rb") as f:
        return f.read(), os.stat(path)


def relative(path):
    return os.path.relpath(path, os.path.join(AGENT_DIR, PACKAGE))


def compiled(source, path):
    return marshal.dumps(compile(source, path, "exec", dont_inherit=True))


def write(blob_name, entries):
    """The blob (codeblob.py's format): the index (each entry's code as start and end offsets), the code."""
    index, codes, at = {}, [], 0
    for name, e in sorted(entries.items()):
        index[name] = e[:-1] + (at, at + len(e[-1]))
        codes.append(e[-1])
        at += len(e[-1])
    head = marshal.dumps((codeblob.FORMAT, codeblob.magic(), index))
    data = len(head).to_bytes(4, "little") + head + b"".join(codes)
    cache = os.path.join(AGENT_DIR, PACKAGE, "__pycache__")
    os.makedirs(cache, exist_ok=True)
    target = os.path.join(cache, blob_name)
    partial = "%s.%d.partial" % (target, os.getpid())
    with open(partial, "wb") as f:
        f.write(data)
    os.replace(partial, target)  # atomic: a traced program never reads a half-written blob
    return "%s (%d modules, %d bytes)" % (blob_name, len(entries), len(data))


def main():
    if sys.implementation.name != "cpython" or sys.version_info < (3, 8):
        return 0
    lazy = lazy_entries()
    print("labtrace code blobs: %s, %s" % (write(loadguard.BLOB, lazy), write(codeblob.START_BLOB, start_entries(lazy))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
