"""One object the backends and the batch builder talk to for the experiment record.

Backends call three rare-path methods: `statement` (a module-level statement of a user module
started), `lib_call` (user code called a library callable; sampled like LIB_CALL events) and
`lib_return` (such a call returned a value, where the backend can see it). The batch builder calls
`fill` to move what was captured into an EventBatch dict.
"""
import os
import sys

from ..config import GIT_STATUS_DIR
from ..hooks.codetable import code_key
from ..hooks import frames
from .callees import PRELOAD, Token, is_record_call, is_record_callee
from . import loadguard
from .files import FileRecorder
from .libio import FileCall
from .sources import SourceRecorder
from .variables import VariableRecorder


_IMPORTLIB = "<frozen importlib._bootstrap>"


def _module_and_name(fn):
    name = getattr(fn, "__name__", "") or ""
    module = getattr(fn, "__module__", None)
    if module is None:
        owner = getattr(fn, "__self__", None)
        module = type(owner).__module__ if owner is not None else ""
    return module or "", name


class RecordHub(object):
    def __init__(self, rec, home, project_root, enabled=True):
        self.rec = rec
        self.enabled = enabled
        self.project_root = project_root
        self.home = home
        self.code_ids = rec.code_ids        # code_key(user code object) -> code id (the recorder fills it)
        budget = getattr(rec.config, "record_budget_ms", None)
        self.variables = VariableRecorder(None if budget is None else budget * 1000000)
        # Fits, metrics, searches, data sets, trials (record/experiment.py and the modules it imports):
        # loaded at the first record call (`is_record_call`), or by the sender thread once the program
        # imported a library that makes them (callees.PRELOAD), never at start-up (issue 10: ~3 ms
        # before main); under record/loadguard.py's lock, which a fork in another thread waits for.
        self.experiment = None
        self.sources = SourceRecorder()
        self.files = FileRecorder(self.user_frame, home, rec.hook_failed, rec.config.test_fail == "audit")
        self.watched = {}                   # id(callable) -> qualified name of a metric function
        # Child runs (forked, or started by a traced parent) share their parent's environment: the
        # git subprocess and the variables are recorded once, by the parent.
        self.pid = os.getpid()
        self.environment_sent = bool(rec.config.parent_run_id)
        self.git_pending = None             # `git status` started at start-up, read by fill()

    def start_git(self, run_id):
        """Main thread, in initialize(): start `git status` now, so that it runs alongside the
        program (see environment.start_git_status); fill() collects it. reap_git_starter() must
        follow before the program runs."""
        if self.environment_sent or not self.enabled or not self.project_root:
            return
        try:
            loadguard.load("labtrace_agent.record.environment")  # from the lazy blob: not an import from its file
            from .environment import git_root, start_git_status
            root = git_root(self.project_root)
            if root is not None:
                self.git_pending = start_git_status(root, os.path.join(self.home, GIT_STATUS_DIR), run_id)
        except Exception:
            self.git_pending = None

    def reap_git_starter(self):
        """Main thread, at the end of the agent's start: reap the sh start_git() spawned."""
        if self.git_pending is not None:  # (environment was loaded by start_git)
            from .environment import reap_git_starter
            reap_git_starter(self.git_pending)

    def load_experiment(self):
        """The ExperimentRecorder, its modules imported on the first call (any thread)."""
        exp = self.experiment
        if exp is None:
            exp = loadguard.run(self._load_experiment)
        return exp

    def _load_experiment(self):
        if self.experiment is None:
            loadguard.load("labtrace_agent.record.experiment")  # (code read at start-up: no file opened now)
            from .experiment import ExperimentRecorder
            self.experiment = ExperimentRecorder(self.code_ids)
        return self.experiment

    def after_fork_child(self):
        # The child's run starts empty: what was recorded before the fork and not sent yet is the
        # parent's, sent by the parent (the child's copies went out in its run too)
        self.variables.out = []
        self.files.after_fork_child()
        exp = self.experiment
        if exp is not None:
            exp.estimators.out = []
            exp.metrics.out = []
            exp.datasets.out = []
            exp.trials.after_fork_child()
        pending, self.git_pending = self.git_pending, None
        if pending is not None:
            try:
                from .environment import forget_git_status
                forget_git_status(pending)
            except Exception:
                pass

    def install(self, audit=True):
        """The C audit hook (_audithook) when built; else, audit=False: no sys.addaudithook. A Python
        audit hook is called on every `frame.f_code` read ("object.__getattr__" event), which the
        setprofile/settrace hooks do on every event: it would make them ~4x slower."""
        self.audit = bool(self.enabled and self.files.install(python_hook=audit, native=self.rec.config.native))
        if not self.audit and self.enabled:
            # Without an audit hook, files are inferred from the statements that ran (rows with
            # source "inferred"): paths a module-level statement names (literals, or string variables
            # it reads) that exist after it ended — read, or written if modified while it ran.
            self.variables.on_statement_end = self._files_named_by

    def _files_named_by(self, code_id, start, text, g, t_start):
        try:
            self.files.named_in_statement(text, g, code_id, start, t_start)
        except Exception:
            pass

    # -- called from hooks (rare paths) -----------------------------------------------------------
    def user_frame(self):
        """(code id, line) of the innermost user frame on the current stack, or None. (Frames read
        with hooks/frames.py: no audit event a program's audit hook would see.)"""
        ids = self.code_ids
        found = frames.first(1, lambda code: code.co_filename == _IMPORTLIB or code_key(code) in ids)
        if found is None or found[0].co_filename == _IMPORTLIB:
            return None  # files an import reads (caches, metadata) are not the experiment's data
        cid = ids.get(code_key(found[0]))
        return (cid, found[1]) if cid is not None else None

    def statement(self, code_id, filename, line, frame_globals, t):
        if self.enabled:
            try:
                self.variables.statement(code_id, filename, line, frame_globals, t)
            except Exception:
                pass

    def module_end(self, code_id, filename, frame_globals, t):
        if self.enabled:
            try:
                self.variables.module_end(code_id, filename, frame_globals, t)
            except Exception:
                pass

    def lib_call(self, fn, receiver, args, code_id, line):
        """User code at (code_id, line) calls library callable `fn` (receiver = its self, if any).
        Returns a token for `lib_return` when the return value is wanted (a metric), else None."""
        if not self.enabled:
            return None
        try:
            module, name = _module_and_name(fn)
            if receiver is None:
                receiver = getattr(fn, "__self__", None)
        except Exception:
            return None
        return self.lib_call_named(module, name, receiver, args, code_id, line)

    def lib_call_named(self, module, name, receiver, args, code_id, line, wrapped=None, frame=None):
        """As lib_call, by name. `wrapped`: the function a decorator's wrapper frame calls, if known
        (scikit-learn wraps fit in `_fit_context` and metrics in `validate_params`); `frame`: the
        callee's frame at its start, if the backend has it (a data set loader's arguments)."""
        if not self.enabled:
            return None
        try:
            if wrapped is not None:
                module, name = _module_and_name(wrapped)
            io = self.files.lib_call(module, name, receiver, args, (code_id, line))
            if io is not None:
                return io  # a file opened in C, read from the call's frame at its return
            exp = self.experiment
            if exp is None:
                if not is_record_call(module, name, receiver, args):
                    return None
                exp = self.load_experiment()
            return exp.on_call(module, name, receiver, args, (code_id, line), frame, self._user_file())
        except Exception:
            pass
        return None

    def is_record_callee(self, module, name):
        """Calls of this callee are never sampled out (record/experiment.py); asked once per callee."""
        return self.enabled and is_record_callee(module, name)

    def _user_file(self):
        ids = self.code_ids
        found = frames.first(2, lambda code: code_key(code) in ids)
        return found[0].co_filename if found is not None else ""

    def lib_return(self, token, value):
        if type(token) is Token:
            return self.experiment.on_return(token, value)
        if type(token) is FileCall:
            self.files.lib_return(token)
        elif token is not None and self.experiment is not None:
            self.experiment.metrics.on_return(token[0], value, (token[1], token[2]))

    # -- called by the batch builder in the sender thread ------------------------------------------
    def _git_settled(self, final):
        """Send the environment now? Not while `git status` runs (up to its deadline): a flush never
        waits for git, so neither does a program that exits during it."""
        pending = self.git_pending
        if final or pending is None:
            return True
        from time import monotonic
        from .environment import git_status_done
        return git_status_done(pending) or monotonic() >= pending["deadline"]

    def fill(self, batch, origin, final, user_files):
        def rel(items):
            for it in items:
                it["t"] = max(0, it.get("t", origin) - origin)
            return items

        out, self.variables.out = self.variables.out, []
        batch["variables"] = rel(out)
        batch["file_accesses"] = rel(self.files.take(final))
        exp = self.experiment
        if exp is None and not final and self.enabled:
            mods = sys.modules
            for name in PRELOAD:
                if name in mods:  # the program imported a library that fits or scores: load now, here
                    try:
                        exp = self.load_experiment()
                    except Exception:
                        pass
                    break
        if exp is not None:
            out, exp.estimators.out = exp.estimators.out, []
            batch["hyperparameters"] = rel(out)
            out, exp.metrics.out = exp.metrics.out, []
            batch["metrics"] = rel(out)
            out, exp.datasets.out = exp.datasets.out, []
            batch["file_accesses"].extend(rel(out))
            batch["trials"] = rel(exp.trials.take(final))
        abspath = self.rec.filter.abspath
        batch["sources"] = self.sources.take(sorted(set(abspath(f) for f in user_files if f not in self.sources.sent)))
        if not self.environment_sent and os.getpid() == self.pid and self._git_settled(final):
            # once, early (a killed run still has it); distributions travel with the imports
            self.environment_sent = True
            pending, self.git_pending = self.git_pending, None
            try:
                from .environment import environment
                batch["environment"] = environment(self.project_root, (), pending, final)
            except Exception:
                pass
            finally:
                if pending is not None and pending.get("path"):  # not collected: never leave a zombie
                    try:
                        from .environment import reap_git_status
                        reap_git_status(pending, 0.0)
                    except Exception:
                        pass
        return any(batch.get(k) for k in ("variables", "hyperparameters", "metrics", "file_accesses", "sources", "environment", "trials"))
