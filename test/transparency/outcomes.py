"""Per-test outcomes of one `python -m test MODULE -v --junit-xml FILE` run: test id -> outcome.

The JUnit XML is the main source, but regrtest's XML does not hold everything: a failing subTest or a
failing setUpClass/setUpModule leaves no named <testcase>, and a process that dies (abort, timeout)
writes no XML at all. So the verbose log is read too:
  - its "FAIL: name (id)" / "ERROR: name (id)" headers mark those tests failed (subtests included);
  - when one side has no XML, both sides are read from the "name (id) ... ok" lines instead, so the
    two sides are always compared from the same kind of source.
Outcomes: pass, fail, error, skip, xfail (expected failure), xpass (unexpected success).
"""
import re
import xml.etree.ElementTree as ET

# "test_x (test.test_mod.Class.test_x) ... ok" (3.11+) or "test_x (test.test_mod.Class) ... ok" (older);
# a docstring may sit between the id and the dots, on the next line.
_VERBOSE = re.compile(
    r"^(?P<name>\w+) \((?P<paren>[\w.]+)\)(?: \[[^\]\n]*\])?\n?(?:[^\n]*?)? \.\.\. "
    r"(?P<word>ok|FAIL|ERROR|skipped|expected failure|unexpected success)", re.M)
_HEADER = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<name>\w+) \((?P<paren>[\w.]+)\)", re.M)
_WORDS = {"ok": "pass", "FAIL": "fail", "ERROR": "error", "skipped": "skip",
          "expected failure": "xfail", "unexpected success": "xpass"}
_RANK = {"error": 3, "fail": 2}


def test_id(name, paren):
    """unittest prints the full id in parentheses since 3.11, only the class before."""
    if paren == name or paren.endswith("." + name):
        return paren
    return paren + "." + name


def from_xml(path):
    """{id: (outcome, failure text)} from regrtest's JUnit XML; None when it is missing or unreadable."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    out = {}
    for case in root.iter("testcase"):
        name = case.get("name")
        if not name:
            continue  # a test whose only result was a failing subTest: the headers tell
        outcome, text = "pass", ""
        for child in case:
            if child.tag in ("error", "failure"):
                outcome = "error" if child.tag == "error" else "fail"
                text = (child.text or "") + (child.get("message") or "")
            elif child.tag == "skipped":
                outcome = "skip"
            elif child.tag == "output":
                outcome = "xfail"
        if case.get("outcome") == "UNEXPECTED_SUCCESS":
            outcome = "xpass"
        out[name] = _worst(out.get(name), (outcome, text))
    return out


def from_verbose(log):
    out = {}
    for m in _VERBOSE.finditer(log):
        out[test_id(m.group("name"), m.group("paren"))] = (_WORDS[m.group("word")], "")
    return out


def failure_headers(log):
    """{id: (fail|error, traceback text)} from the summary unittest prints after a module."""
    out = {}
    heads = list(_HEADER.finditer(log))
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(log)
        kind = "fail" if m.group("kind") == "FAIL" else "error"
        out[test_id(m.group("name"), m.group("paren"))] = (kind, log[m.end():end])
    return out


def _worst(a, b):
    if a is None:
        return b
    return b if _RANK.get(b[0], 0) > _RANK.get(a[0], 0) else a


def outcomes(xml_path, log, use_xml):
    """{id: (outcome, failure text)} for one side; use_xml only when both sides have their XML."""
    base = from_xml(xml_path) if use_xml else None
    if base is None:
        base = from_verbose(log)
    for tid, result in failure_headers(log).items():
        base[tid] = _worst(base.get(tid), result)
    return base
