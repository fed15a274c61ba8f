"""3.12+ warns at fork() when the process has other threads: our sender thread must not be what makes
it multi-threaded. A warnings filter hides it for the fork only, when the program has no thread of its own."""
import sys

from . import saved as _saved


class _ForkWarningText(object):
    """Stands in for a compiled regex in a warnings filter (only .match is used): matches the fork
    warning (the filter is only there when the program has no thread of its own). The filter
    takes itself out of the list as soon as the fork warning is matched against it: the program's
    filter list is the untraced one again before os.fork() returns (3.13 warns after the
    after_in_parent hooks, 3.12 before them)."""

    def match(self, text):
        if not (text.startswith("This process (pid=") and "is multi-threaded, use of fork()" in text):
            return False
        # (removing an item that does not match would make CPython's loop skip the next filter)
        remove_fork_filter()
        return True


def _os_thread_count():
    try:
        with open("/proc/self/stat", "rb") as f:
            data = f.read()
        return int(data[data.rindex(b")") + 2:].split()[17])
    except Exception:
        return -1


def hide_fork_warning():
    """3.12+ warns at fork() when the process has other threads; our sender thread must not be what
    makes it multi-threaded. Hide the warning only when the program itself has no other thread: a
    filter in the list the warning machinery reads (warnings.filters, a catch_warnings block's copy
    included), inserted for the fork only. The filter list is not marked mutated: no warning registry
    of the program is reset. Left visible: CPython creates the forking module's __warningregistry__
    (as it does untraced when the program has threads); only having no thread of ours at fork time
    would avoid that."""
    if sys.version_info < (3, 12):
        return
    a = _saved.get("agent")
    if a is None or a.off or not a.sender_running:
        return
    if "fork_filter" in _saved or _os_thread_count() - 1 > 1:  # the program's own threads: its warning
        return
    try:
        w = sys.modules.get("warnings")
        filters = getattr(w, "filters", None) if w is not None else None
        if not isinstance(filters, list):
            import _warnings  # the C module: its list is warnings.filters outside catch_warnings
            filters = _warnings.filters
        entry = ("ignore", _ForkWarningText(), DeprecationWarning, None, 0)
        filters.insert(0, entry)
        _saved["fork_filter"] = (filters, entry)
    except Exception:
        pass


def remove_fork_filter():
    """The fork filter out of the program's list (normally done by the filter itself when the fork
    warning is matched; also by the sender thread and at exit, in case no warning came)."""
    saved = _saved.pop("fork_filter", None)
    if saved is not None:
        filters, entry = saved
        try:
            for i, item in enumerate(filters):
                if item is entry:
                    del filters[i]
                    break
        except Exception:
            pass
