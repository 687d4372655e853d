"""`alzhir link` on a registry too small to train on: the demo's 44 persons and a museum's
three-line list. It used to stop with `ValueError: math domain error`."""

import json

import pytest

from alzhir.cli import main
from alzhir.linkage.fixed import FIXED_WEIGHTS, fixed_settings
from alzhir.linkage.settings import LinkageSettings
from alzhir.registry.models import LinkageRun, Record


def test_fixed_weights_cover_every_comparison_level():
    """A level added to the settings without rebuilding fixed_weights.json fails here."""
    settings = fixed_settings(50, LinkageSettings(), "duckdb")
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            if not level.get("is_null_level") and level["sql_condition"] != "ELSE":
                assert level.get("m_probability"), (comparison["output_column_name"], level)
    assert 0 < settings["probability_two_random_records_match"] < 1
    assert json.loads(FIXED_WEIGHTS.read_text("utf-8"))["comparisons"]


@pytest.mark.django_db(transaction=True)
def test_link_on_the_demo_with_a_museum_list(demo, museum_list, tmp_path, capsys):
    jekaterina = tmp_path / "museum2.csv"
    jekaterina.write_text(
        "record_id,full_name,sex,birth_date\nM-3,Jekaterina Kalinina,F,1882\n", encoding="utf-8"
    )
    assert main(["import", str(museum_list), "--source", "museum"]) == 0
    assert main(["import", str(jekaterina), "--source", "museum2"]) == 0
    capsys.readouterr()

    assert main(["link"]) == 0
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "records" in out.out
    run = LinkageRun.objects.get()
    assert run.parameters["data"]["m_source"].startswith("fixed weights")

    kalinina = Record.objects.get(record_id="kalinina-ekaterina").person_id
    museum = Record.objects.get(source__name="museum", record_id="M-2").person_id
    latin = Record.objects.get(source__name="museum2", record_id="M-3").person_id
    assert kalinina == museum == latin
    # and a second run on the merged registry is as quiet
    assert main(["link"]) == 0
