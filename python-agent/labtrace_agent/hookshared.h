/* What the two hook extensions share (_profilehook.c for 3.8-3.11, _monitorhook.c for 3.12-3.13):
 * the sender thread's recursion headroom and the record's tuples appended untracked. Included once
 * by each, after Python.h; everything static. native/build.py rebuilds both when this file changes. */
#ifndef LABTRACE_HOOKSHARED_H
#define LABTRACE_HOOKSHARED_H

/* headroom(n): n more Python recursion levels for the calling thread (n < 0 takes them back), whatever
 * limit another thread sets meanwhile: the sender thread's flush (agent.py) runs on while the program
 * lowers the process-wide limit. sys.getrecursionlimit() is unchanged. 3.8-3.10 count the depth
 * against the interpreter's limit; 3.11+ keep the levels left per thread, and sys.setrecursionlimit
 * shifts every thread's by the change of the limit: adding n, then taking n back, stays exact either
 * way. (The C recursion counter of 3.12+, which the limit does not set, is left alone.) */
static void add_headroom(PyThreadState *ts, int n) {
#if PY_VERSION_HEX >= 0x030C0000
    ts->py_recursion_remaining += n;
#elif PY_VERSION_HEX >= 0x030B0000
    ts->recursion_remaining += n;
#else
    ts->recursion_depth -= n;
#endif
}

static PyObject *mod_headroom(PyObject *m, PyObject *arg) {
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n > 100000 || n < -100000) {
        PyErr_SetString(PyExc_ValueError, "headroom: at most 100000 levels");
        return NULL;
    }
    add_headroom(PyThreadState_Get(), (int)n);
    Py_RETURN_NONE;
}

#if PY_VERSION_HEX >= 0x03090000
#define GC_IS_TRACKED(o) PyObject_GC_IsTracked(o)
#else
#define GC_IS_TRACKED(o) _PyObject_GC_IS_TRACKED(o)
#endif

/* The record's tuples (events, pending calls: ints, code objects, None) can be in no reference cycle:
 * untracked, as the collector itself would untrack them at its next pass, so the program's
 * gc.get_objects() does not list them (CPython's test_gc test_get_objects_arguments). */
static void untrack_atomic_tuple(PyObject *t) {
    if (!PyTuple_CheckExact(t) || !GC_IS_TRACKED(t)) return;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(t); i++) {
        PyObject *it = PyTuple_GET_ITEM(t, i);
        if (PyObject_IS_GC(it) && (!PyTuple_CheckExact(it) || GC_IS_TRACKED(it))) return;
    }
    PyObject_GC_UnTrack(t);
}

static PyObject *appender_call(PyObject *list, PyObject *item) {
    if (PyList_Append(list, item) < 0) return NULL;
    untrack_atomic_tuple(item);
    Py_RETURN_NONE;
}

static PyMethodDef appender_def = {"append", (PyCFunction)appender_call, METH_O,
                                   "append(item): list.append, the item untracked if a tuple of atoms"};

/* appender(list): a bound `append` for that list that untracks what it appends */
static PyObject *mod_appender(PyObject *m, PyObject *list) {
    if (!PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "appender(list)");
        return NULL;
    }
    return PyCFunction_New(&appender_def, list);
}

#endif
