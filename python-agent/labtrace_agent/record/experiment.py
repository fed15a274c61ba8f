"""The calls that make the experiment record (issue 11): fits, optimiser steps, metric and scoring
functions, searches, data set loaders, model save/load. Unlike the generic call stream, which the
backends sample per call site (the first LABTRACE_SITE_CALLS calls), these are never sampled out.

The backends decide once per callee whether it is one (`is_record_callee`, cached by the backend per
callee code object or function): a call site whose sampled calls are used up keeps calling the hub
if its callee is a record callee, else it goes quiet. Record calls are heavy (a fit, a metric over
arrays), so a Python call on each costs little relative to them. `on_call` is then given the resolved
callable (after decorator wrappers) and returns a token for `on_return` when the return value is
wanted (a metric, a search's fit, a data set loader)."""
import sys

from .callees import FIT_METHODS, Token, call_kind, is_dataset, is_metric, is_record_callee  # noqa: F401 (re-exported)
from .datasets import DatasetRecorder, arguments
from .estimators import EstimatorRecorder
from .metrics import MetricRecorder
from .searches import is_search, record_search, record_study, study_label, study_params
from .statement_tokens import call_lines
from .trials import TrialTracker, load_source

_NO_TRIAL = frozenset(("partial_fit", "step"))  # staged training: part of the current trial, never a new one


def public_name(module, name):
    parts = [p for p in module.split(".") if p and not p.startswith("_")]
    return ".".join(parts + [name])


class Assignments(object):
    """line -> (target name, called name) for statements `target = f(...)` (any nesting), per file."""

    def __init__(self):
        self.files = {}

    def at(self, filename, line):
        m = self.files.get(filename, 0)
        if m == 0:
            m = self.files[filename] = self._load(filename)
        return m.get(line) if m else None

    @staticmethod
    def _load(filename):
        src = load_source(filename)
        if src is None:
            return None
        try:
            out = call_lines(src if isinstance(src, str) else src.decode("utf-8", "replace"))
            return out if out is not None else ast_call_lines(src)
        except (SyntaxError, ValueError, TypeError):
            return None


def ast_call_lines(src):
    """Assignments's map from the ast (before 3.12, or what the tokens leave to it)."""
    import _ast as ast
    from .trials import _children
    tree = compile(src, "<labtrace>", "exec", ast.PyCF_ONLY_AST)
    out = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        stack.extend(_children(node, ast))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute) \
                and isinstance(node.value.func.value, ast.Name):  # grid.fit(X, y): the receiver's name
            for ln in range(node.lineno, (getattr(node, "end_lineno", None) or node.lineno) + 1):
                out.setdefault(ln, ("", node.value.func.attr, node.value.func.value.id))
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Call):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            t = targets[0] if len(targets) == 1 else None
            name = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None
            f = node.value.func
            called = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            recv = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else ""
            if name and called:
                for ln in range(node.lineno, (getattr(node, "end_lineno", None) or node.lineno) + 1):
                    out[ln] = (name, called, recv)
    return out


class ExperimentRecorder(object):
    def __init__(self, code_ids):
        self.estimators = EstimatorRecorder()
        self.metrics = MetricRecorder()
        self.datasets = DatasetRecorder()
        self.trials = TrialTracker(code_ids)
        self.estimators.trials = self.trials
        self.assignments = Assignments()

    def _variable(self, code_file, line, name):
        """The variable a call of `name` at (file, line) is directly assigned to, or ""."""
        if not code_file:
            return ""
        hit = self.assignments.at(code_file, line)
        if hit and hit[0] and (hit[1] == name or hit[1] in ("float", "round")):
            return hit[0]
        return ""

    def _receiver(self, code_file, line, name):
        """The variable whose method `name` is called at (file, line) (`grid.fit(X, y)` -> grid), or ""."""
        hit = self.assignments.at(code_file, line) if code_file else None
        return hit[2] if hit and hit[1] == name else ""

    def on_call(self, module, name, receiver, args, where, frame=None, filename=""):
        """A call of the resolved callable module.name from user code at where = (code id, line)."""
        kind = call_kind(module, name, receiver, args)
        if kind is None:
            return None
        if kind == "suggest":
            # an optuna trial's parameter: the trial it opens holds the objective's fits and metrics
            no = self.trials.study_trial(receiver, _now())
            return Token("suggest", name, receiver, where, no, "") if no else None
        fit, step, train, study, dataset = (kind == k for k in ("fit", "step", "train", "study", "dataset"))
        trial = self.trials.current(name, _now(), opens=name not in _NO_TRIAL) if not step else 0
        if fit or step or train:
            self.estimators.on_call(name, receiver, args, where, trial)
            if fit and name == "fit" and is_search(receiver):
                return Token("search", name, receiver, where, trial, self._receiver(filename, where[1], name))
            return None
        if study:
            tok = Token("study", name, receiver, where, trial, self._receiver(filename, where[1], name))
            self.trials.begin_study(receiver, where, trial, study_label(receiver))
            return tok
        if dataset:
            try:
                a = arguments(frame)
            except Exception:
                a = "..."
            return Token("dataset", public_name(module, name), None, where, trial, "", a)
        owner = type(receiver).__name__ + "." if receiver is not None and not isinstance(receiver, type(sys)) else ""
        return Token("metric", module + "." + owner + name, receiver, where, trial, self._variable(filename, where[1], name))

    def on_return(self, tok, value):
        try:
            if tok.kind == "metric":
                self.metrics.on_return(tok.function, value, tok.where, tok.trial, tok.name)
            elif tok.kind == "dataset":
                self.datasets.on_return(tok.function, tok.args, value, tok.where)
            elif tok.kind == "search":
                name = tok.name
                record_search(tok.receiver, tok.where, tok.trial, name, self.estimators, self.metrics, self.trials)
            elif tok.kind == "suggest":
                self.trials.set_params(tok.trial, study_params(tok.receiver.params))
            elif tok.kind == "study":
                record_study(tok.receiver, tok.where, tok.trial, tok.name, self.estimators, self.metrics, self.trials)
        except Exception:
            pass


def _now():
    from time import perf_counter_ns
    return perf_counter_ns()
