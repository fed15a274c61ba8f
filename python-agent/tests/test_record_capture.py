"""The experiment-record capture helpers: summaries, assignments, files, estimators, metrics, environment."""
import os
import sys
import tempfile
import unittest

from labtrace_agent.record.assignments import ModuleStatements
from labtrace_agent.record.environment import git_info, selected_variables
from labtrace_agent.record.estimators import EstimatorRecorder
from labtrace_agent.record.files import FileRecorder, content_hash
from labtrace_agent.record.metrics import MetricRecorder, is_metric
from labtrace_agent.record.summaries import summarize
from labtrace_agent.record.variables import VariableRecorder

SOURCE = """import os
X = [1, 2, 3]
a, (b, c) = 1, (2, 3)
def f():
    return 1
for i in range(3):
    total = i
API_TOKEN = "hunter2"
error = 0.25
"""


class Estimator(object):
    """A scikit-learn-like estimator with one parameter set and two defaults."""

    def __init__(self, alpha=1.0, fit_intercept=True, solver="auto"):
        self.alpha, self.fit_intercept, self.solver = alpha, fit_intercept, solver

    def get_params(self, deep=True):
        return {"alpha": self.alpha, "fit_intercept": self.fit_intercept, "solver": self.solver}


class RecordCaptureTest(unittest.TestCase):
    def test_assignments_per_top_level_statement(self):
        ms = ModuleStatements(SOURCE)
        self.assertEqual([names for _s, _e, names in ms.items],
                         [[], ["X"], ["a", "b", "c"], [], ["i", "total"], ["API_TOKEN"], ["error"]])
        self.assertEqual(ms.index_of(7), 4)  # loop body belongs to its for statement
        self.assertEqual(ms.index_of(100), -1)

    def test_variables_summarised_when_statements_end_secrets_without_value(self):
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
            f.write(SOURCE)
        try:
            g = {"X": [1, 2, 3], "a": 1, "b": 2, "c": 3, "f": len, "i": 2, "total": 2, "API_TOKEN": "hunter2", "error": 0.25}
            vr = VariableRecorder()
            vr.statement(1, f.name, 1, g, 10)
            vr.statement(1, f.name, 2, g, 20)
            vr.statement(1, f.name, 6, g, 30)   # statements 2-5 ended
            self.assertEqual([v["name"] for v in vr.out], ["X", "a", "b", "c"])
            vr.module_end(1, f.name, g, 40)
            by_name = {v["name"]: v for v in vr.out}
            self.assertEqual(by_name["error"]["number"], 0.25)
            self.assertEqual(by_name["X"]["shape"], "len=3")
            self.assertNotIn("value", by_name["API_TOKEN"])
            self.assertNotIn("fingerprint", by_name["API_TOKEN"])
            self.assertEqual(by_name["total"]["line"], 6)
        finally:
            os.unlink(f.name)

    def test_name_assigned_twice_in_one_statement_summarised_once(self):
        source = "if True:\n    h = [1]\n    h = [1, 2]\ny = 1\ny = 2\nz = 3\n"
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
            f.write(source)
        try:
            g = {"h": [1, 2], "y": 2, "z": 3}
            vr = VariableRecorder()
            vr.statement(1, f.name, 1, g, 10)
            vr.module_end(1, f.name, g, 20)  # every statement ended together (a <= 3.11 boundary)
            # (each statement that assigned y is shown: the record keeps every assignment's line)
            self.assertEqual([(v["name"], v["line"]) for v in vr.out], [("h", 1), ("y", 4), ("y", 5), ("z", 6)])
        finally:
            os.unlink(f.name)

    def test_summary_is_duck_typed(self):
        class Frame(object):
            shape = (3, 2)
            columns = ["size", "price"]
            dtypes = ["float64", "int64"]
        s = summarize("df", Frame())
        self.assertEqual((s["shape"], s["columns"]), ("(3, 2)", ["size", "price"]))

    def test_estimator_defaults_marked(self):
        er = EstimatorRecorder()
        er.on_call("fit", Estimator(alpha=0.5), (), (3, 17))
        er.on_call("fit", Estimator(alpha=0.5), (), (3, 17))
        got = {p["name"]: (p["value"], p["is_default"]) for p in er.out}
        self.assertEqual(got, {"alpha": ("0.5", False), "fit_intercept": ("True", True), "solver": ("'auto'", True)})
        er.on_call("train", None, ({"learning_rate": 0.1, "api_key": "x"},), (3, 20))
        self.assertIn(("api_key", "[redacted]"), [(p["name"], p["value"]) for p in er.out])

    def test_metrics(self):
        self.assertTrue(is_metric("sklearn.metrics._regression", "mean_absolute_error"))
        self.assertFalse(is_metric("sklearn.metrics._plot.confusion_matrix", "plot"))
        self.assertFalse(is_metric("sklearn.metrics", "make_scorer"))
        self.assertTrue(is_metric("sklearn.base", "score"))
        mr = MetricRecorder()
        mr.on_return("sklearn.metrics.mean_absolute_error", 123.5, (1, 9))
        self.assertEqual(mr.out[0]["value"], 123.5)

    def test_files_seen_only_from_user_code_and_hashed(self):
        with tempfile.TemporaryDirectory() as d:
            data = os.path.join(d, "data.csv")
            with open(data, "w") as f:
                f.write("a,b\n1,2\n")
            where = [None]
            fr = FileRecorder(lambda: where[0], home=os.path.join(d, "home"))
            fr.hook("open", (data, "r", 0))           # library code on its own: ignored
            where[0] = (4, 12)
            fr.hook("open", (data, "r", 0))
            fr.hook("open", (os.path.join(d, "out.txt"), "w", 0))
            fr.hook("open", (os.path.join(d, "mod.py"), "r", 0))
            fr.hook("exec", (None,))
            reads = fr.take()
            self.assertEqual([(r["path"], r["line"], r["size"]) for r in reads], [(data, 12, 8)])
            self.assertEqual(reads[0]["sha256"], content_hash(data)[1])
            writes = fr.take(final=True)
            self.assertEqual([w["write"] for w in writes], [True])

    def test_environment_redacts_secrets(self):
        got = {v["name"]: v for v in selected_variables({"LANG": "C", "AWS_SECRET_ACCESS_KEY": "x", "RANDOM": "y"})}
        self.assertEqual(set(got), {"LANG", "AWS_SECRET_ACCESS_KEY"})
        self.assertEqual((got["AWS_SECRET_ACCESS_KEY"]["value"], got["AWS_SECRET_ACCESS_KEY"]["redacted"]), ("", True))
        self.assertIsNone(git_info("/"))


if __name__ == "__main__":
    unittest.main()
