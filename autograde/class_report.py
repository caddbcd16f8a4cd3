"""``class-report.html``: the class at a glance, one self-contained file for the instructor.

Per lesson and exercise: a histogram of the points (a PNG drawn with
matplotlib's Agg canvas, embedded as a ``data:`` URI), the statuses and the
most frequent named mistakes (the hint kinds of the course's checks, see
autograde.item_tests); then the submissions to review (changes to test
cells, disagreements, timeouts, grader errors, rejected files), each with a
relative link to its feedback file; then, with a roster, the files and
students that did not match. Styles are inline and a Content-Security-Policy
forbids every request: the file opens from disk, offline, in any browser.
Headings are in English and Turkish; every string that comes from a
submission is HTML-escaped after report.clean_text.
"""

import base64
import html
import io
import urllib.parse
from collections import Counter
from pathlib import Path

from autograde.report import clean_text, safe_name, write_atomically

REPORT_FILE = "class-report.html"
MISTAKES_SHOWN = 5
# Characters of a hint shown beside its kind in the mistakes table
HINT_CHARS = 90
HISTOGRAM_INCHES = (3.2, 1.7)
HISTOGRAM_DPI = 100
# Room for the title and the axis labels at HISTOGRAM_INCHES, as figure fractions
HISTOGRAM_MARGINS = {"left": 0.2, "bottom": 0.28, "right": 0.97, "top": 0.86}
TIMEOUT_STATUSES = ("timeout", "kernel-died")
REVIEW_KINDS = {
    "tampering": "Changed test cells or metadata / Değiştirilmiş test hücreleri ya da üst veri",
    "disagreement": "Disagreement with the grader's own check / Notlandırıcının kendi "
                    "kontrolüyle uyuşmazlık",
    "timeout": "Timeouts and stopped kernels / Süre aşımı ve duran kernel",
    "grader-error": "Grader errors / Notlandırıcı hataları",
    "rejected": "Files that could not be graded / Notlandırılamayan dosyalar",
}
REJECTED_STATUSES = ("unknown-notebook", "wrong-lesson", "symlink", "not-a-regular-file",
                     "too-large", "empty", "not-a-notebook", "old-format", "unreadable")
STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:70em;color:#222}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}h3{margin-bottom:.3em}
table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ccc;padding:.2em .5em;
text-align:left;vertical-align:top}th{background:#f3f3f3}.exercise{display:inline-block;
vertical-align:top;margin:0 1.5em 1em 0}.small{color:#666;font-size:.9em}code{font-size:.95em}
"""


def _e(text):
    """Escaped text of any value (submission-derived or not)."""
    return html.escape(clean_text(text), quote=True)


def histogram_uri(values, max_points, title):
    """Return a PNG ``data:`` URI of a histogram of ``values`` (points, 0..max_points)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=HISTOGRAM_INCHES, dpi=HISTOGRAM_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    whole = float(max_points).is_integer() and max_points <= 20
    edges = [value - 0.5 for value in range(int(max_points) + 2)] if whole else 10
    axes.hist(values, bins=edges, range=None if whole else (0, max(max_points, 1e-9)),
              color="#4878a8", edgecolor="white")
    axes.set_title(title, fontsize=8)
    axes.set_xlabel("points / puan", fontsize=7)
    axes.set_ylabel("submissions / teslim", fontsize=7)
    axes.tick_params(labelsize=7)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of submissions
    if whole:
        axes.set_xticks(range(int(max_points) + 1))
    # fixed margins, not tight_layout: that measures every text first and
    # more than doubles the time of a histogram
    figure.subplots_adjust(**HISTOGRAM_MARGINS)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def review_kinds(graded):
    """Return the REVIEW_KINDS keys that apply to one Graded, with the flags behind each."""
    found = {}
    for flag in graded.flags:
        if flag == "grader-error":
            kind = "grader-error"
        elif flag.startswith(("disagreement:", "uses-reference:")):
            kind = "disagreement"
        elif flag == "run-incomplete":
            kind = "timeout"
        elif flag in REJECTED_STATUSES:
            kind = "rejected"
        else:
            kind = "tampering"
        found.setdefault(kind, []).append(flag)
    stopped = [f"{row.item}: {row.status}" for row in graded.rows
               if row.status in TIMEOUT_STATUSES]
    if stopped:
        found.setdefault("timeout", []).extend(stopped)
    return found


def feedback_link(graded):
    """The relative link from the report to a submission's feedback file."""
    return "feedback/" + urllib.parse.quote(f"{safe_name(graded.submission)}.md")


def render(graded_list, manifest, hints, roster_lines=None):
    """Return the HTML text of the class report.

    Args:
        graded_list: the Graded submissions, in gradebook order.
        manifest: the run's manifest (shards.manifest): seed, grader,
            lessons and their exercises' points.
        hints: item_tests.hint_catalogue(), to describe each mistake kind.
        roster_lines: lms.roster_lines(...) when a roster was given, else None.
    """
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'img-src data:; style-src \'unsafe-inline\'">',
        "<title>Class report / Sınıf raporu</title>", f"<style>{STYLE}</style></head><body>",
        "<h1>Class report / Sınıf raporu</h1>",
        f'<p class="small">{len(graded_list)} submission(s) / teslim; seed / tohum '
        f'{_e(manifest["seed"])}; grader / notlandırıcı {_e(manifest["grader"]["version"])} '
        f'({_e(manifest["grader"]["code"][:12])})</p>',
    ]
    for lesson, info in manifest["lessons"].items():
        mine = [graded for graded in graded_list if graded.lesson == lesson]
        if mine:
            parts += _lesson_section(lesson, info, mine, hints)
    parts += _review_section(graded_list)
    if roster_lines is not None:
        parts += ["<h2>Roster / Öğrenci listesi</h2>"]
        if roster_lines:
            parts += ["<ul>"] + [f"<li>{_e(line)}</li>" for line in roster_lines] + ["</ul>"]
        else:
            parts.append("<p>Every file and every student matched. / Her dosya ve her öğrenci "
                         "eşleşti.</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _lesson_section(lesson, info, graded_list, hints):
    totals = [graded.points for graded in graded_list]
    parts = [f"<h2>Lesson {_e(lesson)} / Ders {_e(lesson)}</h2>",
             f'<p>{len(graded_list)} submission(s) / teslim; mean / ortalama '
             f'{sum(totals) / len(totals):.2f} / {info["max_points"]:g}</p>',
             '<div class="exercise"><h3>Total / Toplam</h3>',
             f'<img alt="{_e(f"Histogram of the total points of lesson {lesson}")}" '
             f'src="{histogram_uri(totals, info["max_points"], f"Lesson {lesson}")}"></div>']
    for name, max_points in info["exercises"].items():
        rows = [[row for row in graded.rows if row.exercise == name] for graded in graded_list]
        points = [sum(row.points for row in mine) for mine in rows]
        statuses = Counter(row.status for mine in rows for row in mine)
        mistakes = Counter(kind for mine in rows for row in mine for kind in row.mistakes)
        parts += [
            '<div class="exercise">',
            f"<h3>Exercise / Alıştırma <code>{_e(name)}</code></h3>",
            f'<img alt="{_e(f"Histogram of the points of exercise {name}")}" '
            f'src="{histogram_uri(points, max_points, name)}">',
            "<table><tr><th>status / durum</th><th>items / madde</th></tr>",
            *(f"<tr><td>{_e(status)}</td><td>{count}</td></tr>"
              for status, count in statuses.most_common()),
            "</table>",
        ]
        if mistakes:
            parts += ["<table><tr><th>most frequent mistakes / en sık hatalar</th>"
                      "<th>count / sayı</th></tr>"]
            for kind, count in mistakes.most_common(MISTAKES_SHOWN):
                texts = hints.get(kind, [])
                words = f" — {_e(texts[0][:HINT_CHARS])}…" if texts else ""
                parts.append(f"<tr><td><code>{_e(kind)}</code>{words}</td><td>{count}</td></tr>")
            parts.append("</table>")
        parts.append("</div>")
    return parts


def _review_section(graded_list):
    parts = ["<h2>To review / İncelenecekler</h2>"]
    any_found = False
    found = [(graded, review_kinds(graded)) for graded in graded_list]
    for kind, title in REVIEW_KINDS.items():
        entries = [(graded, kinds[kind]) for graded, kinds in found if kind in kinds]
        if not entries:
            continue
        any_found = True
        parts += [f"<h3>{_e(title)} ({len(entries)})</h3>",
                  "<table><tr><th>submission / teslim</th><th>why / neden</th>"
                  "<th>feedback / geri bildirim</th></tr>"]
        parts += [f"<tr><td>{_e(graded.submission)}</td><td>{_e('; '.join(reasons))}</td>"
                  f'<td><a href="{_e(feedback_link(graded))}">feedback</a></td></tr>'
                  for graded, reasons in entries]
        parts.append("</table>")
    if not any_found:
        parts.append("<p>Nothing to review. / İncelenecek bir şey yok.</p>")
    return parts


def write_class_report(outdir, graded_list, manifest, hints, roster_lines=None):
    """Write ``outdir/class-report.html`` (atomically); see render."""
    write_atomically(Path(outdir) / REPORT_FILE,
                     render(graded_list, manifest, hints, roster_lines))
