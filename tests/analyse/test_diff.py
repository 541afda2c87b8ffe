"""Reviewers' view of a pull request: what changed between two commits of a plan, once each, in every format."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PLANS, TODAY, kamdoc
from git_history import commit, edit, git, new_repo

PLAN = "plans/brenner-werke/plan.yaml"
NEW_PERSON = """    - id: okaya
      name: Olga Kaya
      title: Leiterin Digitalisierung
      reports_to: kbrenner
      roles: [specifier]
      attitude: neutral
"""


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    repo = tmp_path_factory.mktemp("plans-repo")
    new_repo(repo)
    shutil.copytree(PLANS / "brenner-werke", repo / "plans" / "brenner-werke")
    revs = {"start": commit(repo, "start")}
    edit(repo, PLAN, "target: 50 % (Jahresvolumen 2028)", "target: 55 % (Jahresvolumen 2028)")
    revs["target"] = commit(repo, "raise the share target")
    edit(
        repo,
        PLAN,
        "      attitude: neutral\n      contact: quarterly\n      owner: Dr. Henrik Vogel",
        "      attitude: positive\n      contact: quarterly\n      owner: Dr. Henrik Vogel",
    )
    revs["attitude"] = commit(repo, "Brenner-Hofmann warmed up")
    text = (repo / PLAN).read_text(encoding="utf-8")
    start = text.index("    - id: njaeger")
    end = text.index("  links:", start)
    (repo / PLAN).write_text(text[:start] + NEW_PERSON + text[end:], encoding="utf-8")
    revs["people"] = commit(repo, "Olga Kaya in, Nicole Jäger out")
    edit(repo, PLAN, "plan: {2026: 3900, 2027: 4350, 2028: 4800}", "plan: {2026: 3900, 2027: 4600, 2028: 4800}")
    revs["money"] = commit(repo, "more servo drives in 2027")
    # Pure reordering and reformatting: two people swapped, SWOT sentences swapped, a mapping written in flow style.
    text = (repo / PLAN).read_text(encoding="utf-8")
    a_start, b_start = text.index("    - id: fkoehler"), text.index("    - id: doeztuerk")
    b_end = text.index("    - id: bfaehnrich")
    text = text[:a_start] + text[b_start:b_end] + text[a_start:b_start] + text[b_end:]
    s1 = "    - Brenner steht bei Endkunden in Luftfahrt und Medizintechnik für höchste Präzision und Maschinenlaufzeiten von über 20 Jahren.\n"
    s2 = "    - Die F&E-Quote von 7 % liegt deutlich über dem Branchenschnitt und finanziert eine eigene Automations- und Softwareentwicklung.\n"
    text = text.replace(s1 + s2, s2 + s1, 1)
    text = text.replace(
        "      actual: {2023: 3850, 2024: 3420, 2025: 3610}",
        "      actual:\n        2023: 3850\n        2024: 3420\n        2025: 3610",
        1,
    )
    (repo / PLAN).write_text(text, encoding="utf-8")
    revs["reorder"] = commit(repo, "tidy up")
    git(repo, "mv", "plans/brenner-werke", "plans/brenner")
    revs["rename"] = commit(repo, "shorter folder name")
    edit(repo, "plans/brenner/markt.md", "wieder Tritt fasst", "langsam wieder Tritt fasst")
    revs["text"] = commit(repo, "market wording")
    return repo, revs


def diff(repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(repo)
    run = kamdoc("diff", *args, "--today", TODAY, "--language", "en")  # the German example, reported in English
    return run.code, run.out


def changes(repo: Path, monkeypatch: pytest.MonkeyPatch, a: str, b: str) -> list[dict[str, object]]:
    code, out = diff(repo, monkeypatch, a, b, "--format", "json")
    assert code == 0, out
    plans = json.loads(out)["plans"]
    return [c for p in plans for c in p["changes"]]


def test_changed_target(history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, revs = history
    found = changes(repo, monkeypatch, revs["start"], revs["target"])
    assert found == [
        {
            "section": "goals",
            "where": "goals: sow-antriebe: target",
            "kind": "changed",
            "old": "50 % (Jahresvolumen 2028)",
            "new": "55 % (Jahresvolumen 2028)",
            "detail": "",
        }
    ]
    _, text = diff(repo, monkeypatch, revs["start"], revs["target"])
    assert "  ~ goals: sow-antriebe: target: 50 % (Jahresvolumen 2028) → 55 % (Jahresvolumen 2028)" in text.splitlines()


def test_changed_attitude(history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, revs = history
    found = changes(repo, monkeypatch, revs["target"], revs["attitude"])
    assert [(c["where"], c["old"], c["new"]) for c in found] == [
        ("power map: Gerlinde Brenner-Hofmann: attitude", "neutral", "positive")
    ]
    _, markdown = diff(repo, monkeypatch, revs["target"], revs["attitude"], "--format", "markdown")
    assert "- power map: Gerlinde Brenner-Hofmann: attitude: neutral → positive" in markdown.splitlines()
    assert "| plans/brenner-werke/plan.yaml | Brenner Werke AG | changed | 1 | 0 |" in markdown


def test_added_and_removed_person(history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, revs = history
    found = changes(repo, monkeypatch, revs["attitude"], revs["people"])
    assert sorted((c["kind"], c["where"]) for c in found) == [
        ("added", "power map: Olga Kaya"),
        ("removed", "power map: Nicole Jäger"),
    ]


def test_changed_financial_amount_with_difference_and_total(
    history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, revs = history
    found = changes(repo, monkeypatch, revs["people"], revs["money"])
    assert [(c["where"], c["old"], c["new"], c["detail"]) for c in found] == [
        ("financials: products: Servoantriebe (Achsantriebe): plan: 2027", 4350, 4600, "+250, +5.7 %"),
        ("financials: total 2027", 11080, 11330, "+250, +2.3 %"),
    ]


def test_reordering_and_reformatting_report_nothing(
    history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, revs = history
    assert changes(repo, monkeypatch, revs["money"], revs["reorder"]) == []
    code, text = diff(repo, monkeypatch, revs["money"], revs["reorder"], "--exit-code")
    assert code == 0
    assert text.strip().endswith("no changes")
    _, markdown = diff(repo, monkeypatch, revs["money"], revs["reorder"], "--format", "markdown")
    assert "No plan changed (1 plan compared)." in markdown and "| plan |" not in markdown  # no row per unchanged plan


def test_renamed_plan_folder(history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, revs = history
    code, out = diff(repo, monkeypatch, revs["reorder"], revs["rename"], "--format", "json")
    (plan,) = json.loads(out)["plans"]
    assert (plan["plan"], plan["status"], plan["old_plan"], plan["changes"]) == (
        "plans/brenner/plan.yaml",
        "renamed",
        "plans/brenner-werke/plan.yaml",
        [],
    )
    _, text = diff(repo, monkeypatch, revs["reorder"], revs["rename"])
    assert "plans/brenner/plan.yaml (Brenner Werke AG) — renamed from plans/brenner-werke/plan.yaml" in text


def test_long_text_edit_is_a_word_diff(history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, revs = history
    (change,) = changes(repo, monkeypatch, revs["rename"], revs["text"])
    assert change["where"] == "profile: market"
    assert "{+langsam+} wieder Tritt fasst" in change["detail"]
    assert change["detail"].count("{+") == 1 and "[-" not in change["detail"]
    assert len(change["detail"]) < 400  # the changed sentence, not the whole text


def test_pull_request_range_and_exit_code(
    history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, revs = history
    code, out = diff(repo, monkeypatch, f"{revs['start']}...{revs['money']}", "--format", "json", "--exit-code")
    assert code == 1
    wheres = [c["where"] for p in json.loads(out)["plans"] for c in p["changes"]]
    assert len(wheres) == len(set(wheres)) == 6  # every change once: target, attitude, two people, amount, total


def test_working_tree_against_head(history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = history
    edit(repo, "plans/brenner/plan.yaml", "status: approved", "status: review")
    try:
        code, out = diff(repo, monkeypatch, "--exit-code")
        assert code == 1
        assert "  ~ cover: status: approved → review" in out.splitlines()
    finally:
        git(repo, "checkout", "-q", "--", "plans/brenner/plan.yaml")


def test_new_findings_are_reported(history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = history
    edit(
        repo,
        "plans/brenner/plan.yaml",
        "reports_to: kbrenner\n      roles: [specifier]",
        "reports_to: kbrenner\n      roles: [boss]",
    )
    try:
        code, out = diff(repo, monkeypatch)
        assert "power_map.people[12].roles[0]: 'boss' is not one of" in out
        assert "  ! new error (line " in out
    finally:
        git(repo, "checkout", "-q", "--", "plans/brenner/plan.yaml")


def test_bad_revision_is_a_usage_error(history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = history
    code, _ = diff(repo, monkeypatch, "no-such-branch", "HEAD")
    assert code == 2


def test_diff_between_two_commits_runs_as_a_process(
    history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kamdoc diff A B` as git and CI run it: a process of its own, exit 0, the change in words (its time is in bench/diff.py)."""
    repo, revs = history
    monkeypatch.chdir(repo)
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "kamdoc", "diff", revs["start"], revs["money"], "--language", "en"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "financials" in run.stdout


def test_textconv_is_sorted_and_stable_under_reordering(
    history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    repo, revs = history
    outputs = []
    for rev in ("money", "reorder"):
        target = tmp_path / f"{rev}.yaml"
        target.write_bytes(
            subprocess.run(
                ["git", "-C", str(repo), "show", f"{revs[rev]}:plans/brenner-werke/plan.yaml"],
                capture_output=True,
                check=True,
            ).stdout
        )
        (tmp_path / ".git").mkdir(exist_ok=True)
        shutil.copy(repo / "plans" / "brenner" / "markt.md", tmp_path / "markt.md")
        shutil.copy(repo / "plans" / "brenner" / "logo.png", tmp_path / "logo.png")
        run = kamdoc("textconv", target)
        assert run.code == 0
        outputs.append(run.out)
    assert outputs[0] == outputs[1]
    lines = outputs[0].splitlines()
    assert lines == sorted(lines)
    assert 'power_map.people[mmueller].name = "Martina Müller"' in lines


def test_deck_shows_the_changes_since_a_revision(
    history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    repo, revs = history
    monkeypatch.chdir(repo)
    git(repo, "checkout", "-q", revs["money"])
    try:
        run = kamdoc(
            "render",
            "plans/brenner-werke",
            "--changes-since",
            revs["start"],
            "--to",
            "pptx,pdf",
            "--out",
            tmp_path,
            "--today",
            TODAY,
        )
        assert run.code == 0, run.err
        slide = Presentation(str(tmp_path / "brenner-werke.pptx")).slides[3]  # right after the summary and the agenda
        text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        assert text.startswith("Änderungen seit 15.11.2026")
        assert "Top-5-Ziele: goals: sow-antriebe" not in text
        assert "Top-5-Ziele: sow-antriebe: Zielwert: 50 % (Jahresvolumen 2028) → 55 % (Jahresvolumen 2028)" in text
        assert ": target:" not in text  # every field named in German
        # In the plan's language: field names the deck has words for, closed-list terms, numbers
        assert "Power-Map: Gerlinde Brenner-Hofmann: Einstellung: Neutral → Positiv" in text
        assert "Power-Map: + Olga Kaya" in text and "Power-Map: − Nicole Jäger" in text
        assert "Finanzplanung: Summe 2027: 11.080 → 11.330 (+250, +2,3 %)" in text
        pdf_page = PdfReader(str(tmp_path / "brenner-werke.pdf")).pages[3].extract_text()
        assert "Änderungen seit 15.11.2026" in pdf_page and "Olga Kaya" in pdf_page
        customer = kamdoc(
            "render",
            "plans/brenner-werke",
            "--changes-since",
            revs["start"],
            "--audience",
            "customer",
            "--out",
            tmp_path / "c",
        )
        assert customer.code == 0, customer.err
        slide = Presentation(str(tmp_path / "c" / "brenner-werke.pptx")).slides[2]  # no summary for the customer
        text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        assert "attitude" not in text and "Olga Kaya" in text
    finally:
        git(repo, "checkout", "-q", "-")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("start", "target"),
        ("target", "attitude"),
        ("attitude", "people"),
        ("people", "money"),
        ("rename", "text"),
        ("start", "money"),
    ],
)
def test_every_change_once_in_all_three_formats(
    history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, a: str, b: str
) -> None:
    from kamdoc.analyse.diff import Change, describe

    repo, revs = history
    found = changes(repo, monkeypatch, revs[a], revs[b])
    lines = [describe(Change(**{k: v for k, v in c.items()})) for c in found]
    assert lines and len(lines) == len(set(lines))
    _, text = diff(repo, monkeypatch, revs[a], revs[b])
    _, markdown = diff(repo, monkeypatch, revs[a], revs[b], "--format", "markdown")
    text_lines = [line[4:] for line in text.splitlines() if line.startswith(("  ~ ", "  + ", "  - "))]
    markdown_lines = [
        line[2:] for line in markdown.splitlines() if line.startswith("- ") and not line.startswith("- **")
    ]
    assert text_lines == lines
    assert [m.replace("\\|", "|") for m in markdown_lines] == lines


def test_markdown_stays_under_the_comment_limit() -> None:
    from kamdoc.analyse.diff import Change
    from kamdoc.commands.diff import MARKDOWN_LIMIT, as_markdown
    from kamdoc.load.git import Snapshot
    from kamdoc.pipeline.revisions import PlanDiff

    diffs = [
        PlanDiff(
            f"plans/p{i}/plan.yaml",
            "changed",
            account=f"Account {i}",
            changes=[Change("goals", f"goals: g{j}: target", "changed", "1 " * 30, "2 " * 30) for j in range(60)],
        )
        for i in range(40)
    ]
    snapshot = Snapshot(Path("."), "0" * 40)
    text = as_markdown(snapshot, snapshot, diffs)
    assert len(text) < MARKDOWN_LIMIT
    assert text.count("| plans/p") == 40  # the summary table lists every plan
    assert "more plans with changes are not shown" in text


def test_colour_on_a_terminal_unless_no_color(
    history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys
    from datetime import date

    from kamdoc.commands.diff import run_diff

    repo, revs = history
    monkeypatch.chdir(repo)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    run_diff([revs["start"], revs["target"]], "text", False, date(2026, 11, 22))
    assert "\033[33m~\033[0m" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    run_diff([revs["start"], revs["target"]], "text", False, date(2026, 11, 22))
    assert "\033[" not in capsys.readouterr().out


def test_added_and_removed_plans(history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = history
    shutil.copytree(PLANS / "halvorsen-logistics", repo / "plans" / "halvorsen-logistics")
    moved = repo.parent / "brenner-away"
    shutil.move(repo / "plans" / "brenner", moved)
    try:
        code, out = diff(repo, monkeypatch, "--format", "json")
        statuses = {p["plan"]: p["status"] for p in json.loads(out)["plans"]}
        assert statuses == {"plans/halvorsen-logistics/plan.yaml": "added", "plans/brenner/plan.yaml": "removed"}
        _, text = diff(repo, monkeypatch)
        assert "plans/halvorsen-logistics/plan.yaml (Halvorsen Logistics ASA) — new plan" in text
        assert "plans/brenner/plan.yaml (Brenner Werke AG) — plan removed" in text
    finally:
        shutil.rmtree(repo / "plans" / "halvorsen-logistics")
        shutil.move(moved, repo / "plans" / "brenner")


def test_assessment_changes_are_shown_but_never_to_the_customer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pptx import Presentation

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "kam@example.com")
    git(repo, "config", "user.name", "KAM")
    shutil.copytree(PLANS / "brenner-werke", repo / "plans" / "brenner-werke")
    shutil.copy(PLANS / "kamdoc.yaml", repo / "kamdoc.yaml")
    start = commit(repo, "start")
    edit(repo, PLAN, "    growth: {score: 3,", "    growth: {score: 4,")
    edit(repo, PLAN, "  partnership: strategic", "  partnership: operative")
    commit(repo, "rescored")
    found = changes(repo, monkeypatch, start, "HEAD")
    assert [(c["where"], c["old"], c["new"]) for c in found] == [
        ("assessment: scores: growth: score", 3, 4),
        ("assessment: partnership", "strategic", "operative"),
    ]
    internal = kamdoc(
        "render", "plans/brenner-werke", "--changes-since", start, "--out", tmp_path / "i", "--today", TODAY
    )
    customer = kamdoc(
        "render",
        "plans/brenner-werke",
        "--changes-since",
        start,
        "--audience",
        "customer",
        "--out",
        tmp_path / "c",
        "--today",
        TODAY,
    )
    assert internal.code == 0 and customer.code == 0, internal.err + customer.err

    def changes_slide(folder: Path) -> str:
        slides = Presentation(str(folder / "brenner-werke.pptx")).slides
        slide = next(s for s in slides if s.shapes.title is not None and s.shapes.title.text.startswith("Änderungen"))
        return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)

    assert "Partnerschaft: Strategische Partnerschaft → Operative Partnerschaft" in changes_slide(tmp_path / "i")
    assert "partnership" not in changes_slide(tmp_path / "c") and "score" not in changes_slide(tmp_path / "c")


@pytest.mark.parametrize(
    ("revision", "said"),
    [
        ("a" * 300, "is not a revision of this repository"),
        ("HEAD~" + "9" * 5000, "is not a revision of this repository"),
        ("HEAD\x00", "is not a revision of this repository"),
        ("--output=/tmp/x", "No such option"),
    ],
    ids=["long", "huge-number", "nul", "option"],
)
def test_hostile_revision_names_are_one_usage_error(
    history: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, revision: str, said: str
) -> None:
    repo, _ = history
    monkeypatch.chdir(repo)
    run = kamdoc("diff", "--language", "en", revision, "--", "plans")
    assert run.code == 2 and said in run.err and "Traceback" not in run.err
