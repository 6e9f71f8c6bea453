"""Deterministic measures of work for the linear-time tests: no clocks.

Project rule: speed and memory are checked by the benchmarks in bench/, never by
timed unit tests. The tests here check only how the *amount of work* grows with
the size of the input, counted in a way that a busy machine cannot change:

    work(f, text)                       # Python lines run + functions entered while f(text) runs
    assert_linear(f, make, n, "what")   # work(f, make(4n)) / work(f, make(n)) < 5

Linear code gives a ratio of at most about 4 (less when fixed costs matter);
a quadratic pass gives about 16. The counts are exact, so the bound needs no
room for noise.

What is counted: ``sys.settrace`` line events (one per line run, and one per
turn of any loop, even a ``while`` inside one function that calls nothing) and
call events (functions, generators resumed, comprehensions, lambdas called from
C such as a sort key). Not counted: work inside one C call, such as a regular
expression backtracking or ``str.count`` over a long slice; that counts as one
line. For that, :func:`hang_guard` runs the large inputs untraced with a limit in
seconds far above normal (a guard against a hang, not a measure of speed), and
bench/fuzz.py and bench/run.py measure the real time.
"""
from __future__ import annotations

import contextlib
import signal
import sys
from typing import Callable, Iterator

# count(4n) / count(n) must stay under this: linear gives <= 4, quadratic 16.
RATIO = 5.0
# hang_guard's limit for the large inputs: normally they take about a second at most.
HANG_SECONDS = 60.0


def work(fn: Callable, *args, **kwargs) -> int:
    """The number of Python lines run and functions entered while ``fn(*args, **kwargs)`` runs."""
    count = 0

    def event(frame, kind, arg):  # 'call' as the global tracer; 'line', 'return', 'exception' as the local one
        nonlocal count
        count += 1
        return event

    previous = sys.gettrace()  # e.g. coverage's tracer: put it back afterwards
    sys.settrace(event)
    try:
        fn(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return count


def assert_linear(run: Callable, make: Callable[[int], object], n: int, what: str, *, factor: int = 4,
                  ratio: float = RATIO, large: int | None = None, seconds: float = HANG_SECONDS) -> tuple[int, int]:
    """Assert that ``run(make(k))`` does work linear in k; return the counts at n and factor * n.

    ``make(k)`` builds an input of size k (outside the count) and ``run`` does the
    work on it. A first untraced run keeps first-use loading and caches out of the
    counts. Then work(factor * n) must stay under ``ratio`` times work(n).
    With ``large``, ``run(make(large))`` also runs untraced under :func:`hang_guard`:
    work inside C calls (regex backtracking) is invisible to the counts.
    """
    run(make(n))
    small = work(run, make(n))
    big = work(run, make(factor * n))
    assert small > 0, f"{what}: nothing was counted (another tracer in the way?)"
    assert big < ratio * small, (
        f"{what}: work({factor}n) / work(n) = {big} / {small} = {big / small:.1f} "
        f"(linear ~{factor}, quadratic ~{factor * factor}; bound {ratio})")
    if large is not None:
        text = make(large)
        with hang_guard(seconds, f"{what} at size {large}"):
            run(text)
    return small, big


class Hang(BaseException):
    """Raised inside the guarded block when the limit passes (a BaseException: no ``except Exception`` hides it)."""


@contextlib.contextmanager
def hang_guard(seconds: float, what: str = "") -> Iterator[None]:
    """Fail (AssertionError) if the block runs longer than ``seconds``.

    Only a guard against a hang, e.g. catastrophic regex backtracking in C (the
    regex engine checks for signals, so the block is interrupted): give a limit
    far above the normal time, never a measure of speed. Without SIGALRM
    (Windows) or outside the main thread the block runs unguarded.
    """
    if not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise Hang(f"{what}: still running after {seconds} s (a hang, e.g. catastrophic backtracking?)")

    try:
        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except Hang as e:
        raise AssertionError(str(e)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
