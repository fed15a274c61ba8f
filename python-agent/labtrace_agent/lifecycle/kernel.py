"""IPython kernels (issue 12): a kernel session is a run of kind `notebook`, every cell execution is recorded.

Detection costs one dict lookup per flush and imports nothing: the sender thread looks for `ipykernel`
in sys.modules and, once IPython's shell instance exists (InteractiveShell._instance), appends two
callbacks to its `pre_run_cell` / `post_run_cell` event lists. That is a plain list append: no IPython
or program code runs in our thread (EventManager.register would compare our callback with the
program's own with ==), and IPython iterates a copy of the list when it triggers an event. One call
into the kernel's code is made from our thread, once: tornado's thread-safe io_loop.add_callback, so
that the main thread switches our hook off until the first cell (3.8-3.11; see _idle).

The callbacks run in the kernel's main thread around each cell and only read a few attributes and the
clock (never raise: IPython would print "Error in callback"). Hashing the cell, finding it in the
notebook file and encoding happen in the sender thread. An execution is sent when it starts (outcome
"running": a live session shows it) and again when it ends; the daemon keeps the last state of each
(run, ordinal). The code IPython compiles for a cell is user code (userfilter.is_cell_file).

Child runs: LABTRACE_PARENT_RUN_ID (agent.py) names the kernel's run in the processes its cells start;
_pre sets LABTRACE_PARENT_CELL to the ordinal of the execution starting, so a child also names the cell
execution that started it (a process started between cells by a cell's thread: the last cell's).
`%run script.py` executes in the kernel itself: its code is the execution's (by time), the script a source.

papermill injects its parameters as a cell whose first line is "# Parameters": its assignments are
recorded as parameters (source "papermill") of that execution. papermill names no notebook in the
kernel (no JPY_SESSION_NAME): such a session is known by its connection file.
"""
import os
import sys
from os import environ
from time import perf_counter_ns

PAPERMILL_MARK = "# Parameters\n"  # the first line of the cell papermill injects (its Python translator)
IDLE_MAX = 1.0          # an idle kernel's sender wakes up at most once a second (base: flush interval)
MAX_EXECUTIONS = 100000
MAX_CELL = 2 * 1024 * 1024


def papermill_parameters(raw, t):
    """The parameters of a cell papermill injected ("# Parameters", then `name = value` lines), as
    hyperparameters of source "papermill" (no estimator) at the execution's start T. [] if not parsable."""
    try:
        import ast
        tree = ast.parse(raw)
    except Exception:  # SyntaxError, or a cell too deep for the parser
        return []
    out = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        text = ast.get_source_segment(raw, node.value) or ""
        try:
            kind = type(ast.literal_eval(node.value)).__name__
        except Exception:
            kind = ""
        out.append({"estimator": "", "name": node.targets[0].id, "value": text[:1000], "type": kind, "is_default": False,
                    "code_id": 0, "line": node.lineno, "t": t, "source": "papermill"})
    return out


def _connection_file(argv):
    for i, a in enumerate(argv):
        if a == "-f" and i + 1 < len(argv):
            return os.path.abspath(argv[i + 1])
        if a.startswith("--f="):
            return os.path.abspath(a[4:])
    return ""


class KernelWatch(object):
    def __init__(self, origin, backend=None):
        self.origin = origin
        # the kernel's machinery is not traced (issue 12): the main thread's hook is on only while a
        # cell runs (pre_run_cell .. post_run_cell); setprofile backends below 3.12 (see ProfileBackend.main_off)
        self._on = backend.main_on if backend is not None and backend.has_main_hook else None
        self._off = backend.main_off if backend is not None and backend.has_main_hook else None
        self.state = 0              # 0: looking, 1: watching a shell, -1: gave up
        self.shell = None
        self.ordinal = 0
        self.current = None         # the execution in progress (dict), set by _pre
        self.changed = []           # executions to (re)send, in the order they changed
        self.session = None         # NotebookSession dict to send (None: unchanged)
        self.notebook = ""
        self.connection_file = ""
        self.sent_sources = set()
        self.nb_cells = None        # (path, mtime, [(cell source, cell id)]) of the notebook file
        self.nb_prev = None         # its cells as parsed before the file last changed
        self.idle = 0               # flushes in a row that sent nothing

    # -- sender thread --------------------------------------------------------------------------
    def poll(self):
        """True once the process is a kernel whose cells we watch."""
        if self.state:
            return self.state > 0
        mods = sys.modules
        if "ipykernel" not in mods:
            return False
        ic = mods.get("IPython.core.interactiveshell")
        cls = getattr(ic, "InteractiveShell", None) if ic is not None else None
        shell = cls.__dict__.get("_instance") if cls is not None else None
        if shell is None:
            return False
        try:
            callbacks = shell.events.callbacks
            pre, post = callbacks["pre_run_cell"], callbacks["post_run_cell"]
        except Exception:
            self.state = -1
            return False
        for cb in pre:
            if type(cb) is type(self._pre) and type(cb.__self__) is KernelWatch:
                self.state = -1  # a fork child of a watched kernel: not a kernel session
                return False
        self.shell = shell
        self.registered_at = perf_counter_ns()
        self.connection_file = _connection_file(list(sys.argv))
        self._set_notebook(os.environ.get("JPY_SESSION_NAME", ""))
        if not self.session:
            self.session = {"path": self.notebook, "connection_file": self.connection_file,
                            "kernel": "ipykernel " + str(getattr(mods.get("ipykernel"), "__version__", ""))}
        pre.append(self._pre)
        post.append(self._post)
        self.state = 1
        if self._off is not None:
            # idle until the first cell: the hook goes off in the main thread, from the kernel's own
            # event loop (tornado's add_callback is thread-safe; it runs between message handlers)
            try:
                loop = getattr(getattr(shell, "kernel", None), "io_loop", None)
                add = getattr(loop, "add_callback", None)
                if add is not None:
                    add(self._idle)
            except Exception:
                pass
        return True

    def _idle(self):
        try:
            if self.current is None:
                self._off()
        except BaseException:
            pass

    def _set_notebook(self, path):
        if path and path != self.notebook:
            self.notebook = path
            mods = sys.modules
            self.session = {"path": path, "connection_file": self.connection_file,
                            "kernel": "ipykernel " + str(getattr(mods.get("ipykernel"), "__version__", ""))}

    def fill(self, batch):
        """Move the session and the executions that changed into the batch. True if anything was added."""
        changed, self.changed = self.changed, []
        vsc = self.vsc_file
        if vsc and not os.environ.get("JPY_SESSION_NAME"):
            self._set_notebook(vsc)
        session, self.session = self.session, None
        if session is not None:
            batch["notebook"] = session
        if not changed:
            return session is not None
        from ..record.fasthash import sha256
        out = []
        sources = batch.setdefault("sources", [])
        seen = set()
        for ex in changed:
            if id(ex) in seen:  # started and ended between two flushes: its last state only
                continue
            seen.add(id(ex))
            raw = ex["raw"]
            if "sha" not in ex:
                ex["file"] = self._file_of(raw, ex.pop("transformed", None), ex["count"])
                data = raw.encode("utf-8", "surrogatepass")
                ex["sha"] = sha256(data).hexdigest()
                ex["index"] = self._cell_index(raw, ex["cell_id"])
                if raw.startswith(PAPERMILL_MARK):
                    params = papermill_parameters(raw, max(0, ex["start"] - self.origin))
                    if params:
                        batch.setdefault("hyperparameters", []).extend(params)
                if ex["sha"] not in self.sent_sources:
                    self.sent_sources.add(ex["sha"])
                    src = {"path": ex["file"] or "<cell %d>" % ex["ordinal"], "sha256": ex["sha"], "size": len(data)}
                    if len(data) <= MAX_CELL:
                        src["content"] = data
                    sources.append(src)
            out.append({"ordinal": ex["ordinal"], "execution_count": ex["count"], "cell_index": ex["index"],
                        "cell_id": ex["cell_id"] or "", "source_sha256": ex["sha"], "cell_file": ex["file"],
                        "started": max(0, ex["start"] - self.origin),
                        "ended": max(0, ex["end"] - self.origin) if ex["end"] else 0,
                        "outcome": ex["outcome"], "exception_type": ex["exc"]})
        batch["cell_executions"] = out
        return True

    def pause(self, interval, sent):
        """The sender's next pause: the flush interval while executions come, backing off to IDLE_MAX
        while the kernel is idle (an idle kernel wakes our thread once a second, not ten times)."""
        if self.state <= 0:
            return interval
        if sent or self.current is not None:
            self.idle = 0
            return interval
        self.idle += 1
        return min(IDLE_MAX, interval * (1 << min(self.idle, 8)))

    def _cell_index(self, raw, cell_id):
        """1-based position of the cell in the notebook file (by cell id, else by exact source), 0 if unknown."""
        path = self.notebook
        if not path.endswith(".ipynb"):
            return 0
        try:
            mtime = os.stat(path).st_mtime
            if self.nb_cells is None or self.nb_cells[0] != path or self.nb_cells[1] != mtime:
                import json
                with open(path, "rb") as f:
                    nb = json.loads(f.read().decode("utf-8"))
                cells = []
                for c in nb.get("cells", []):
                    src = c.get("source", "")
                    cells.append(("".join(src) if isinstance(src, list) else str(src), c.get("id") or ""))
                if self.nb_cells is not None and self.nb_cells[0] == path:
                    # the version before: a cell executed, then edited and saved before our flush
                    # matched it, is found where it stood when it ran
                    self.nb_prev = self.nb_cells[2]
                else:
                    self.nb_prev = None
                self.nb_cells = (path, mtime, cells)
            versions = (self.nb_cells[2], self.nb_prev or ())
        except Exception:
            return 0
        for cells in versions:
            if cell_id:
                for i, (_, cid) in enumerate(cells):
                    if cid == cell_id:
                        return i + 1
            for i, (src, _) in enumerate(cells):
                if src == raw:
                    return i + 1
        return 0

    # -- the kernel's main thread, around each cell ------------------------------------------------
    vsc_file = ""

    def _pre(self, info=None, *args, **kwargs):
        try:
            if self._on is not None:
                self._on()
            t = perf_counter_ns()
            if self.ordinal >= MAX_EXECUTIONS:
                return
            self.ordinal += 1
            # the processes this cell starts (!python, subprocess, os.fork) name it as their parent cell
            # (config.parent_cell; agent.start removes it in every other run): one putenv per cell
            environ["LABTRACE_PARENT_CELL"] = str(self.ordinal)
            raw = getattr(info, "raw_cell", None)
            ex = {"ordinal": self.ordinal, "raw": raw if type(raw) is str else "", "start": t, "end": 0,
                  "count": 0, "index": 0, "cell_id": getattr(info, "cell_id", None) or "",
                  "file": "", "outcome": "running", "exc": ""}
            if type(ex["cell_id"]) is not str:
                ex["cell_id"] = ""
            shell = self.shell
            if getattr(info, "store_history", False):
                n = shell.execution_count  # IPython 8.x/9.x count it before pre_run_cell
                ex["count"] = n - 1 if type(n) is int and n > 1 else 0
            tr = getattr(info, "transformed_cell", None)
            ex["transformed"] = tr if type(tr) is str else None
            ns = getattr(shell, "user_ns", None)
            vsc = ns.get("__vsc_ipynb_file__") if type(ns) is dict else None
            if type(vsc) is str:
                self.vsc_file = vsc
            self.current = ex
            self.changed.append(ex)
        except BaseException:
            self.current = None

    def _post(self, result=None, *args, **kwargs):
        try:
            t = perf_counter_ns()
            ex = self.current
            self.current = None
            if ex is None:  # registered while this cell ran (or past MAX_EXECUTIONS)
                if self.ordinal >= MAX_EXECUTIONS:
                    return
                self.ordinal += 1
                info = getattr(result, "info", None)
                raw = getattr(info, "raw_cell", None)
                ex = {"ordinal": self.ordinal, "raw": raw if type(raw) is str else "", "start": self.registered_at,
                      "end": 0, "count": 0, "index": 0, "cell_id": "", "file": "", "outcome": "running", "exc": ""}
            n = getattr(result, "execution_count", None)
            if type(n) is int:
                ex["count"] = n
            err = getattr(result, "error_before_exec", None) or getattr(result, "error_in_exec", None)
            if err is None:
                ex["outcome"] = "ok"
            else:
                tp = type(err)
                ex["outcome"] = "interrupted" if issubclass(tp, KeyboardInterrupt) else "error"
                mod = getattr(tp, "__module__", "") or ""
                name = getattr(tp, "__qualname__", "") or ""
                ex["exc"] = name if mod in ("builtins", "__main__") else mod + "." + name
            ex["end"] = t
            self.changed.append(ex)
        except BaseException:
            pass
        try:
            if self._off is not None:
                self._off()
        except BaseException:
            pass

    def _file_of(self, raw, transformed, count):
        """The file name IPython compiled this cell under (its code objects' co_filename), if known.
        Sender thread: ipykernel's name is a pure-Python murmur2 hash of the raw cell."""
        try:
            comp = getattr(self.shell, "compile", None)
            get = getattr(comp, "get_code_name", None)
            if get is None:
                return ""
            name = get(raw, transformed if transformed is not None else raw, count)
            return name if type(name) is str else ""
        except Exception:
            return ""
