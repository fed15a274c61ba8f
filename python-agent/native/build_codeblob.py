"""Write the code of the agent's lazily loaded modules for the interpreter that runs this script.

    python python-agent/native/build_codeblob.py

labtrace_agent/record/loadguard.py reads it at start-up (one file read before the program's first line) and makes
those modules from it when they are needed, with no file open a program's audit hook would see. The blob
is labtrace_agent/__pycache__/lazy.<cache tag>.blob: the modules of ROOTS and every agent module they
import (at module level or in a function), each with its source's mtime and size (a module whose source
changed since is imported as usual), its agent imports, and its marshalled code (as importlib compiles it).
Run by `make pyc` for every interpreter, like compileall.
"""
import ast
import marshal
import os
import sys

AGENT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, AGENT_DIR)
from labtrace_agent.record import loadguard  # noqa: E402

PACKAGE = "labtrace_agent"
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


def build():
    todo = [PACKAGE + "." + r for r in ROOTS]
    start = start_modules()
    entries = {}
    while todo:
        name = todo.pop()
        if name in entries or name in start:
            continue
        path = source_of(name)
        with open(path, "rb") as f:
            source = f.read()
        st = os.stat(path)
        top, late = imports(name, ast.parse(source, path))
        code = compile(source, path, "exec", dont_inherit=True)
        rel = os.path.relpath(path, os.path.join(AGENT_DIR, PACKAGE))
        entries[name] = (rel, st.st_mtime_ns, st.st_size, top, late, marshal.dumps(code))
        todo.extend(top + late)
    # the index (each module's code as start and end offsets into the code that follows it), the code
    index, codes, at = {}, [], 0
    for name, e in sorted(entries.items()):
        index[name] = e[:5] + (at, at + len(e[5]))
        codes.append(e[5])
        at += len(e[5])
    head = marshal.dumps((loadguard.FORMAT, loadguard._magic(), index))
    data = len(head).to_bytes(4, "little") + head + b"".join(codes)
    cache = os.path.join(AGENT_DIR, PACKAGE, "__pycache__")
    os.makedirs(cache, exist_ok=True)
    target = os.path.join(cache, loadguard.BLOB)
    partial = "%s.%d.partial" % (target, os.getpid())
    with open(partial, "wb") as f:
        f.write(data)
    os.replace(partial, target)  # atomic: a traced program never reads a half-written blob
    return target, len(entries), len(data)


def main():
    if sys.implementation.name != "cpython" or sys.version_info < (3, 8):
        return 0
    target, n, size = build()
    print("labtrace code blob: %s (%d modules, %d bytes)" % (os.path.basename(target), n, size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
