"""“What the sources say”: published figures beside the registry's, said honestly."""

import pytest

from alzhir.stats.published import published_figures, verdict
from alzhir.stats.report import build_report

pytestmark = pytest.mark.django_db


def test_the_article_and_museum_figures_are_all_there_with_their_sources():
    figures = {f["key"]: f for f in published_figures()}
    assert figures["female_prisoners_total"]["value"] == 20000
    assert figures["children_born_in_camp"]["value"] == 1507
    assert figures["museum_names_known"]["value"] == 8000
    assert all(f["source"] for f in figures.values())
    assert figures["children_born_in_camp"]["locator"].startswith("§")


def test_verdicts_never_claim_more_than_the_registry_holds():
    assert "neither confirm nor contradict" in verdict(0, 1507)
    assert "lower bound" in verdict(6458, 8000) and "81%" in verdict(6458, 8000)
    assert "not yet merged" in verdict(25000, 20000)


def test_demo_registry_panel_links_each_count_to_its_records(client, demo):
    report = build_report()
    by_key = {c.key: c for c in report.comparisons}
    assert by_key["museum_names_known"].registry == report.persons > 0
    assert by_key["children_born_in_camp"].registry == 0
    html = client.get("/en/stats").content.decode()
    assert "What the sources say" in html and "20,000" in html and "1,507" in html
    assert "/en/stats/overview/records?row=persons&amp;col=persons" in html
