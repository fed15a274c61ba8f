/* No-op floor of a C profile hook (issue 10): a profile function that returns at once, installed with
 * PyEval_SetProfile on every thread. What CPython itself charges for having any profile function set (on
 * 3.11: every instruction through the tracing dispatch, unspecialised, and a frame object per call), which no
 * hook built on setprofile can go below. Built by build.sh into .labtrace-bench (bench only, not the agent). */
#include <Python.h>

static int noop(PyObject *obj, PyFrameObject *frame, int what, PyObject *arg) {
    (void)obj; (void)frame; (void)what; (void)arg;
    return 0;
}

static PyObject *install(PyObject *self, PyObject *unused) {
    (void)self; (void)unused;
    PyEval_SetProfile(noop, NULL);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"install", install, METH_NOARGS, "Make the no-op the calling thread's profile function."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_noop_profile", NULL, -1, methods};

PyMODINIT_FUNC PyInit__noop_profile(void) { return PyModule_Create(&module); }
