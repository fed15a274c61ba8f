"""What the record reads from a module's source, from the C tokenizer on 3.12+ (record/statement_tokens.py):
its top-level statements and the names each assigns (record/assignments.py), its loops (record/trials.py)
and its `t = f(...)` / `r.m(...)` lines (record/experiment.py), each the same as the ast walk's it replaces
(so that a traced script never imports _ast, ~5 ms): on tricky shapes written here, and on
a fourth of this interpreter's standard library and the phase corpus's scripts (~600 files; every
module of 3.12's and 3.13's, 2,331 and 2,242, when this was written)."""
import glob
import os
import sys
import unittest

from labtrace_agent.record.assignments import ModuleStatements, _ast_items
from labtrace_agent.record.experiment import ast_call_lines
from labtrace_agent.record.statement_tokens import call_lines, loops, statements
from labtrace_agent.record.trials import ast_loops
from tests.support import AgentTestCase

METRICS = """
def accuracy_score(y_true, y_pred):
    return 0.5
"""

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
async def co():
    async for item in source():
        await sink.put(item)
    got = await sink.get()
type_ = dict(a=1, b=2)
match: int = re.fullmatch("x", s2)
model.fit(X, y); score = metrics.accuracy(y, model.predict(X))
best = (search.best_estimator_).get_params()
f2 = (value - base).total_seconds()
self.est = Pipeline(steps)
None.method()
x5 = -a.b()
x6 = a.b() if c else d()
x7 = f(1)(2)
a.b(c)[0]
'''


@unittest.skipIf(statements("x = 1\n") is None, "before 3.12: the map comes from the ast")
class StatementTokensTest(unittest.TestCase):
    def same_as_ast(self, source, where):
        text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
        self.assertEqual(statements(text), _ast_items(source), where)
        self.assertEqual(loops(text), ast_loops(source), where)
        self.assertEqual(call_lines(text), ast_call_lines(source), where)

    def test_tricky_shapes(self):
        self.same_as_ast(TRICKY, "TRICKY")
        names = [n for _f, _e, n in statements(TRICKY)]
        self.assertIn(["i", "j", "k2", "total", "m", "deep"], names)  # a for's body, not its def's or its else
        self.assertIn(["t1", "t2", "t3"], names)                      # a try's body, else, finally; no handler
        self.assertIn((15, 20, ["i", "j", "k2"]), loops(TRICKY))      # a for's end is its else's
        self.assertIn((50, 51, ["item"]), loops(TRICKY))              # async for
        calls = call_lines(TRICKY)
        self.assertEqual((calls[54], calls[55]), (("match", "fullmatch", "re"), ("score", "accuracy", "metrics")))

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

    def test_one_file_is_tokenized_once_for_the_three_readers(self):
        from labtrace_agent.record import statement_tokens
        passes = []
        real = statement_tokens._scan
        statement_tokens._scan = lambda text: passes.append(text) or real(text)
        try:
            text = "for k in range(2):\n    acc = m.score(k)\n"
            self.assertEqual((statements(text), loops(text)), ([(1, 2, ["k", "acc"])], [(1, 2, ["k"])]))
            self.assertEqual(call_lines(text[:-1] + "\n"), {2: ("acc", "score", "m")})  # equal text, another object
            self.assertEqual(len(passes), 1)
            statements("x = 1\n")
            self.assertEqual(len(passes), 2)
        finally:
            statement_tokens._scan = real

    def test_try_star_is_left_to_the_ast(self):
        self.assertIsNone(statements("try:\n    a = 1\nexcept* ValueError:\n    pass\n"))

    def test_refused_text_raises_syntax_error(self):
        with self.assertRaises(SyntaxError):
            statements("x = (1,\n")


@unittest.skipIf(statements("x = 1\n") is None, "before 3.12: the record parses with _ast")
class NoAstImportedTest(AgentTestCase):
    def test_a_traced_script_with_metrics_in_a_loop_never_imports_ast(self):
        # (a fit's defaults come from inspect.signature, and inspect imports ast: as numpy, pandas and
        # scikit-learn do on import, so only scripts without them save _ast)
        self.write("scores.py", """
            import atexit, sys
            from sklearn.metrics import accuracy_score
            for k in (1, 2):
                acc = accuracy_score([1, 0], [1, k])
            atexit.register(lambda: print("_ast" in sys.modules, "labtrace_agent.record.trials" in sys.modules))
            """)
        p = self.run_script("scores.py", env={"PYTHONPATH": self.fake_packages((("sklearn", ""), ("sklearn/metrics", METRICS)))})
        self.assertEqual((p.returncode, p.stdout.decode().split(), p.stderr), (0, ["False", "True"], b""))
        self.assertEqual(self.agent_log(), "")

if __name__ == "__main__":
    unittest.main()
