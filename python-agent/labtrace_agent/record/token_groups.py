"""Bracket structure of a statement's tokens ((value, is an operator, first row, end row) tuples, as
record/statement_tokens.py reads them): what lies outside brackets, and which brackets match."""
OPEN, CLOSE = frozenset("([{"), frozenset(")]}")


def top_level(tokens):
    """(index, value, is an operator) of the tokens outside brackets (an opening bracket there included)."""
    out, depth = [], 0
    for i, (value, op, _row, _end) in enumerate(tokens):
        if op and value in OPEN:
            if depth == 0:
                out.append((i, value, op))
            depth += 1
        elif op and value in CLOSE:
            depth -= 1
        elif depth == 0:
            out.append((i, value, op))
    return out


def split(tokens, sep):
    """Parts of `tokens` between operators `sep` outside brackets."""
    parts, start = [], 0
    for i, value, op in top_level(tokens):
        if op and value == sep:
            parts.append(tokens[start:i])
            start = i + 1
    parts.append(tokens[start:])
    return parts


def closing(tokens):
    """Index of the bracket that closes the first token's (-1: none)."""
    return _match(tokens, range(len(tokens)), OPEN, CLOSE)


def opening(tokens):
    """Index of the bracket that the last token closes (-1: it closes none)."""
    if not tokens or not tokens[-1][1] or tokens[-1][0] not in CLOSE:
        return -1
    return _match(tokens, range(len(tokens) - 1, -1, -1), CLOSE, OPEN)


def _match(tokens, order, deeper, shallower):
    depth = 0
    for i in order:
        value, op = tokens[i][0], tokens[i][1]
        if op and value in deeper:
            depth += 1
        elif op and value in shallower:
            depth -= 1
            if depth == 0:
                return i
    return -1
