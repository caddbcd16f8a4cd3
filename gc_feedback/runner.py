"""Run a student's number-returning function on many inputs and explain what went wrong.

The 1-D forward and backward passes, ``gradient_check`` and
``gradient_check_n`` all return one number; this runs such a function on
every :class:`ScalarCase`, checks that it returned a number, left its
inputs alone and got the expected value, and names the mistake that
explains every wrong value (see :mod:`gc_feedback.mistakes`).
"""

from dataclasses import dataclass, replace

from .hints import hint
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

# Said when no catalogued mistake explains the wrong answers: never a guess
NOT_USUAL = hint("not_usual")


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
        matches: ``matches(got, replayed) -> bool`` for mistakes; None: ``agrees``.
    """

    label: object
    arguments: dict
    options: dict
    expected: float
    what: str
    agrees: object
    mistakes: object
    matches: object = None


def with_printing(case):
    """The same case run with ``print_msg=True``: printing must not change the result."""
    return replace(case, label=Text("case.printing", {"case": case.label}),
                   options={**case.options, "print_msg": True})


def run_scalar_check(target, name, cases, hints, fallback_hint=None):
    """Run a number-returning ``target`` on each :class:`ScalarCase` and return the verdict.

    Args:
        target: the student's function.
        name: its name in messages.
        cases: list of :class:`ScalarCase`.
        hints: ``{mistake kind: Text}``, the plain-words hint for each kind.
        fallback_hint: shown when no mistake matches: a :class:`Text`, or
            ``fallback_hint(first failing case, got)`` returning hints; None:
            the honest "not one of the usual mistakes" (hint ``not_usual``).

    Returns:
        :class:`CheckResult`, as :func:`run_answer_check` gives it.
    """
    return run_answer_check(
        target, name, cases, hints,
        read=scalar_problem,
        agrees=lambda case, got, reference: case.agrees(got, reference),
        wrong=_wrong_number,
        fallback_hint=fallback_hint,
        matches=lambda case, got, replayed: (case.matches or case.agrees)(got, replayed),
    )


def run_answer_check(target, name, cases, hints, read, agrees, wrong, fallback_hint=None,
                     matches=None):
    """Run ``target`` on each case and return the verdict.

    Stops at the first call that raises or returns nothing usable (every
    later call would too); otherwise runs every case, so a wrong answer is
    explained by the mistake that matches all the wrong answers at once.

    Args:
        target: the student's function.
        name: its name in messages.
        cases: objects with ``label``, ``arguments``, ``options``,
            ``expected`` and ``mistakes()`` (``(kind, answer)`` pairs).
        hints: ``{mistake kind: Text}``; only these kinds can explain.
        read: ``read(name, value, label) -> (answer or None, Problem or None)``
            turns the returned value into an answer, or says why it cannot.
        agrees: ``agrees(case, got, reference) -> bool``.
        wrong: ``wrong(case, got) -> Text`` describing a wrong answer.
        fallback_hint: as :func:`run_scalar_check`.
        matches: ``matches(case, got, replayed) -> bool``; None: ``agrees``.

    Returns:
        :class:`CheckResult`. A wrong answer is one problem (its kind the
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
        answer, form_problem = read(name, call.value, case.label)
        for found in (changed, form_problem):
            if found is not None and found.kind not in {p.kind for p in problems}:
                problems.append(found)
        if answer is None:
            return CheckResult(name, tuple(problems), count)
        if not agrees(case, answer, case.expected):
            failures.append((case, answer))
    if failures:
        problems.append(_wrong_answer(failures, hints, matches or agrees, wrong, fallback_hint))
    return CheckResult(name, tuple(problems), len(cases))


def _wrong_number(case, value):
    return Text("check.wrong_value", {
        "case": case.label, "what": case.what,
        "expected": number(case.expected), "got": number(value),
    })


def _wrong_answer(failures, hints, matches, wrong, fallback_hint):
    # Only a mistake this check has a hint for can explain the wrong answers
    def matching(case, answer):
        return [kind for kind, result in case.mistakes() if matches(case, answer, result)]

    first_case, first_answer = failures[0]
    explained = None
    for kind in dict.fromkeys(matching(first_case, first_answer)):
        if kind in hints and all(kind in matching(case, answer) for case, answer in failures[1:]):
            explained = kind
            break
    data = {"expected": first_case.expected, "got": first_answer, "failed": len(failures)}
    if explained is not None:
        hint = hints[explained]
    elif callable(fallback_hint):
        hint = fallback_hint(first_case, first_answer)
    else:
        hint = fallback_hint if fallback_hint is not None else NOT_USUAL
    return Problem(explained or "wrong_value", wrong(first_case, first_answer), hint, data)

