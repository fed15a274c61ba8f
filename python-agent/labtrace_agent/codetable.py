"""Tables keyed by code objects that do not keep them alive (issue 8: CPython's test_code found code
objects the agent kept, and with them every function their co_consts define; a program compiling code
again and again, a notebook or exec, leaked it all). The tables are plain dicts keyed by id(code),
cheaper to look up than the code itself (a code object hashes its contents: ~150 ns on 3.12, ~13 ns
for id()). One weak reference per code object seen removes its entries from every table when it
dies, before its address can be reused by another object."""
from _weakref import ref as _ref


class KeyedRef(_ref):
    """weakref.KeyedRef (`weakref` itself is not imported at start-up: ~0.5 ms)."""
    __slots__ = ("key",)

    def __new__(cls, ob, callback, key):
        self = _ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super(KeyedRef, self).__init__(ob, callback)


class CodeTables(object):
    def __init__(self):
        self.tables = []  # dicts keyed by id(code)
        self.refs = {}    # id(code) -> its weak reference

    def add(self, table):
        self.tables.append(table)
        return table

    def watch(self, code):
        """Entries keyed by id(code) go when code dies (call once the code is a key somewhere)."""
        k = id(code)
        if k not in self.refs:
            self.refs[k] = KeyedRef(code, self._gone, k)

    def _gone(self, ref):
        k = ref.key
        if self.refs.get(k) is ref:
            del self.refs[k]
            for t in self.tables:
                t.pop(k, None)
