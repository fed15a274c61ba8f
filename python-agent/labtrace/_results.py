"""What a call returns: a pandas DataFrame, a pyarrow Table or a list of dicts.

`output=None` picks the richest installed: pandas, then pyarrow, then plain records. Arrow is the
wire format whenever pyarrow is installed (types kept: integers, timestamps, lists), JSON otherwise.
"""
from importlib import util as _util

from labtrace._errors import LabtraceError

OUTPUTS = ("pandas", "arrow", "records")


def installed(module):
    try:
        return _util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def choose(output):
    if output is None:
        return "pandas" if installed("pandas") else "arrow" if installed("pyarrow") else "records"
    if output not in OUTPUTS:
        raise LabtraceError("BAD_ARGUMENT", "output must be one of %s, got %r" % (", ".join(OUTPUTS), output))
    if output == "pandas" and not installed("pandas"):
        raise LabtraceError("MISSING_PACKAGE", "output='pandas' needs pandas", "pip install pandas")
    if output == "arrow" and not installed("pyarrow"):
        raise LabtraceError("MISSING_PACKAGE", "output='arrow' needs pyarrow", "pip install pyarrow")
    return output


def use_arrow(output):
    """Whether rows travel as Arrow for this output (needs pyarrow; records come as JSON)."""
    return output in ("pandas", "arrow") and installed("pyarrow")


def from_arrow(table, output):
    if output == "pandas":
        return table.to_pandas()
    if output == "arrow":
        return table
    return table.to_pylist()


def from_rows(columns, rows, output):
    if output == "pandas":
        import pandas
        return pandas.DataFrame([list(r) for r in rows], columns=list(columns))
    if output == "arrow":
        import pyarrow
        return pyarrow.Table.from_pylist([dict(zip(columns, r)) for r in rows])
    return [dict(zip(columns, r)) for r in rows]
