"""os.fork() leaves the program's warnings as untraced. 3.12+ warns at fork() in a multi-threaded
process, and the agent's sender thread must not be what triggers it: the agent hid it with a filter
that stayed in warnings.filters until its next flush (CPython's regrtest found test_re and test_thread
"altering the execution environment": warnings.filters modified), marked the filters mutated (every
warning registry reset) and, inside a catch_warnings block, filtered the wrong list (the warning was
recorded). The program's own fork warning (it has threads) is kept."""
import re

from tests.support import AgentTestCase

PLAIN_FORK = '''\
import os, time, warnings
time.sleep(0.3)  # the agent's sender thread is running
def fork():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    now = (id(warnings.filters), list(warnings.filters))  # (the agent's thread may run at waitpid)
    os.waitpid(pid, 0)
    return now
before = (id(warnings.filters), list(warnings.filters))
print(before == fork())
with warnings.catch_warnings(record=True) as got:
    warnings.simplefilter("always")
    inner = (id(warnings.filters), list(warnings.filters))
    same = inner == fork()
    print([str(w.message) for w in got], same)
print(before == (id(warnings.filters), list(warnings.filters)))
'''

# the program has a thread of its own: its DeprecationWarning is shown (__main__) as untraced
OWN_THREAD = '''\
import os, threading, time, warnings
ev = threading.Event()
t = threading.Thread(target=ev.wait)
t.start()
time.sleep(0.3)
before = list(warnings.filters)
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
print(before == warnings.filters)
ev.set()
t.join()
'''


def _no_pid(out):
    return re.sub(rb"pid=\d+", b"pid=?", out)


class ForkWarningsTest(AgentTestCase):
    def same_as_untraced(self, name, source):
        self.write(name, source)
        plain = self.run_script(name, agent=False)
        traced = self.run_script(name)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertEqual((traced.returncode, traced.stdout, _no_pid(traced.stderr)),
                         (0, plain.stdout, _no_pid(plain.stderr)))
        self.assertEqual(self.agent_log(), "")
        return plain

    def test_filters_untouched_by_fork(self):
        plain = self.same_as_untraced("fork.py", PLAIN_FORK)
        self.assertEqual(plain.stdout, b"True\n[] True\nTrue\n")

    def test_programs_own_fork_warning_kept(self):
        plain = self.same_as_untraced("own.py", OWN_THREAD)
        self.assertEqual(plain.stdout, b"True\n")
