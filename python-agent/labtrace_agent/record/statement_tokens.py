"""Top-level statements of a module and the names each assigns, from CPython's C tokenizer (3.12+'s
_tokenize), the same items as record/assignments.py's walk of the ast, without importing _ast: making its
~120 node types costs 8-13 M instructions (~5 ms), the largest single item of a traced script's start-up
and exit on 3.12/3.13 (issue 10; `import _tokenize` costs 0.2 M). `statements` returns None where the
tokenizer is not usable (before 3.12, another token layout, an `except*`): the caller uses the ast."""
import sys

from .call_tokens import call_assignment
from .token_groups import CLOSE, OPEN, closing, split, top_level

NAME, NEWLINE, INDENT, DEDENT, ENDMARKER = 1, 4, 5, 6, 0
# headers whose block the ast walk enters (For/With/If/While/Try body; If/While/Try orelse; Try finalbody)
_ENTERED = frozenset(("for", "with", "if", "elif", "while", "try", "finally"))
_ELSE_ENTERED = frozenset(("if", "elif", "while", "try", "except"))  # `for ... else:` is not walked
_AUGMENTED = frozenset(("+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", ">>=", "<<="))


def _readline(text):
    lines = text.split("\n")
    lines = [ln + "\n" for ln in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    it = iter(lines)
    return lambda: next(it, "")


def _layout():
    """(tokenizer, types that are not operators) when this interpreter's tokenizer is the one known here."""
    if sys.version_info < (3, 12):
        return None
    try:
        import _tokenize
        make = _tokenize.TokenizerIter
        f = list(make(_readline('f"x{a}"\nif a:\n b\n'), extra_tokens=False))
        kinds = [t[0] for t in f]
        if [t[1] for t in f[:4]] != ['f"', "x", "{", "a"] or kinds[3] != NAME or kinds[6] != NEWLINE \
                or kinds[11] != INDENT or kinds[-2] != DEDENT or kinds[-1] != ENDMARKER:
            return None
        # async and await: tokens of their own (ASYNC, AWAIT) when extra_tokens is off
        words = [t[0] for t in make(_readline("async def f(): await x\n"), extra_tokens=False) if t[1] in ("async", "await")]
        if len(words) != 2:
            return None
        return make, frozenset([NAME, 2, 3, NEWLINE, INDENT, DEDENT, ENDMARKER, kinds[0], kinds[1], kinds[5]] + words)
    except Exception:
        return None


_LAYOUT = []


def statements(text):
    """[(first line, end line, names assigned)] of each top-level statement, or None (use the ast).
    Raises SyntaxError as compile() would for text the tokenizer refuses."""
    reader = scan(text)
    return reader.items if reader is not None else None


def loops(text):
    """(first line, end line, target names or [] for `while`) of every loop, sorted: trials.Loops's items."""
    reader = scan(text)
    return reader.loops if reader is not None else None


def call_lines(text):
    """line -> (target, called, receiver) of `target = f(...)` / `target = r.f(...)` / `r.f(...)` statements
    at any nesting: experiment.Assignments's map (an assignment's wins over a call's; of two on one line,
    the first assignment and the last call, as the ast walk leaves them)."""
    reader = scan(text)
    if reader is None:
        return None
    out = {}
    for first, end, target, called, receiver, assigns in reader.calls:
        if not assigns:
            for ln in range(first, end + 1):
                out[ln] = (target, called, receiver)
    for first, end, target, called, receiver, assigns in reversed(reader.calls):
        if assigns:
            for ln in range(first, end + 1):
                out[ln] = (target, called, receiver)
    return out


# The last (text, reader): statements, loops and call_lines are asked for the same file one after the other
# (assignments.ModuleStatements, trials.Loops, experiment.Assignments), and one pass yields all three.
_LAST = [(None, None)]


def scan(text):
    """The reader of `text` after every token (statements, loops, calls), or None (use the ast)."""
    last_text, last_reader = _LAST[0]
    if last_text is not None and last_text == text:
        return last_reader
    reader = _scan(text)
    _LAST[0] = (text, reader)
    return reader


def _scan(text):
    if not _LAYOUT:
        _LAYOUT.append(_layout())
    layout = _LAYOUT[0]
    if layout is None:
        return None
    make, plain = layout
    if text[:1] == "\ufeff":
        text = text[1:]
    reader = _Reader(plain)
    for tok in make(_readline(text), extra_tokens=False):
        if not reader.token(tok):
            return None
    return reader.finish()


class _Reader(object):
    def __init__(self, plain):
        self.plain = plain
        self.items = []
        self.cur = None        # [first, end, names, decorating] of the top-level statement being read
        self.line = []         # (value, is an operator, start row, end row) of the logical line being read
        self.line_prev_end = 0
        self.end = 0           # end row of the last significant token
        self.blocks = []       # per open indented block: entered by the walk
        self.pending = False   # the next block's, from the last header
        self.chain = {}        # indentation depth -> first keyword of the last header there
        self.loops = []        # (first line, end line, target names) of every for / while loop
        self.open_loops = []   # (indentation depth, [first line, end, names]) of the loops being read
        self.calls = []        # (first, end, target, called, receiver, assigns) of `t = f(...)`, `r.m(...)`

    def token(self, tok):
        kind = tok[0]
        if kind == NEWLINE:
            ok = self.logical_line(self.line)
            self.line = []
            return ok
        if kind == INDENT:
            self.blocks.append(self.pending)
        elif kind == DEDENT:
            self.chain.pop(len(self.blocks), None)
            self.blocks.pop()
        elif kind != ENDMARKER:
            if not self.line:
                self.line_prev_end = self.end
            self.line.append((tok[1], kind not in self.plain, tok[2][0], tok[3][0]))
            self.end = tok[3][0]
        return True

    def finish(self):
        if self.line and not self.logical_line(self.line):
            return None
        self._close(self.end)
        self.line_prev_end = self.end
        self._close_loops(0, False)
        self.loops.sort()
        self.items = [(first, end, list(dict.fromkeys(names))) for first, end, names, _d in self.items]
        return self

    def _close(self, end):
        if self.cur is not None:
            self.cur[1] = end
            self.items.append(self.cur)
            self.cur = None

    def logical_line(self, ln):
        if not ln:
            return True
        depth = len(self.blocks)
        entered = all(self.blocks)
        head, is_op = ln[0][0], ln[0][1]
        keyword = head if not is_op else ""
        colon = _header_colon(ln)
        # (match and case are soft keywords: `match: int = 1` is an annotated assignment)
        header = colon is not None and (keyword in _KEYWORDS and keyword not in _SOFT or colon == len(ln) - 1)
        if header and keyword == "except" and len(ln) > 1 and ln[1][0] == "*" and ln[1][1]:
            return False  # try/except* (TryStar): the walk does not enter it, known only now
        decorator = head == "@" and is_op
        self._close_loops(depth, header and keyword == "else")
        parts = [] if decorator else split(ln[colon + 1:] if header else ln, ";")
        for part in parts:
            if part:
                call = call_assignment(part)
                if call is not None:
                    self.calls.append((part[0][2], part[-1][3]) + call)
        if depth == 0:
            cur = self.cur
            if cur is not None and (cur[3] or keyword in ("else", "elif", "except", "finally")):
                cur[3] = cur[3] and decorator  # decorators go on until their def or class
            else:
                self._close(self.line_prev_end)
                if not header and not decorator:
                    for part in parts:
                        if part:
                            self.items.append([part[0][2], part[-1][3], _assigned(part), False])
                    return True
                self.cur = [ln[0][2], 0, [], decorator]
        names = self.cur[2] if self.cur is not None else []
        if not header:
            if entered:
                for part in parts:
                    names.extend(_assigned(part))
            return True
        loop = keyword in ("for", "while") or keyword == "async" and len(ln) > 1 and ln[1][0] == "for"
        if loop:
            target = [] if keyword == "while" else _for_target(ln[(1 if keyword == "for" else 2):colon])
            self.open_loops.append((depth, [ln[0][2], 0, _walk(target)]))
        if keyword == "else":
            walks = self.chain.get(depth) in _ELSE_ENTERED
        else:
            walks = keyword in _ENTERED
            if keyword not in ("elif", "except", "finally"):
                self.chain[depth] = keyword
        body_walked = entered and walks
        if body_walked:
            if keyword == "for":
                names.extend(_walk(_for_target(ln[1:colon])))
            elif keyword == "with":
                names.extend(_with_targets(ln[1:colon]))
            for part in parts:
                names.extend(_assigned(part))
        self.pending = body_walked
        return True

    def _close_loops(self, depth, loop_else):
        """Loops end before a line as shallow as their header (except their own `else:`)."""
        open_loops = self.open_loops
        while open_loops and open_loops[-1][0] >= depth and not (loop_else and open_loops[-1][0] == depth):
            item = open_loops.pop()[1]
            item[1] = self.line_prev_end
            self.loops.append(tuple(item))


_KEYWORDS = frozenset(("if", "elif", "else", "while", "for", "with", "try", "except", "finally", "def", "class",
                       "async", "match", "case"))
_SOFT = frozenset(("match", "case"))


def _header_colon(ln):
    """Index of the colon that ends a compound statement's header (outside brackets, not a lambda's), or None."""
    lambdas = 0
    for i, value, op in top_level(ln):
        if not op:
            lambdas += value == "lambda"
        elif value == ":":
            if not lambdas:
                return i
            lambdas -= 1
    return None



def _assigned(stmt):
    """Names a simple statement assigns as the ast walk sees them (Assign, AugAssign, AnnAssign targets)."""
    lambdas = 0
    cuts = []
    for i, value, op in top_level(stmt):
        if not op:
            lambdas += value == "lambda"
        elif lambdas:
            lambdas -= value == ":"
        elif value == "=":
            cuts.append(i)
        elif (value in _AUGMENTED or value == ":") and not cuts:  # x += 1, x: int [= v]: one target
            return _walk(stmt[:i])
    names, start = [], 0
    for cut in cuts:
        names.extend(_walk(stmt[start:cut]))
        start = cut + 1
    return names


def _walk(target):
    """Names bound by a target: a name, a tuple or list of targets (bracketed or not), a starred target."""
    if not target:
        return []
    if len(target) == 1:
        return [target[0][0]] if not target[0][1] else []
    first = target[0]
    if first[1] and first[0] == "*":
        return _walk(target[1:])
    elements = split(target, ",")
    if len(elements) > 1:
        out = []
        for e in elements:
            out.extend(_walk(e))
        return out
    if first[1] and first[0] in ("(", "[") and closing(target) == len(target) - 1:
        return _walk(target[1:-1])
    return []



def _for_target(header):
    for i, value, op in top_level(header):
        if not op and value == "in":
            return header[:i]
    return []


def _with_targets(header):
    """Names after the `as` of each item of a with statement (its items parenthesized or not)."""
    if header and header[0][:2] == ("(", True) and closing(header) == len(header) - 1:
        header = header[1:-1]
    names = []
    for item in split(header, ","):
        for i, value, op in top_level(item):
            if not op and value == "as":
                names.extend(_walk(item[i + 1:]))
    return names
