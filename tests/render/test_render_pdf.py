"""The PDF decks as a person reads them: same slides as the PowerPoint deck, text, fonts, bookmarks, links, safety."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, PLANS, ROOT, TODAY, kamdoc
from pptx import Presentation
from pypdf import PdfReader


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    run = kamdoc("render", PLANS, "--to", "pptx,pdf", "--out", out, "--today", TODAY)
    assert run.code == 0, run.err
    assert run.out.split() == [
        str(out / f"{name}.{fmt}") for name in ("brenner-werke", "halvorsen-logistics") for fmt in ("pptx", "pdf")
    ]
    return out


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(pdf)).pages]


@pytest.mark.parametrize("name", ["brenner-werke", "halvorsen-logistics"])
def test_one_16_9_page_per_slide_of_the_powerpoint_deck(decks: Path, name: str) -> None:
    reader = PdfReader(str(decks / f"{name}.pdf"))
    assert len(reader.pages) == len(Presentation(str(decks / f"{name}.pptx")).slides)
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((960, 540), abs=0.1)


def test_section_titles_and_key_texts_are_there(decks: Path) -> None:
    texts = page_texts(decks / "brenner-werke.pdf")
    everything = "\n".join(texts)
    for text in (
        "Brenner Werke AG",
        "Kurzprofil",
        "Power-Map",
        "Finanzplanung",
        "Key-Account-Marketing",
        "Martina Müller",
        "Entscheider",
        "15.11.2026",
        "Vertraulich – nur für das Account-Team",
    ):
        assert text in everything, text
    assert texts[1].startswith("Der Account auf einen Blick") and texts[2].startswith("Agenda")
    # The same outline: each page shows the title of the PowerPoint slide in the same place.
    slides = Presentation(str(decks / "brenner-werke.pptx")).slides
    for page, slide in zip(texts[1:], list(slides)[1:], strict=True):
        title = next(s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip())
        assert " ".join(title.split(" (")[0].split()) in " ".join(page.split())


def test_fonts_are_embedded(decks: Path) -> None:
    reader = PdfReader(str(decks / "halvorsen-logistics.pdf"))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts


def test_bookmarks_per_section_and_agenda_links(decks: Path) -> None:
    reader = PdfReader(str(decks / "brenner-werke.pdf"))
    titles = [item.title for item in reader.outline]
    assert titles[:4] == ["Brenner Werke AG", "Der Account auf einen Blick", "Agenda", "Kurzprofil"]
    assert (
        "Power-Map" in titles
        and "Finanzplanung" in titles
        and "Marktumfeld" in titles
        and "Risiken" in titles
        and "Verträge" in titles
    )
    links = [annot.get_object() for annot in reader.pages[2]["/Annots"]]  # the agenda, after the summary
    assert len(links) == 18  # one per agenda entry, each to its section's first page
    assert all("/Dest" in link or "/A" in link for link in links)


def test_document_metadata_from_the_plan(decks: Path) -> None:
    meta = PdfReader(str(decks / "brenner-werke.pdf")).metadata
    assert meta.title == "Key-Account-Plan: Brenner Werke AG"
    assert meta.author == "Jana Schmidt"
    assert meta.subject == "Werkzeugmaschinen"
    assert meta["/CreationDate"] == "D:20261115000000Z"


def test_same_plan_gives_the_same_pdf_bytes(tmp_path: Path) -> None:
    digests = []
    for where in ("a", "b"):
        run = kamdoc("render", PLANS / "halvorsen-logistics", "--to", "pdf", "--out", tmp_path / where)
        assert run.code == 0, run.err
        digests.append(hashlib.sha256((tmp_path / where / "halvorsen-logistics.pdf").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_pdf_a_variant(tmp_path: Path) -> None:
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--to", "pdf", "--pdf-variant", "pdf/a-3u", "--out", tmp_path)
    assert run.code == 0, run.err
    reader = PdfReader(str(tmp_path / "halvorsen-logistics.pdf"))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp and b"pdfaid:conformance" in xmp


def test_pdf_ua_variant_is_tagged(tmp_path: Path) -> None:
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--to", "pdf", "--pdf-variant", "pdf/ua-1", "--out", tmp_path)
    assert run.code == 0, run.err
    root = PdfReader(str(tmp_path / "halvorsen-logistics.pdf")).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "en"


def test_hostile_markdown_is_shown_as_text_and_fetches_nothing(tmp_path: Path) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits: list[object] = []
    stop = time.monotonic() + 15

    def listen() -> None:
        while time.monotonic() < stop and not done.is_set():
            try:
                hits.append(server.accept())
            except OSError:
                continue

    done = threading.Event()
    thread = threading.Thread(target=listen)
    thread.start()
    plan = tmp_path / "attack"
    plan.mkdir()
    (tmp_path / ".git").mkdir()
    source = (DATA / "markdown-attack" / "plan.yaml").read_text(encoding="utf-8")
    port = server.getsockname()[1]
    (plan / "plan.yaml").write_text(source.replace("127.0.0.1:9", f"127.0.0.1:{port}"), encoding="utf-8")
    (plan / "logo.png").write_bytes((DATA / "markdown-attack" / "logo.png").read_bytes())
    try:
        run = kamdoc("render", plan, "--to", "pptx,pdf", "--out", tmp_path / "out", "--today", TODAY)
    finally:
        done.set()
        thread.join()
        server.close()
    assert run.code == 0, run.err
    assert hits == []
    reader = PdfReader(str(tmp_path / "out" / "attack.pdf"))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for literal in (
        '<script>alert("pwned")</script>',
        '<img src="file:///etc/passwd">',
        "{% for x in range(3) %}loop{% endfor %}",
        "</style><style>body { display: none }</style>",
        "[javascript link] (javascript:alert(1))",
        "<iframe",
    ):
        assert literal.replace("] (", "](") in flat.replace("] (", "]("), literal
    # `{{ 7*7 }}` is never evaluated (Markdown may read the stars as emphasis, which is all it is).
    assert "Template syntax stays text: {{ 7" in flat and "stays text: 49" not in flat
    assert "W" * 200 in text.replace("\n", "")  # the 2,000-character word is there, broken over lines
    catalog = reader.trailer["/Root"]
    assert "/EmbeddedFiles" not in catalog.get("/Names", {})
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            assert annot["/Subtype"] != "/FileAttachment"
            uri = annot.get("/A", {}).get("/URI", "")
            assert not str(uri).startswith(("javascript:", "file:"))


def test_validate_and_pptx_do_not_import_weasyprint(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from kamdoc.cli import main; "
        f"r = CliRunner().invoke(main, ['render', {str(PLANS / 'halvorsen-logistics')!r}, '--out', {str(tmp_path)!r}]); "
        "print(r.exit_code, 'weasyprint' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.stdout.split() == ["0", "False"], run.stderr


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--to", "docx", "--out", tmp_path)
    assert run.code == 2
    assert "--to takes pptx, pdf, html or several of them with commas, such as pptx,pdf" in run.err


def test_a_theme_folder_overrides_one_template_file(tmp_path: Path) -> None:
    theme = tmp_path / "corporate"
    theme.mkdir()
    default_css = (ROOT / "templates" / "default" / "deck.css").read_text(encoding="utf-8")
    (theme / "deck.css").write_text(default_css + "\n.footer { display: none; }\n", encoding="utf-8")
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--to", "pdf", "--theme", theme, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    texts = page_texts(tmp_path / "out" / "halvorsen-logistics.pdf")
    assert (
        "Customer profile" in texts[2] and "Confidential" not in texts[2]
    )  # its own stylesheet, the default templates


def test_a_theme_extends_the_default_deck_and_overrides_a_block(tmp_path: Path) -> None:
    theme = tmp_path / "corporate"
    theme.mkdir()
    (theme / "deck.html.j2").write_text(
        '{% extends "default/deck.html.j2" %}{% block footer %}<div class="footer" style="left: 36pt; top: 500pt;">ACME CONFIDENTIAL</div>{% endblock %}',
        encoding="utf-8",
    )
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--to", "pdf", "--theme", theme, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    texts = page_texts(tmp_path / "out" / "halvorsen-logistics.pdf")
    assert "ACME CONFIDENTIAL" in texts[3] and "Customer profile" in texts[2]


def test_no_file_outside_the_repo_is_opened(tmp_path: Path) -> None:
    """An audit hook watches every file the render opens: none of the files the attack names is among them.

    One process (--jobs 1): a forked process's opens would not reach this one's list.
    """
    import subprocess
    import sys

    code = f"""
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" and isinstance(args[0], (str, bytes)) else None)
from click.testing import CliRunner
from kamdoc.cli import main
result = CliRunner().invoke(main, ["render", {str(DATA / "markdown-attack")!r}, "--to", "pptx,pdf", "--jobs", "1", "--out", {str(tmp_path)!r}])
print(result.exit_code, any(p.endswith("markdown-attack/logo.png") for p in opened))
print("\\n".join(p for p in opened if p in ("/etc/passwd", "/etc/hostname") or "127.0.0.1" in p))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    lines = run.stdout.split("\n")
    assert lines[0] == "0 True", run.stderr  # rendered, and the hook saw the files it did open
    assert [line for line in lines[1:] if line] == []


def _structure(pdf: Path) -> dict[str, object]:
    """What a reader of the PDF sees and uses: pages and their text, bookmarks, link targets, metadata."""
    reader = PdfReader(str(pdf))
    names = {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    return {
        "texts": [page.extract_text() for page in reader.pages],
        "bookmarks": [(item.title, reader.get_destination_page_number(item)) for item in reader.outline],
        "agenda links": [
            (str(a.get_object()["/Dest"]), names[str(a.get_object()["/Dest"])]) for a in reader.pages[2]["/Annots"]
        ],
        "metadata": dict(reader.metadata or {}),
        "language": reader.trailer["/Root"].get("/Lang"),
    }


@pytest.mark.parametrize("name", ["brenner-werke", "halvorsen-logistics"])
def test_two_halves_at_once_give_the_same_deck_as_one_process(tmp_path: Path, name: str) -> None:
    for jobs in ("1", "2"):
        run = kamdoc("render", PLANS / name, "--to", "pptx,pdf", "--jobs", jobs, "--out", tmp_path / jobs)
        assert run.code == 0, run.err
    whole, halves = _structure(tmp_path / "1" / f"{name}.pdf"), _structure(tmp_path / "2" / f"{name}.pdf")
    assert halves == whole
    texts = list(whole["texts"])  # type: ignore[call-overload]
    sources = next(i for i, t in enumerate(texts) if t.startswith(("Quellen", "Sources")))  # before the appendix
    assert len(whole["agenda links"]) == 18 and whole["agenda links"][-1][1] == sources  # type: ignore[arg-type,index]
    # The PowerPoint deck, drawn beside the second half, is the same file.
    assert (tmp_path / "1" / f"{name}.pptx").read_bytes() == (tmp_path / "2" / f"{name}.pptx").read_bytes()


def test_two_halves_give_the_same_bytes_twice(tmp_path: Path) -> None:
    digests = set()
    for where in ("a", "b"):
        assert (
            kamdoc("render", PLANS / "brenner-werke", "--to", "pdf", "--jobs", "2", "--out", tmp_path / where).code == 0
        )
        digests.add(hashlib.sha256((tmp_path / where / "brenner-werke.pdf").read_bytes()).hexdigest())
    assert len(digests) == 1


def test_a_problem_in_the_second_half_reaches_the_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kamdoc.errors import KamdocError
    from kamdoc.render import pdf

    whole = pdf.print_pdf

    def failing_second_half(source, variant=None):  # type: ignore[no-untyped-def]
        if source.first_slide:  # only the forked process lays out a part after others
            raise KamdocError("WeasyPrint could not render the deck cleanly: test")
        return whole(source, variant)

    monkeypatch.setattr(pdf, "print_pdf", failing_second_half)
    run = kamdoc("render", PLANS / "brenner-werke", "--to", "pdf", "--jobs", "2", "--out", tmp_path)
    assert run.code == 1 and "WeasyPrint could not render the deck cleanly: test" in run.err
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_a_bug_in_the_second_half_is_the_plans_error_and_says_what_failed_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamdoc.render import pdf

    whole = pdf.print_pdf

    def buggy(source, variant=None):  # type: ignore[no-untyped-def]
        if source.first_slide:
            raise ZeroDivisionError("a bug")
        return whole(source, variant)

    monkeypatch.setattr(pdf, "print_pdf", buggy)
    run = kamdoc("render", PLANS / "brenner-werke", "--to", "pdf", "--jobs", "2", "--out", tmp_path)
    assert run.code == 1
    assert "brenner-werke/plan.yaml:1:1: error: kamdoc could not render this plan (RuntimeError: " in run.err, run.err
    assert (
        "ZeroDivisionError: a bug" in run.err and "this is a bug in kamdoc: please report it with the plan" in run.err
    )
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_a_themes_footer_size_reaches_both_formats(tmp_path: Path) -> None:
    from datetime import datetime

    from pptx import Presentation
    from pptx.util import Pt

    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render.pdf import Fetcher, deck_html
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    theme_dir = tmp_path / "theme"
    theme_dir.mkdir()
    (theme_dir / "theme.yaml").write_text("size:\n  footer: 12\n")
    run = kamdoc("render", PLANS / "halvorsen-logistics", "--theme", theme_dir, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    slide = Presentation(str(tmp_path / "out" / "halvorsen-logistics.pptx")).slides[2]
    footers = [
        s for s in slide.shapes if s.has_text_frame and s.text_frame.text.startswith("Halvorsen Logistics · Version")
    ]
    assert footers and footers[0].text_frame.paragraphs[0].runs[0].font.size == Pt(12)
    result = validate_file(PLANS / "halvorsen-logistics" / "plan.yaml", date(2026, 11, 22))
    assert result.plan is not None and result.doc is not None
    theme = load_theme(theme_dir)
    deck = build_outline(result.plan, result.doc, theme)
    assert deck.footer_size == 12 and deck.footer_box is not None
    html = deck_html(deck, theme, datetime(2026, 1, 1), Fetcher())
    assert "--footer-size: 12.0pt;" in html
    assert f"top: {deck.footer_box.y}pt; width: {deck.footer_box.w}pt;" in html


def test_weasyprint_styles_each_element_once_not_its_pseudo_elements_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # Slides have no list markers, footnotes, notes or page margins: without WeasyPrint's default rules for them (the
    # pseudo-elements' select every element), it computes one style per element of the deck's HTML, where it computed
    # seven, and one per page, where it computed nineteen.
    import re
    from datetime import datetime

    import weasyprint.css

    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render.pdf import pdf_source, print_pdf
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(DATA / "required" / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    source = pdf_source(build_outline(result.plan, result.doc, theme), theme, datetime(2026, 12, 7))
    styled: list[object] = []
    pages_styled: list[object] = []
    compute = weasyprint.css.StyleFor.set_computed_styles

    def counted(self, element, *args, **kwargs):  # type: ignore[no-untyped-def]
        # An element of the page's HTML, or a page (its margin boxes and areas are styles of the page too).
        (styled if hasattr(element, "tag") else pages_styled).append(element)
        return compute(self, element, *args, **kwargs)

    monkeypatch.setattr(weasyprint.css.StyleFor, "set_computed_styles", counted)
    pages = PdfReader(__import__("io").BytesIO(print_pdf(source))).pages
    elements = len(re.findall(r"<[a-zA-Z]", source.html))
    assert len(pages) > 3 and elements > 100
    assert len(styled) < 1.2 * elements
    assert len(pages_styled) == len(pages)


def test_printing_leaves_the_collector_off_while_weasyprint_works_and_as_it_was_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc
    from datetime import datetime

    import weasyprint

    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render.pdf import pdf_source, print_pdf
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(DATA / "required" / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    source = pdf_source(build_outline(result.plan, result.doc, theme), theme, datetime(2026, 12, 7))
    seen: list[bool] = []
    write = weasyprint.HTML.write_pdf
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, **o: seen.append(gc.isenabled()) or write(self, **o))
    assert gc.isenabled()
    print_pdf(source)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:  # a caller that turned it off itself finds it off
        print_pdf(source)
        assert not gc.isenabled()
    finally:
        gc.enable()
