/* The agent's sender thread on 3.8-3.11 (lifecycle/senderloop.py): an OS thread of ours that holds a
 * Python thread state only while it runs one step of the sender (a flush, a look at the SIGTERM
 * watchdog's pipe); between steps it waits in C with none. A second thread state in the main interpreter
 * is visible to programs: _xxsubinterpreters.is_running(main) raises "interpreter has more than one
 * thread" (CPython's test__xxsubinterpreters / test_interpreters IsRunningTests.test_main), and
 * sys._current_frames() and _thread._count() count it.
 *
 * steps is a generator of pauses (seconds, fd): the thread waits that long (fd >= 0: or until fd is
 * readable), takes a thread state (PyGILState_Ensure), resumes the generator once and gives the state
 * back. stop() makes the thread end before its next step without touching Python again: the agent calls
 * it at exit and when it switches off, before the interpreter finalizes (a thread state asked for
 * after that would be asked of an interpreter that is gone). Included by _profilehook.c only. */
#ifndef LABTRACE_SENDERTHREAD_H
#define LABTRACE_SENDERTHREAD_H

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>

enum { SENDER_IDLE, SENDER_ENTERING, SENDER_IN_STEP };

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cond;   /* stop() wakes the idle wait; ENTERING -> IN_STEP wakes stop() */
    int stop, state;
    double seconds;        /* the next pause, set by the step (under the GIL) */
    int fd;
    int headroom;          /* recursion levels of its own for each step (agent.FLUSH_DEPTH) */
    PyObject *steps;       /* never released: a stopped thread cannot take the GIL to do it */
} Sender;

static void sender_deadline(struct timespec *ts, double seconds) {
    clock_gettime(CLOCK_MONOTONIC, ts);
    if (seconds > 1e6) seconds = 1e6;
    long s = (long)seconds;
    ts->tv_sec += s;
    ts->tv_nsec += (long)((seconds - (double)s) * 1e9);
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec += 1;
        ts->tv_nsec -= 1000000000L;
    }
}

static void sender_pause(Sender *s) {
    if (s->seconds <= 0) return;
    if (s->fd >= 0) {  /* a closed or bad fd returns at once: the step sees it (os.read fails) */
        struct pollfd p = {s->fd, POLLIN, 0};
        double ms = s->seconds * 1000.0 + 0.999;
        poll(&p, 1, ms > INT_MAX ? INT_MAX : (int)ms);
        return;
    }
    struct timespec until;
    sender_deadline(&until, s->seconds);
    pthread_mutex_lock(&s->mu);
    while (!s->stop && pthread_cond_timedwait(&s->cond, &s->mu, &until) != ETIMEDOUT) {
    }
    pthread_mutex_unlock(&s->mu);
}

/* One resumption of the generator; 0 when the thread should end (exhausted, failed, or no pause). */
static int sender_step(Sender *s) {
    PyThreadState *ts = PyThreadState_Get();
    add_headroom(ts, s->headroom);
    PyObject *r = PyIter_Next(s->steps);
    int go = 0;
    if (r != NULL && PyTuple_Check(r) && PyTuple_GET_SIZE(r) == 2) {
        double seconds = PyFloat_AsDouble(PyTuple_GET_ITEM(r, 0));
        long fd = PyLong_AsLong(PyTuple_GET_ITEM(r, 1));
        if (!PyErr_Occurred()) {
            s->seconds = seconds;
            s->fd = fd >= 0 && fd <= INT_MAX ? (int)fd : -1;
            go = 1;
        }
    }
    Py_XDECREF(r);
    if (PyErr_Occurred()) PyErr_Clear();  /* the generator catches its own: never printed */
    return go;
}

static void *sender_main(void *arg) {
    Sender *s = (Sender *)arg;
    for (;;) {
        sender_pause(s);
        pthread_mutex_lock(&s->mu);
        if (s->stop || _Py_IsFinalizing()) {
            pthread_mutex_unlock(&s->mu);
            return NULL;
        }
        s->state = SENDER_ENTERING;
        pthread_mutex_unlock(&s->mu);
        PyGILState_STATE g = PyGILState_Ensure();
        pthread_mutex_lock(&s->mu);
        s->state = SENDER_IN_STEP;
        pthread_cond_broadcast(&s->cond);
        pthread_mutex_unlock(&s->mu);
        int go = sender_step(s);
        PyGILState_Release(g);  /* the thread state is deleted: none of ours until the next step */
        pthread_mutex_lock(&s->mu);
        s->state = SENDER_IDLE;
        pthread_mutex_unlock(&s->mu);
        if (!go) return NULL;
    }
}

static const char *SENDER_CAPSULE = "labtrace_agent.sender";

/* start_sender(steps, first_pause, headroom) -> handle */
static PyObject *mod_start_sender(PyObject *m, PyObject *args) {
    PyObject *steps;
    double first;
    int headroom;
    if (!PyArg_ParseTuple(args, "Odi", &steps, &first, &headroom)) return NULL;
    if (!PyIter_Check(steps)) {
        PyErr_SetString(PyExc_TypeError, "start_sender: steps must be an iterator");
        return NULL;
    }
    Sender *s = (Sender *)PyMem_RawCalloc(1, sizeof(Sender));
    if (s == NULL) return PyErr_NoMemory();
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cond, &ca);
    pthread_condattr_destroy(&ca);
    s->seconds = first;
    s->fd = -1;
    s->headroom = headroom;
    Py_INCREF(steps);
    s->steps = steps;
    PyObject *handle = PyCapsule_New(s, SENDER_CAPSULE, NULL);  /* no destructor: see Sender.steps */
    if (handle == NULL) return NULL;
    /* signals go to the program's threads, never to ours (the mask is inherited at creation) */
    sigset_t all, old;
    sigfillset(&all);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t t;
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int err = pthread_create(&t, &attr, sender_main, s);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (err != 0) {
        Py_DECREF(handle);
        errno = err;
        return PyErr_SetFromErrno(PyExc_OSError);
    }
    return handle;
}

/* stop_sender(handle): the thread takes no thread state from now on. If it is taking one right now,
 * wait (GIL released) until it has it: then it is a thread like the program's own at finalization. */
static PyObject *mod_stop_sender(PyObject *m, PyObject *handle) {
    Sender *s = (Sender *)PyCapsule_GetPointer(handle, SENDER_CAPSULE);
    if (s == NULL) return NULL;
    pthread_mutex_lock(&s->mu);
    s->stop = 1;
    pthread_cond_broadcast(&s->cond);
    int entering = s->state == SENDER_ENTERING;
    pthread_mutex_unlock(&s->mu);
    if (entering) {
        Py_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&s->mu);
        while (s->state == SENDER_ENTERING) pthread_cond_wait(&s->cond, &s->mu);
        pthread_mutex_unlock(&s->mu);
        Py_END_ALLOW_THREADS
    }
    Py_RETURN_NONE;
}

#endif
