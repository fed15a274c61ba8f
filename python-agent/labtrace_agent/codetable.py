"""Tables keyed by code objects that do not keep them alive (issue 8: CPython's test_code found code
objects the agent kept, and with them every function their co_consts define; a program compiling code
again and again, a notebook or exec, leaked it all). The tables are plain dicts keyed by
code_key(code), object.__hash__: a function of the object's address, unique among live objects, and
cheaper to look up than the code itself (a code object hashes its contents: ~150 ns a lookup on
3.12). Not id(): it raises the audit event builtins.id, which the record's audit hook (and a
program's own) would see at every call (3.12 count mode ran 4x slower). One weak reference per code
object seen removes its entries from every table when it dies, before its address can be reused."""
from _weakref import ref

code_key = object.__hash__


class KeyedRef(ref):
    """weakref.KeyedRef without importing weakref (the program's start-up sees no heavy module)."""
    __slots__ = ("key",)

    def __new__(cls, ob, callback, key):
        self = ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super(KeyedRef, self).__init__(ob, callback)


class CodeTables(object):
    def __init__(self):
        self.tables = []  # dicts keyed by code_key(code)
        self.refs = {}    # code_key(code) -> its weak reference

    def add(self, table):
        self.tables.append(table)
        return table

    def watch(self, code):
        """Entries keyed by code_key(code) go when code dies (call once the code is a key somewhere)."""
        k = code_key(code)
        if k not in self.refs:
            self.refs[k] = KeyedRef(code, self._gone, k)

    def _gone(self, ref):
        k = ref.key
        if self.refs.get(k) is ref:
            del self.refs[k]
            for t in self.tables:
                t.pop(k, None)
