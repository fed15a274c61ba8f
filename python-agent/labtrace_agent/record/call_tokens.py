"""`target = f(...)`, `target = r.f(...)` and `r.f(...)` statements from their tokens (record/statement_tokens.py
gives each simple statement as (value, is an operator, first row, end row) tuples): what record/experiment.py's
Assignments read from the ast, to name a fit's estimator and a metric's result without importing _ast."""

from .token_groups import opening, top_level

# keywords (not soft ones): a statement or expression made with one is no plain call
_KEYWORDS = frozenset(("and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
                       "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
                       "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"))


def call_assignment(stmt):
    """(target, called, receiver, assigns) of a simple statement that assigns one call's result to a name or an
    attribute (assigns True) or is a call of a name's method (target "", assigns False); else None."""
    cut = annotation = None
    for i, value, op in top_level(stmt):
        if not op:
            if value == "lambda":
                break  # (its defaults' `=` and its `:` are no assignment)
        elif value == "=":
            if cut is not None:
                return None  # a = b = f(): more than one target
            cut = i
        elif value == ":" and cut is None and annotation is None:
            annotation = i
        elif value.endswith("=") and value not in ("==", "!=", "<=", ">="):
            return None  # augmented assignment or a walrus at the top
    if cut is None:
        if annotation is not None:
            return None
        call = _call(stmt)
        if call is None or call[1] == "" or len(call[2]) != 1 or not _is_name(call[2][0]):
            return None
        return "", call[0], call[2][0][0], False
    target = _unparen(stmt[:annotation if annotation is not None else cut])
    call = _call(stmt[cut + 1:])
    if call is None or not target:
        return None
    if len(target) == 1 and _is_name(target[0]):
        name = target[0][0]
    elif len(target) >= 3 and target[-2][:2] == (".", True) and _is_name(target[-1]) and _primary(target[:-2]):
        name = target[-1][0]
    else:
        return None
    base = call[2]
    receiver = base[0][0] if len(base) == 1 and _is_name(base[0]) else ""
    return name, call[0], receiver, True


def _call(value):
    """(called name, "." or "", the receiver's tokens) of a call of a name or an attribute; else None."""
    value = _unparen(value)
    if len(value) < 3 or value[-1][:2] != (")", True):
        return None
    at = opening(value)
    if at <= 0:
        return None
    func = _unparen(value[:at])
    if not func or not _primary(func):
        return None
    if len(func) == 1:
        return (func[0][0], "", []) if _is_name(func[0]) else None
    if len(func) >= 3 and func[-2][:2] == (".", True) and _is_name(func[-1]):
        return func[-1][0], ".", _unparen(func[:-2])
    return None


def _is_name(tok):
    value = tok[0]
    return not tok[1] and value.isidentifier() and value not in _KEYWORDS and value not in ("None", "True", "False")


def _primary(tokens):
    """Only names, literals, `.` and bracketed groups outside brackets: a primary expression (attribute,
    call, subscript chain), no operator or keyword between."""
    for _i, value, op in top_level(tokens):
        if (op and value not in ("(", "[", "{", ".")) or (not op and value in _KEYWORDS):
            return False
    return True


def _unparen(tokens):
    """`(x)` -> `x` (parentheses make no node), but not a tuple `(a, b)` or `()`."""
    while len(tokens) >= 3 and tokens[0][:2] == ("(", True) and opening(tokens) == 0:
        inner = tokens[1:-1]
        if any(op and value == "," for _i, value, op in top_level(inner)):
            return tokens
        tokens = inner
    return tokens
