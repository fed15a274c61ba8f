"""The map of a module's top-level statements from the C tokenizer (3.12+, record/statement_tokens.py) is
the ast walk's (record/assignments.py _ast_items), item for item: on tricky shapes written here, and on
a fourth of this interpreter's standard library and the phase corpus's scripts (~600 files; every
module of 3.12's and 3.13's, 2,331 and 2,242, when this was written)."""
import glob
import os
import sys
import unittest

from labtrace_agent.record.assignments import ModuleStatements, _ast_items
from labtrace_agent.record.statement_tokens import statements

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TRICKY = '''\
"""doc"""
import os; a = 1; b: int = 2
x = y = [1, 2]
(p), [q, *r] = s, t = 1, [2, 3]
obj.attr, d[0], u = 1, 2, 3
f = lambda k=1, *a, **kw: k
n: "list[int]"
n += 1
@decorator(arg=1)
@other
def g(v=1) -> int:
    w = 2
    return w
class C: z = 1
for i, (j, k2) in enumerate([(1, 2)]):
    total = i
    def inner(): hidden = 1
    for m in range(2): deep = m
else:
    not_walked = 1
while False:
    pass
else:
    walked = 1
try:
    t1 = 1
except Exception as e:
    handler = 1
else:
    t2 = 2
finally:
    t3 = 3
with open(os.devnull) as fh, open(os.devnull) as (fa):
    inside = 1
with (open(os.devnull) as p1,
      open(os.devnull) as p2):
    pass
if a: inline = 1; inline2 = 2
elif b:
    el = 1
else: last = f"{a:>3}" + f"{b=}"
match a:
    case 1:
        matched = 1
match = 3
s2 = """
multi = 1
"""; after = 2
async def co(): pass
type_ = dict(a=1, b=2)
'''


@unittest.skipIf(statements("x = 1\n") is None, "before 3.12: the map comes from the ast")
class StatementTokensTest(unittest.TestCase):
    def same_as_ast(self, source, where):
        want = _ast_items(source)
        self.assertEqual(statements(source.decode("utf-8", "replace") if isinstance(source, bytes) else source),
                         want, where)

    def test_tricky_shapes(self):
        self.same_as_ast(TRICKY, "TRICKY")
        names = [n for _f, _e, n in statements(TRICKY)]
        self.assertIn(["i", "j", "k2", "total", "m", "deep"], names)  # a for's body, not its def's or its else
        self.assertIn(["t1", "t2", "t3"], names)                      # a try's body, else, finally; no handler

    def test_stdlib_and_corpus(self):
        stdlib = sorted(glob.glob(os.path.join(os.path.dirname(os.__file__), "**", "*.py"), recursive=True))
        files = stdlib[::4]  # (every module: ~1 min at load; a fourth keeps every package's shapes)
        files += sorted(glob.glob(os.path.join(REPO, "test", "corpus", "phases", "**", "*.py"), recursive=True))
        compared = 0
        for path in files:
            with open(path, "rb") as f:
                source = f.read()
            try:
                _ast_items(source)
            except (SyntaxError, ValueError):
                continue  # (test data of the stdlib that is not Python)
            if statements(source.decode("utf-8", "replace")) is None:
                continue  # except* : left to the ast
            self.same_as_ast(source, path)
            compared += 1
        self.assertGreater(compared, 400)

    def test_module_statements_never_import_ast(self):
        ms = ModuleStatements(b"a = 1\nfor i in range(2):\n    b = i\n")
        self.assertEqual(ms.items, [(1, 1, ["a"]), (2, 3, ["i", "b"])])
        self.assertEqual(ms.index_of(3), 1)

    def test_try_star_is_left_to_the_ast(self):
        self.assertIsNone(statements("try:\n    a = 1\nexcept* ValueError:\n    pass\n"))

    def test_refused_text_raises_syntax_error(self):
        with self.assertRaises(SyntaxError):
            statements("x = (1,\n")


if __name__ == "__main__":
    unittest.main()
