/*
 * Guards for backend_monitoring's sys.monitoring callbacks (CPython 3.12-3.13): a callback never
 * raises into the program, whatever the stack depth (issue 8).
 *
 * CPython calls a sys.monitoring callback with no recursion check of its own: a Python callback
 * entered at the recursion limit (Python frames or C levels: lru_cache, map, sorted(key=) recursing)
 * raises RecursionError into the program, with the agent's frames in its traceback. Guard(fn, local)
 * is the registered callback instead: called from C, it calls fn only with HEADROOM levels left on
 * both counters (fewer: the event is skipped, counted for take_skipped, and left enabled). An
 * Exception from fn is cleared here, marks every guard of the process dead (they pass all events from
 * then on) and is given to on_fail (see configure: it switches the agent off) from the first event, or
 * report() call, with room on the stack. fn returning DISABLE for an event that cannot be disabled (local == 0: PY_UNWIND, C_RETURN,
 * C_RAISE...) gets None passed on: CPython would raise ValueError into the program and drop the callback.
 *
 * The program's own exceptions are not the callbacks' failures: fn is not called while the program has
 * one on its way into the thread (a tripped signal whose Python handler the main thread runs at its next
 * eval-breaker check, or a PyThreadState_SetAsyncExc exception: see program_pending; the event is
 * skipped), so it arrives in the program's code exactly where it would untraced. One arriving while fn
 * already runs propagates, and the agent stays on: an exception that is not an Exception
 * (KeyboardInterrupt, SystemExit) or one the classifier given to configure (recorder.from_program:
 * raised in a signal handler's frame, an asynchronous exception) calls the program's.
 */
#include <patchlevel.h>
/* 3.12: _PyRuntime's signal flag and main thread (program_pending); 3.12-3.13: the interpreter frames
 * (frame_code and co.) are in the internal headers */
#define Py_BUILD_CORE_MODULE 1
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#if PY_VERSION_HEX < 0x030D0000
#include "internal/pycore_runtime.h"
#endif
#include "internal/pycore_frame.h"
#include "internal/pycore_interp.h"
#include <limits.h>
#include "hookshared.h"

#if PY_VERSION_HEX < 0x030C0000 || PY_VERSION_HEX >= 0x030E0000
#error "for CPython 3.12-3.13 (sys.monitoring; py_recursion_remaining and c_recursion_remaining)"
#endif
#ifdef Py_GIL_DISABLED
#error "the process-wide state below relies on the GIL"
#endif

/* Recursion levels a callback (and on_fail) may use: recorder.HEADROOM, the same margin. */
#define HEADROOM 100

/* Process-wide: the agent is one per process and switches off as a whole. */
static int dead;             /* a callback failed: every guard passes every event */
static Py_ssize_t skipped;   /* events not given to their callback (stack, program_pending) */
static PyObject *on_fail;    /* on_fail(exc): switches the agent off */
static PyObject *classify;   /* classify(exc): true if exc is the program's (not a failure) */
static PyObject *failure;    /* the exception not yet given to on_fail */
static PyObject *disable;    /* sys.monitoring.DISABLE */

static inline int has_room(PyThreadState *ts) {
    return ts->py_recursion_remaining >= HEADROOM && ts->c_recursion_remaining >= HEADROOM;
}

/* 1 when the program has an exception on its way into this thread at its next eval-breaker check: a
 * tripped signal (the main thread runs the Python handlers) or an asynchronous exception. A Python
 * callback would be the code that checks: it would take the exception, and run the handler inside it. */
static inline int program_pending(PyThreadState *ts) {
#if PY_VERSION_HEX >= 0x030D0000
    /* the per-thread eval breaker's _PY_SIGNALS_PENDING_BIT (set on the main thread only) and
     * _PY_ASYNC_EXCEPTION_BIT (pycore_ceval.h) */
    return (_Py_atomic_load_uintptr_relaxed(&ts->eval_breaker) & ((1U << 1) | (1U << 3))) != 0;
#else
    if (ts->async_exc != NULL) return 1;
    return _Py_atomic_load_relaxed(&_PyRuntime.ceval.signals_pending) && ts->thread_id == _PyRuntime.main_thread;
#endif
}

/* fn raised exc: the program's own (see the top of this file)? The call has HEADROOM levels left. */
static int is_programs(PyObject *exc) {
    if (classify == NULL) return 0;
    PyObject *r = PyObject_CallOneArg(classify, exc);
    int programs = r != NULL && PyObject_IsTrue(r) == 1;
    Py_XDECREF(r);
    PyErr_Clear();
    return programs;
}

static void set_ref(PyObject **slot, PyObject *value) {
    PyObject *old = *slot;
    Py_XINCREF(value);
    *slot = value;
    Py_XDECREF(old);
}

/* Give the failure to on_fail, once, when the stack has room for it. */
static void report_failure(PyThreadState *ts) {
    if (failure == NULL || !has_room(ts)) return;
    PyObject *exc = failure;
    failure = NULL;
    PyObject *cb = on_fail;
    if (cb != NULL) {
        Py_INCREF(cb);
        PyObject *r = PyObject_CallOneArg(cb, exc);
        Py_XDECREF(r);
        PyErr_Clear();
        Py_DECREF(cb);
    }
    Py_DECREF(exc);
}

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyObject *fn;  /* the Python callback */
    int local;     /* the event may answer DISABLE */
    int exits;     /* PY_RETURN / PY_YIELD: filtered by drained_out (VERSION 7) */
} Guard;

/* -- Streamed activations of code turned hot (VERSION 7) ---------------------------------------------
 * A user function's first calls are streamed (CALL ... RETURN); when it turns hot, its local exit events
 * stay on while calls streamed before are still running (recursion, other threads, generators), so that
 * their RETURN is seen: see monitoring_events.py. Every return of the hot code then reaches its callback;
 * drain(code, fids) lets the guard answer those of the code's other frames here, without calling it:
 * fids is the code's FrameSet, the addresses (frame_id) of its streamed activations still running,
 * which the callbacks keep; undrain(code) when it is empty. A frame's address is unique among the frames
 * running (a thread's data stack, a generator's own frame). The table holds strong references (a code
 * in it is running); full, drain() answers False and the callback decides. */
typedef struct {
    PyObject_HEAD
    void **a;           /* frame addresses (at most stream_calls: a scan from the newest) */
    Py_ssize_t n, cap;
} FrameSet;

static PyTypeObject FrameSetType;

static inline Py_ssize_t fs_find(FrameSet *s, void *p) {
    for (Py_ssize_t i = s->n - 1; i >= 0; i--)
        if (s->a[i] == p) return i;
    return -1;
}

static int fs_arg(PyObject *fid, void **p) {
    *p = PyLong_AsVoidPtr(fid);
    return *p == NULL && PyErr_Occurred() ? -1 : 0;
}

static PyObject *FrameSet_add(FrameSet *s, PyObject *fid) {
    void *p;
    if (fs_arg(fid, &p) < 0) return NULL;
    if (s->n == s->cap) {
        Py_ssize_t cap = s->cap < 16 ? 16 : s->cap * 2;
        void **a = PyMem_RawRealloc(s->a, (size_t)cap * sizeof(void *));
        if (a == NULL) return PyErr_NoMemory();
        s->a = a;
        s->cap = cap;
    }
    s->a[s->n++] = p;
    Py_RETURN_NONE;
}

static PyObject *FrameSet_discard(FrameSet *s, PyObject *fid) {
    void *p;
    if (fs_arg(fid, &p) < 0) return NULL;
    Py_ssize_t i = fs_find(s, p);
    if (i >= 0) {
        memmove(s->a + i, s->a + i + 1, (size_t)(s->n - i - 1) * sizeof(void *));
        s->n--;
    }
    Py_RETURN_NONE;
}

static PyObject *FrameSet_clear(FrameSet *s, PyObject *unused) {
    s->n = 0;
    Py_RETURN_NONE;
}

static int FrameSet_contains(FrameSet *s, PyObject *fid) {
    void *p;
    if (!PyLong_Check(fid)) return 0;
    if (fs_arg(fid, &p) < 0) {
        PyErr_Clear();
        return 0;
    }
    return fs_find(s, p) >= 0;
}

static Py_ssize_t FrameSet_len(FrameSet *s) { return s->n; }

static void FrameSet_dealloc(FrameSet *s) {
    PyMem_RawFree(s->a);
    Py_TYPE(s)->tp_free((PyObject *)s);
}

static PyMethodDef FrameSet_methods[] = {
    {"add", (PyCFunction)FrameSet_add, METH_O, "add(fid)"},
    {"discard", (PyCFunction)FrameSet_discard, METH_O, "discard(fid)"},
    {"clear", (PyCFunction)FrameSet_clear, METH_NOARGS, "clear()"},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods FrameSet_as_sequence = {
    .sq_length = (lenfunc)FrameSet_len,
    .sq_contains = (objobjproc)FrameSet_contains,
};

static PyTypeObject FrameSetType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "labtrace_agent._monitorhook.FrameSet",
    .tp_basicsize = sizeof(FrameSet),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "FrameSet(): frame addresses (frame_id ints): add, discard, clear, in, len",
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)FrameSet_dealloc,
    .tp_methods = FrameSet_methods,
    .tp_as_sequence = &FrameSet_as_sequence,
};

#define DRAIN_MAX 64
static struct { PyObject *code; FrameSet *fids; } drains[DRAIN_MAX];
static int ndrain;

static inline _PyInterpreterFrame *current_frame(PyThreadState *ts) {
#if PY_VERSION_HEX >= 0x030D0000
    return ts->current_frame;
#else
    return ts->cframe->current_frame;
#endif
}

/* 1 if this exit event of code (in the current frame) ends none of its streamed activations */
static inline int drained_out(PyObject *code, PyThreadState *ts) {
    for (int i = 0; i < ndrain; i++)
        if (drains[i].code == code) return fs_find(drains[i].fids, (void *)current_frame(ts)) < 0;
    return 0;
}

static void undrain_at(int i) {
    Py_CLEAR(drains[i].code);
    Py_CLEAR(drains[i].fids);
    ndrain--;
    if (i != ndrain) {
        drains[i] = drains[ndrain];
        drains[ndrain].code = NULL;
        drains[ndrain].fids = NULL;
    }
}

static PyObject *Guard_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    Guard *g = (Guard *)self;
    PyThreadState *ts = PyThreadState_Get();
    if (dead) {
        report_failure(ts);
        Py_RETURN_NONE;
    }
    if (g->exits && ndrain && PyVectorcall_NARGS(nargsf) >= 1 && drained_out(args[0], ts)) Py_RETURN_NONE;
    if (!has_room(ts) || program_pending(ts)) {
        skipped++;
        Py_RETURN_NONE;
    }
    Py_INCREF(g); /* fn may unregister this guard (the agent switching off) */
    /* fn's allocations are not the program's: hidden from the generation-0 count, which the program
     * reads (gc.get_count()) and which decides when a collection runs. From a count far below the
     * threshold, no collection starts (or, 3.12+, is scheduled) inside fn: a program's gc callback
     * or finalizer never runs in our frames (CPython's test_gc test_get_count, test_frame
     * test_sneaky_frame_object). Restored after: untraced the program's count would be that. */
    int *gen0 = &ts->interp->gc.generations[0].count;
    int count = *gen0;
    *gen0 = INT_MIN / 2;
    PyObject *r = PyObject_Vectorcall(g->fn, args, nargsf, kwnames);
    *gen0 = count;
    if (r == NULL) {
        Py_DECREF(g);
        int base = !PyErr_ExceptionMatches(PyExc_Exception); /* KeyboardInterrupt, SystemExit */
        PyObject *exc = PyErr_GetRaisedException();
        if (is_programs(exc) || base) { /* (is_programs leaves none of the agent's frames in its traceback) */
            PyErr_SetRaisedException(exc);
            return NULL;
        }
        dead = 1;
        if (failure == NULL) failure = exc;
        else Py_XDECREF(exc);
        report_failure(ts);
        Py_RETURN_NONE;
    }
    if (r == disable && !g->local) {
        Py_DECREF(r);
        r = Py_None;
        Py_INCREF(r);
    }
    Py_DECREF(g);
    return r;
}

static PyObject *Guard_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    static char *names[] = {"fn", "local", "exits", NULL};
    PyObject *fn;
    int local, exits = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "Op|p:Guard", names, &fn, &local, &exits)) return NULL;
    if (!PyCallable_Check(fn)) {
        PyErr_SetString(PyExc_TypeError, "Guard: fn must be callable");
        return NULL;
    }
    Guard *g = (Guard *)type->tp_alloc(type, 0);
    if (g == NULL) return NULL;
    g->vectorcall = Guard_vectorcall;
    set_ref(&g->fn, fn);
    g->local = local;
    g->exits = exits;
    return (PyObject *)g;
}

static int Guard_traverse(Guard *g, visitproc visit, void *arg) {
    Py_VISIT(g->fn);
    return 0;
}

static int Guard_clear(Guard *g) {
    Py_CLEAR(g->fn);
    return 0;
}

static void Guard_dealloc(Guard *g) {
    PyObject_GC_UnTrack(g);
    Guard_clear(g);
    Py_TYPE(g)->tp_free((PyObject *)g);
}

static PyObject *Guard_get_fn(Guard *g, void *closure) {
    PyObject *v = g->fn ? g->fn : Py_None;
    Py_INCREF(v);
    return v;
}

static PyGetSetDef Guard_getset[] = {
    {"fn", (getter)Guard_get_fn, NULL, "the guarded callback", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject GuardType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "labtrace_agent._monitorhook.Guard",
    .tp_basicsize = sizeof(Guard),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "Guard(fn, local, exits=False): fn as a sys.monitoring callback that never raises into the program",
    .tp_new = Guard_new,
    .tp_dealloc = (destructor)Guard_dealloc,
    .tp_traverse = (traverseproc)Guard_traverse,
    .tp_clear = (inquiry)Guard_clear,
    .tp_getset = Guard_getset,
    .tp_vectorcall_offset = offsetof(Guard, vectorcall),
    .tp_call = PyVectorcall_Call,
};

/* -- module functions ------------------------------------------------------------------------------ */

static PyObject *mod_configure(PyObject *m, PyObject *args) {
    PyObject *cb, *dis, *cls = Py_None;
    if (!PyArg_ParseTuple(args, "OO|O:configure", &cb, &dis, &cls)) return NULL;
    set_ref(&on_fail, cb == Py_None ? NULL : cb);
    set_ref(&classify, cls == Py_None ? NULL : cls);
    set_ref(&disable, dis);
    Py_CLEAR(failure);
    dead = 0;
    skipped = 0;
    while (ndrain) undrain_at(ndrain - 1);
    Py_RETURN_NONE;
}

static PyObject *mod_drain(PyObject *m, PyObject *args) {
    PyObject *code, *fids;
    if (!PyArg_ParseTuple(args, "OO!:drain", &code, &FrameSetType, &fids)) return NULL;
    int i = 0;
    while (i < ndrain && drains[i].code != code) i++;
    if (i == ndrain) {
        if (ndrain == DRAIN_MAX) Py_RETURN_FALSE;
        ndrain++;
    }
    set_ref(&drains[i].code, code);
    set_ref((PyObject **)&drains[i].fids, fids);
    Py_RETURN_TRUE;
}

static PyObject *mod_undrain(PyObject *m, PyObject *code) {
    for (int i = ndrain - 1; i >= 0; i--)
        if (code == Py_None || drains[i].code == code) undrain_at(i);
    Py_RETURN_NONE;
}

static PyObject *mod_take_skipped(PyObject *m, PyObject *unused) {
    Py_ssize_t n = skipped;
    skipped = 0;
    return PyLong_FromSsize_t(n);
}

static PyObject *mod_report(PyObject *m, PyObject *unused) {
    report_failure(PyThreadState_Get());
    Py_RETURN_NONE;
}

/* The frames the callbacks read, without the audit events of sys._getframe ("sys._getframe") and of
 * frame.f_code / function.__code__ ("object.__getattr__"): a program's audit hook sees neither
 * (CPython's test_audit). Read from the interpreter frames, as sys._getframe(depth) finds them
 * (depth 0: the Python function calling these), without making frame objects: gc-tracked objects the
 * program would see in gc.get_count() and gc.get_objects(). NULL: no frame that deep. */
static _PyInterpreterFrame *frame_at(PyObject *arg) {
    int depth = PyLong_AsLong(arg);
    if (depth == -1 && PyErr_Occurred()) return NULL;
    PyThreadState *ts = PyThreadState_Get();
#if PY_VERSION_HEX >= 0x030D0000
    _PyInterpreterFrame *f = ts->current_frame;
#else
    _PyInterpreterFrame *f = ts->cframe->current_frame;
#endif
    while (f != NULL && depth > 0) {
        f = _PyFrame_GetFirstComplete(f->previous);
        depth--;
    }
#if PY_VERSION_HEX >= 0x030D0000
    if (f != NULL && !PyCode_Check(f->f_executable)) return NULL;
#endif
    return f;
}

static PyObject *mod_frame_code(PyObject *m, PyObject *arg) {
    _PyInterpreterFrame *f = frame_at(arg);
    if (f == NULL) {
        if (PyErr_Occurred()) return NULL;
        Py_RETURN_NONE;
    }
    return PyUnstable_InterpreterFrame_GetCode(f); /* (a new reference) */
}

static PyObject *mod_frame_line(PyObject *m, PyObject *arg) {
    _PyInterpreterFrame *f = frame_at(arg);
    if (f == NULL) {
        if (PyErr_Occurred()) return NULL;
        return PyLong_FromLong(0);
    }
    /* a frame object's f_lineno (a tracer may have set it), else the frame's instruction's line */
    int line = f->frame_obj != NULL ? PyFrame_GetLineNumber(f->frame_obj) : PyUnstable_InterpreterFrame_GetLine(f);
    return PyLong_FromLong(line < 0 ? 0 : line);
}

/* the address of the caller's frame at depth (its identity while it runs), 0 when none */
static PyObject *mod_frame_id(PyObject *m, PyObject *arg) {
    _PyInterpreterFrame *f = frame_at(arg);
    if (f == NULL && PyErr_Occurred()) return NULL;
    return PyLong_FromVoidPtr((void *)f);
}

static PyObject *mod_frame_globals(PyObject *m, PyObject *arg) {
    _PyInterpreterFrame *f = frame_at(arg);
    if (f == NULL || f->f_globals == NULL) {
        if (PyErr_Occurred()) return NULL;
        Py_RETURN_NONE;
    }
    return Py_NewRef(f->f_globals);
}

/* getattr(f, "__code__", None), a function's code read without its audit event */
static PyObject *mod_func_code(PyObject *m, PyObject *f) {
    if (PyFunction_Check(f)) return Py_NewRef(PyFunction_GET_CODE(f));
    PyObject *code = PyObject_GetAttrString(f, "__code__");
    if (code == NULL && PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    return code;
}

static PyObject *mod_push(PyObject *m, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "push(list, item)");
        return NULL;
    }
    if (PyList_Append(args[0], args[1]) < 0) return NULL;
    untrack_atomic_tuple(args[1]);
    Py_RETURN_NONE;
}

/* -- Events: the record's event buffer (VERSION 6) --------------------------------------------------
 * The hooks' events are 7 ints (kind, t_perf_ns, code_id, line, thread, caller_id, duration). Kept as
 * tuples of Python ints in a list, each was a tuple and 2-3 ints (perf ns, durations and lines over
 * 256 are not cached) left allocated until the next flush: pymalloc blocks the program counts
 * (sys.getallocatedblocks: CPython's test_sys test_getallocatedblocks allows 50 between two reads).
 * Events packs them into one malloc'd array (not pymalloc: growing it counts no block); the caller's
 * tuple is freed when append returns. take() hands the sender the tuples (its thread, off the hot path). */
#define EV_FIELDS 7

typedef struct {
    PyObject_HEAD
    long long *buf;
    Py_ssize_t n, cap;  /* events */
} Events;

static PyObject *Events_append(Events *self, PyObject *item) {
    if (!PyTuple_CheckExact(item) || PyTuple_GET_SIZE(item) != EV_FIELDS) {
        PyErr_SetString(PyExc_TypeError, "Events.append: a 7-tuple of ints");
        return NULL;
    }
    long long v[EV_FIELDS];
    for (int i = 0; i < EV_FIELDS; i++) {
        v[i] = PyLong_AsLongLong(PyTuple_GET_ITEM(item, i));
        if (v[i] == -1 && PyErr_Occurred()) return NULL;
    }
    if (self->n == self->cap) {
        Py_ssize_t cap = self->cap < 64 ? 64 : self->cap * 2;
        long long *buf = PyMem_RawRealloc(self->buf, (size_t)cap * EV_FIELDS * sizeof(long long));
        if (buf == NULL) return PyErr_NoMemory();
        self->buf = buf;
        self->cap = cap;
    }
    memcpy(self->buf + self->n * EV_FIELDS, v, sizeof(v));
    self->n++;
    Py_RETURN_NONE;
}

/* The events appended so far as a list of tuples; the buffer is emptied first (building the tuples
 * may run a collection, and a finalizer's code more events: they stay for the next take). */
static PyObject *Events_take(Events *self, PyObject *unused) {
    long long *buf = self->buf;
    Py_ssize_t n = self->n;
    self->buf = NULL;
    self->n = self->cap = 0;
    PyObject *out = PyList_New(n);
    if (out == NULL) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PyTuple_New(EV_FIELDS);
        if (t == NULL) goto fail;
        PyList_SET_ITEM(out, i, t);
        for (int j = 0; j < EV_FIELDS; j++) {
            PyObject *x = PyLong_FromLongLong(buf[i * EV_FIELDS + j]);
            if (x == NULL) goto fail;
            PyTuple_SET_ITEM(t, j, x);
        }
    }
    PyMem_RawFree(buf);
    return out;
fail:
    PyMem_RawFree(buf);
    Py_XDECREF(out);
    return NULL;
}

static PyObject *Events_clear(Events *self, PyObject *unused) {
    self->n = 0;
    Py_RETURN_NONE;
}

static Py_ssize_t Events_len(Events *self) { return self->n; }

static void Events_dealloc(Events *self) {
    PyMem_RawFree(self->buf);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef Events_methods[] = {
    {"append", (PyCFunction)Events_append, METH_O, "append((kind, t, code_id, line, thread, caller_id, duration))"},
    {"take", (PyCFunction)Events_take, METH_NOARGS, "the events so far as a list of tuples; the buffer is emptied"},
    {"clear", (PyCFunction)Events_clear, METH_NOARGS, "drop every event"},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods Events_as_sequence = {.sq_length = (lenfunc)Events_len};

static PyTypeObject EventsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "labtrace_agent._monitorhook.Events",
    .tp_basicsize = sizeof(Events),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Events(): the record's events packed in one array (see take)",
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)Events_dealloc,
    .tp_methods = Events_methods,
    .tp_as_sequence = &Events_as_sequence,
};

static PyMethodDef module_methods[] = {
    {"push", (PyCFunction)(void (*)(void))mod_push, METH_FASTCALL,
     "push(list, item): list.append(item), item untracked by the gc if it is a tuple that can be in no cycle."},
    {"appender", (PyCFunction)mod_appender, METH_O,
     "appender(list): list.append as push(list, item) does it."},
    {"frame_code", (PyCFunction)mod_frame_code, METH_O,
     "frame_code(depth): sys._getframe(depth).f_code of the caller, or None; no audit event, no frame object."},
    {"frame_line", (PyCFunction)mod_frame_line, METH_O,
     "frame_line(depth): sys._getframe(depth).f_lineno of the caller, or 0 (None too); no audit event."},
    {"frame_id", (PyCFunction)mod_frame_id, METH_O,
     "frame_id(depth): the address of the caller's frame at depth (unique among running frames), or 0."},
    {"drain", (PyCFunction)mod_drain, METH_VARARGS,
     "drain(code, fids): exits=True guards pass code's exit events to their callback only from the frames "
     "whose address is in the FrameSet fids; False if the table is full."},
    {"undrain", (PyCFunction)mod_undrain, METH_O, "undrain(code): drain() no more for code (None: any code)."},
    {"frame_globals", (PyCFunction)mod_frame_globals, METH_O,
     "frame_globals(depth): sys._getframe(depth).f_globals of the caller, or None; no audit event."},
    {"func_code", (PyCFunction)mod_func_code, METH_O,
     "func_code(f): getattr(f, '__code__', None), without the audit event of a function's __code__."},
    {"headroom", (PyCFunction)mod_headroom, METH_O,
     "headroom(n): n more Python recursion levels for the calling thread (n < 0 takes them back); the "
     "recursion limit is unchanged."},
    {"configure", (PyCFunction)mod_configure, METH_VARARGS,
     "configure(on_fail, DISABLE, classify=None): a new run; on_fail(exc) is called once if a callback "
     "fails; an exception for which classify(exc) is true is the program's: it propagates."},
    {"take_skipped", (PyCFunction)mod_take_skipped, METH_NOARGS,
     "Events skipped for lack of stack since the last call (the count is reset)."},
    {"report", (PyCFunction)mod_report, METH_NOARGS,
     "Give a pending callback failure to on_fail now (the sender thread has room on its stack)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_monitorhook",
                                     "sys.monitoring callback guards in C", -1, module_methods};

PyMODINIT_FUNC PyInit__monitorhook(void) {
    if (PyType_Ready(&GuardType) < 0 || PyType_Ready(&EventsType) < 0 || PyType_Ready(&FrameSetType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddIntConstant(m, "VERSION", 7) < 0) {
        /* 2: configure(on_fail, DISABLE, classify); 3: headroom; 4: frame_code, frame_line, frame_globals,
         * func_code; 5: push, appender, the guard hides its callback's allocations from the gc count;
         * 6: Events; 7: frame_id, FrameSet, drain, undrain, Guard(exits) */
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&GuardType);
    if (PyModule_AddObject(m, "Guard", (PyObject *)&GuardType) < 0) {
        Py_DECREF(&GuardType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&EventsType);
    if (PyModule_AddObject(m, "Events", (PyObject *)&EventsType) < 0) {
        Py_DECREF(&EventsType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&FrameSetType);
    if (PyModule_AddObject(m, "FrameSet", (PyObject *)&FrameSetType) < 0) {
        Py_DECREF(&FrameSetType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
