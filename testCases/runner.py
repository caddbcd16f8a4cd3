"""Run a student's number-returning function on many inputs and explain what went wrong.

The 1-D forward and backward passes, ``gradient_check`` and
``gradient_check_n`` all return one number; this runs such a function on
every :class:`ScalarCase`, checks that it returned a number, left its
inputs alone and got the expected value, and names the mistake that
explains every wrong value (see :mod:`testCases.mistakes`).
"""

from dataclasses import dataclass, replace

from .report import (
    CheckResult,
    Problem,
    Text,
    call_problem,
    call_student,
    mutation_problem,
    number,
    scalar_problem,
    snapshot,
)


@dataclass(frozen=True)
class ScalarCase:
    """One input to a number-returning student function.

    Attributes:
        label: the inputs as the student reads them (str or :class:`Text`).
        arguments: ``{name: value}`` passed positionally, in order; each
            call gets fresh copies, and mutation is detected on them.
        options: ``{name: value}`` passed by keyword.
        expected: the correct result (float).
        what: the result's name in messages (``"J"``, ``"difference"``).
        agrees: ``agrees(got, expected) -> bool``.
        mistakes: zero-argument callable returning ``(kind, value)`` pairs,
            what each usual mistake returns on these inputs (cache it: it
            is asked again for every failing student).
    """

    label: object
    arguments: dict
    options: dict
    expected: float
    what: str
    agrees: object
    mistakes: object


def with_printing(case):
    """The same case run with ``print_msg=True``: printing must not change the result."""
    return replace(case, label=Text("case.printing", {"case": case.label}),
                   options={**case.options, "print_msg": True})


def run_scalar_check(target, name, cases, hints, fallback_hint=None):
    """Run ``target`` on each case and return the verdict.

    Stops at the first call that raises or returns None (every later call
    would too); otherwise runs every case, so a wrong value is explained by
    the mistake that matches all the wrong values at once.

    Args:
        target: the student's function.
        name: its name in messages.
        cases: list of :class:`ScalarCase`.
        hints: ``{mistake kind: Text}``, the plain-words hint for each kind.
        fallback_hint: a :class:`Text` shown when no known mistake matches.

    Returns:
        :class:`CheckResult`. A wrong value is one problem (its kind the
        mistake, or ``"wrong_value"``) whose ``data`` holds ``expected``
        and ``got`` at the first failing input and how many ``failed``.
    """
    problems = []
    failures = []
    for count, case in enumerate(cases, start=1):
        arguments = snapshot(case.arguments)
        options = snapshot(case.options)
        call = call_student(target, *arguments.values(), **options)
        stop = call_problem(name, call, case.label)
        if stop is not None:
            return CheckResult(name, tuple(problems + [stop]), count)
        changed = mutation_problem(name, {**arguments, **options},
                                   {**case.arguments, **case.options}, case.label)
        value, shape_problem = scalar_problem(name, call.value, case.label)
        for found in (changed, shape_problem):
            if found is not None and found.kind not in {p.kind for p in problems}:
                problems.append(found)
        if value is None:
            return CheckResult(name, tuple(problems), count)
        if not case.agrees(value, case.expected):
            failures.append((case, value))
    if failures:
        problems.append(_wrong_value(failures, hints, fallback_hint))
    return CheckResult(name, tuple(problems), len(cases))


def _wrong_value(failures, hints, fallback_hint):
    # Only mistakes this check has a hint for can explain a wrong value
    explained = None
    first_case, first_value = failures[0]
    for kind in _matching(first_case, first_value):
        if kind in hints and all(kind in _matching(case, value) for case, value in failures[1:]):
            explained = kind
            break
    detail = Text("check.wrong_value", {
        "case": first_case.label, "what": first_case.what,
        "expected": number(first_case.expected), "got": number(first_value),
    })
    data = {"expected": first_case.expected, "got": first_value, "failed": len(failures)}
    if explained is None:
        return Problem("wrong_value", detail, fallback_hint, data)
    return Problem(explained, detail, hints[explained], data)


def _matching(case, value):
    return list(dict.fromkeys(kind for kind, result in case.mistakes()
                              if case.agrees(value, result)))
