"""The out-of-kernel check's worker: run answer cells, call functions, print the numbers.

Runs jailed (``python -m autograde.probe_worker`` under autograde.jail), one
process per submission, without a Jupyter kernel. It reads one JSON task on
stdin::

    {"prelude": [code, ...], "cells": [code, ...],
     "calls": [{"function": name, "args": [...], "kwargs": {...},
                "patch": {name: code}, "withhold": [name, ...]}, ...],
     "skip": [step, ...]}

Steps are numbered: first the cells, then the calls. For each step it
writes one JSON line ``{"step": n, "ok": bool, "error": name, "value": v}``
to its standard output as soon as the step ends, so the grader can enforce a
deadline per step and restart it past a step that hangs. Arrays travel as
``{"ndarray": nested lists, "shape": [...]}``. The student's own prints go to
/dev/null. Nothing here is trusted by the grader but the numbers, which it
compares itself.
"""

import contextlib
import importlib
import json
import math
import os
import sys

# The course's own implementations of a gradient check, by name: a call
# that "withholds" one runs with every reference to it (in any loaded module
# and in the answers' namespace) raising ReferenceWithheldError
REFERENCES = {
    "loop_check": "gc_checking.fast_checks",
    "vectorized_check": "gc_checking.fast_checks",
    "centered_difference": "gc_explorers.explorer_sweeps",
    "centered_difference_gradient": "gc_checking.reference",
    "fraud_net_gradient": "gc_checking.reference",
    "centered_gradapprox": "gc_feedback.mistakes",
}


class OfflineShell:
    """What ``get_ipython()`` gives answer cells here: IPython's magics without a kernel.

    Answer cells are run as IPython runs them (IPython's own input
    transformer turns ``%%time``, ``%timeit``, ``!ls`` into calls on this
    object), so honest notebook code does not fail for its magics:
    ``%%time``/``%%timeit``/``%%capture`` and ``%time`` run their code once;
    other magics and shell commands do nothing (no shell in the check).
    ``used`` lists the magics met, for the grader's note.
    """

    RUN_BODY = ("time", "timeit", "capture", "prun")

    def __init__(self, namespace):
        self.namespace, self.used = namespace, []

    def run_cell_magic(self, name, line, body):
        self.used.append(f"%%{name}")
        if name in self.RUN_BODY:
            exec(compile(transform(body), f"<%%{name} cell>", "exec"), self.namespace)

    def run_line_magic(self, name, line, *args):
        self.used.append(f"%{name}")
        if name == "time":
            exec(compile(transform(line), "<%time line>", "exec"), self.namespace)

    def system(self, command):
        self.used.append("!")

    def getoutput(self, command, *args):
        self.used.append("!")
        return []


def transform(source):
    """Return a cell's source as the Python IPython would run (magics become calls).

    Plain Python is returned as it is (no IPython import for it).
    """
    try:
        compile(source, "<answer>", "exec")
        return source
    except (SyntaxError, ValueError):
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(source)


class ReferenceWithheldError(RuntimeError):
    """The function under test called one of the course's reference checks."""


@contextlib.contextmanager
def withheld(names, namespace):
    """Replace the REFERENCES ``names`` everywhere they are bound, for the ``with`` block."""
    originals = {id(getattr(importlib.import_module(REFERENCES[name]), name)): name
                 for name in names}

    def refuse(*args, **kwargs):
        raise ReferenceWithheldError("the course's reference check is withheld for this call")

    replaced = []
    scopes = [vars(module) for module in list(sys.modules.values()) if module is not None]
    for scope in [namespace, *scopes]:
        for key, value in list(scope.items()):
            if id(value) in originals:
                replaced.append((scope, key, value))
                scope[key] = refuse
    try:
        yield
    finally:
        for scope, key, value in replaced:
            scope[key] = value


def encode(value, depth=0):
    """Return ``value`` as JSON-able data (numbers, arrays, dicts, lists); others by type name."""
    import numpy as np

    if depth > 10:
        return {"unsupported": "nested too deep"}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)) and abs(int(value)) < 2**53:
        return int(value)  # an index or a seed must stay an int
    if isinstance(value, str) and len(value) < 10_000:
        return value
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else {"float": repr(number)}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf" or value.size > 100_000:
            return {"unsupported": f"array of {value.dtype} with {value.size} entries"}
        return {"ndarray": np.nan_to_num(value.astype(float), nan=1e308).tolist(),
                "shape": list(value.shape), "finite": bool(np.isfinite(value).all())}
    if isinstance(value, dict):
        return {"dict": {str(key): encode(item, depth + 1) for key, item in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"list": [encode(item, depth + 1) for item in value]}
    if value is None:
        return None
    return {"unsupported": type(value).__name__}


def decode(value, namespace=None):
    """Inverse of :func:`encode` for the grader's inputs (arrays, dicts, lists, numbers).

    ``{"expr": code, "bind": {...}}`` (an argument the grader cannot send as
    data) is evaluated in ``namespace`` with the bound names added.
    """
    import numpy as np

    if isinstance(value, dict) and "expr" in value and namespace is not None:
        scope = dict(namespace)
        scope.update({key: decode(item) for key, item in value["bind"].items()})
        return eval(value["expr"], scope)
    if isinstance(value, dict):
        if "ndarray" in value:
            return np.array(value["ndarray"], dtype=float).reshape(value["shape"])
        if "dict" in value:
            return {key: decode(item) for key, item in value["dict"].items()}
        if "list" in value:
            return [decode(item) for item in value["list"]]
    return value


def main():
    task = json.loads(sys.stdin.read())
    # a forked copy could write result lines of its own: it ends at once
    os.register_at_fork(after_in_child=lambda: os._exit(70))
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    skip = set(task.get("skip", []))
    namespace = {"__name__": "__main__"}
    shell = OfflineShell(namespace)
    namespace["get_ipython"] = lambda: shell
    for code in task["prelude"]:
        exec(compile(code, "<prelude>", "exec"), namespace)
    # the grader's arguments are built from the imports alone, not from
    # whatever the student's cells later bind to those names
    imports = dict(namespace)
    step = 0

    def report(ok, error="", value=None, magics=()):
        out.write(json.dumps({"step": step, "ok": ok, "error": error, "value": value,
                              "magics": sorted(set(magics))}) + "\n")
        out.flush()

    for code in task["cells"]:
        if step not in skip:
            shell.used = []
            try:
                exec(compile(transform(code), f"<answer cell {step}>", "exec"), namespace)
                report(True, magics=shell.used)
            except BaseException as error:  # noqa: BLE001 - the student's code may raise anything
                report(False, type(error).__name__, magics=shell.used)
        step += 1
    for call in task["calls"]:
        if step not in skip:
            try:
                scope = dict(namespace)
                for name, code in call.get("patch", {}).items():
                    scope[name] = eval(code, scope)
                function = scope[call["function"]]
                # a patched global must be seen by the function under test
                if call.get("patch"):
                    function = type(function)(function.__code__, scope, function.__name__,
                                              function.__defaults__, function.__closure__)
                args = [decode(arg, imports) for arg in call["args"]]
                kwargs = {key: decode(arg, imports) for key, arg in call.get("kwargs", {}).items()}
                with withheld(call.get("withhold", []), namespace):
                    value = function(*args, **kwargs)
                report(True, value=encode(value))
            except BaseException as error:  # noqa: BLE001
                report(False, type(error).__name__)
        step += 1
    out.close()
    os._exit(0)


if __name__ == "__main__":
    main()
