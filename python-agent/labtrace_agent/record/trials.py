"""Trials (issue 11): what one iteration of a loop in user code produced (the loop's variables, the
parameters of the models it fitted that differ from the loop's first trial, its metrics).

A record call (a fit, a metric, a search, a data set loader) asks `current` for its trial. The loop is
the innermost `for`/`while` of the innermost user frame on the stack whose current line is inside
one (the loop may be in a caller: `for a in alphas: score = evaluate(a)`). A new trial of that loop
starts when the loop's scalar variables changed (`alpha`, `name`, a dict of ParameterGrid) or when
the same record call (its line in the loop's frame, its callable) comes again. Loops are found in
the file's own source (read once per file: record/statement_tokens.py on 3.12+, else the builtin _ast;
IPython cells from linecache).
A trial's row is sent by the next batch after it started or changed (the sender thread takes the
open trials that changed since its last batch, then again when the trial closes if it changed since):
a killed run keeps every trial up to its last batch. The store keeps the latest row of a trial.
"""
import sys

from ..hooks.codetable import code_key
from ..lifecycle.fds import open_file
from .statement_tokens import loops

MAX_TRIALS = 20000      # trial numbers stop past this (the rows of a run stay bounded)
MAX_VALUE = 120
_SCALARS = (int, float, str, bool, type(None))


class Loops(object):
    """The loops of one source file: (start, end, target names or [] for `while`), outer first."""

    def __init__(self, source):
        text = source if isinstance(source, str) else source.decode("utf-8", "replace")
        items = loops(text)
        self.items = items if items is not None else ast_loops(source)
        self.lines = text.splitlines()

    def at(self, line):
        """Loops containing `line`, outermost first."""
        return [it for it in self.items if it[0] <= line <= it[1]]

    def text(self, line):
        return self.lines[line - 1].strip()[:MAX_VALUE] if 0 < line <= len(self.lines) else ""


def ast_loops(source):
    """The loops of `source` from the ast (before 3.12, or what the tokens leave to it)."""
    import _ast as ast
    tree = compile(source, "<labtrace>", "exec", ast.PyCF_ONLY_AST)
    items = []
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in _children(node, ast):
            stack.append(child)
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            names = []
            if not isinstance(node, ast.While):
                _names(node.target, names, ast)
            end = getattr(node, "end_lineno", None) or node.lineno
            items.append((node.lineno, end, names))
    items.sort()
    return items


def _children(node, ast):
    for name in node._fields:
        v = getattr(node, name, None)
        if isinstance(v, ast.AST):
            yield v
        elif isinstance(v, list):
            for x in v:
                if isinstance(x, ast.AST):
                    yield x


def _names(t, out, ast):
    if isinstance(t, ast.Name):
        out.append(t.id)
    elif isinstance(t, (ast.Tuple, ast.List)):
        for e in t.elts:
            _names(e, out, ast)
    elif isinstance(t, ast.Starred):
        _names(t.value, out, ast)


def load_source(path):
    try:
        with open_file(path) as f:
            return f.read()
    except OSError:
        lc = sys.modules.get("linecache")
        entry = getattr(lc, "cache", {}).get(path) if lc is not None else None
        if type(entry) is tuple and len(entry) >= 3 and type(entry[2]) is list:
            return "".join(entry[2])
    return None


def plain_value(v):
    """A loop variable's value as a trial parameter: scalars as they are, short tuples of scalars,
    estimators by class name; None when it says nothing (arrays, frames, index arrays of a fold)."""
    tp = type(v)
    if tp in _SCALARS:
        return v[:MAX_VALUE] if tp is str else v
    if tp is tuple and len(v) <= 4 and all(type(x) in _SCALARS for x in v):
        return repr(v)[:MAX_VALUE]
    if hasattr(tp, "get_params") and hasattr(tp, "fit"):
        return tp.__name__
    item = getattr(v, "item", None)
    if getattr(v, "shape", None) == () and callable(item):  # numpy scalar
        try:
            x = item()
            return x if type(x) in _SCALARS else None
        except Exception:
            return None
    return None


class Trial(object):
    __slots__ = ("no", "key", "seen", "vals", "params", "t", "code_id", "line", "label", "parent", "metrics", "dirty", "kind")

    def __init__(self, no, key, vals, t, label, parent, kind="loop"):
        self.no, self.key, self.vals, self.t, self.label, self.parent, self.kind = no, key, vals, t, label, parent, kind
        self.code_id, self.line = key
        self.seen = set()
        self.params = dict(vals)
        self.metrics = 0
        self.dirty = True  # changed since its row was last taken


class StudyRun(object):
    """An Optuna Study.optimize in progress: the user frame that called it (by id and code: it is on
    the stack while the objective runs), the optuna trial now running and ours for it."""
    __slots__ = ("study", "frame", "code", "where", "parent", "label", "number", "trial", "nums")

    def __init__(self, study, frame, code, where, parent, label):
        self.study, self.frame, self.code, self.where, self.parent, self.label = study, frame, code, where, parent, label
        self.number = -1
        self.trial = None
        self.nums = {}  # optuna trial number -> our trial number


class TrialTracker(object):
    def __init__(self, code_ids):
        self.code_ids = code_ids     # code_key(user code) -> code id
        self.sources = {}            # filename -> Loops or None
        self.open = {}               # (code id, loop line) -> open Trial
        self.by_no = {}              # trial no -> open Trial
        self.next = 1
        self.out = []                # Trial dicts, drained by the sender
        self.studies = []            # StudyRun of each Study.optimize in progress, innermost last
        self.study_nums = {}         # id(study) -> {optuna trial number: our trial number}

    def _loops(self, filename):
        lp = self.sources.get(filename, 0)
        if lp == 0:
            src = load_source(filename)
            try:
                lp = Loops(src) if src is not None else None
            except (SyntaxError, ValueError, TypeError):
                lp = None
            self.sources[filename] = lp
        return lp

    def current(self, name, now, opens=True):
        """Trial number of a record call of `name` made now from user code (0: not in a loop)."""
        f = sys._getframe(1)
        ids = self.code_ids
        key = pos = None
        vals = {}
        label = ""
        sr = self.studies[-1] if self.studies else None
        while f is not None:
            code = f.f_code
            cid = ids.get(code_key(code))
            if cid is not None:
                if sr is not None and key is None and id(f) == sr.frame and code is sr.code:
                    return sr.trial.no if sr.trial is not None else 0  # in the objective, outside its own loops
                lp = self._loops(code.co_filename)
                line = f.f_lineno or 0
                loops = lp.at(line) if lp is not None else ()
                if loops:
                    if key is None:
                        key = (cid, loops[-1][0])
                        pos = (line, name)
                        label = lp.text(loops[-1][0])
                    ns = f.f_globals if code.co_name == "<module>" else f.f_locals
                    for _s, _e, names in loops:
                        for n in names:
                            if n in ns and n not in vals:
                                v = plain_value(ns[n])
                                if v is not None:
                                    vals[n] = v
                                elif type(ns[n]) is dict and len(ns[n]) <= 20:  # for params in ParameterGrid(...)
                                    for k, x in ns[n].items():
                                        x = plain_value(x)
                                        if type(k) is str and x is not None:
                                            vals[k] = x
            f = f.f_back
        if key is None:
            return 0
        tr = self.open.get(key)
        if tr is not None and (pos in tr.seen or tr.vals != vals) and opens:
            self._close(tr)
            tr = None
        if tr is None:
            if not opens or self.next > MAX_TRIALS:
                return 0
            parent = 0
            for other in self.open.values():  # an enclosing loop's open trial (nested loops)
                if other.key[0] != key[0] or other.key[1] < key[1]:
                    parent = max(parent, other.no)
            tr = Trial(self.next, key, vals, now, label, parent)
            self.next += 1
            self.open[key] = tr
            self.by_no[tr.no] = tr
        tr.seen.add(pos)
        return tr.no

    def add_params(self, no, params):
        tr = self.by_no.get(no)
        if tr is not None:
            for k, v in params.items():
                if k not in tr.vals and tr.params.get(k, tr) != v:
                    tr.params[k] = v
                    tr.dirty = True

    def begin_study(self, study, where, parent, label):
        """Study.optimize(objective) starts, called from user code at `where`: the objective runs inside
        optuna's loop, each optuna trial one of ours (opened by its first suggest_* call)."""
        f = sys._getframe(1)
        ids = self.code_ids
        while f is not None and code_key(f.f_code) not in ids:
            f = f.f_back
        if f is None:
            return
        del self.studies[:-7]  # a study whose optimize raised never ended: forget the oldest
        sr = StudyRun(study, id(f), f.f_code, where, parent, label)
        if len(self.study_nums) > 100:
            self.study_nums.clear()
        sr.nums = self.study_nums.setdefault(id(study), {})  # a study optimized again keeps its numbers
        self.studies.append(sr)

    def study_trial(self, otrial, now):
        """Our trial number for optuna trial `otrial` (an optuna.trial.Trial whose suggest_* is called)."""
        study = getattr(otrial, "study", None)
        for sr in reversed(self.studies):
            if sr.study is study:
                break
        else:
            return 0
        number = otrial.number
        tr = sr.trial
        if tr is not None and sr.number == number:
            return tr.no
        if tr is not None:
            self._close(tr)
        if self.next > MAX_TRIALS:
            sr.trial = None
            return 0
        tr = sr.trial = Trial(self.next, sr.where, {}, now, "%s trial %s" % (sr.label, number), sr.parent, "study")
        sr.number = number
        sr.nums[number] = tr.no
        self.next += 1
        self.open[tr.key] = tr
        self.by_no[tr.no] = tr
        return tr.no

    def set_params(self, no, params):
        """The parameters suggested so far in study trial `no` (optuna's Trial.params)."""
        tr = self.by_no.get(no)
        if tr is not None and tr.params != params:
            tr.params = params
            tr.dirty = True

    def end_study(self, study):
        """Study.optimize returned: its StudyRun (None if unknown); its last trial closed."""
        for i in range(len(self.studies) - 1, -1, -1):
            sr = self.studies[i]
            if sr.study is study:
                del self.studies[i]
                if sr.trial is not None:
                    self._close(sr.trial)
                    sr.trial = None
                return sr
        return None

    def loop_of(self, no):
        tr = self.by_no.get(no)
        return tr.key if tr is not None else None

    def _close(self, tr):
        self.open.pop(tr.key, None)
        self.by_no.pop(tr.no, None)
        if tr.dirty:
            self.out.append(self._row(tr))

    @staticmethod
    def _row(tr):
        tr.dirty = False
        return {"trial": tr.no, "kind": tr.kind, "code_id": tr.code_id, "line": tr.line,
                "params": _json(dict(tr.params)), "t": tr.t, "label": tr.label, "parent": tr.parent}

    def after_fork_child(self):
        """The parent's trials, closed or open at the fork, are its own (its run sends them)."""
        self.out = []
        self.open = {}
        self.by_no = {}

    def take(self, final):
        """Sender thread: the rows of closed trials, and of open ones changed since the last take
        (list() of a dict's values is atomic under the GIL: the program's thread may add a trial)."""
        if final:
            for tr in sorted(list(self.open.values()), key=lambda x: x.no):
                self._close(tr)
        out, self.out = self.out, []
        if not final:
            for tr in list(self.open.values()):
                if tr.dirty:
                    out.append(self._row(tr))
        return out


def _json(d):
    """JSON of a flat dict of scalars (no json import in the traced process)."""
    parts = []
    for k, v in d.items():
        parts.append(_jstr(str(k)) + ":" + _jval(v))
    return "{" + ",".join(parts) + "}"


def _jval(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if type(v) is int:
        return str(v)
    if type(v) is float:
        return repr(v) if v == v and v not in (float("inf"), float("-inf")) else "null"
    return _jstr(str(v))


def _jstr(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif o < 0x20:
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
