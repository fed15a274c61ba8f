"""Entry point called by sitecustomize.py. initialize() never raises and never prints (except with
LABTRACE_DEBUG=1); any internal failure switches the agent off with one line in $LABTRACE_HOME/agent.log."""
import errno
import os
import sys
import time

_agent = None
_chained = []  # the next sitecustomize on sys.path ran (once per interpreter, whatever reloads us)


def in_main_interpreter():
    """False in a subinterpreter (_testcapi.run_in_subinterp, _xxsubinterpreters / _interpreters):
    its `site` import runs our sitecustomize again, and an agent started there would leave its sender
    thread running (Py_EndInterpreter aborts: "not the last thread"). 3.12+ asks _thread; below, the
    signal module's check (main thread of the main interpreter) comes before its range check, so
    signal 0 tells the two apart without installing anything."""
    try:
        import _thread
        return _thread._is_main_interpreter()
    except AttributeError:
        pass
    try:
        import _signal
        _signal.signal(0, _signal.SIG_DFL)
    except ValueError as e:
        return "main thread" not in str(e)
    except ImportError:
        return False
    return True


def _make_log(home, debug):
    from ..config import AGENT_LOG  # (not at import: a disabled agent or a subinterpreter loads no more)
    def log(message, always=True):
        if not always and not debug:
            return
        line = "%s pid=%d %s\n" % (time.strftime("%Y-%m-%dT%H:%M:%S"), os.getpid(), message)
        if debug:
            try:
                sys.stderr.write("labtrace: " + line)
            except Exception:
                pass
        try:
            try:
                os.makedirs(home, 0o700)
            except OSError:
                pass
            _append(os.path.join(home, AGENT_LOG), line.encode("utf-8", "replace"))
        except Exception:
            pass
    return log


def _append(path, data):
    """One line to agent.log. A program closing every descriptor (os.closerange in a loop) can close
    ours between the open and the write: the line was lost (EBADF), or written into a file the program
    opened under the same number. So the descriptor must still be our file when we write and close it;
    a few tries."""
    for _ in range(8):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            if not _names(fd, path):
                continue  # (the number is the program's now: neither written nor closed)
            os.write(fd, data)
            return
        except OSError as e:
            if e.errno != errno.EBADF:
                raise
        finally:
            if _names(fd, path):
                try:
                    os.close(fd)
                except OSError:
                    pass


def _names(fd, path):
    """fd is (still) open on the file at path."""
    try:
        st, mine = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)


def initialize():
    global _agent
    if _agent is not None:  # sitecustomize run again (a reload): one agent per process
        return _agent
    log = None
    if not _chained:
        _chained.append(True)
        try:
            from .sitechain import chain
            chain("sitecustomize")
        except BaseException:
            pass
    try:
        if not in_main_interpreter():
            return None  # a subinterpreter: fully inert (no thread, hook, fd or env change)
        if os.environ.get("LABTRACE_DISABLE", "") not in ("", "0"):  # (before Config: nothing else is read)
            return None
        if sys.implementation.name != "cpython" or sys.version_info < (3, 8):
            return None
        from ..config import Config, fail_point
        config = Config()
        log = _make_log(config.home, config.debug)
        fail_point(config, "init")
        from .ignore import ignored
        if ignored(config.home):  # pip, builds, pytest, Jupyter servers, language servers, config rules
            log("not recorded: an ignored program (ignore rules)", always=False)
            return None
        from ..agent import Agent
        agent = Agent(config, log)
        _agent = agent
        agent.start()
        if config.debug:
            log("run %s started: backend %s (%s), project root %s" % (
                agent.run_id, agent.backend_name, agent.backend_reason, agent.filter.root), always=False)
        return agent
    except BaseException as e:
        try:
            if _agent is not None:
                _agent.fail("init", e)
            elif log is not None:
                log("agent switched off in init: %s: %s" % (e.__class__.__name__, e))
            else:
                from ..config import home_dir
                _make_log(home_dir(), False)("agent switched off in init: %s: %s" % (e.__class__.__name__, e))
        except BaseException:
            pass
        return None


def agent():
    return _agent
