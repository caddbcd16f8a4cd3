"""What a check found, and how a student (or a grader) hears about it.

A check collects :class:`Problem` objects into a :class:`CheckResult`.
:func:`report` prints the green verdict when all is well and, on failure,
raises :class:`CheckFailedError`, an ``AssertionError`` carrying the verdict
once, so nbval and the autograder see the cell fail (IPython shows it red,
without the helpers' frames).
:func:`call_student` runs a student's function without letting its
printing or its exceptions get in the way of the verdict.
"""

import contextlib
import io
import traceback
from dataclasses import dataclass, field

import numpy as np

from gc_utils import message, register_messages

register_messages({
    "check.passed": {"en": "All tests passed.", "tr": "Tüm testler geçti."},
    # Every check cell holds hidden tests that run at grading (TERMINOLOGY.md)
    "check.visible_passed": {
        "en": "All visible tests passed.",
        "tr": "Görünür testlerin tümü geçti.",
    },
    "check.failed": {
        "en": "Test failed: `{name}`",
        "tr": "Test başarısız: `{name}`",
    },
    "value.array": {"en": "an array of shape {shape}", "tr": "{shape} boyutlu bir dizi"},
    "value.container": {"en": "a {kind} of {count} items", "tr": "{count} elemanlı bir {kind}"},
    "case.printing": {"en": "{case} and print_msg=True", "tr": "{case} ve print_msg=True"},
    "check.hint": {"en": "Hint: {text}", "tr": "İpucu: {text}"},
    # The stub: nbgrader's two lines (tools.variants.code_stub)
    "check.not_implemented": {
        "en": "`{name}` is not implemented yet: replace `# YOUR CODE HERE` and "
              "`raise NotImplementedError()` with your code, run that cell, then this check.",
        "tr": "`{name}` henüz yazılmadı: `# KODUNUZU BURAYA YAZIN` ve "
              "`raise NotImplementedError()` satırlarının yerine kodunuzu yazın, o hücreyi, "
              "sonra bu kontrolü çalıştırın.",
    },
    "check.helper_not_implemented": {
        "en": "`{name}` stopped because `{helper}`, which it calls, is not implemented yet: "
              "write `{helper}` first and run its cell.",
        "tr": "`{name}` durdu, çünkü çağırdığı `{helper}` henüz yazılmadı: önce `{helper}` "
              "fonksiyonunu yazın ve hücresini çalıştırın.",
    },
    "check.raised": {
        "en": "`{name}` raised an error for {case}: {error}{where}",
        "tr": "`{name}`, {case} için hata verdi: {error}{where}",
    },
    "check.raised_at": {
        "en": "\n  Your code stopped in `{function}`, at line {line} of its cell{code}",
        "tr": "\n  Kodunuz `{function}` içinde, hücresinin {line}. satırında durdu{code}",
    },
    "check.returned_none": {
        "en": "`{name}` returned None for {case}: is the `return` line missing?",
        "tr": "`{name}`, {case} için None döndürdü: `return` satırı eksik olabilir mi?",
    },
    "check.printed_instead": {
        "en": "`{name}` printed {printed} but returned None for {case}: "
              "return the value (`return ...`) instead of printing it.",
        "tr": "`{name}`, {case} için {printed} yazdırdı ama None döndürdü: "
              "değeri yazdırmak yerine `return ...` ile döndürün.",
    },
    "check.array_instead": {
        "en": "`{name}` returned an array of shape {shape} for {case}; expected one number "
              "(a float). Return the number itself, for example with `float(...)`.",
        "tr": "`{name}`, {case} için {shape} boyutlu bir dizi döndürdü; tek bir sayı (float) "
              "bekleniyordu. Sayının kendisini döndürün, örneğin `float(...)` ile.",
    },
    "check.not_a_number": {
        "en": "`{name}` returned {got} for {case}; expected a number.",
        "tr": "`{name}`, {case} için {got} döndürdü; bir sayı bekleniyordu.",
    },
    "check.wrong_value": {
        "en": "For {case}: expected `{what}` = {expected}, got {got}.",
        "tr": "{case} için beklenen `{what}` = {expected}, gelen: {got}.",
    },
    "check.mutated": {
        "en": "`{name}` changed its input `{argument}` (for {case}). Work on a copy "
              "(`np.copy`) so that the caller's values stay as they were.",
        "tr": "`{name}`, {case} için girdisi olan `{argument}` değerini değiştirdi. "
              "Çağıranın değerleri değişmesin diye bir kopya (`np.copy`) üzerinde çalışın.",
    },
})

# ANSI colours: JupyterLab, Notebook 7, Colab and terminals all render them
GREEN = "\x1b[92m"
RED = "\x1b[91m"
RESET = "\x1b[0m"


@dataclass(frozen=True)
class Text:
    """A registered message and its fields, rendered in any language on demand."""

    key: str
    fields: dict = field(default_factory=dict)

    def render(self, language=None):
        """Return the message in ``language`` (None: the language in force)."""
        fields = {
            name: value.render(language) if isinstance(value, Text) else value
            for name, value in self.fields.items()
        }
        return message(self.key, language, **fields)


@dataclass(frozen=True)
class Problem:
    """One thing a check found wrong.

    Attributes:
        kind: a stable name for programs (``"precedence"``, ``"one_sided"``,
            ``"wrong_value"``, ``"not_implemented"``, …); the hint keys and
            the autograder's feedback rely on it.
        detail: what was expected and what came (a :class:`Text`).
        hint: the likely cause in plain words: a :class:`Text`, a tuple of
            them (one per cause), or None.
        data: details for programs, e.g. ``{"blocks": ["dW2"]}``.
    """

    kind: str
    detail: Text
    hint: object = None
    data: dict = field(default_factory=dict)

    @property
    def hints(self):
        """The hints as a tuple of :class:`Text` (empty when there is none)."""
        if self.hint is None:
            return ()
        return self.hint if isinstance(self.hint, tuple) else (self.hint,)

    def render(self, language=None):
        """Return the problem (and its hints) as text in ``language``."""
        lines = [self.detail.render(language)]
        lines += ["  " + message("check.hint", language, text=hint.render(language))
                  for hint in self.hints]
        return "\n".join(lines)


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one check on one student function.

    Attributes:
        name: the checked function's name, e.g. ``"gradient_check_n"``.
        problems: tuple of :class:`Problem`; empty when every test passed.
        cases: how many inputs the function was run on.
    """

    name: str
    problems: tuple
    cases: int

    @property
    def passed(self):
        """True when no problem was found."""
        return not self.problems

    @property
    def kinds(self):
        """The problems' kinds, in the order found (for graders and tests)."""
        return [problem.kind for problem in self.problems]

    def render(self, language=None):
        """Return the verdict as plain text in ``language`` (None: the one in force)."""
        if self.passed:
            return message("check.passed", language)
        lines = [message("check.failed", language, name=self.name)]
        lines += ["- " + problem.render(language) for problem in self.problems]
        return "\n".join(lines)

    def __str__(self):
        return self.render()


class CheckFailedError(AssertionError):
    """A check found problems; ``.result`` holds the :class:`CheckResult`.

    The message is the verdict in the language in force when it was raised.
    """

    def __init__(self, result):
        super().__init__(result.render())
        self.result = result

    def _render_traceback_(self):
        """What IPython shows instead of the helpers' frames: the red verdict (list of str)."""
        return [f"{RED}{self.args[0]}{RESET}"]


def report(result):
    """Print the green verdict of a passing ``result``; raise :class:`CheckFailedError` otherwise.

    Hidden tests follow every check cell at grading: a pass says the visible ones passed.

    Args:
        result: a :class:`CheckResult`.

    Returns:
        None, so a passing check cell shows only its green verdict (the
        ``check_*`` functions return the result for code that needs it).

    Raises:
        CheckFailedError: its message is the verdict (nothing is printed);
            chained to the student's error when their code raised.
    """
    __tracebackhide__ = True  # pytest shows the verdict, not this frame
    if result.passed:
        print(f"{GREEN}{message('check.visible_passed')}{RESET}")
        return
    cause = next((p.data["error"] for p in result.problems if "error" in p.data), None)
    raise CheckFailedError(result) from cause


@dataclass(frozen=True)
class Call:
    """What happened when a student's function ran.

    Attributes:
        value: the returned value (None when it raised).
        printed: everything it printed, as one string.
        error: the exception it raised, or None.
        raised_in: the function the error came from, when not ``target``.
        at: the last ``traceback.FrameSummary`` in ``target``'s own cell or file.
    """

    value: object
    printed: str
    error: BaseException = None
    raised_in: str = None
    at: object = None


def call_student(target, *args, **kwargs):
    """Run ``target(*args, **kwargs)``, capturing its output and any exception.

    ``KeyboardInterrupt`` and ``SystemExit`` still stop the check.

    Returns:
        a :class:`Call`; when it raised, ``raised_in`` names the function
        the error came from if that is not ``target`` itself (a helper it
        calls, such as the notebook's ``forward_propagation``).
    """
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            value = target(*args, **kwargs)
    except Exception as exc:  # any student error becomes a verdict, not a crash
        own = getattr(getattr(target, "__code__", None), "co_filename", None)
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == own]
        return Call(None, buffer.getvalue(), exc, _raised_elsewhere(target, exc),
                    frames[-1] if frames else None)
    return Call(value, buffer.getvalue())


def _raised_elsewhere(target, error):
    traceback = error.__traceback__
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    code = traceback.tb_frame.f_code
    own = getattr(target, "__code__", None)
    return None if own is None or code is own else code.co_name


def call_problem(name, call, case):
    """Return the Problem when a call raised or returned None, else None.

    Args:
        name: the function's name.
        call: the :class:`Call`.
        case: a :class:`Text` describing the inputs.
    """
    if isinstance(call.error, NotImplementedError):
        if call.raised_in is not None:
            fields = {"name": name, "helper": call.raised_in}
            return Problem("helper_not_implemented", Text("check.helper_not_implemented", fields))
        return Problem("not_implemented", Text("check.not_implemented", {"name": name}))
    if call.error is not None:
        error = f"{type(call.error).__name__}: {call.error}"
        where = ""
        if call.at is not None:
            code = f": `{call.at.line.strip()}`" if call.at.line else ""
            where = Text("check.raised_at", {"line": call.at.lineno, "function": call.at.name,
                                             "code": code})
        fields = {"name": name, "case": case, "error": error, "where": where}
        return Problem("raised", Text("check.raised", fields), data={"error": call.error})
    if call.value is None:
        printed = call.printed.strip()
        if printed:
            shown = printed if len(printed) <= 60 else printed[:57] + "..."
            fields = {"name": name, "case": case, "printed": repr(shown)}
            return Problem("printed_instead", Text("check.printed_instead", fields))
        return Problem("returned_none", Text("check.returned_none", {"name": name, "case": case}))
    return None


def scalar_problem(name, value, case):
    """Check that ``value`` is one real number.

    Returns:
        (number, problem): the value as a float (or None when it is not a
        number at all) and the Problem found (or None). An array holding
        one number gives both: the number and an ``array_instead`` problem.
    """
    if isinstance(value, (bool, np.bool_)) or not _is_real(value):
        return None, Problem(
            "not_a_number",
            Text("check.not_a_number", {"name": name, "case": case, "got": describe(value)}),
        )
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return float(array), None
    problem = Problem(
        "array_instead",
        Text("check.array_instead", {"name": name, "case": case, "shape": array.shape}),
    )
    return (float(array.reshape(-1)[0]) if array.size == 1 else None), problem


def _is_real(value):
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        return False
    return array.dtype.kind in "iuf" and array.size >= 1


def describe(value):
    """A short description of a returned value, for messages (a :class:`Text` or a repr)."""
    if isinstance(value, np.ndarray):
        return Text("value.array", {"shape": value.shape})
    if isinstance(value, (tuple, list, dict, set)):
        return Text("value.container", {"kind": type(value).__name__, "count": len(value)})
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def number(value):
    """Show a float exactly (Python's shortest round-trip form)."""
    return repr(float(value))


def snapshot(value):
    """Deep copy of nested dicts, tuples, lists and arrays, to detect mutation later."""
    if isinstance(value, dict):
        return {key: snapshot(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(snapshot(item) for item in value)
    if isinstance(value, np.ndarray):
        return value.copy()
    return value


def same(before, after):
    """True when ``after`` still equals the snapshot ``before`` (same keys, shapes, bits)."""
    if isinstance(before, dict):
        return (isinstance(after, dict) and before.keys() == after.keys()
                and all(same(before[key], after[key]) for key in before))
    if isinstance(before, (tuple, list)):
        return (isinstance(after, (tuple, list)) and len(before) == len(after)
                and all(same(b, a) for b, a in zip(before, after, strict=True)))
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and before.shape == after.shape
                and np.array_equal(before, after, equal_nan=True))
    return before is after or before == after


def mutation_problem(name, arguments, originals, case):
    """Return a Problem for the first argument that no longer equals its snapshot.

    Args:
        name: the function's name.
        arguments: ``{argument name: the object passed}``.
        originals: ``{argument name: snapshot taken before the call}``.
        case: a :class:`Text` describing the inputs.
    """
    for argument, passed in arguments.items():
        if not same(originals[argument], passed):
            fields = {"name": name, "argument": argument, "case": case}
            return Problem("mutated", Text("check.mutated", fields))
    return None
