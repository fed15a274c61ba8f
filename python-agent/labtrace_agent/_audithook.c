/*
 * The file recorder's audit hook in C (CPython 3.8-3.13): PySys_AddAuditHook, filtering event names
 * here so that Python is called only for the events the record keeps.
 *
 * A Python audit hook (sys.addaudithook) is a Python call for every audit event of the process,
 * "object.__getattr__" (every frame.f_code read of a setprofile hook), "sys._getframe", "import",
 * "compile"... included. This one compares the event name in C and calls callback(kind, args) only for
 *   0 open    1 os.rename (os.rename, os.replace)    2 os.remove (os.remove, os.unlink)
 *   3 os.truncate    4 urllib.Request    5 os.exec (lifecycle/forkexec.py, in fork children)
 * of the kinds in the active mask (install's third argument; default: 0-4, the file record's), and never:
 *   - from inside its own callback, nor while the agent's thread says it is busy (enter()/leave():
 *     the sender thread hashing files), per thread;
 *   - in another interpreter than the one that installed it (audit hooks are process-wide);
 *   - once the callback failed: an Exception from it is cleared, the hook goes dead (returns 0 at once
 *     from then on: an audit hook cannot be removed) and on_fail(exc) is called once to switch the
 *     agent off. A RecursionError (an open at the recursion limit) skips the event; an exception that
 *     is not an Exception (KeyboardInterrupt from a signal handler that ran inside the callback)
 *     belongs to the program and propagates, as it would have at its next check untraced;
 *   - after the interpreter started clearing its audit hooks (finalization).
 * It never raises into the program otherwise: it returns 0.
 *
 * Also open_high(), for the agent's own files (lifecycle/fds.py), and SHA-256 (sha256.h, for
 * record/fasthash.py): this module is loaded in every traced process on every version, so these cost
 * no import of their own.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "sha256.h"

#if PY_VERSION_HEX < 0x03080000 || PY_VERSION_HEX >= 0x030E0000
#error "for CPython 3.8-3.13"
#endif
#ifdef Py_GIL_DISABLED
#error "the process-wide state below relies on the GIL"
#endif

#define VERSION 4
#define NKINDS 6
#define FILE_KINDS 0x1f                /* 0-4: the file record's kinds (install's default mask) */
#define FINALIZING 6                   /* kind_of: the interpreter clears its audit hooks */

static int installed;                  /* PySys_AddAuditHook done (once per process) */
static int dead;                       /* the callback failed, or the interpreter is finalizing */
static PyObject *callback;             /* callback(kind, args), or NULL: every event passes */
static PyObject *on_fail;              /* on_fail(exc): switches the agent off */
static PyInterpreterState *owner;      /* the interpreter that installed the hook */
static PyObject *kinds[NKINDS];        /* the kind ints, made once */
static unsigned mask;                  /* 1 << kind for each kind callback is called for */
static Py_ssize_t calls;               /* callback calls (tests, measurements) */
static _Thread_local int busy;         /* this thread is inside the callback or the agent's own code */

static inline PyThreadState *current(void) {
#if PY_VERSION_HEX >= 0x030D0000
    return PyThreadState_GetUnchecked();
#else
    return _PyThreadState_UncheckedGet();
#endif
}

static inline PyInterpreterState *interp_of(PyThreadState *ts) {
#if PY_VERSION_HEX >= 0x03090000
    return PyThreadState_GetInterpreter(ts);
#else
    return ts->interp;
#endif
}

/* The program's tracer and profiler (sys.settrace, sys.setprofile, sys.monitoring's legacy tracing) off
 * around the callback, as CPython does around a Python audit hook (sysmodule.c PySys_Audit): they never
 * see our frames, and an exception a program's tracer raises never happens inside our callback (where
 * it would switch the agent off and be eaten). 3.11+: the public API; 3.8-3.10: what PySys_Audit does,
 * restoring the saved use_tracing (which is 0 when the hook runs inside the tracer itself). */
#if PY_VERSION_HEX >= 0x030B0000
#define tracing_off(ts) PyThreadState_EnterTracing(ts)
#define tracing_on(ts) PyThreadState_LeaveTracing(ts)
#else
#if PY_VERSION_HEX >= 0x030A0000
#define USE_TRACING(ts) ((ts)->cframe->use_tracing)
#else
#define USE_TRACING(ts) ((ts)->use_tracing)
#endif
static _Thread_local int saved_use_tracing;  /* the callback is never reentered on a thread (busy) */
static inline void tracing_off(PyThreadState *ts) {
    saved_use_tracing = USE_TRACING(ts);
    ts->tracing++;
    USE_TRACING(ts) = 0;
}
static inline void tracing_on(PyThreadState *ts) {
    USE_TRACING(ts) = saved_use_tracing;
    ts->tracing--;
}
#endif

/* The kind of event, or -1 for an event the record does not keep. The first character sorts out
 * nearly every event at one comparison ("object.__getattr__" and "os.*" share the 'o'). */
static inline int kind_of(const char *e) {
    if (e[0] == 'o') {
        if (e[1] == 'p')
            return strcmp(e, "open") == 0 ? 0 : -1;
        if (e[1] != 's' || e[2] != '.')
            return -1;
        e += 3;
        if (strcmp(e, "rename") == 0)
            return 1;
        if (strcmp(e, "remove") == 0)
            return 2;
        if (strcmp(e, "truncate") == 0)
            return 3;
        if (strcmp(e, "exec") == 0)
            return 5;
        return -1;
    }
    if (e[0] == 'u')
        return strcmp(e, "urllib.Request") == 0 ? 4 : -1;
    if (e[0] == 'c' && strcmp(e, "cpython._PySys_ClearAuditHooks") == 0)
        return FINALIZING;
    return -1;
}

/* 1 for an open of Python code or bytecode (".py", ".pyc": every import opens one, hundreds for pandas
 * or scikit-learn), which the record never keeps (record/files.py _SKIP_SUFFIXES): no Python call. */
static int is_code_file(PyObject *args) {
    if (!PyTuple_Check(args) || PyTuple_GET_SIZE(args) < 1)
        return 0;
    PyObject *p = PyTuple_GET_ITEM(args, 0);
    if (!PyUnicode_CheckExact(p))
        return 0;
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(p) < 0) {
        PyErr_Clear();
        return 0;
    }
#endif
    Py_ssize_t n = PyUnicode_GET_LENGTH(p);
    if (n >= 3 && PyUnicode_READ_CHAR(p, n - 1) == 'c')
        n--;
    return n >= 3 && PyUnicode_READ_CHAR(p, n - 1) == 'y' && PyUnicode_READ_CHAR(p, n - 2) == 'p' &&
           PyUnicode_READ_CHAR(p, n - 3) == '.';
}

static void fail(void) {
    PyObject *type, *value, *tb;
    dead = 1;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *report = on_fail;
    on_fail = NULL;
    if (report != NULL) {
        PyObject *r = PyObject_CallFunctionObjArgs(report, value ? value : Py_None, NULL);
        Py_XDECREF(r);
        PyErr_Clear();
        Py_DECREF(report);
    }
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

static int hook(const char *event, PyObject *args, void *data) {
    (void)data;
    if (dead || callback == NULL || busy)
        return 0;
    int kind = kind_of(event);
    if (kind < 0)
        return 0;
    if (kind == FINALIZING) {  /* never call Python again */
        dead = 1;
        return 0;
    }
    if (!(mask & (1u << kind)))
        return 0;
    PyThreadState *ts = current();
    if (ts == NULL || interp_of(ts) != owner || PyErr_Occurred())
        return 0;
    if (kind == 0 && is_code_file(args))
        return 0;
    PyObject *cb = callback;
    Py_INCREF(cb);
    busy = 1;
    calls++;
    tracing_off(ts);
    PyObject *r = PyObject_CallFunctionObjArgs(cb, kinds[kind], args, NULL);
    tracing_on(ts);
    busy = 0;
    Py_DECREF(cb);
    if (r != NULL) {
        Py_DECREF(r);
        return 0;
    }
    if (PyErr_ExceptionMatches(PyExc_RecursionError)) {
        PyErr_Clear();  /* no room on the stack for the callback: this event is skipped */
        return 0;
    }
    if (!PyErr_ExceptionMatches(PyExc_Exception))
        return -1;      /* KeyboardInterrupt, SystemExit: the program's */
    tracing_off(ts);    /* on_fail is the agent's Python too */
    fail();
    tracing_on(ts);
    return 0;
}

static PyObject *install(PyObject *self, PyObject *args) {
    PyObject *cb, *fail_cb;
    unsigned int m = FILE_KINDS;
    if (!PyArg_ParseTuple(args, "OO|I", &cb, &fail_cb, &m))
        return NULL;
    PyThreadState *ts = PyThreadState_Get();
    if (installed && interp_of(ts) != owner) {
        PyErr_SetString(PyExc_RuntimeError, "the audit hook belongs to another interpreter");
        return NULL;
    }
    if (!installed) {
        for (int i = 0; i < NKINDS; i++) {
            if (kinds[i] == NULL && (kinds[i] = PyLong_FromLong(i)) == NULL)
                return NULL;
        }
        owner = interp_of(ts);
        if (PySys_AddAuditHook(hook, NULL) < 0)
            return NULL;
        installed = 1;
    }
    Py_INCREF(cb);
    Py_XSETREF(callback, cb);
    Py_INCREF(fail_cb);
    Py_XSETREF(on_fail, fail_cb);
    mask = m & ((1u << NKINDS) - 1);
    Py_RETURN_NONE;
}

static PyObject *uninstall(PyObject *self, PyObject *unused) {
    Py_CLEAR(callback);  /* the C hook stays (it cannot be removed) and passes every event */
    Py_CLEAR(on_fail);
    Py_RETURN_NONE;
}

static PyObject *enter(PyObject *self, PyObject *unused) {
    int was = busy;
    busy = 1;
    return PyBool_FromLong(was);
}

static PyObject *leave(PyObject *self, PyObject *was) {
    busy = PyObject_IsTrue(was) == 1;
    Py_RETURN_NONE;
}

static PyObject *state(PyObject *self, PyObject *unused) {
    return Py_BuildValue("{s:i,s:i,s:n,s:O,s:I}", "installed", installed, "dead", dead, "calls", calls,
                         "callback", callback ? callback : Py_None, "mask", mask);
}

/* open_high(path: bytes, flags, mode, low) -> a close-on-exec descriptor >= low (the lowest one when
 * fcntl fails). The GIL is held from open() to the move: os.open() releases it for the system call, and
 * a program thread that took it then ran with our file at the lowest free number until we got it back
 * (its os.dup(1) got the next number: CPython's test_os test_fd_leak, 3.11). Raises no audit event. */
static PyObject *open_high(PyObject *self, PyObject *args) {
    const char *path;
    int flags, mode, low;
    if (!PyArg_ParseTuple(args, "yiii", &path, &flags, &mode, &low))
        return NULL;
    int fd;
    do {
        fd = open(path, flags | O_CLOEXEC, mode);
    } while (fd < 0 && errno == EINTR);  /* (no Python signal handler runs here: retried at once) */
    if (fd < 0)
        return PyErr_SetFromErrnoWithFilename(PyExc_OSError, path);
    if (fd < low) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, low);
        if (high >= 0) {
            close(fd);
            fd = high;
        }
    }
    return PyLong_FromLong(fd);
}

/* SHA-256 state kept in a bytearray the caller owns (record/fasthash.py wraps it): sha256_new(),
 * sha256_update(state, data), sha256_hexdigest(state). */
#define SHA256_GIL_FREE (64 * 1024)    /* larger updates release the GIL (data files hashed by the sender) */

static PyObject *sha256_new(PyObject *self, PyObject *unused) {
    sha256_state s;
    sha256_init(&s);
    return PyByteArray_FromStringAndSize((const char *)&s, sizeof(s));
}

static int sha256_state_of(PyObject *obj, Py_buffer *view) {
    if (!PyByteArray_Check(obj) || PyObject_GetBuffer(obj, view, PyBUF_WRITABLE) < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "not a sha256 state");
        return -1;
    }
    if (view->len != (Py_ssize_t)sizeof(sha256_state)) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_ValueError, "not a sha256 state");
        return -1;
    }
    return 0;
}

static PyObject *sha256_update_py(PyObject *self, PyObject *args) {
    PyObject *state;
    Py_buffer data, view;
    if (!PyArg_ParseTuple(args, "Oy*", &state, &data))
        return NULL;
    if (sha256_state_of(state, &view) < 0) {
        PyBuffer_Release(&data);
        return NULL;
    }
    sha256_state s;  /* (the bytearray's bytes need not be aligned) */
    memcpy(&s, view.buf, sizeof(s));
    if (data.len >= SHA256_GIL_FREE) {
        Py_BEGIN_ALLOW_THREADS
        sha256_update(&s, data.buf, (size_t)data.len);
        Py_END_ALLOW_THREADS
    } else {
        sha256_update(&s, data.buf, (size_t)data.len);
    }
    memcpy(view.buf, &s, sizeof(s));
    PyBuffer_Release(&view);
    PyBuffer_Release(&data);
    Py_RETURN_NONE;
}

static PyObject *sha256_hexdigest(PyObject *self, PyObject *state) {
    Py_buffer view;
    if (sha256_state_of(state, &view) < 0)
        return NULL;
    sha256_state s;
    memcpy(&s, view.buf, sizeof(s));
    PyBuffer_Release(&view);
    unsigned char digest[32];
    char hex[64];
    static const char digits[] = "0123456789abcdef";
    sha256_digest(&s, digest);
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    return PyUnicode_FromStringAndSize(hex, 64);
}

static PyMethodDef methods[] = {
    {"sha256_new", sha256_new, METH_NOARGS, "a new SHA-256 state (a bytearray)"},
    {"sha256_update", sha256_update_py, METH_VARARGS, "sha256_update(state, data): feed bytes-like data"},
    {"sha256_hexdigest", sha256_hexdigest, METH_O, "sha256_hexdigest(state): hex digest of what was fed so far"},
    {"open_high", open_high, METH_VARARGS, "open_high(path: bytes, flags, mode, low): our file at a descriptor >= low, the GIL held throughout"},
    {"install", install, METH_VARARGS, "install(callback, on_fail, mask=0x1f): callback(kind, args) for the events of the kinds in mask (1 << kind)"},
    {"uninstall", uninstall, METH_NOARGS, "callback dropped: every event passes"},
    {"enter", enter, METH_NOARGS, "this thread's events pass (the agent's own work); returns the previous state for leave"},
    {"leave", leave, METH_O, "leave(previous): undo enter"},
    {"state", state, METH_NOARGS, "dict: installed, dead, calls, callback, mask"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_audithook", "the file recorder's audit hook in C", -1, methods};

PyMODINIT_FUNC PyInit__audithook(void) {
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "VERSION", VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
