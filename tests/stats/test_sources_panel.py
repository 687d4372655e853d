"""“What the sources say”: the published figures a registry holds, each cited, beside the
registry's own counts, said honestly; a registry holding none shows its own counts only."""

import pytest

from alzhir.cli import main
from alzhir.registry.actions import do_set_published_figure, do_undo
from alzhir.registry.models import AuditEntry, PublishedFigure
from alzhir.stats.published import published_figures, verdict
from alzhir.stats.report import build_report

pytestmark = pytest.mark.django_db


def test_the_demo_holds_the_articles_figures_with_their_citations(demo):
    figures = {f["key"]: f for f in published_figures()}
    assert set(figures) == {"female_prisoners_total", "children_born_in_camp"}
    assert figures["female_prisoners_total"]["value"] == 20000
    assert figures["children_born_in_camp"]["row"] == "born-in-camp"
    assert all("A Prison for Mothers" in f["source"] for f in figures.values())
    assert figures["children_born_in_camp"]["locator"].startswith("§")
    assert PublishedFigure.objects.count() == 17


def test_verdicts_never_claim_more_than_the_registry_holds():
    assert "neither confirm nor contradict" in verdict(0, 1507)
    assert "lower bound" in verdict(6458, 8000) and "81%" in verdict(6458, 8000)
    assert "not yet merged" in verdict(25000, 20000)


def test_demo_registry_panel_links_each_count_to_its_records(client, demo):
    report = build_report()
    by_key = {c.key: c for c in report.comparisons}
    assert 0 < by_key["female_prisoners_total"].registry <= report.persons
    assert by_key["children_born_in_camp"].registry == 0
    html = client.get("/en/stats").content.decode()
    assert "What the sources say" in html and "20,000" in html and "1,507" in html
    assert "/en/stats/overview/records?row=in-alzhir&amp;col=persons" in html


def test_a_registry_without_published_figures_shows_its_own_counts_only(client, tmp_path, capsys):
    (tmp_path / "list.csv").write_text(
        "record_id,surname,given_name,sex\n1,Иванова,Анна,F\n", encoding="utf-8"
    )
    main(["import", str(tmp_path / "list.csv"), "--source", "memory-book"])
    assert build_report().comparisons == []
    for page in ("/en/", "/en/stats"):
        html = client.get(page).content.decode()
        assert "20,000" not in html and "1,507" not in html and "8,000" not in html
        assert "A Prison for Mothers" not in html
    assert "What the sources say" not in client.get("/en/stats").content.decode()
    assert "What ALZHIR was" not in client.get("/en/").content.decode()
    capsys.readouterr()
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "1 persons from 1 records" in out and "20" + "000" not in out.replace(",", "")


def test_staff_set_a_figure_with_its_citation_and_can_undo_it(client, tmp_path, capsys):
    (tmp_path / "list.csv").write_text(
        "record_id,surname,given_name,sex\n1,Иванова,Анна,F\n", encoding="utf-8"
    )
    main(["import", str(tmp_path / "list.csv"), "--source", "memory-book"])
    assert main(["figures", "set", "museum_names_known", "--value", "8000", "--text",
                 "about 8,000", "--claim", "names of ALZHIR prisoners known today", "--source",
                 "memory-book", "--locator", "notes", "--compared-with", "persons",
                 "--featured"]) == 0  # fmt: skip
    html = client.get("/en/stats").content.decode()
    assert "about 8,000" in html and "Names of ALZHIR prisoners known today" in html
    assert "about 8,000" in client.get("/en/").content.decode()
    assert main(["figures", "set", "museum_names_known", "--text", "8,000"]) == 0
    assert PublishedFigure.objects.get().text == "8,000"
    assert main(["figures", "set", "unsourced", "--value", "1", "--text", "one",
                 "--claim", "x", "--source", "nowhere"]) == 1  # fmt: skip
    change = AuditEntry.objects.filter(action="set_published_figure").first()
    do_undo(change, "archivist")
    assert PublishedFigure.objects.get().text == "about 8,000"
    do_set_published_figure("museum_names_known", "archivist", value=8000, text="8 000",
                            claim="names known", source="memory-book")  # fmt: skip
    capsys.readouterr()
    assert main(["figures", "list"]) == 0
    assert "museum_names_known: 8 000 — names known (memory-book)" in capsys.readouterr().out
