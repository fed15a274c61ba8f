/*
 * Optional C version of backend_profile's hot path ("off" mode), for CPython 3.8-3.11.
 *
 * A Python profile function costs a Python call per event (~50-60 ns on 3.11) even when it returns at
 * once, and library-heavy programs (pandas, scikit-learn) send tens of millions of events that the
 * agent ignores. Installed with PyEval_SetProfile, this hook answers those events in C: the same tests,
 * in the same order, over the same shared tables as ProfileBackend.make_hook's hook_off, and calls the
 * Python slow path (slow(frame, event, arg, code)) for everything else, so the pure-Python hook stays
 * the one specification. Without a compiler or headers the agent uses the pure-Python hook.
 *
 * The hook never raises into the program (issue 8), whatever the stack depth: the slow path runs only
 * with HEADROOM levels of recursion left (fewer: the event is skipped and counted, see take_skipped),
 * and an Exception from it is cleared here, marks every hook of the process dead (they pass all events
 * from then on) and is reported to on_fail (see configure: it switches the agent off) from the first
 * event with room on the stack for that.
 *
 * The program's own exceptions are not the hook's failures: the slow path is not called while the
 * program has one on its way in (a tripped signal whose Python handler the main thread runs at its next
 * eval-breaker check, or a PyThreadState_SetAsyncExc exception: see program_pending), so it arrives in
 * the program's code exactly where it would untraced. One arriving while the slow path already runs
 * (the signal came in the meantime) propagates from the event, and the agent stays on: an exception
 * that is not an Exception (KeyboardInterrupt, SystemExit) or one the classifier given to configure
 * (recorder.from_program: raised in a signal handler's frame, an asynchronous exception) calls the
 * program's.
 */
#include <patchlevel.h>
#if PY_VERSION_HEX < 0x030C0000
/* _PyRuntime's signal flag and main thread (program_pending) are in the internal headers */
#define Py_BUILD_CORE_MODULE 1
#endif
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>
#include <stddef.h>
#if PY_VERSION_HEX >= 0x03090000
#include "internal/pycore_runtime.h"
#else
#include "internal/pycore_pystate.h"
#endif
#include "hookshared.h"
#include "senderthread.h"

#if PY_VERSION_HEX >= 0x030C0000
#error "3.12+ traces with sys.monitoring; this hook is for 3.8-3.11"
#endif

#if PY_VERSION_HEX >= 0x03090000
#define HAVE_VECTORCALL Py_TPFLAGS_HAVE_VECTORCALL
#else
#define HAVE_VECTORCALL _Py_TPFLAGS_HAVE_VECTORCALL
#endif

#define HOT_SLOTS 0x1000
/* Recursion levels the slow path (and on_fail) may use: recorder.HEADROOM, the same margin. */
#define HEADROOM 100

/* Process-wide: the agent is one per process and switches off as a whole. */
static int dead;                    /* a slow path failed: every hook passes every event */
static Py_ssize_t skipped;          /* events not given to the slow path (stack, program_pending) */
static PyObject *on_fail;           /* on_fail(exc): switches the agent off */
static PyObject *classify;          /* classify(exc): true if exc is the program's (not a failure) */
static PyObject *fail_type, *fail_value, *fail_tb; /* the failure not yet given to on_fail */

typedef struct {
    PyObject_HEAD
    PyObject *slow;     /* slow(frame, event, arg, code): the Python slow path */
    PyObject *hotcode;  /* list: [co_firstlineno & 0xFFF] -> hot user code */
    PyObject *libfiles; /* set of library co_filename values */
    PyObject *quiet;    /* list: [user code, container of its sampled-out f_lasti values] */
    PyObject *events;   /* tuple: PyTrace_* -> the event str the Python hook compares by identity */
    PyObject *pend;     /* list of pending library calls; item[0] is the callee frame or None */
    PyObject *libseen;  /* list: [co_firstlineno & 0xFFF] -> library code called from hot user code that
                         * makes no record (record/experiment.py): its calls from hot code pass here */
    PyObject *stack;    /* list: (frame, t0, state) of this thread's streamed user frames (VERSION 5), or NULL */
    PyObject *hot;      /* one-entry cache of the hot code the last events came from */
    PyObject *hot2;     /* the hot code before it */
    PyObject *lib;      /* one-entry cache: co_filename of the last library code (never the code: it must be
                         * free to die, with every code object in its co_consts) */
    vectorcallfunc vectorcall; /* Hook_vectorcall */
} Hook;

static inline PyCodeObject *frame_code(PyFrameObject *f) {
#if PY_VERSION_HEX >= 0x03090000
    PyCodeObject *code = PyFrame_GetCode(f);
    Py_DECREF(code); /* the frame keeps its code alive */
    return code;
#else
    return f->f_code;
#endif
}

/* frame.f_lasti as Python code sees it (the quiet call sites were recorded from Python). */
static inline int frame_lasti(PyFrameObject *f) {
#if PY_VERSION_HEX >= 0x030B0000
    return PyFrame_GetLasti(f);
#elif PY_VERSION_HEX >= 0x030A0000
    return f->f_lasti < 0 ? -1 : f->f_lasti * 2;
#else
    return f->f_lasti;
#endif
}

/* A return of the frame on top of the Python hook's stack: a call it streamed, of code that has turned hot
 * since (its later calls, or another thread's). It must reach the slow path like any streamed return, or
 * the stack keeps the frame, and with it the frame's locals and callers, until the thread's hook dies:
 * a ThreadPoolExecutor's stopped threads stayed alive until the next gc (CPython's test_concurrent_futures,
 * "environment changed" traced on 3.8-3.11). */
static inline int streamed_return(PyObject *stack, PyFrameObject *f, int what) {
    if (what != PyTrace_RETURN || stack == NULL) return 0;
    Py_ssize_t n = PyList_GET_SIZE(stack);
    if (n == 0) return 0;
    PyObject *top = PyList_GET_ITEM(stack, n - 1);
    return PyTuple_Check(top) && PyTuple_GET_SIZE(top) > 0 && PyTuple_GET_ITEM(top, 0) == (PyObject *)f;
}

static inline void set_ref(PyObject **slot, PyObject *value) {
    PyObject *old = *slot;
    Py_XINCREF(value);
    *slot = value;
    Py_XDECREF(old);
}

static inline int is_hot_slot(Hook *h, PyCodeObject *code) {
    return PyList_GET_ITEM(h->hotcode, code->co_firstlineno & (HOT_SLOTS - 1)) == (PyObject *)code;
}

/* 1 if `code` is the quiet user code and the frame stands at one of its sampled-out call sites. */
static int at_quiet_site(Hook *h, PyCodeObject *code, PyFrameObject *f) {
    if (PyList_GET_ITEM(h->quiet, 0) != (PyObject *)code) return 0;
    PyObject *lasti = PyLong_FromLong(frame_lasti(f));
    if (lasti == NULL) return -1;
    int found = PySequence_Contains(PyList_GET_ITEM(h->quiet, 1), lasti);
    Py_DECREF(lasti);
    return found;
}

static int pending_is(Hook *h, PyFrameObject *f) {
    Py_ssize_t n = PyList_GET_SIZE(h->pend);
    if (n == 0) return 0;
    PyObject *last = PyList_GET_ITEM(h->pend, n - 1);
    return PyTuple_Check(last) && PyTuple_GET_SIZE(last) > 0 && PyTuple_GET_ITEM(last, 0) == (PyObject *)f;
}

/* Recursion levels left before RecursionError (negative while a RecursionError is being handled). */
static inline int stack_room(void) {
    PyThreadState *ts = PyThreadState_Get();
#if PY_VERSION_HEX >= 0x030B0000
    return ts->recursion_remaining;
#else
    return Py_GetRecursionLimit() - ts->recursion_depth;
#endif
}

/* Give the failure to on_fail, once, when the stack has room for it (the failure may have happened
 * at the recursion limit: the exception is normalized, which calls its class, only now). */
static void report_failure(void) {
    if (fail_type == NULL || stack_room() < HEADROOM) return;
    PyObject *t = fail_type, *v = fail_value, *tb = fail_tb;
    fail_type = fail_value = fail_tb = NULL;
    PyObject *cb = on_fail;
    Py_XINCREF(cb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (v != NULL && tb != NULL) PyException_SetTraceback(v, tb);
    if (cb != NULL) {
        PyObject *r = PyObject_CallFunctionObjArgs(cb, v ? v : t ? t : Py_None, NULL);
        Py_XDECREF(r);
        PyErr_Clear();
        Py_DECREF(cb);
    }
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
}

/* 1 when the program has an exception on its way into this thread at its next eval-breaker check: a
 * tripped signal (the main thread runs the Python handlers) or an asynchronous exception. Our Python
 * code would be the code that checks: it would take the exception, and run the handler inside itself. */
static inline int program_pending(PyThreadState *ts) {
    if (ts->async_exc != NULL) return 1;
    return _Py_atomic_load_relaxed(&_PyRuntime.ceval.signals_pending) && ts->thread_id == _PyRuntime.main_thread;
}

/* The slow path raised: keep it from the program unless it is the program's own (see the top of this
 * file; the slow path ran with HEADROOM levels left, the classifier has them). 0, or -1 to propagate. */
static int slow_failed(void) {
    int programs = !PyErr_ExceptionMatches(PyExc_Exception); /* KeyboardInterrupt, SystemExit */
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (v != NULL && tb != NULL) PyException_SetTraceback(v, tb);
    if (classify != NULL && v != NULL) {
        PyObject *r = PyObject_CallFunctionObjArgs(classify, v, NULL);
        if (r != NULL && PyObject_IsTrue(r) == 1) programs = 1;
        Py_XDECREF(r);
        PyErr_Clear();
    }
    if (programs) {
        if (v != NULL) { /* the traceback the classifier left: none of the agent's frames */
            Py_XDECREF(tb);
            tb = PyException_GetTraceback(v);
        }
        PyErr_Restore(t, v, tb);
        return -1;
    }
    dead = 1;
    if (fail_type == NULL) {
        fail_type = t;
        fail_value = v;
        fail_tb = tb;
    } else {
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
    }
    report_failure();
    return 0;
}

static int call_slow(Hook *h, PyFrameObject *f, int what, PyObject *arg, PyCodeObject *code) {
    PyThreadState *ts = PyThreadState_Get();
    /* not enough stack: the slow path could raise RecursionError into the program; the program's
     * exception pending: it must come in the program's code */
    if (stack_room() < HEADROOM || program_pending(ts)) {
        skipped++;
        return 0;
    }
    PyObject *args[4] = {(PyObject *)f, PyTuple_GET_ITEM(h->events, what), arg ? arg : Py_None, (PyObject *)code};
    /* the slow path may uninstall the hook (sys.setprofile(None) when the agent stops), releasing the
     * thread state's reference to it: keep it, and what the call borrows from it, alive until done */
    Py_INCREF(h);
#if PY_VERSION_HEX >= 0x030B0000
    /* 3.11: the slow path's allocations are hidden from the generation-0 count (as _monitorhook.c's
     * guard does on 3.12+): from a count far below the threshold no collection starts inside our
     * frames, so a program's gc callback or finalizer never runs there (CPython's test_frame
     * test_sneaky_frame_object: the collection started at our event tuple for gc.enable()'s c_return,
     * and the program's callback took slow_path's frame). Restored after. 3.8-3.10 keep counting:
     * there, hidden, a list the slow path freed onto the list free list made 3.9's test_get_count's
     * `x = []` uncounted. */
    int *gen0 = &ts->interp->gc.generations[0].count;
    int count = *gen0;
    *gen0 = INT_MIN / 2;
    PyObject *r = PyObject_Vectorcall(h->slow, args, 4, NULL);
    *gen0 = count;
#elif PY_VERSION_HEX >= 0x03090000
    PyObject *r = PyObject_Vectorcall(h->slow, args, 4, NULL);
#else
    PyObject *r = _PyObject_Vectorcall(h->slow, args, 4, NULL);
#endif
    int rc = 0;
    if (r == NULL) rc = slow_failed();
    else Py_DECREF(r);
    Py_DECREF(h);
    return rc;
}

/* Internal failures must never reach the program: forget the error and let the event pass. */
static int swallow(void) {
    PyErr_Clear();
    return 0;
}

static int profile(PyObject *obj, PyFrameObject *f, int what, PyObject *arg) {
    Hook *h = (Hook *)obj;
    if (h->hotcode == NULL) return 0; /* cleared */
    if (dead) {
        report_failure();
        return 0;
    }
    PyCodeObject *code = frame_code(f);
    if ((PyObject *)code == h->hot) return streamed_return(h->stack, f, what) ? call_slow(h, f, what, arg, code) : 0;
    if ((PyObject *)code == h->hot2) { /* two hot functions calling each other */
        if (streamed_return(h->stack, f, what)) return call_slow(h, f, what, arg, code);
        PyObject *prev = h->hot;       /* swap without touching reference counts */
        h->hot = h->hot2;
        h->hot2 = prev;
        return 0;
    }
    int is_lib = code->co_filename == h->lib;
    if (!is_lib) {
        is_lib = PySet_Contains(h->libfiles, code->co_filename);
        if (is_lib < 0) return swallow();
    }
    if (is_lib) {
        if (what != PyTrace_CALL) {
            set_ref(&h->lib, code->co_filename);
            return pending_is(h, f) ? call_slow(h, f, what, arg, code) : 0;
        }
#if PY_VERSION_HEX >= 0x03090000
        PyFrameObject *back = PyFrame_GetBack(f);
#else
        PyFrameObject *back = f->f_back;
        Py_XINCREF(back);
#endif
        if (back == NULL) return 0;
        PyCodeObject *bc = frame_code(back);
        int skip;
        if ((PyObject *)bc == h->hot || is_hot_slot(h, bc)) /* hot user code: only its record calls */
            skip = PyList_GET_ITEM(h->libseen, code->co_firstlineno & (HOT_SLOTS - 1)) == (PyObject *)code;
        else {
            skip = bc->co_filename == h->lib;
            if (!skip) skip = PySet_Contains(h->libfiles, bc->co_filename);
            if (!skip) skip = at_quiet_site(h, bc, back);
        }
        Py_DECREF(back);
        if (skip < 0) return swallow();
        set_ref(&h->lib, code->co_filename);
        return skip ? 0 : call_slow(h, f, what, arg, code);
    }
    if (is_hot_slot(h, code)) {
        if (streamed_return(h->stack, f, what)) return call_slow(h, f, what, arg, code);
        set_ref(&h->hot2, h->hot);
        set_ref(&h->hot, (PyObject *)code);
        return 0;
    }
    if (what >= PyTrace_C_CALL) { /* a C call's events at a sampled-out site; never a return (the frame
                                   * may end there, by an exception from that call: its stack entry) */
        int quiet = at_quiet_site(h, code, f);
        if (quiet < 0) return swallow();
        if (quiet) return 0;
    }
    return call_slow(h, f, what, arg, code);
}

/* -- the Python type ------------------------------------------------------------------------------ */

static PyObject *Hook_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames);

static PyObject *Hook_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *names[] = {"slow", "hotcode", "libfiles", "quiet", "events", "pend", "libseen", "stack", NULL};
    PyObject *slow, *hotcode, *libfiles, *quiet, *events, *pend, *libseen, *stack = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO!O!O!O!O!O!|O!", names, &slow, &PyList_Type, &hotcode,
                                     &PySet_Type, &libfiles, &PyList_Type, &quiet, &PyTuple_Type, &events,
                                     &PyList_Type, &pend, &PyList_Type, &libseen, &PyList_Type, &stack))
        return NULL;
    if (!PyCallable_Check(slow) || PyList_GET_SIZE(hotcode) != HOT_SLOTS || PyList_GET_SIZE(libseen) != HOT_SLOTS ||
        PyList_GET_SIZE(quiet) != 2 ||
        PyTuple_GET_SIZE(events) <= PyTrace_C_RETURN) {
        PyErr_SetString(PyExc_ValueError, "ProfileHook: callable slow path, 4096 hot and libseen slots, 2-item quiet list and one event per PyTrace_* kind");
        return NULL;
    }
    Hook *h = (Hook *)type->tp_alloc(type, 0);
    if (h == NULL) return NULL;
    h->vectorcall = Hook_vectorcall;
    PyObject **slots[] = {&h->slow, &h->hotcode, &h->libfiles, &h->quiet, &h->events, &h->pend, &h->libseen, &h->stack};
    PyObject *values[] = {slow, hotcode, libfiles, quiet, events, pend, libseen, stack};
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) set_ref(slots[i], values[i]);
    return (PyObject *)h;
}

static int Hook_traverse(Hook *h, visitproc visit, void *arg) {
    Py_VISIT(h->slow);
    Py_VISIT(h->hotcode);
    Py_VISIT(h->libfiles);
    Py_VISIT(h->libseen);
    Py_VISIT(h->quiet);
    Py_VISIT(h->events);
    Py_VISIT(h->pend);
    Py_VISIT(h->stack);
    Py_VISIT(h->hot);
    Py_VISIT(h->hot2);
    Py_VISIT(h->lib);
    return 0;
}

static int Hook_clear(Hook *h) {
    Py_CLEAR(h->slow);
    Py_CLEAR(h->hotcode);
    Py_CLEAR(h->libfiles);
    Py_CLEAR(h->libseen);
    Py_CLEAR(h->quiet);
    Py_CLEAR(h->events);
    Py_CLEAR(h->pend);
    Py_CLEAR(h->stack);
    Py_CLEAR(h->hot);
    Py_CLEAR(h->hot2);
    Py_CLEAR(h->lib);
    return 0;
}

static void Hook_dealloc(Hook *h) {
    PyObject_GC_UnTrack(h);
    Hook_clear(h);
    Py_TYPE(h)->tp_free((PyObject *)h);
}

static PyObject *Hook_install(Hook *h, PyObject *unused) {
    if (h->slow == NULL) {
        PyErr_SetString(PyExc_ValueError, "ProfileHook was cleared");
        return NULL;
    }
    PyEval_SetProfile(profile, (PyObject *)h); /* this thread only, like sys.setprofile */
    if (PyErr_Occurred()) return NULL;          /* an audit hook may refuse it */
    Py_RETURN_NONE;
}

/* hook(frame, event, arg): a program that saves sys.getprofile() and later restores it with
 * sys.setprofile() gets this object back as a Python-level profile function, and it must keep working. */
static PyObject *Hook_dispatch(Hook *h, PyObject *frame, PyObject *event, PyObject *arg) {
    if (h->slow == NULL) Py_RETURN_NONE;
    for (int what = 0; what < (int)PyTuple_GET_SIZE(h->events); what++) {
        PyObject *name = PyTuple_GET_ITEM(h->events, what);
        int same = name == event ? 1 : PyUnicode_Compare(name, event) == 0;
        if (same) {
            if (profile((PyObject *)h, (PyFrameObject *)frame, what, arg) < 0) return NULL;
            Py_RETURN_NONE;
        }
    }
    Py_RETURN_NONE;
}

static PyObject *Hook_call(Hook *h, PyObject *args, PyObject *kwds) {
    PyObject *frame, *event, *arg;
    if (!PyArg_ParseTuple(args, "O!UO:ProfileHook", &PyFrame_Type, &frame, &event, &arg)) return NULL;
    return Hook_dispatch(h, frame, event, arg);
}

/* CPython's profile trampoline calls the restored hook through vectorcall when the type has it, with
 * no recursion check (tp_call goes through one, which raises RecursionError at the limit). */
static PyObject *Hook_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    if (PyVectorcall_NARGS(nargsf) != 3 || (kwnames != NULL && PyTuple_GET_SIZE(kwnames) > 0) ||
        !PyFrame_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "ProfileHook(frame, event, arg)");
        return NULL;
    }
    return Hook_dispatch((Hook *)self, args[0], args[1], args[2]);
}

static PyObject *Hook_get_hot(Hook *h, void *closure) {
    PyObject *v = h->hot ? h->hot : Py_None;
    Py_INCREF(v);
    return v;
}

/* The slow path makes a code object hot here, as the pure-Python hook assigns its `hot` cell. */
static int Hook_set_hot(Hook *h, PyObject *value, void *closure) {
    set_ref(&h->hot, value == Py_None ? NULL : value);
    return 0;
}

static PyObject *mod_configure(PyObject *m, PyObject *args) {
    PyObject *cb, *cls = Py_None;
    if (!PyArg_ParseTuple(args, "O|O:configure", &cb, &cls)) return NULL;
    set_ref(&on_fail, cb == Py_None ? NULL : cb);
    set_ref(&classify, cls == Py_None ? NULL : cls);
    Py_CLEAR(fail_type);
    Py_CLEAR(fail_value);
    Py_CLEAR(fail_tb);
    dead = 0;
    skipped = 0;
    Py_RETURN_NONE;
}

static PyObject *mod_take_skipped(PyObject *m, PyObject *unused) {
    Py_ssize_t n = skipped;
    skipped = 0;
    return PyLong_FromSsize_t(n);
}

static PyObject *mod_report(PyObject *m, PyObject *unused) {
    report_failure();
    Py_RETURN_NONE;
}

/* Py_AddPendingCall's callback: the main thread runs it at its next bytecode, with the GIL. */
static int run_pending(void *arg) {
    PyObject *callable = (PyObject *)arg;
    PyObject *result = PyObject_CallObject(callable, NULL);
    if (result == NULL) PyErr_Clear(); /* never into the program */
    Py_XDECREF(result);
    Py_DECREF(callable);
    return 0;
}

/* Lets the sender thread have the main thread run a function without any OS signal (before 3.10,
 * _thread.interrupt_main(signum) does not exist; a real signal would interrupt blocking calls).
 * 3.8's Py_AddPendingCall, once finalization has begun (pending.finishing), prints a SystemError
 * through sys.excepthook (the program's stderr, and our excepthook would take it for the program's
 * exception): the flag is set by the main thread holding the GIL, which we hold here, so reading it
 * first leaves no window. 3.9 has no such flag and refuses nothing. */
static PyObject *mod_call_in_main(PyObject *m, PyObject *callable) {
#if PY_VERSION_HEX < 0x03090000
    if (_PyRuntime.ceval.pending.finishing) Py_RETURN_FALSE;
#endif
    Py_INCREF(callable);
    if (Py_AddPendingCall(run_pending, callable) < 0) {
        Py_DECREF(callable);
        Py_RETURN_FALSE;
    }
    Py_RETURN_TRUE;
}

/* threadstart's runner of a new thread's function, called as partial(run_thread, setup, function) by
 * _thread's bootstrap: setup() gives the thread its hook (exceptions cleared), then function(*args,
 * **kwargs) runs with no frame of ours under it, and an exception escaping it is reported exactly as
 * _thread reports it untraced (unraisable hook, object = function, "Exception ignored in thread started
 * by"); SystemExit goes back to _thread, which ignores it silently. */
static PyObject *mod_run_thread(PyObject *m, PyObject *args, PyObject *kwargs) {
    if (PyTuple_GET_SIZE(args) < 2) {
        PyErr_SetString(PyExc_TypeError, "run_thread(setup, function, *args, **kwargs)");
        return NULL;
    }
    PyObject *setup = PyTuple_GET_ITEM(args, 0), *function = PyTuple_GET_ITEM(args, 1);
    PyObject *r = PyObject_CallObject(setup, NULL);
    if (r == NULL) PyErr_Clear();
    Py_XDECREF(r);
    PyObject *rest = PyTuple_GetSlice(args, 2, PyTuple_GET_SIZE(args));
    if (rest == NULL) return NULL;
    Py_INCREF(function);
    r = PyObject_Call(function, rest, kwargs);
    Py_DECREF(rest);
    if (r == NULL && !PyErr_ExceptionMatches(PyExc_SystemExit)) {
        _PyErr_WriteUnraisableMsg("in thread started by", function);
        r = Py_None;
        Py_INCREF(r);
    }
    Py_DECREF(function);
    return r;
}

/* sys.exit as the program sees it below 3.12, where the setprofile hook cannot see the SystemExit's
 * status: a builtin like the original (inspect.isbuiltin(sys.exit) holds, no frame of ours in a
 * traceback through it) that tells the agent the status, then calls the original. */
static PyObject *exit_orig;
static PyObject *exit_record;

static PyObject *mod_exit(PyObject *m, PyObject *args) {
    PyObject *status = Py_None;
    if (!PyArg_UnpackTuple(args, "exit", 0, 1, &status)) return NULL;
    if (exit_orig == NULL) {
        PyErr_SetObject(PyExc_SystemExit, status);
        return NULL;
    }
    if (exit_record != NULL) {
        PyObject *r = PyObject_CallFunctionObjArgs(exit_record, status, NULL);
        if (r == NULL) PyErr_Clear(); /* never into the program */
        Py_XDECREF(r);
    }
    return PyObject_Call(exit_orig, args, NULL);
}

static PyObject *mod_configure_exit(PyObject *m, PyObject *args) {
    PyObject *orig, *record;
    if (!PyArg_ParseTuple(args, "OO:configure_exit", &orig, &record)) return NULL;
    set_ref(&exit_orig, orig);
    set_ref(&exit_record, record == Py_None ? NULL : record);
    Py_RETURN_NONE;
}

/* -- the record's tuples, hidden from the program's gc.get_objects() (VERSION 6) ------------------
 * Between two calls of gc.get_objects() the slow path made new gc-tracked tuples the program listed
 * (CPython's test_gc test_get_objects_arguments: an event at a sampled call's return, the pending
 * record of the next sampled call). An event tuple holds only ints: it can be in no reference cycle,
 * and the collector would untrack it itself at its next pass; untracked at once here. A pending-call
 * or call-stack record holds the frame (and the callable, the code's state list) it is matched by
 * identity: untracked too. Its items stay alive (the collector counts the record's references to them
 * as references from outside, so it never frees them while the record lives) and the record leaves
 * the list when its call returns, or with the hook, which frees it; only a cycle through a record
 * that outlives its call (a frame whose return was never seen holding a reference back to the hook)
 * would not be collected. */
static PyObject *mod_hold(PyObject *m, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_CheckExact(args[0]) || !PyTuple_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "hold(list, record tuple)");
        return NULL;
    }
    if (PyList_Append(args[0], args[1]) < 0) return NULL;
    if (GC_IS_TRACKED(args[1])) PyObject_GC_UnTrack(args[1]);
    Py_RETURN_NONE;
}

static PyMethodDef module_methods[] = {
    {"appender", (PyCFunction)mod_appender, METH_O,
     "appender(list): list.append, each item untracked by the gc if it is a tuple of atoms (an event)."},
    {"hold", (PyCFunction)(void (*)(void))mod_hold, METH_FASTCALL,
     "hold(list, record): list.append(record), the record tuple untracked by the gc (see above)."},
    {"headroom", (PyCFunction)mod_headroom, METH_O,
     "headroom(n): n more recursion levels for the calling thread (n < 0 takes them back); the "
     "recursion limit is unchanged."},
    {"exit", (PyCFunction)mod_exit, METH_VARARGS,
     "exit(status=None, /)\n--\n\nExit the interpreter by raising SystemExit(status).\n\n"
     "If the status is omitted or None, it defaults to zero (i.e., success).\n"
     "If the status is an integer, it will be used as the system exit status.\n"
     "If it is another kind of object, it will be printed and the system\n"
     "exit status will be one (i.e., failure)."},
    {"configure_exit", (PyCFunction)mod_configure_exit, METH_VARARGS,
     "configure_exit(orig, record): exit() calls record(status) (exceptions cleared), then orig(status)."},
    {"run_thread", (PyCFunction)(void (*)(void))mod_run_thread, METH_VARARGS | METH_KEYWORDS,
     "run_thread(setup, function, *args, **kwargs): a new thread's body (see threadstart)."},
    {"start_sender", (PyCFunction)mod_start_sender, METH_VARARGS,
     "start_sender(steps, first_pause, headroom) -> handle: the sender thread (senderthread.h)."},
    {"stop_sender", (PyCFunction)mod_stop_sender, METH_O,
     "stop_sender(handle): the sender thread takes no thread state from now on."},
    {"call_in_main", (PyCFunction)mod_call_in_main, METH_O,
     "call_in_main(f): the main thread calls f() at its next bytecode (exceptions cleared); "
     "False if the queue is full or (3.8) the interpreter is finalizing."},
    {"configure", (PyCFunction)mod_configure, METH_VARARGS,
     "configure(on_fail, classify=None): a new run; on_fail(exc) is called once if a slow path fails "
     "(None: nothing); an exception for which classify(exc) is true is the program's: it propagates."},
    {"take_skipped", (PyCFunction)mod_take_skipped, METH_NOARGS,
     "Events skipped for lack of stack since the last call (the count is reset)."},
    {"report", (PyCFunction)mod_report, METH_NOARGS,
     "Give a pending slow path failure to on_fail now (the sender thread has room on its stack)."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef Hook_methods[] = {
    {"install", (PyCFunction)Hook_install, METH_NOARGS, "Make this the profile function of the calling thread."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Hook_getset[] = {
    {"hot", (getter)Hook_get_hot, (setter)Hook_set_hot, "the one-entry cache of hot user code", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject HookType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "labtrace_agent._profilehook.ProfileHook",
    .tp_basicsize = sizeof(Hook),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | HAVE_VECTORCALL,
    .tp_vectorcall_offset = offsetof(Hook, vectorcall),
    .tp_doc = "ProfileHook(slow, hotcode, libfiles, quiet, events, pend, libseen[, stack]): backend_profile's hook_off in C",
    .tp_new = Hook_new,
    .tp_dealloc = (destructor)Hook_dealloc,
    .tp_traverse = (traverseproc)Hook_traverse,
    .tp_clear = (inquiry)Hook_clear,
    .tp_methods = Hook_methods,
    .tp_getset = Hook_getset,
    .tp_call = (ternaryfunc)Hook_call,
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_profilehook", "backend_profile's hot path in C", -1,
                                     module_methods};

PyMODINIT_FUNC PyInit__profilehook(void) {
    if (PyType_Ready(&HookType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddIntConstant(m, "VERSION", 7) < 0) { /* 2: configure(on_fail, classify); 3: libseen; 4: headroom; 5: stack;
                                                       * 6: appender, hold; 7: start_sender */
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&HookType);
    if (PyModule_AddObject(m, "ProfileHook", (PyObject *)&HookType) < 0) {
        Py_DECREF(&HookType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
