"""Pure-Python, call-heavy: recursive fib(25) plus a 2M-iteration loop (runs on 3.8-3.13)."""
import time

_T0 = time.perf_counter()


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def loop(n):
    total = 0
    for i in range(n):
        total += i & 7
    return total


def main():
    a = fib(25)
    b = loop(2000000)
    assert a == 75025 and b == 7000000, (a, b)


main()
print("LABTRACE_BENCH_ELAPSED=%.6f" % (time.perf_counter() - _T0))
