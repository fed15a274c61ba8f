"""A long-lived process like a notebook kernel (3.8-3.13): the cells in kernel_cells/ are compiled and
executed in one namespace, the first once, the others over and over (ROUNDS), each execution a new
code object as in a kernel. Per-statement costs of a tracer add up here instead of hiding behind
start-up; large values (a 1M-element list, a 200k-key dict, a 4 MB string) stay in the namespace and
some cells rebind names to them."""
import time

_T0 = time.perf_counter()

import os

ROUNDS = 120
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel_cells")


def read(name):
    path = os.path.join(HERE, name)
    with open(path) as f:
        return path, f.read()


cells = [read(n) for n in sorted(os.listdir(HERE)) if n.endswith(".py")]
namespace = {"__name__": "__main__", "__builtins__": __builtins__}
for path, source in cells[:1]:
    exec(compile(source, path, "exec"), namespace)
for _ in range(ROUNDS):
    for path, source in cells[1:]:
        exec(compile(source, path, "exec"), namespace)
print(namespace["line"])
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
