"""Which names each module-level statement assigns, from the module's own source (parsed once per user
module when its first statement is summarised, never per execution): on 3.12+ from the C tokenizer
(record/statement_tokens.py), else from the ast.

The builtin `_ast` module and compile(PyCF_ONLY_AST) rather than `ast`: ast.py imports re, enum,
contextlib, collections and functools on 3.12+ (~14 ms at a traced program's first statement, more
when the stdlib has no .pyc); `_ast` is built into the interpreter (no file read, no Python import)."""
from ..lifecycle.fds import open_file
from .statement_tokens import statements


def _ast_items(source):
    """[(first line, end line, names)] of the top-level statements, from the ast."""
    import _ast as ast
    tree = compile(source, "<labtrace>", "exec", ast.PyCF_ONLY_AST)  # = ast.parse(source)
    items = []
    for node in tree.body:
        end = getattr(node, "end_lineno", None) or node.lineno
        first = node.lineno
        for dec in getattr(node, "decorator_list", []) or []:
            first = min(first, dec.lineno)
        # each name once: `df = read(); df = df.dropna()` in one if-block is one statement, whose
        # end sees only the last value (a summary per assignment repeated the same row)
        items.append((first, end, list(dict.fromkeys(_targets(node, ast)))))
    return items


def _targets(node, ast):
    names = []

    def walk(t):
        if isinstance(t, ast.Name):
            names.append(t.id)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                walk(e)
        elif isinstance(t, ast.Starred):
            walk(t.value)

    if isinstance(node, ast.Assign):
        for t in node.targets:
            walk(t)
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        walk(node.target)
    elif isinstance(node, ast.For):
        walk(node.target)
        for sub in node.body:
            names.extend(_targets(sub, ast))
    elif isinstance(node, ast.With):
        for item in node.items:
            if item.optional_vars is not None:
                walk(item.optional_vars)
        for sub in node.body:
            names.extend(_targets(sub, ast))
    elif isinstance(node, (ast.If, ast.While, ast.Try)):
        for sub in getattr(node, "body", []) + getattr(node, "orelse", []) + getattr(node, "finalbody", []):
            names.extend(_targets(sub, ast))
    return names


class ModuleStatements(object):
    """Top-level statements of one module: (start, end, names assigned)."""

    def __init__(self, source):
        text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
        items = statements(text)
        if items is None:
            items = _ast_items(source)
        self.lines = text.splitlines()
        self.starts = [first for first, _end, _names in items]
        self.items = items

    def index_of(self, line):
        """Index of the top-level statement containing `line`, or -1."""
        starts = self.starts
        lo, hi = 0, len(starts)
        while lo < hi:  # bisect.bisect_right (not imported: start-up)
            mid = (lo + hi) // 2
            if line < starts[mid]:
                hi = mid
            else:
                lo = mid + 1
        i = lo - 1
        if i >= 0 and line <= self.items[i][1]:
            return i
        return -1

    def text(self, start, end):
        return "\n".join(self.lines[start - 1:end])

    def between(self, lo, hi):
        """Statements with index in [lo, hi)."""
        return self.items[max(lo, 0):max(hi, 0)]


def load(path):
    try:
        with open_file(path) as f:
            return ModuleStatements(f.read())
    except OSError:
        return _from_linecache(path)
    except (SyntaxError, ValueError):
        return None


def _from_linecache(path):
    """Code with no file, whose text its compiler left in linecache: an IPython cell (issue 12; the
    cell's code as compiled, magics already translated). Nothing is imported: linecache is only read
    when the program has it."""
    import sys
    lc = sys.modules.get("linecache")
    entry = getattr(lc, "cache", {}).get(path) if lc is not None else None
    if type(entry) is not tuple or len(entry) < 3 or type(entry[2]) is not list:
        return None
    try:
        return ModuleStatements("".join(entry[2]))
    except (SyntaxError, ValueError, TypeError):
        return None
