"""Write what the grader found: gradebook.csv, summary.csv and feedback per student.

The CSV files are for the instructor (English column names, status words
and details). The feedback is for the student, in the notebook's
language: per exercise its points, what went wrong in words, and a hint.
It never shows a hidden test's source, inputs or expected values: only
the kind of failure and the name of an exception the student's code raised.
"""

import csv
import html
import re
from pathlib import Path

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
        "tr": "Not defterindeki testler geçti, ama not verme aracı fonksiyonunuzu kendi "
              "girdileriyle çağırdığında yanlış sayılar döndü. Öğretmeniniz inceleyecek."},
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
    "grade.rejected": {
        "en": "This file could not be graded: {detail}. Submit the lesson's notebook "
              "(.ipynb) as Jupyter saved it.",
        "tr": "Bu dosya notlandırılamadı: {detail}. Dersin not defterini (.ipynb) Jupyter'in "
              "kaydettiği hâliyle teslim edin."},
})

HINTS = {"timeout": "grade.hint.timeout", "error": "grade.hint.error"}


def safe_name(submission):
    """Return a file name for a submission's feedback (path separators and oddities removed)."""
    name = re.sub(r"[^\w.-]+", "_", submission).strip("._") or "submission"
    return name[:150]


def write_reports(outdir, graded_list):
    """Write gradebook.csv, summary.csv and feedback/<submission>.md under ``outdir``."""
    outdir = Path(outdir)
    (outdir / "feedback").mkdir(parents=True, exist_ok=True)
    with open(outdir / "gradebook.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(GRADEBOOK_COLUMNS)
        for graded in graded_list:
            for row in graded.rows:
                writer.writerow((graded.submission, graded.lesson, graded.language, row.item,
                                 f"{row.points:g}", f"{row.max_points:g}", row.status,
                                 row.detail))
    with open(outdir / "summary.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SUMMARY_COLUMNS)
        for graded in graded_list:
            writer.writerow((graded.submission, graded.lesson, graded.language,
                             f"{graded.points:g}", f"{graded.max_points:g}",
                             ";".join(graded.flags)))
    names = set()
    for graded in graded_list:
        name = safe_name(graded.submission)
        while name in names:
            name += "_"
        names.add(name)
        (outdir / "feedback" / f"{name}.md").write_text(feedback(graded), encoding="utf-8")


def feedback(graded):
    """Return the Markdown feedback of one submission in its language (both when unknown)."""
    languages = [graded.language] if graded.language else ["en", "tr"]
    return "\n\n---\n\n".join(_feedback(graded, language) for language in languages)


def _feedback(graded, language):
    lines = [f"# {message('grade.title', language, lesson=graded.lesson or '?')}", "",
             f"`{_escape(graded.submission)}`", ""]
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
                             flags=", ".join(f"`{_escape(flag)}`" for flag in graded.flags)))
    return "\n".join(lines) + "\n"


def _error_name(detail):
    match = re.search(r"nbval: \w[\w-]* \((\w+)\)", detail)
    return match.group(1) if match else "Exception"


def _escape(text):
    return html.escape(str(text)).replace("`", "'")
