"""Write what the grader found: gradebook.csv, summary.csv and feedback per student.

The CSV files are for the instructor (English column names, status words
and details). The feedback is for the student, in the notebook's
language: per exercise its points, what went wrong in words, and a hint.
It never shows a hidden test's source, inputs or expected values: only
the kind of failure and the name of an exception the student's code raised.
"""

import csv
import hashlib
import html
import io
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from autograde.grade import Row
from gc_utils import message, register_messages

GRADEBOOK_COLUMNS = ("submission", "lesson", "language", "item", "points", "max_points",
                     "status", "detail")
SUMMARY_COLUMNS = ("submission", "lesson", "language", "points", "max_points", "flags")

register_messages({
    "grade.title": {"en": "Feedback: lesson {lesson}", "tr": "Geri bildirim: ders {lesson}"},
    "grade.total": {"en": "Total: {points:g} / {max_points:g} points",
                    "tr": "Toplam: {points:g} / {max_points:g} puan"},
    "grade.exercise": {"en": "Exercise `{name}`: {points:g} / {max_points:g} points",
                       "tr": "Alıştırma `{name}`: {points:g} / {max_points:g} puan"},
    "grade.status.passed": {"en": "All tests passed.", "tr": "Tüm testler geçti."},
    "grade.status.failed": {
        "en": "A test failed: your function runs but returns a wrong result.",
        "tr": "Bir test başarısız: fonksiyonunuz çalışıyor ama yanlış sonuç döndürüyor."},
    "grade.status.error": {
        "en": "Your code raised `{ename}` while the tests ran.",
        "tr": "Testler çalışırken kodunuz `{ename}` hatası verdi."},
    "grade.status.timeout": {
        "en": "Your code did not finish within the time limit (an endless loop?).",
        "tr": "Kodunuz süre sınırı içinde bitmedi (sonsuz bir döngü mü?)."},
    "grade.status.kernel-died": {
        "en": "The Python process stopped while your code ran (os._exit, too much memory, "
              "too many processes?).",
        "tr": "Kodunuz çalışırken Python süreci durdu (os._exit, çok fazla bellek, "
              "çok fazla süreç?)."},
    "grade.status.output-mismatch": {
        "en": "The printed output differs from the expected output.",
        "tr": "Yazdırılan çıktı beklenen çıktıdan farklı."},
    "grade.status.disagreement": {
        "en": "The notebook's tests passed, but your function returned wrong numbers when the "
              "grader called it on its own inputs. Your instructor will look at it.",
        "tr": "Not defterindeki testler geçti, ama notlandırıcı fonksiyonunuzu kendi "
              "girdileriyle çağırdığında yanlış sayılar döndü. Eğitmeniniz inceleyecek."},
    "grade.status.uses-reference": {
        "en": "Your function calls the course's ready-made gradient check (such as "
              "`loop_check`) instead of computing the check itself. This exercise asks you "
              "to implement the check, so it earns no points.",
        "tr": "Fonksiyonunuz kontrolü kendisi hesaplamak yerine dersin hazır gradyan "
              "kontrolünü (örneğin `loop_check`) çağırıyor. Bu alıştırmada kontrolü sizin "
              "yazmanız isteniyor, bu yüzden puan verilmedi."},
    "grade.status.not-run": {
        "en": "These tests could not run (an earlier cell stopped the notebook).",
        "tr": "Bu testler çalıştırılamadı (önceki bir hücre not defterini durdurdu)."},
    "grade.hint.generic": {
        "en": "Hint: run the notebook from the top (Restart & Run All) and read the check "
              "right after your function.",
        "tr": "İpucu: not defterini baştan çalıştırın (Restart & Run All) ve fonksiyonunuzdan "
              "hemen sonraki kontrolün çıktısını okuyun."},
    "grade.hint.timeout": {
        "en": "Hint: look for a loop whose condition never becomes false.",
        "tr": "İpucu: koşulu hiç yanlış olmayan bir döngü arayın."},
    "grade.hint.error": {
        "en": "Hint: `NotImplementedError` means the `# YOUR CODE HERE` part is still "
              "empty; otherwise the traceback in your notebook shows the line.",
        "tr": "İpucu: `NotImplementedError`, `# KODUNUZU BURAYA YAZIN` kısmının hâlâ boş olduğu "
              "anlamına gelir; değilse not defterinizdeki hata izi satırı gösterir."},
    "grade.flags": {
        "en": "Changes outside your answer cells (ignored for grading, shown to your "
              "instructor): {flags}",
        "tr": "Cevap hücreleriniz dışındaki değişiklikler (puanlamada dikkate alınmadı, "
              "eğitmeninize gösterilir): {flags}"},
    "grade.item": {"en": "`{item}`: {points:g} / {max_points:g} points",
                   "tr": "`{item}`: {points:g} / {max_points:g} puan"},
    "grade.test.visible": {"en": "visible test {names}: {outcome}",
                           "tr": "görünür test {names}: {outcome}"},
    "grade.test.hidden": {"en": "hidden test {names}: {outcome}",
                          "tr": "gizli test {names}: {outcome}"},
    "grade.outcome.passed": {"en": "passed", "tr": "geçti"},
    "grade.outcome.failed": {"en": "failed", "tr": "başarısız"},
    "grade.outcome.not-run": {"en": "not run (the cell stopped before it)",
                              "tr": "çalıştırılmadı (hücre ondan önce durdu)"},
    "grade.outcome.stopped": {"en": "no verdict (the cell stopped, see below)",
                              "tr": "sonuç yok (hücre durdu, aşağıya bakın)"},
    "grade.test.calls": {
        "en": "the grader's own calls of your functions: {right} of {total} right",
        "tr": "notlandırıcının fonksiyonlarınızı kendi çağırması: {total} çağrının {right} "
              "tanesi doğru"},
    "grade.partial": {
        "en": "Partial credit: {points:g} of {max_points:g} points. No points for {items}: "
              "see the reasons below.",
        "tr": "Kısmi puan: {max_points:g} puanın {points:g} puanı. Şu maddeler puan almadı: "
              "{items}; nedenleri aşağıda."},
    "grade.feedback-failed": {
        "en": "Your feedback could not be written ({detail}); your instructor has your "
              "points and will send it.",
        "tr": "Geri bildiriminiz yazılamadı ({detail}); puanlarınız eğitmeninizde, geri "
              "bildirimi size o gönderecek."},
    "grade.rejected": {
        "en": "This file could not be graded: {detail}. Submit the lesson's notebook "
              "(.ipynb) as Jupyter saved it.",
        "tr": "Bu dosya notlandırılamadı: {detail}. Dersin not defterini (.ipynb) Jupyter'in "
              "kaydettiği hâliyle teslim edin."},
})

HINTS = {"timeout": "grade.hint.timeout", "error": "grade.hint.error"}


# Most file systems allow 255 bytes per name; the feedback file keeps room
# for its hash and ".md"
NAME_BYTES = 120
REPORT_FILES = ("gradebook.csv", "summary.csv")
# A spreadsheet runs a cell that starts with one of these as a formula
FORMULA_STARTS = ("=", "+", "-", "@")
# Characters that reorder the text around them: a name could look like another
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")


def clean_text(text):
    """Return ``text`` as valid UTF-8 on one line: lone surrogates, controls, newlines replaced.

    Every string from a submission (its path, cell ids, error messages)
    passes here before it reaches a report.
    """
    text = str(text).encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(" " if unicodedata.category(char) in ("Cc", "Zl", "Zp")
                   or char in BIDI_CONTROLS else char for char in text)


def csv_cell(value):
    """Return a CSV cell that a spreadsheet shows as text (clean_text, formulas quoted)."""
    text = clean_text(value)
    # a lone sign (the item "-" of a rejected file) is no formula
    # (after blanks, which some spreadsheets skip)
    start = text.lstrip()
    return "'" + text if len(start) > 1 and start.startswith(FORMULA_STARTS) else text


def safe_name(submission):
    """Return a feedback file name stem for a submission: portable, at most NAME_BYTES, unique.

    The readable part keeps letters, digits, ``.``, ``-`` and ``_``; a hash
    of the full submission id makes two submissions that read alike (or
    are cut alike) two files.
    """
    text = clean_text(submission)
    readable = re.sub(r"[^\w.-]+", "_", text, flags=re.ASCII).strip("._") or "submission"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{readable[:NAME_BYTES - len(digest) - 1]}-{digest}"


def clear_reports(outdir):
    """Remove an earlier run's reports from ``outdir``: none may look current if this run fails."""
    for name in REPORT_FILES:
        Path(outdir, name).unlink(missing_ok=True)


def write_atomically(path, text):
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename.

    A reader sees the old file or the whole new one, never a part.
    """
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _csv_text(columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def write_reports(outdir, graded_list):
    """Write gradebook.csv, summary.csv and feedback/<safe_name>.md under ``outdir``.

    Feedback first and the CSV files last, each atomically: a run that
    stops half-way leaves no summary.csv at all (see clear_reports). A
    submission whose feedback cannot be made gets a ``grader-error`` row
    saying why and a short note instead; returns those errors (strings).
    """
    outdir = Path(outdir)
    (outdir / "feedback").mkdir(parents=True, exist_ok=True)
    errors = []
    for graded in graded_list:
        try:
            text = feedback(graded)
        except Exception as error:  # noqa: BLE001 - one submission's report, not the class's
            detail = f"feedback failed: {type(error).__name__}: {error}"
            errors.append(f"{clean_text(graded.submission)}: {detail}")
            graded.rows.append(Row("-", 0.0, 0.0, "grader-error", detail))
            graded.flags.append("grader-error")
            text = "\n\n".join(message("grade.feedback-failed", language,
                                         detail=_escape(type(error).__name__))
                                 for language in ("en", "tr")) + "\n"
        write_atomically(outdir / "feedback" / f"{safe_name(graded.submission)}.md", text)
    write_atomically(outdir / "gradebook.csv", _csv_text(GRADEBOOK_COLUMNS, (
        (graded.submission, graded.lesson, graded.language, row.item, f"{row.points:g}",
         f"{row.max_points:g}", row.status, row.detail)
        for graded in graded_list for row in graded.rows)))
    write_atomically(outdir / "summary.csv", _csv_text(SUMMARY_COLUMNS, (
        (graded.submission, graded.lesson, graded.language, f"{graded.points:g}",
         f"{graded.max_points:g}", ";".join(graded.flags)) for graded in graded_list)))
    return errors


def feedback(graded):
    """Return the Markdown feedback of one submission in its language (both when unknown)."""
    languages = [graded.language] if graded.language else ["en", "tr"]
    return "\n\n---\n\n".join(_feedback(graded, language) for language in languages)


def _feedback(graded, language):
    lines = [f"# {message('grade.title', language, lesson=graded.lesson or '?')}", "",
             _code(graded.submission), ""]
    if not graded.exercises:
        detail = "; ".join(row.detail for row in graded.rows)
        lines.append(message("grade.rejected", language, detail=_escape(detail)))
        return "\n".join(lines) + "\n"
    total = message("grade.total", language, points=graded.points, max_points=graded.max_points)
    lines += [f"**{total}**", ""]
    for exercise in graded.exercises:
        rows = [row for row in graded.rows if row.exercise == exercise.name]
        points = sum(row.points for row in rows)
        max_points = sum(row.max_points for row in rows)
        title = message("grade.exercise", language, name=exercise.name, points=points,
                        max_points=max_points)
        lines.append(f"## {title}")
        lines.append("")
        lines += [line for row in rows for line in _item_lines(row, language)]
        lost = [row for row in rows if row.points < row.max_points]
        if lost and points > 0:
            lines += ["", message("grade.partial", language, points=points, max_points=max_points,
                                  items=", ".join(_code(row.item) for row in lost))]
        lines.append("")
        statuses = []
        for row in rows:
            text = message(f"grade.status.{row.status}", language,
                           ename=_error_name(row.detail))
            if text not in statuses:
                statuses.append(text)
        lines += [f"- {text}" for text in statuses]
        failed = [row for row in rows if row.status != "passed"]
        if failed:
            hint = HINTS.get(failed[0].status, "grade.hint.generic")
            lines += ["", message(hint, language)]
        lines.append("")
    if graded.flags:
        lines.append(message("grade.flags", language,
                             flags=", ".join(_code(flag) for flag in graded.flags)))
    return "\n".join(lines) + "\n"


OUT_OF_KERNEL = re.compile(r"out-of-kernel: (\d+)/(\d+) calls right")


def _item_lines(row, language):
    """The Markdown list entry of one graded item: its points and each test's outcome by name.

    Only the names of the functions a test calls appear (item_tests), never
    a hidden test's code, inputs or values.
    """
    lines = ["- " + message("grade.item", language, item=row.item, points=row.points,
                            max_points=row.max_points)]
    for part, names, outcome in row.tests:
        lines.append("  - " + message(f"grade.test.{part}", language,
                                      names=", ".join(_code(n) for n in names.split(", ")),
                                      outcome=message(f"grade.outcome.{outcome}", language)))
    calls = OUT_OF_KERNEL.search(row.detail)
    if calls:
        lines.append("  - " + message("grade.test.calls", language, right=calls.group(1),
                                      total=calls.group(2)))
    return lines


def _error_name(detail):
    match = re.search(r"nbval: \w[\w-]* \((\w+)\)", detail)
    return match.group(1) if match else "Exception"


def _escape(text):
    """Prose-safe Markdown: clean_text, HTML escaped, Markdown's syntax characters escaped."""
    escaped = html.escape(clean_text(text)).replace("`", "'")
    return re.sub(r"([\\*_\[\]#!|~])", r"\\\1", escaped)


def _code(text):
    """A Markdown code span of clean_text(text): inside it HTML and Markdown are shown, not run."""
    return "`" + clean_text(text).replace("`", "'") + "`"
