"""Record calls are never sampled out (issue 11): a call site whose callee makes the record (a fit, a
score: record/experiment.py) stays open however often it runs, on every backend, also from a user
function that went hot before its first record call. The workload is pure Python: a small library
package outside the project (`fakeml`, library code by the user filter, like any installed package)
with an estimator that has get_params/fit/score, so that it runs on every CPython 3.8-3.13 (the real
scikit-learn exists only in the 3.11 venv, where test/e2e/experiment-trials.test.ts covers it)."""
import os
import sys
import textwrap
import unittest

from tests.support import AGENT_DIR, AgentTestCase, HAS_MONITORING, NATIVE_BUILT

FAKEML = """
class Ridge(object):
    def __init__(self, alpha=1.0, fit_intercept=True):
        self.alpha = alpha
        self.fit_intercept = fit_intercept

    def get_params(self, deep=True):
        return {"alpha": self.alpha, "fit_intercept": self.fit_intercept}

    def fit(self, X, y):
        self.coef_ = sum(X) / (len(X) + self.alpha)
        return self

    def score(self, X, y):
        return 1.0 / (1.0 + self.alpha)
"""

SWEEP = """
from fakeml import Ridge
X = [1.0, 2.0, 3.0]
for i in range(20):
    alpha = 0.5 * (i + 1)
    m = Ridge(alpha=alpha).fit(X, X)
    s = m.score(X, X)
"""

# step() is called 40 times (past LABTRACE_STREAM_CALLS=16: hot) before its first record call
HOT_FIRST = """
from fakeml import Ridge
X = [1.0, 2.0, 3.0]

def step(i):
    if i < 40:
        return 0.0
    m = Ridge(alpha=float(i)).fit(X, X)
    return m.score(X, X)

for i in range(60):
    r = step(i)
"""

# six estimator classes, each with its own fit: one call site past its samples (the first
# LABTRACE_SITE_CALLS=4) calls fits that never ran before
ZOO = "".join("""
class M%d(Ridge):
    def fit(self, X, y):
        self.coef_ = sum(X) / (len(X) + self.alpha)
        return self
""" % i for i in range(6))

NEW_CALLEES = """
import fakeml
X = [1.0, 2.0, 3.0]
for i in range(6):
    m = getattr(fakeml, "M%d" % i)(alpha=float(i + 1))
    m.fit(X, X)
"""


def _variants():
    """(label, env) of each backend this Python has: sys.monitoring (3.12+, with and without the C
    guard); setprofile with the C hook and the pure-Python hook, in "off" and "count" modes."""
    if HAS_MONITORING:
        out = [("monitoring, pure Python", {"LABTRACE_NATIVE": "0"})]
        if NATIVE_BUILT:
            out.append(("monitoring, C guard", {}))
        return out
    out = [("setprofile, pure Python", {"LABTRACE_NATIVE": "0"}),
           ("setprofile, count mode", {"LABTRACE_HOT": "count"})]
    if NATIVE_BUILT:
        out.append(("setprofile, C hook", {}))
    return out


class RecordCallsTest(AgentTestCase):
    def setUp(self):
        AgentTestCase.setUp(self)
        lib = os.path.join(self.tmp, "lib", "fakeml")
        os.makedirs(lib)
        with open(os.path.join(lib, "__init__.py"), "w") as f:
            f.write(textwrap.dedent(FAKEML) + ZOO)
        self.lib = os.path.dirname(lib)
        self.pythonpath = AGENT_DIR + os.pathsep + self.lib

    def record(self, name, env):
        import shutil
        shutil.rmtree(self.home, ignore_errors=True)
        e = {"PYTHONPATH": self.pythonpath}
        e.update(env)
        p = self.run_script(name, env=e)
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        run = self.single_run()
        trials = [t for b in run.batches for t in b.get("trials", [])]
        fits = [h for b in run.batches for h in b.get("hyperparameters", []) if run_name(run, h) == "alpha"]
        scores = [m for b in run.batches for m in b.get("metrics", []) if m.get("trial")]
        return trials, fits, scores, self.agent_log()

    def test_every_fit_of_a_sweep_is_a_trial(self):
        self.write("sweep.py", SWEEP)
        for label, env in _variants():
            with self.subTest(label):
                trials, fits, scores, log = self.record("sweep.py", env)
                self.assertEqual(len(set(t.get("trial") for t in trials)), 20, log)
                self.assertEqual(len(set(h.get("trial") for h in fits)), 20)
                self.assertEqual(sorted(float(h_value(h)) for h in fits), [0.5 * (i + 1) for i in range(20)])
                self.assertEqual(len(set(m.get("trial") for m in scores)), 20)

    def test_record_calls_of_a_function_hot_before_its_first_one(self):
        self.write("hot.py", HOT_FIRST)
        for label, env in _variants():
            with self.subTest(label):
                trials, fits, scores, log = self.record("hot.py", env)
                self.assertEqual(sorted(float(h_value(h)) for h in fits), [float(i) for i in range(40, 60)], log)
                self.assertEqual(len(scores), 20)
                self.assertEqual(len(set(t.get("trial") for t in trials)), 20)

    def test_record_callees_never_run_before_at_a_site_past_its_samples(self):
        # the 5th and 6th fits at the site are the first calls of their code (3.12+ answered them
        # DISABLE, the site going quiet, before a callee that had not started was decided)
        self.write("zoo.py", NEW_CALLEES)
        for label, env in _variants():
            with self.subTest(label):
                trials, fits, scores, log = self.record("zoo.py", env)
                self.assertEqual(sorted(float(h_value(h)) for h in fits), [float(i + 1) for i in range(6)], log)


def run_name(run, h):
    n = h.get("name", "")
    return run.s(n) if isinstance(n, int) else n


def h_value(h):
    return h.get("value", "")


if __name__ == "__main__":
    unittest.main()
