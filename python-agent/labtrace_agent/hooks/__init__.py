"""The tracing backends: how the agent hooks CPython and fills the recorder's buffers.

  monitoring     sys.monitoring (3.12+; C guards in _monitorhook when built)
  profile        sys.setprofile / sys.settrace (any CPython; the default below 3.12), with its hook
                 variants in profile_hook (setprofile: pure-Python "count" / "off", or the C hook
                 _profilehook) and trace_hook (settrace)
  codetable      tables keyed by code objects that keep none alive
  threadstart    a hook in every new thread (setprofile / settrace)
  userfilter     which files are user code
"""


class Backend(object):
    """What the agent asks of a backend (agent.py is its only caller, plus the kernel watch):

    install()     start tracing (the agent's start, main thread)
    uninstall(final=False)   stop tracing; never raises; called once more is a no-op. final: the
                  process is ending (the final flush): what only a later tracer would need undone may
                  stay (sys.monitoring: its tool id and callbacks, every event off)
    sync()        sender thread, before each batch: fold counters the hooks keep apart into the
                  recorder's states, report a failure a hook stored (never raises)
    after_fork()  child of os.fork(): only the forking thread survives; fresh per-thread state

    `native` is the C module standing in for the hot path, or None. A backend with one hook per thread
    (has_main_hook) can switch the main thread's off between an IPython kernel's cells: main_off(),
    main_on()."""
    name = ""
    native = None
    has_main_hook = False

    def install(self):
        raise NotImplementedError

    def uninstall(self, final=False):
        raise NotImplementedError

    def sync(self):
        raise NotImplementedError

    def after_fork(self):
        raise NotImplementedError

    def main_off(self):
        """A kernel between cells: the main thread runs without our hook (has_main_hook only)."""

    def main_on(self):
        """A kernel's cell starts: our hook back in the main thread (has_main_hook only)."""
