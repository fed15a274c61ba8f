"""Tables keyed by code objects that do not keep them alive (issue 8: CPython's test_code found code
objects the agent kept, and with them every function their co_consts define; a program compiling code
again and again, a notebook or exec, leaked it all). The tables are plain dicts keyed by
code_key(code), object.__hash__: a function of the object's address, unique among live objects, and
cheaper to look up than the code itself (a code object hashes its contents: ~150 ns a lookup on
3.12). Not id(): it raises the audit event builtins.id, which the record's audit hook (and a
program's own) would see at every call (3.12 count mode ran 4x slower). Weak references to each code
object seen remove its entries from every table when it dies, before its address can be reused."""
from _functools import partial, reduce
from _weakref import ref

code_key = object.__hash__


class CodeTables(object):
    """The death of a code object runs no Python code of ours: its one weak reference's callback is
    made of builtins, reduce(slice, map(dict.pop, tables, <k forever>, <None forever>), ref): the map
    pops k from every table (None: a missing key raises nothing) and slice(a, b) only consumes it,
    never raising. A Python callback would run inside the program's own tracer (bdb, trace, coverage
    trace it; bdb raised BdbQuit in it, printed as 'Exception ignored in'; CPython's test_bdb,
    test_trace) wherever a code object happens to die. (7 objects a code; a weak reference and a
    partial per table were ~15: pymalloc blocks a program counts with sys.getallocatedblocks(),
    CPython's test_sys test_getallocatedblocks. Builtins only: no module imported before main.)"""

    def __init__(self):
        self.refs = {}    # code_key(code) -> its weak reference (whose callback clears refs too)
        self.tables = [self.refs]  # dicts keyed by code_key(code), refs first
        self._nones = iter(type(None), 0)  # None forever

    def add(self, table):
        """Tables are added before the first watch() (the backends' install)."""
        self.tables.append(table)
        return table

    def watch(self, code):
        """Entries keyed by code_key(code) go when code dies (call once the code is a key somewhere)."""
        k = code_key(code)
        refs = self.refs
        if k not in refs:
            ks = iter(k.__int__, None)  # k forever
            refs[k] = ref(code, partial(reduce, slice, map(dict.pop, self.tables, ks, self._nones)))

    def alive(self, k):
        """The live code object of key k, or None."""
        r = self.refs.get(k)
        return r() if r is not None else None
