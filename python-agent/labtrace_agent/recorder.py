"""Shared event buffers of one run, filled by the backends' hooks and drained by the sender thread.

The hooks only append tuples to plain lists and bump counters in per-code state lists: no encoding,
no locks, no I/O. The sender takes a buffer's contents with an atomic slice copy + delete.
"""
import sys
import _thread
from time import perf_counter_ns
CodeType = type((lambda: 0).__code__)  # types.CodeType, without importing `types` at start-up

from .transport.schema import EXCEPTION
from .hooks.codetable import CodeTables, code_key

# Per user code object state list layout (shared with the backends, mutated in the hooks).
S_ID, S_CALLS, S_TOTAL, S_TIMED, S_KIND = 0, 1, 2, 3, 4
# Slots the setprofile / settrace hooks append (hooks/profile_hook.py, trace_hook.py): the code's
# bytecode (did a frame leave on a return / yield?), its sampled call sites {f_lasti: calls} and
# (setprofile) the call sites sampled out.
S_CODE, S_SITES, S_QUIET = 5, 6, 7
K_FUNC, K_MODULE, K_GEN = 0, 1, 2
_GEN_FLAGS = 0x20 | 0x80 | 0x200  # CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR
MAX_EXCEPTIONS = 10000
MAX_MESSAGE = 500
# Recursion levels a hook's slow path (and the report of its failure) may use; with fewer left, the
# C hooks skip the event (counted in `dropped`) rather than raise RecursionError into the program.
HEADROOM = 100  # the C hooks' HEADROOM (_profilehook.c, _monitorhook.c)


def code_kind(code):
    if code.co_name == "<module>":
        return K_MODULE
    if code.co_flags & _GEN_FLAGS:
        return K_GEN
    return K_FUNC


def qualname_of(code):
    return getattr(code, "co_qualname", None) or code.co_name


class Recorder(object):
    def __init__(self, user_filter, config):
        self.filter = user_filter
        self.config = config
        self.events = []       # (kind, t_perf_ns, code_id, line, thread, caller_id, duration)
        self.new_codes = []    # (id, file, qualname, first_line, user, module)
        self.excinfo = []      # (code_id, line, type, message, t_perf_ns)
        self.states = []       # user code state lists, for FunctionStats
        self.files = {}        # co_filename -> bool (user?)
        self.file_seen = {}    # absolute filename -> perf ns when code from it first ran
        self.threads = {}      # thread ident -> small number
        self.new_threads = []  # (number, ident)
        self.lib_ids = {}      # key of a library callee (code_key(code), see callable_id) -> code id
        self.next_id = 1
        self.exc_count = 0
        self.dropped = 0
        self.all_codes = []    # every code announced so far (a fork child re-announces them)
        self.main_exception = None   # exception seen escaping the __main__ module (monitoring)
        self.next_thread = 1
        self.on_error = None   # agent.fail(stage, exc): set by the agent
        self.code_ids = {}     # code_key(user code object) -> code id (where-in-user-code lookups)
        # tables keyed by code_key(code): their entries go when the code dies (the agent keeps no code alive)
        self.code_tables = CodeTables()
        self.code_tables.add(self.code_ids)
        self.code_tables.add(self.lib_ids)
        self.hub = None        # record.hub.RecordHub: the experiment record (files, variables, params, metrics)
        if config.record:  # LABTRACE_RECORD=0: events only
            try:
                from .record.hub import RecordHub
                self.hub = RecordHub(self, config.home, user_filter.root)
                # hub.install() is called by the agent once the backend is known (see Agent.start)
            except Exception:
                self.hub = None
        self.threads[_thread.get_ident()] = 0
        self.new_threads.append((0, _thread.get_ident(), "MainThread"))

    # -- rare paths, called from hooks the first time something is seen --------------------------
    def classify(self, filename):
        user = self.filter.is_user(filename)
        self.files[filename] = user
        if not filename.startswith("<"):
            self.file_seen.setdefault(self.filter.abspath(filename), perf_counter_ns())
        return user

    def thread_num(self, ident):
        n = self.threads.get(ident)
        if n is None:
            n = self.new_thread(ident, "")
        return n

    def new_thread(self, ident, name):
        """A thread started: always a fresh number (thread idents are reused by the OS)."""
        n = self.next_thread
        self.next_thread = n + 1
        self.threads[ident] = n
        self.new_threads.append((n, ident, name))
        return n

    def _new_id(self):
        cid = self.next_id
        self.next_id = cid + 1
        return cid

    def register_user(self, code, module, qualname=None):
        if self.config.test_fail == "hook":
            raise RuntimeError("injected failure at hook")
        cid = self._new_id()
        entry = (cid, self.filter.abspath(code.co_filename), qualname or qualname_of(code), code.co_firstlineno,
                 True, module or "")
        self.new_codes.append(entry)
        self.all_codes.append(entry)
        st = [cid, 0, 0, 0, code_kind(code)]
        self.states.append(st)
        self.code_ids[code_key(code)] = cid
        self.code_tables.watch(code)
        return st

    def lib_code_id(self, code):
        cid = self.lib_ids.get(code_key(code))
        if cid is None:
            cid = self._new_id()
            self.lib_ids[code_key(code)] = cid
            self.code_tables.watch(code)
            entry = (cid, self.filter.abspath(code.co_filename), qualname_of(code), code.co_firstlineno,
                     False, None)  # module name resolved by the sender
            self.new_codes.append(entry)
            self.all_codes.append(entry)
        return cid

    def callable_id(self, obj):
        """Code id of a library callee that has no Python code object (builtin, C extension, type)."""
        tp = type(obj)
        is_class = issubclass(tp, type)  # not isinstance: a mock's __class__ may claim `type`
        key = obj if is_class else code_key(obj)  # (one key space with the codes')
        cid = self.lib_ids.get(key)
        if cid is None:
            # Names are read from the object only when that runs none of the program's code (a mock
            # answers any attribute with a new mock and records what is done with it): else from its type
            plain = is_class or plain_type(tp)
            try:
                qual = mod = None
                if plain:
                    qual = getattr(obj, "__qualname__", None)
                    if type(qual) is not str:
                        qual = getattr(obj, "__name__", None)
                if type(qual) is not str or not qual:
                    qual = tp.__qualname__
                    mod = tp.__module__
                else:
                    mod = getattr(obj, "__module__", None)
                    if mod is None:
                        owner = getattr(obj, "__self__", None)
                        mod = type(owner).__module__ if owner is not None and type(owner) is not type(sys) \
                            else getattr(owner, "__name__", "")
                if type(qual) is not str or type(mod) is not str:
                    raise TypeError
            except Exception:
                qual, mod = "?", ""
            key2 = (mod or "", qual)
            cid = self.lib_ids.get(key2)
            if cid is None:
                cid = self._new_id()
                self.lib_ids[key2] = cid
                entry = (cid, "", str(qual), 0, False, str(mod or ""))
                self.new_codes.append(entry)
                self.all_codes.append(entry)
            try:
                stable = is_class or plain and (getattr(obj, "__self__", None) is None
                                                or isinstance(obj.__self__, type(sys)))
            except Exception:
                stable = False
            if stable:
                self.lib_ids[key] = cid  # stable objects only (functions, types), not bound methods
        return cid

    def hook_failed(self, exc):
        cb = self.on_error
        if cb is not None:
            cb("hook", exc)

    def exception(self, cid, line, exc, t, thread, duration):
        self.exc_count += 1
        if self.exc_count > MAX_EXCEPTIONS:
            self.dropped += 1
            return
        try:
            if exc is None:  # setprofile: the exception object is not visible
                raise LookupError
            tp = type(exc)
            name = tp.__qualname__ if tp.__module__ in ("builtins", "__main__") else tp.__module__ + "." + tp.__qualname__
            msg = str(exc)
        except LookupError:
            name, msg = "", ""
        except Exception:
            name, msg = "?", "?"
        if len(msg) > MAX_MESSAGE:
            msg = msg[:MAX_MESSAGE] + "..."
        self.excinfo.append((cid, line, name, msg, t))
        self.events.append((EXCEPTION, t, cid, line, thread, 0, duration))


_PLAIN = {}  # type -> plain_type(type)
_NAMES = ("__qualname__", "__name__", "__module__", "__self__", "__func__", "__code__", "__wrapped__")
_DESCRIPTORS = (str, type(None), type(type.__dict__["__qualname__"]), type(type.__dict__["__dictoffset__"]),
                type(object.__dict__["__getattribute__"]))  # str, None, getset, member and slot descriptors


def plain_type(tp):
    """Reading an instance's names (_NAMES) runs none of the program's Python code: no class in its MRO
    has a __getattr__, a Python __getattribute__, or a Python descriptor under one of those names
    (unittest.mock's mocks answer any attribute with a new mock, and record what is done with it)."""
    r = _PLAIN.get(tp)
    if r is None:
        r = True
        try:
            for c in tp.__mro__:
                d = c.__dict__
                if "__getattr__" in d or type(d.get("__getattribute__")) not in _DESCRIPTORS:
                    r = False
                    break
                for n in _NAMES:
                    if type(d.get(n)) not in _DESCRIPTORS:
                        r = False
                        break
                if not r:
                    break
        except Exception:
            r = False
        if len(_PLAIN) < 10000:
            _PLAIN[tp] = r
    return r


def from_program(exc):
    """True if exc, raised out of a hook's code, is the program's own, not the agent's failure: it must
    reach the program (and the agent stays on). The program's are: a BaseException that is not an
    Exception (KeyboardInterrupt, SystemExit), one raised in a Python signal handler (the eval-breaker
    check in our code ran it: a frame of the traceback that got the frame below it, the one running
    when the signal was handled, as an argument, or runs the code of an installed handler), and an
    asynchronous exception (PyThreadState_SetAsyncExc: raised in one of our own frames, or in a frame
    of the standard library our code called with nothing but ours and the standard library's below
    our first frame, not by a call, with no arguments, of a class that is neither a builtin, nor ours,
    nor the standard library's). What our code raises (builtins, or whatever the program's objects
    raise when we look at them: their frames are the program's) is ours. The program's exception
    leaves with the traceback it would have untraced: from the handler's frame on (none of ours).
    Called from the C hooks with room on the stack, and from the pure-Python guards inside a try."""
    tb = exc.__traceback__
    last = None
    handlers = None
    seen_ours = False
    ours_and_stdlib = True  # below our first frame, only our frames and the standard library's
    while tb is not None:
        f = tb.tb_frame
        if f.f_globals.get("__name__", "").startswith("labtrace_agent"):
            seen_ours = True
        else:
            if handlers is None:
                handlers = _handler_codes()
            if f.f_code in handlers or _got_caller(f):
                exc.__traceback__ = tb
                return True
            if seen_ours and ours_and_stdlib and not _in_stdlib(f.f_code.co_filename):
                ours_and_stdlib = False
        last = tb
        tb = tb.tb_next
    if not isinstance(exc, Exception):
        exc.__traceback__ = None
        return True
    tp = type(exc)
    mod = getattr(tp, "__module__", None) or ""
    if last is None or exc.args or mod == "builtins" or mod.startswith("labtrace_agent"):
        return False
    if last.tb_frame.f_globals.get("__name__", "").startswith("labtrace_agent") \
            or (seen_ours and ours_and_stdlib and not _stdlib_module(mod)):
        exc.__traceback__ = None
        return True
    return False


_STDLIB = []


def _stdlib_module(name):
    """A module of the standard library: built into the interpreter, or a file of it."""
    return name in sys.builtin_module_names or _in_stdlib(getattr(sys.modules.get(name), "__file__", None) or "")


def _in_stdlib(filename):
    """A file of the standard library (frozen modules included), not of a package installed there."""
    if filename.startswith("<frozen "):
        return True
    if not _STDLIB:
        import os
        _STDLIB.append(os.path.dirname(os.__file__) + os.sep)
    root = _STDLIB[0]
    return filename.startswith(root) and "-packages" not in filename[len(root):]


def _got_caller(f):
    """A signal handler's frame: the frame that called it is one of its arguments (handler(signum, frame))."""
    b = f.f_back
    code = f.f_code
    if b is None:
        return False
    n = code.co_argcount + code.co_kwonlyargcount + (1 if code.co_flags & 0x04 else 0)  # CO_VARARGS
    loc = f.f_locals
    for name in code.co_varnames[:n]:
        v = loc.get(name)
        if v is b or (type(v) is tuple and any(x is b for x in v)):
            return True
    return False


def _handler_codes():
    """Code objects of the Python signal handlers installed now (functions, methods, partials)."""
    out = set()
    sig = sys.modules.get("signal")
    if sig is None:
        return out
    for s in sig.valid_signals():
        try:
            h = sig.getsignal(s)
        except Exception:
            continue
        for _ in range(4):
            c = getattr(h, "__code__", None)
            if type(c) is CodeType:
                out.add(c)
                break
            h = getattr(h, "__func__", None) or getattr(h, "func", None)
            if h is None:
                break
    return out


def stack_room(frame):
    """Recursion levels left above `frame`, counting Python frames only (an estimate: the pure-Python
    hooks use it to report a failure from a later event, not from a handler at the recursion limit)."""
    n = 0
    while frame is not None:
        n += 1
        frame = frame.f_back
    return sys.getrecursionlimit() - n


def reset_for_child(rec, ident):
    """After os.fork() in the child: a new run with fresh buffers; code ids are re-announced."""
    rec.events.clear()
    del rec.excinfo[:]
    del rec.new_threads[:]
    rec.new_codes[:] = list(rec.all_codes)
    rec.threads.clear()
    rec.threads[ident] = 0
    rec.next_thread = 1
    rec.new_threads.append((0, ident, _current_thread_name()))
    rec.exc_count = 0
    rec.dropped = 0
    rec.main_exception = None


def _current_thread_name():
    th = sys.modules.get("threading")
    try:
        return th.current_thread().name if th is not None else "MainThread"
    except Exception:
        return ""


def take(lst):
    """Atomically take the current contents of a list the hooks append to (or of the monitoring
    backend's packed events, _monitorhook.Events)."""
    if lst.__class__ is not list:
        return lst.take()
    items = lst[:]
    del lst[:len(items)]
    return items
