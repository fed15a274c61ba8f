"""A fork child that execs before saying hello (issue 12): pexpect's pty.fork + os.execv, which IPython's
`!cmd` uses, or any os.fork() + os.exec*() in Python. The child's at-fork hook made it a new run and named
that run in LABTRACE_PARENT_RUN_ID; if it execs before its hello is sent, that run never exists, and the
program it execs would name a run the store never sees. An audit hook (os.exec, 3.8+) puts the forking
run and its cell back in the environment just before such an exec: fork + exec is then what a spawn is,
a child of the forking run (and of its cell execution, lifecycle/kernel.py).

Installed once per process lineage (fork copies the hook list) and only in fork children; it compares
the event name and returns for every other audit event."""
import os
import sys

_state = {"agent": None, "installed": False}


def after_fork_child(agent, parent_run_id, parent_cell):
    """Agent.after_fork_child: remember the forking run; the hook reads the agent when an exec comes."""
    agent.fork_parent = (parent_run_id, parent_cell)
    _state["agent"] = agent
    if not _state["installed"]:
        _state["installed"] = True
        sys.addaudithook(_audit)


def _audit(event, args):
    if event != "os.exec":
        return
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
