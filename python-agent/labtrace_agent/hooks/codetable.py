"""Tables keyed by code objects that do not keep them alive (issue 8: CPython's test_code found code
objects the agent kept, and with them every function their co_consts define; a program compiling code
again and again, a notebook or exec, leaked it all). The tables are plain dicts keyed by
code_key(code), object.__hash__: a function of the object's address, unique among live objects, and
cheaper to look up than the code itself (a code object hashes its contents: ~150 ns a lookup on
3.12). Not id(): it raises the audit event builtins.id, which the record's audit hook (and a
program's own) would see at every call (3.12 count mode ran 4x slower). Weak references to each code
object seen remove its entries from every table when it dies, before its address can be reused."""
from _functools import partial
from _weakref import ref

code_key = object.__hash__


class CodeTables(object):
    """The death of a code object runs no Python code of ours: each table gets its own weak reference
    whose callback is a builtin (partial(dict.pop, table, key): the ref is pop's default, so a missing
    key raises nothing). A Python callback would run inside the program's own tracer (bdb, trace,
    coverage trace it; bdb raised BdbQuit in it, printed as 'Exception ignored in'; CPython's test_bdb,
    test_trace) wherever a code object happens to die."""

    def __init__(self):
        self.tables = []  # dicts keyed by code_key(code)
        self.refs = {}    # code_key(code) -> its weak references (the first one clears refs itself)

    def add(self, table):
        """Tables are added before the first watch() (the backends' install)."""
        self.tables.append(table)
        return table

    def watch(self, code):
        """Entries keyed by code_key(code) go when code dies (call once the code is a key somewhere)."""
        k = code_key(code)
        if k not in self.refs:
            refs = self.refs
            self.refs[k] = tuple([ref(code, partial(dict.pop, refs, k))] +
                                 [ref(code, partial(dict.pop, t, k)) for t in self.tables])

    def alive(self, k):
        """The live code object of key k, or None."""
        refs = self.refs.get(k)
        return refs[0]() if refs else None
