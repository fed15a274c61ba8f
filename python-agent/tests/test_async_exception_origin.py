"""recorder.from_program on asynchronous exceptions (PyThreadState_SetAsyncExc) that land in a frame of
the standard library our hook code called (test_program_exceptions test_async_exception lost one on 3.8
at load 6: the worker's exception came inside statistics/posixpath code called by the slow path, was
taken for the agent's own failure, and the program never saw it). Tracebacks are built from real frames
with types.TracebackType, so where the exception "landed" is chosen, not raced for."""
import copy
import queue
import sys
import types
import unittest

from labtrace_agent.recorder import from_program


class AsyncExc(Exception):
    """The program's own class, raised asynchronously (no arguments)."""


def _frame_of_ours():
    g = {"__name__": "labtrace_agent.hooks.fake", "sys": sys}
    exec("def here():\n    return sys._getframe()\n", g)
    return g["here"]()


class _Grab(object):
    """copy.deepcopy calls our __deepcopy__: its caller is a frame of the standard library (copy.py)."""

    def __deepcopy__(self, memo):
        self.frame = sys._getframe(1)
        return self


def _frame_of_stdlib():
    f = copy.deepcopy(_Grab()).frame
    assert f.f_code.co_filename.endswith("copy.py"), f.f_code.co_filename
    return f


def _program_frame():
    return sys._getframe()  # this test file: not ours, not the standard library's


def _raised_through(exc, *frames):
    tb = None
    for f in reversed(frames):
        tb = types.TracebackType(tb, f, f.f_lasti, f.f_lineno)
    exc.__traceback__ = tb
    return exc


class AsyncExceptionOriginTest(unittest.TestCase):
    def test_landed_in_the_standard_library_below_our_code_is_the_programs(self):
        self.assertTrue(from_program(_raised_through(AsyncExc(), _frame_of_ours(), _frame_of_stdlib())))

    def test_landed_in_our_own_frame_is_the_programs(self):
        self.assertTrue(from_program(_raised_through(AsyncExc(), _frame_of_ours())))

    def test_raised_by_program_code_we_called_is_ours(self):
        # (the program's __repr__ raising when the record looks at a value: the program never sees it)
        exc = _raised_through(AsyncExc(), _frame_of_ours(), _frame_of_stdlib(), _program_frame())
        self.assertFalse(from_program(exc))

    def test_a_standard_library_class_or_an_exception_with_arguments_is_ours(self):
        self.assertFalse(from_program(_raised_through(queue.Empty(), _frame_of_ours(), _frame_of_stdlib())))
        self.assertFalse(from_program(_raised_through(AsyncExc("built with an argument"), _frame_of_ours(), _frame_of_stdlib())))
        self.assertFalse(from_program(_raised_through(ValueError(), _frame_of_ours(), _frame_of_stdlib())))


if __name__ == "__main__":
    unittest.main()
