"""The out-of-kernel check: what each graded function is called with, and how it is judged.

For every graded function the grader draws fresh inputs (seeded per run),
runs the student's answer cells and, separately, the instructor's solution
cells in jailed worker processes (autograde.probe_worker), and compares the
returned numbers itself. Nothing the student's code does inside the Jupyter
kernel (patching numpy, print, assert or a check's code object) reaches
this comparison.

Some calls replace a function the one under test uses (``patch``), so that
a gradient check is also tried on a gradient known to be wrong: a checker
that always says "fine" fails.
"""

import ast
import json
import subprocess
import threading
import time
from dataclasses import dataclass, field, replace

import numpy as np

from autograde.probe_worker import REFERENCES, decode, encode
from gc_utils import CHECK_THRESHOLD, forward_propagation_n, vector_to_dictionary

WORKER_START_SECONDS = 20
# Agreement of a student's numbers with the reference, as strict as the
# notebook's own checks (testCases): the same formula written another way
# differs by a few units in the last place, a look-alike method (a numerical
# gradient for an analytic one, a finite difference for a complex step) by
# far more
VALUE_RTOL = 1e-12
VALUE_ATOL = 1e-13
# A gradient check's difference is a formula of the same numbers as the
# reference's: the notebook's checks allow 1e-13 absolute, 1e-9 relative
DIFFERENCE_RTOL = 1e-9
DIFFERENCE_ATOL = 1e-13
# Where truncation dominates (a large ε, a seeded error) another evaluation
# order still moves the difference by rounding/ε relative
LOUD_RTOL = 1e-6
# A dropout check done in a loop and one vectorized differ by up to 1e-4
# relative at ε = 1e-2 (testCases' DROPOUT_RTOL)
DROPOUT_RTOL = 1e-4
# The complex step is exact to rounding; a centered difference is not (1e-13
# as in the notebook's check)
COMPLEX_STEP_RTOL = 1e-13
# (ε, threshold) may be computed in float32 (np.finfo(np.float32).eps is one)
DTYPE_RTOL = 1e-6


@dataclass(frozen=True)
class Expr:
    """An argument the worker builds itself: ``code`` evaluated with the lesson's imports.

    For functions and objects (a cost function, a network objective) that
    cannot travel as numbers; ``bind`` names data the code uses. The worker
    evaluates it in the namespace of the instructor's import cells, taken
    before any student code ran.
    """

    code: str
    bind: dict = field(default_factory=dict)


def encode_argument(value):
    """Encode a call argument for the worker (Expr or data)."""
    if isinstance(value, Expr):
        return {"expr": value.code, "bind": {k: encode(v) for k, v in value.bind.items()}}
    return encode(value)


@dataclass(frozen=True)
class Call:
    """One call of a graded function: ``function(*args, **kwargs)`` with ``patch`` applied."""

    function: str
    args: tuple
    kwargs: dict = field(default_factory=dict)
    patch: dict = field(default_factory=dict)
    judge: str = "values"  # "values" (all numbers close) or "difference" (a check's result)
    rtol: float | None = None  # None: VALUE_RTOL or DIFFERENCE_RTOL, by judge
    atol: float | None = None
    # the reference is rounding noise below the threshold: any value below it agrees
    noisy: bool = False
    # the course's reference checks (probe_worker.REFERENCES) the call runs without
    withhold: tuple = ()

    def task(self):
        """The call as the worker reads it (JSON-able)."""
        return {"function": self.function, "args": [encode_argument(a) for a in self.args],
                "kwargs": {k: encode_argument(v) for k, v in self.kwargs.items()},
                "patch": self.patch, "withhold": list(self.withhold)}


# For J(θ) = θ³x a check with a large ε has a difference well above the
# threshold, which tells a centered difference from a one-sided one and a
# check that honours ``epsilon`` from one that does not
CUBIC_PATCH = {"forward_propagation": "lambda x, theta: theta ** 3 * x",
               "backward_propagation": "lambda x, theta: 3 * theta ** 2 * x"}
CUBIC_EPSILON = 1e-2


def _one_d_calls(rng):
    calls = []
    for x, theta in np.round(rng.uniform(-9, 9, size=(3, 2)), 3):
        x, theta = float(x) or 1.5, float(theta) or -2.5
        calls += [Call("forward_propagation", (x, theta)),
                  Call("backward_propagation", (x, theta)),
                  Call("gradient_check", (x, theta), judge="difference")]
    x, theta = (float(v) for v in np.round(rng.uniform(1.0, 5.0, size=2), 3))
    calls.append(Call("gradient_check", (x, theta), {"epsilon": CUBIC_EPSILON},
                      patch=CUBIC_PATCH, judge="difference"))
    # a wrong backward pass must be caught by the student's gradient_check
    scale = float(np.round(rng.uniform(1.05, 1.5), 3))
    calls.append(Call("gradient_check", (x, theta), patch={
        "backward_propagation": f"lambda x, theta: {scale} * x"}, judge="difference"))
    return calls


GRADIENT_KEYS = ("dW1", "db1", "dW2", "db2", "dW3", "db3")


# ε for the N-D checks on correct gradients: at 1e-5 truncation and rounding
# balance, so two correct checks both land far below CHECK_THRESHOLD (at the
# lesson's 1e-7 rounding can reach the threshold); at 1e-2 truncation rules,
# a value well above it that a check ignoring ``epsilon`` does not reproduce
N_D_QUIET_EPSILON = 1e-5
N_D_LOUD_EPSILON = 1e-2


# Examples per drawn network, and how many draws may be tried for one
# whose every hidden unit is active on some example
PROBE_EXAMPLES = 16
MAX_DRAWS = 200


def lively_network(rng):
    """Draw (X, Y, parameters, cache) of the course's network where no hidden unit is dead.

    A unit that is off on every example has zero gradients, so a bug
    scaling them (the lesson's seeded bugs) would go unseen.
    """
    from testCases import random_network_case

    for _ in range(MAX_DRAWS):
        X, Y, parameters = random_network_case(rng, m=PROBE_EXAMPLES)
        _, cache = forward_propagation_n(X, Y, parameters)
        A1, A2 = cache[1], cache[5]
        if (A1 > 0).any(axis=1).all() and (A2 > 0).any(axis=1).all():
            return X, Y, parameters, cache
    raise RuntimeError(f"no network without dead units in {MAX_DRAWS} draws")


def _n_d_calls(rng):
    from gc_checking.reference import fraud_net_gradient

    calls = []
    for _ in range(2):
        X, Y, parameters, cache = lively_network(rng)
        calls.append(Call("backward_propagation_n", (X, Y, list(cache))))
        # gradient_check_n is judged on its own: on the true gradients
        # (numerical reference) and on gradients with a seeded error
        gradapprox, _ = fraud_net_gradient(X, Y, parameters)
        true = {f"d{key}": value for key, value in
                vector_to_dictionary(gradapprox, parameters).items()}
        wrong = dict(true, dW2=true["dW2"] * float(np.round(rng.uniform(1.5, 3.0), 3)))
        calls += [
            Call("gradient_check_n", (parameters, true, X, Y), {"epsilon": N_D_QUIET_EPSILON},
                 judge="difference", noisy=True),
            Call("gradient_check_n", (parameters, true, X, Y), {"epsilon": N_D_LOUD_EPSILON},
                 judge="difference", rtol=LOUD_RTOL),
            Call("gradient_check_n", (parameters, wrong, X, Y), judge="difference",
                 rtol=LOUD_RTOL),
        ]
    return calls


def _practice_calls(rng):
    from gc_utils import NetworkObjective, unit_roundoff
    from testCases import kink_case, seeded_bug_gradient

    calls = []
    for dtype in (np.float64, np.float32):
        J, M = rng.uniform(0.1, 10.0, size=2)
        calls.append(Call("best_epsilon", (unit_roundoff(dtype), float(J), float(M))))
    for dtype in (Expr("np.float32"), Expr("np.float64"), "float32", "float64",
                  Expr("np.dtype('float64')"), Expr("np.dtype('float32')")):
        calls.append(Call("dtype_settings", (dtype,), rtol=DTYPE_RTOL))

    X, Y, parameters = kink_case()
    network = Expr("NetworkObjective(X, Y, parameters)",
                   {"X": X, "Y": Y, "parameters": parameters})
    objective = NetworkObjective(X, Y, parameters)
    theta = objective.theta(parameters)
    crossing = [i for i in range(objective.n) if _crosses(objective, theta, i, 1e-7)]
    others = [i for i in rng.permutation(objective.n)[:8] if i not in crossing][:3]
    for i in crossing[:2] + others:
        calls.append(Call("crossed_kink", (network, theta, int(i), 1e-7)))

    for _ in range(2):
        X, Y, parameters, _ = lively_network(rng)
        seed = int(rng.integers(0, 1000))
        calls += [Call("gradient_check_with_dropout", (X, Y, parameters, 0.8, seed),
                       {"epsilon": 1e-7}, judge="difference", noisy=True),
                  Call("gradient_check_with_dropout", (X, Y, parameters, 0.8, seed),
                       {"epsilon": N_D_LOUD_EPSILON}, judge="difference", rtol=DROPOUT_RTOL)]
        objective = NetworkObjective(X, Y, parameters)
        theta = objective.theta(parameters)
        cost = Expr("NetworkObjective(X, Y, parameters).cost",
                    {"X": X, "Y": Y, "parameters": parameters})
        u = rng.standard_normal(theta.shape)
        u /= np.linalg.norm(u)
        # the notebook's own tolerance; at a large ε truncation shows whether ε is used
        for grad in (objective.gradient(theta), seeded_bug_gradient(objective, theta)):
            for options in ({}, {"epsilon": N_D_LOUD_EPSILON}):
                calls.append(Call("random_direction_difference", (cost, theta, grad, u),
                                  options, judge="difference", rtol=LOUD_RTOL))

    # large third derivatives: a centered difference misses them by far more than 1e-13
    for f in ("np.sin", "np.exp", "lambda x: x ** 3 * np.cos(x)", "lambda x: np.exp(4 * x)",
              "lambda x: np.sin(9 * x)"):
        calls.append(Call("complex_step_derivative", (Expr(f), float(rng.uniform(-2, 2))),
                          rtol=COMPLEX_STEP_RTOL))
    return calls + _workflow_calls(rng)


# Steps of the Taylor test's calls: a ratio of 2, then uneven ratios; small
# enough for the h² term to rule, large enough for r(h) to stand far above
# the rounding of J (r ≳ 1e-9·|J|, so orders agree to ~1e-7 however r is written)
TAYLOR_STEPS = ((4e-3, 2e-3, 1e-3, 5e-4), (6e-3, 2e-3, 1e-3))
# Factors a seeded bug scales one block by: a negative one tells a ratio
# from a ratio of norms (which loses its sign)
RATIO_BUGS = (("W2", 2.0), ("b1", 4.0), ("b2", -1.0), ("W3", 0.5))
# A drawn network's cost at θ stays below this: no output saturates to 0 or 1,
# where J and the numerical gradient are infinite
MAX_PROBE_COST = 20.0


def _workflow_network(rng):
    """Draw (bind, objective, θ) for the workflow calls: an Expr's data, its NetworkObjective.

    A network without dead units (:func:`lively_network`) whose cost at θ
    is finite and moderate, so every reference answer is a finite number.
    """
    from gc_utils import NetworkObjective

    for _ in range(MAX_DRAWS):
        X, Y, parameters, _ = lively_network(rng)
        objective = NetworkObjective(X, Y, parameters)
        theta = objective.theta(parameters)
        with np.errstate(divide="ignore", invalid="ignore"):
            cost = objective.cost(theta)
        if np.isfinite(cost) and cost < MAX_PROBE_COST:
            bind = {"X": X, "Y": Y, "parameters": parameters}
            return bind, objective, theta
    raise RuntimeError(f"no network with a finite cost in {MAX_DRAWS} draws")


def _smooth_direction(rng, objective, theta, steps):
    """A unit direction u along which θ + h·u switches no ReLU for any step h."""
    start = objective.pattern(theta)
    for _ in range(MAX_DRAWS):
        u = rng.standard_normal(theta.shape)
        u /= np.linalg.norm(u)
        if all(np.array_equal(objective.pattern(theta + h * u), start) for h in steps):
            return u
    raise RuntimeError(f"no direction free of kinks in {MAX_DRAWS} draws")


def _workflow_calls(rng):
    """Calls of lesson 03's workflow exercises: taylor_test_order, same_cost_twice,
    cheap_first_ratios, on networks without dead units (no block's gradient is zero)."""
    calls = []
    for steps in TAYLOR_STEPS:
        bind, objective, theta = _workflow_network(rng)
        cost = Expr("NetworkObjective(X, Y, parameters).cost", bind)
        u = _smooth_direction(rng, objective, theta, steps)
        grad = objective.gradient(theta)
        wrong = grad * np.where(np.array(objective.keys)[:, None] == "b1", 1.5, 1.0)
        for gradient in (grad, wrong):
            calls.append(Call("taylor_test_order", (cost, theta, gradient, u, list(steps)),
                              rtol=LOUD_RTOL))
    for keep_prob, masks in ((1.0, "fixed"), (0.7, "fixed"), (0.7, "fresh")):
        bind, _, theta = _workflow_network(rng)
        seed = int(rng.integers(0, 1000))
        cost = Expr(f"NetworkObjective(X, Y, parameters, keep_prob={keep_prob}, "
                    f"masks={masks!r}, seed={seed}).cost", bind)
        calls.append(Call("same_cost_twice", (cost, theta)))
    for block, factor in ((None, 1.0),) + RATIO_BUGS:
        bind, objective, theta = _workflow_network(rng)
        grad = objective.gradient(theta)
        if block is not None:
            grad = grad * np.where(np.array(objective.keys)[:, None] == block, factor, 1.0)
        calls.append(Call("cheap_first_ratios",
                          (Expr("NetworkObjective(X, Y, parameters)", bind), theta, grad),
                          rtol=LOUD_RTOL))
    return calls


def _crosses(objective, theta, i, epsilon):
    plus, minus = np.copy(theta), np.copy(theta)
    plus[i] += epsilon
    minus[i] -= epsilon
    return bool(np.any(objective.pattern(plus) != objective.pattern(minus)))


LESSON_CALLS = {"01": _one_d_calls, "02": _n_d_calls, "03": _practice_calls}


# CPython 3.11's AST constructor keeps a recursion count that concurrent
# ast.parse calls corrupt ("AST constructor recursion depth mismatch");
# the grader grades submissions in threads
_AST_LOCK = threading.Lock()


def _parse(source):
    with _AST_LOCK:
        return ast.parse(source)


def functions_defined(source):
    """Return the names of the functions a cell's source defines at top level."""
    try:
        tree = _parse(source)
    except SyntaxError:
        return []
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]


def import_cells(notebook):
    """Return the instructor's code cells that only import (the answers' context)."""
    prelude = ["import numpy as np"]
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = _parse(cell.source)
        except SyntaxError:
            continue
        if tree.body and all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body):
            prelude.append(cell.source)
    return prelude


# Exercises whose point is to implement the check itself: they are called
# with the course's reference checks withheld. Others (lesson 03's dropout
# check builds on loop_check) keep them.
IMPLEMENTS_THE_CHECK = ("gradient_check", "gradient_check_n")
WITHHELD_ERROR = "ReferenceWithheldError"


def draw_calls(lesson, seed):
    """Return the list of Call for ``lesson`` drawn with ``seed`` (empty for unknown lessons)."""
    make = LESSON_CALLS.get(lesson)
    calls = make(np.random.default_rng(seed)) if make else []
    return [replace(call, withhold=tuple(REFERENCES)) if call.function in IMPLEMENTS_THE_CHECK
            else call for call in calls]


def run_worker(sandbox, workspace, prelude, cells, calls, step_timeout):
    """Run the answer ``cells`` and the ``calls`` jailed; return one result per step.

    A step that raises gives ``{"ok": False, "error": name}``; one that
    exceeds ``step_timeout`` (or kills the worker) gives ``{"ok": False,
    "error": "timeout"|"died"}`` and the worker is started again after it,
    so one bad step costs only itself.
    """
    steps = len(cells) + len(calls)
    results = {}
    while len(results) < steps:
        # answer cells run again in a restarted worker, unless they failed
        skip = [step for step, result in results.items()
                if step >= len(cells) or not result.get("ok")]
        task = {"prelude": prelude, "cells": cells, "calls": [c.task() for c in calls],
                "skip": skip}
        command = sandbox.command(workspace, "probe", [], cpu_seconds=steps * step_timeout + 30)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, env=sandbox.launcher_env(),
                                   start_new_session=True)
        try:
            process.stdin.write(json.dumps(task).encode())
            process.stdin.close()
        except BrokenPipeError:
            pass
        deadline = time.monotonic() + WORKER_START_SECONDS + step_timeout
        finished = _read_steps(process, results, steps, deadline, step_timeout)
        _stop(process)
        if not finished:
            pending = min(set(range(steps)) - set(results))
            error = "timeout" if finished is None else "died"
            results[pending] = {"ok": False, "error": error}
            # its other calls would hang or crash again: one failure is enough
            if pending >= len(cells):
                function = calls[pending - len(cells)].function
                for index, call in enumerate(calls):
                    if call.function == function:
                        results.setdefault(len(cells) + index, {"ok": False, "error": error})
    return [results[step] for step in range(steps)]


def _read_steps(process, results, steps, deadline, step_timeout):
    """Collect step lines until all are in (True), a deadline passes (None) or EOF (False)."""
    import selectors

    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    buffer = b""
    while len(results) < steps:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not selector.select(timeout=remaining):
            return None
        chunk = process.stdout.read1(65536)
        if not chunk:
            return False
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            try:
                record = json.loads(line)
                step = int(record["step"])
            except (ValueError, KeyError, TypeError):
                return False
            if 0 <= step < steps:
                results[step] = record
                deadline = time.monotonic() + step_timeout
        if len(buffer) > 50_000_000:
            return False
    return True


def _stop(process):
    import os
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def same_numbers(student, reference, judge, rtol=None, atol=None, noisy=False):
    """Return True when the student's returned value matches the reference's (decoded data).

    ``judge`` "values": every number within ``atol + rtol·|reference|``
    (defaults VALUE_RTOL, VALUE_ATOL); "difference": one finite
    non-negative number within the same (defaults DIFFERENCE_RTOL,
    DIFFERENCE_ATOL), or, when ``noisy`` and the reference is below
    CHECK_THRESHOLD, any value below it.
    """
    try:
        if judge == "difference":
            rtol = DIFFERENCE_RTOL if rtol is None else rtol
            atol = DIFFERENCE_ATOL if atol is None else atol
            a, b = float(student), float(reference)
            if not np.isfinite(a) or a < 0:
                return False
            if noisy and b < CHECK_THRESHOLD:
                return a < CHECK_THRESHOLD
            return abs(a - b) <= atol + rtol * abs(b)
        rtol = VALUE_RTOL if rtol is None else rtol
        atol = VALUE_ATOL if atol is None else atol
        if isinstance(reference, dict):
            if not isinstance(student, dict):
                return False
            # gradients may come with extra entries (a cache); any other dict
            # must have the reference's keys exactly ({} is an answer too)
            keys = [k for k in reference if k in GRADIENT_KEYS]
            if not keys:
                keys = list(reference)
                if set(student) != set(keys):
                    return False
            return all(k in student and same_numbers(student[k], reference[k], judge, rtol, atol)
                       for k in keys)
        if isinstance(reference, list):
            return isinstance(student, list) and len(student) == len(reference) and all(
                same_numbers(s, r, judge, rtol, atol) for s, r in zip(student, reference,
                                                                      strict=True))
        a = np.asarray(student, dtype=float)
        b = np.asarray(reference, dtype=float)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))
    except (TypeError, ValueError):
        return False


def call_agrees(call, student, reference):
    """same_numbers with the tolerances and judge of ``call`` (a Call)."""
    return same_numbers(student, reference, call.judge, call.rtol, call.atol, call.noisy)


def decoded(result):
    """The value of a worker's step result, decoded (None when the step failed)."""
    return decode(result.get("value")) if result.get("ok") else None
