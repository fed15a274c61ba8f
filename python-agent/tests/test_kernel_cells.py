"""Where a notebook cell stands (lifecycle/kernel.py KernelWatch._cell_index): matched in the notebook
file by cell id, else by source, and in the version of the file before it last changed, so that a cell
executed and then edited and saved before the sender's flush matched it keeps its position (the
notebook-lineage e2e test saw cell_index NULL for such an execution under CI load)."""
import json
import os
import shutil
import tempfile
import time
import unittest

from labtrace_agent.lifecycle.kernel import KernelWatch


def notebook(path, sources, ids=None):
    cells = []
    for i, src in enumerate(sources):
        cell = {"cell_type": "code", "source": src, "metadata": {}, "outputs": [], "execution_count": None}
        if ids:
            cell["id"] = ids[i]
        cells.append(cell)
    with open(path, "w") as f:
        json.dump({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, f)


class CellIndexTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.path = os.path.join(self.tmp, "nb.ipynb")
        self.watch = KernelWatch(0)
        self.watch.notebook = self.path

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def save(self, sources, ids=None):
        notebook(self.path, sources, ids)
        t = time.time() + len(sources) + (self.watch.nb_cells is not None)  # a new mtime for each save
        os.utime(self.path, (t, t))

    def test_by_source_and_by_id(self):
        self.save(["import pandas as pd", "df = pd.read_csv('x.csv')", "X = df[['a']]"], ids=["a1", "b2", "c3"])
        self.assertEqual(self.watch._cell_index("X = df[['a']]", ""), 3)
        self.assertEqual(self.watch._cell_index("anything", "b2"), 2)
        self.assertEqual(self.watch._cell_index("never in the notebook", ""), 0)

    def test_a_cell_edited_and_saved_before_it_was_matched_keeps_its_position(self):
        self.save(["import pandas as pd", "df = pd.read_csv('x.csv')", "X = df[['a']]"])
        self.assertEqual(self.watch._cell_index("import pandas as pd", ""), 1)  # an earlier flush read it
        self.save(["import pandas as pd", "df = pd.read_csv('x.csv')", "X = df[['a', 'b']]"])
        self.assertEqual(self.watch._cell_index("X = df[['a']]", ""), 3)        # what ran before the edit
        self.assertEqual(self.watch._cell_index("X = df[['a', 'b']]", ""), 3)   # what runs after it

    def test_another_notebook_forgets_the_previous_version(self):
        self.save(["a = 1", "b = 2"])
        self.assertEqual(self.watch._cell_index("b = 2", ""), 2)
        other = os.path.join(self.tmp, "other.ipynb")
        notebook(other, ["c = 3"])
        self.watch.notebook = other
        self.assertEqual(self.watch._cell_index("b = 2", ""), 0)


if __name__ == "__main__":
    unittest.main()
