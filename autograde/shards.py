"""One class graded on many machines: ``--shard K/N``, the run manifest, ``merge``.

A file belongs to shard ``hash(submission id) mod N``: the submission id is
its path as the gradebook names it (the submissions folder's name and the
path below it), so the assignment depends neither on the order in which
files are listed nor on the machine. Every run writes ``manifest.json``:
the grader's version (and a digest of its code), the course's notebooks
(a digest), the seed and the options that change grades, the shard, the
whole class as listed and the submissions this run graded. ``merge``
refuses shards whose manifests disagree on any of these, and reports
submissions graded twice or by no shard.
"""

import hashlib
import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from autograde.report import write_atomically

MANIFEST_FILE = "manifest.json"
MANIFEST_FORMAT = 1
DISTRIBUTION = "gradient-checking-course"
# What must be equal in every shard of one class (keys of the manifest)
SAME_IN_EVERY_SHARD = ("grader", "course", "seed", "options", "class", "lessons")


def parse_shard(text):
    """Return (K, N) for "K/N" with 1 <= K <= N; raise ValueError saying what was expected."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", str(text))
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise ValueError(f"--shard {text!r}: expected K/N with 1 <= K <= N, e.g. 2/8")
    return int(match.group(1)), int(match.group(2))


def shard_of(submission, count):
    """Return the shard (1..count) of a submission id: a SHA-256 of the id, mod count."""
    digest = hashlib.sha256(submission.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select(files, shard):
    """Keep the collected (file, name, root) entries of shard (K, N); None keeps all."""
    if shard is None:
        return list(files)
    number, count = shard
    return [entry for entry in files if shard_of(entry[1], count) == number]


def grader_identity():
    """Return {"version", "code"}: the installed version and a digest of autograde/*.py."""
    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        version = "not installed"
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return {"version": version, "code": digest.hexdigest()}


def course_identity(catalog):
    """Return {"digest", "path"} of the course's instructor and released notebooks."""
    digest = hashlib.sha256()
    for key in sorted(catalog.lessons):
        lesson = catalog.lessons[key]
        release = catalog.root / "notebooks" / lesson.language / lesson.instructor_path.name
        for path in (lesson.instructor_path, release):
            digest.update(path.relative_to(catalog.root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return {"digest": digest.hexdigest(), "path": str(catalog.root)}


def lesson_points(catalog, exercises_of):
    """Return {lesson: {"max_points": total, "exercises": {name: points}}} of the course."""
    lessons = {}
    for (lesson, language), notebooks in sorted(catalog.lessons.items()):
        if language != "en":
            continue
        exercises = {exercise.name: sum(item.points for item in exercise.items)
                     for exercise in exercises_of(notebooks.instructor)}
        lessons[lesson] = {"max_points": sum(exercises.values()), "exercises": exercises}
    return lessons


def manifest(*, catalog, exercises_of, seed, options, shard, class_names, graded_names):
    """Return the manifest dict of one run (see the module docstring)."""
    course = course_identity(catalog)
    return {
        "format": MANIFEST_FORMAT,
        "grader": grader_identity(),
        "course": course["digest"],
        "course_path": course["path"],
        "seed": seed,
        "options": options,
        "shard": list(shard) if shard else None,
        "class": list(class_names),
        "graded": list(graded_names),
        "lessons": lesson_points(catalog, exercises_of),
    }


def write_manifest(outdir, data):
    """Write ``outdir/manifest.json`` (atomically)."""
    write_atomically(Path(outdir) / MANIFEST_FILE,
                     json.dumps(data, ensure_ascii=True, indent=1) + "\n")


def read_manifest(outdir):
    """Return the manifest of a run folder; ValueError naming the file when it is unusable."""
    path = Path(outdir) / MANIFEST_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ValueError(f"{path}: cannot read it ({error.strerror}); is {outdir} the --out "
                         "folder of a grader run?") from None
    except ValueError as error:
        raise ValueError(f"{path}: not JSON ({error})") from None
    missing = [key for key in (*SAME_IN_EVERY_SHARD, "format", "shard", "graded")
               if not isinstance(data, dict) or key not in data]
    if missing or data["format"] != MANIFEST_FORMAT:
        raise ValueError(f"{path}: not a manifest of this grader (missing {missing or 'format'})")
    return data


class ShardMismatchError(ValueError):
    """Shards that cannot belong to one class run (different seed, course, grader...)."""


@dataclass
class Merged:
    """The outcome of combining shards: Graded list in class order, and what was wrong."""

    graded: list
    manifest: dict
    duplicates: list  # (submission, [shard folders that graded it])
    gaps: list  # submissions of the class that no shard graded
    missing_shards: list  # shard numbers K of N with no folder


def combine(shards):
    """Combine [(folder, manifest, Graded list)] of one class into a Merged.

    Raises:
        ShardMismatchError: the manifests differ in grader, course, seed,
            options, class listing or lessons, or in the shard count N;
            the message names the folders and the field.
    """
    first_folder, first, _ = shards[0]
    for folder, data, _ in shards[1:]:
        for key in SAME_IN_EVERY_SHARD:
            if data[key] != first[key]:
                raise ShardMismatchError(
                    f"{folder} and {first_folder} differ in {_describe(key)}: "
                    f"{_short(data[key])} vs {_short(first[key])}; shards of one class must "
                    "come from the same grader, course, --seed, options and submissions")
    counts = {(data["shard"] or [1, 1])[1] for _, data, _ in shards}
    if len(counts) > 1:
        raise ShardMismatchError(f"the shards split the class in different numbers of parts "
                                 f"({', '.join(map(str, sorted(counts)))}); use one N")
    count = counts.pop()
    seen, by_name = {}, {}
    for folder, _, graded_list in shards:
        for graded in graded_list:
            seen.setdefault(graded.submission, []).append(str(folder))
            by_name.setdefault(graded.submission, graded)
    numbers = {(data["shard"] or [1, 1])[0] for _, data, _ in shards}
    merged = dict(first, shard=None, graded=[name for name in first["class"] if name in by_name])
    return Merged(
        graded=[by_name[name] for name in first["class"] if name in by_name],
        manifest=merged,
        duplicates=[(name, folders) for name, folders in seen.items() if len(folders) > 1],
        gaps=[name for name in first["class"] if name not in by_name],
        missing_shards=[k for k in range(1, count + 1) if k not in numbers])


def _describe(key):
    return {"grader": "grader version", "course": "course notebooks", "seed": "--seed",
            "options": "options (--timeout, --lesson)", "class": "the submissions listed",
            "lessons": "the course's lessons and points"}[key]


def _short(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
