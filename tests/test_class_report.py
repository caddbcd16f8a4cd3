"""Is class-report.html one self-contained, escaped file that shows the class, in a real browser?

The report is written from Graded objects the way a run writes it, with
submission names that try to inject HTML. The unit cases read the file
back; the browser case opens it from ``file://`` in Debian's chromium,
checks that every histogram decoded and that no request left the file,
and keeps a screenshot in the test's tmp folder and in ``test-artifacts/``.
"""

import base64
import html
import html.parser
import io
import shutil
import urllib.parse
from pathlib import Path

import pytest
from jupyter_browser import CHROMIUM, CHROMIUM_FLAGS, require_browser

from autograde import class_report
from autograde.grade import Exercise, Graded, Item, Row
from autograde.item_tests import ItemTestNames, hint_catalogue
from autograde.report import write_reports

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = '<img src=x onerror="window.pwned=1">"><script>window.pwned=2</script>'
LESSONS = {"01": {"max_points": 3.0, "exercises": {"forward_propagation": 1.0,
                                                  "gradient_check": 2.0}}}
MANIFEST = {"seed": 7, "grader": {"version": "0.1.0", "code": "ab" * 32}, "lessons": LESSONS,
            "options": {"timeout": 30.0, "lesson": None}}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def exercises():
    return [Exercise("forward_propagation", ["f"], ["forward_propagation"],
                     [Item("forward-check", "forward-check", 1.0,
                           ItemTestNames(("forward_propagation_test",), ()))]),
            Exercise("gradient_check", ["g"], ["gradient_check"],
                     [Item("check-check", "check-check", 2.0,
                           ItemTestNames(("gradient_check_test",), ()))])]


def submission(name, forward, check, check_status="passed", mistakes=(), flags=()):
    rows = [Row("forward-check", forward, 1.0, "passed" if forward else "failed", "",
                "forward_propagation", [("visible", "forward_propagation_test", "passed")]),
            Row("check-check", check, 2.0, check_status, "", "gradient_check",
                [("visible", "gradient_check_test", "passed" if check else "failed")],
                list(mistakes))]
    return Graded(name, "01", "en", rows, list(flags), exercises())


def a_class():
    return [submission("submissions/ada.ipynb", 1.0, 2.0),
            submission("submissions/bora.ipynb", 1.0, 0.0, "failed", ["one_sided"]),
            submission("submissions/can.ipynb", 0.0, 0.0, "failed", ["one_sided", "l1"]),
            submission(f"submissions/{HOSTILE}.ipynb", 1.0, 0.0, "timeout",
                       flags=["modified:check-check", f"disagreement:{HOSTILE}"]),
            Graded("submissions/empty.ipynb", rows=[Row("-", 0.0, 0.0, "empty", "")],
                   flags=["empty"]),
            Graded("submissions/crash.ipynb", rows=[Row("-", 0.0, 0.0, "grader-error", "x")],
                   flags=["grader-error"])]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Write the feedback and the report of a_class() into a folder; return the report's path."""
    outdir = tmp_path_factory.mktemp("report")
    graded = a_class()
    write_reports(outdir, graded)
    class_report.write_class_report(outdir, graded, MANIFEST, hint_catalogue(),
                                    [f"file matching no roster row: {HOSTILE}"])
    return outdir / class_report.REPORT_FILE


class Elements(html.parser.HTMLParser):
    """The tags, attributes and text of an HTML document."""

    def __init__(self, text):
        super().__init__()
        self.tags, self.text = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def elements(report):
    return Elements(report.read_text(encoding="utf-8"))


def test_no_submission_string_becomes_markup(elements):
    assert [tag for tag, _ in elements.tags if tag == "script"] == []
    assert all("onerror" not in attrs for _, attrs in elements.tags)
    # the hostile name is shown, as text
    assert any(HOSTILE in text for text in elements.text)


def test_every_image_is_an_embedded_png_that_decodes(elements):
    from matplotlib.image import imread

    sources = [attrs["src"] for tag, attrs in elements.tags if tag == "img"]
    assert len(sources) == 1 + len(LESSONS["01"]["exercises"])  # the total and each exercise
    for source in sources:
        prefix, data = source.split(",", 1)
        assert prefix == "data:image/png;base64"
        png = base64.b64decode(data)
        assert png.startswith(PNG_SIGNATURE)
        assert imread(io.BytesIO(png), format="png").shape[2] in (3, 4)


def test_nothing_can_be_fetched_the_policy_allows_only_embedded_images(elements):
    policy = next(attrs["content"] for tag, attrs in elements.tags
                  if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy and "img-src data:" in policy
    assert [tag for tag, attrs in elements.tags if tag == "link" or "href" in attrs
            and not attrs["href"].startswith("feedback/")] == []


def test_every_flagged_submission_links_to_its_feedback_file(report, elements):
    links = [attrs["href"] for tag, attrs in elements.tags if tag == "a"]
    # the hostile one is listed three times (tampering, disagreement, timeout), the
    # empty file and the grader error once each
    assert len(links) == 5 and len(set(links)) == 3
    for link in links:
        assert (report.parent / urllib.parse.unquote(link)).is_file(), link


def test_mistakes_are_counted_and_named_by_their_hint(report):
    text = report.read_text(encoding="utf-8")
    assert "<code>one_sided</code> — Your result matches a one-sided difference" in text
    one_sided = text.index("<code>one_sided</code>")
    assert text.index("<code>l1</code>") > one_sided, "the most frequent comes first"
    assert "<td>2</td>" in text[one_sided:text.index("<code>l1</code>")]


def test_the_review_names_each_kind_in_both_languages(report):
    text = report.read_text(encoding="utf-8")
    for title in class_report.REVIEW_KINDS.values():
        assert f"<h3>{html.escape(title)} (" in text
    assert "Roster / Öğrenci listesi" in text and "To review / İncelenecekler" in text


@pytest.mark.browser
def test_the_report_renders_offline_in_chromium(report, tmp_path):
    require_browser()
    from playwright.sync_api import sync_playwright

    requested = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=CHROMIUM_FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda request: requested.append(request.url))
            page.goto(report.as_uri())
            page.wait_for_load_state("load")
            images = page.eval_on_selector_all(
                "img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])")
            pwned = page.evaluate("window.pwned === undefined")
            shot = tmp_path / "class-report.png"
            page.screenshot(path=shot, full_page=True)
        finally:
            browser.close()
    assert len(images) == 3 and all(done and w > 100 and h > 50 for done, w, h in images)
    assert pwned, "a submission name ran as script"
    assert [url for url in requested if not url.startswith("data:")] == [report.as_uri()]
    assert shot.read_bytes().startswith(PNG_SIGNATURE)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / "class-report.png")
