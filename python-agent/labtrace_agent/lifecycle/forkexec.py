"""A fork child that execs before saying hello (issue 12): pexpect's pty.fork + os.execv, which IPython's
`!cmd` uses, or any os.fork() + os.exec*() in Python. The child's at-fork hook made it a new run and named
that run in LABTRACE_PARENT_RUN_ID; if it execs before its hello is sent, that run never exists, and the
program it execs would name a run the store never sees. The os.exec audit event (3.8+) puts the forking
run and its cell back in the environment just before such an exec: fork + exec is then what a spawn is,
a child of the forking run (and of its cell execution, lifecycle/kernel.py).

Only in fork children, and through the C audit hook (_audithook.c, kind os.exec) whenever it is built:
a Python audit hook would be a Python call for every audit event of the child for life (every
pickle.find_class, compile, import, sys._getframe... of a multiprocessing or DataLoader worker).
 - the file record has the C hook (the parent installed it at start): its callback passes os.exec
   events here (record/files.py route_exec) — still one callback, one C hook;
 - no C hook yet (LABTRACE_RECORD=0, or the record has none): the child installs the C hook with
   only os.exec active (the parent never pays for it);
 - no C module (not built, LABTRACE_NATIVE=0): a Python audit hook, once per process lineage (fork
   copies the hook list); it compares the event name and returns for every other event. When the
   file record already has a Python audit hook (3.12+ without the C module), that one is used."""
import os
import sys

EXEC = 5  # the C hook's kind for os.exec (record/files.py EXEC)
_state = {"agent": None, "how": ""}  # how: "record", "c" or "python" (per process lineage)


def after_fork_child(agent, parent_run_id, parent_cell):
    """Agent.after_fork_child: remember the forking run; the hook reads the agent when an exec comes."""
    agent.fork_parent = (parent_run_id, parent_cell)
    _state["agent"] = agent
    if _state["how"]:
        return  # a grandchild: the hook the child set up was copied by fork
    hub = agent.rec.hub
    if hub is not None and getattr(hub, "audit", False) and hub.files.route_exec(_exec):
        _state["how"] = "record"
        return
    mod = None
    if agent.config.native:
        from ..record.files import load_native
        mod = load_native()
    if mod is not None:
        try:
            if mod.state()["callback"] is None:
                mod.install(_native, _ignore, 1 << EXEC)
                _state["how"] = "c"
                return
        except Exception:
            pass
    _state["how"] = "python"
    sys.addaudithook(_audit)


def _native(kind, args):
    _exec(args)


def _ignore(exc):
    pass


def _audit(event, args):
    if event == "os.exec":
        _exec(args)


def _exec(args):
    """os.exec(path, args, env): never raises."""
    try:
        a = _state["agent"]
        if a is None or a.transport is not None or a.off or a.pid != os.getpid():
            return  # the run said hello (it exists): its exec'd program is its child
        parent, cell = a.fork_parent
        env = args[2] if len(args) > 2 else None
        for environ in (os.environ, env if isinstance(env, dict) else None):
            if environ is None or environ.get("LABTRACE_PARENT_RUN_ID") != a.run_id:
                continue  # an environment the program made without us in it
            environ["LABTRACE_PARENT_RUN_ID"] = parent
            if cell:
                environ["LABTRACE_PARENT_CELL"] = str(cell)
            else:
                environ.pop("LABTRACE_PARENT_CELL", None)
    except Exception:
        pass
