"""The statistics pages: /stats, each number's records, and every table as CSV.

urls.py adds `path("stats", stats_page, name="stats")` and includes this module's urlpatterns
under "stats/". Queries live in alzhir.stats; views only arrange them."""

from urllib.parse import urlencode

# A cell that begins with = + - @ would run as a formula in a historian's spreadsheet: defusedcsv
# writes such text with a leading apostrophe (numbers are left as they are).
from defusedcsv import csv
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.safestring import mark_safe

from alzhir.stats.drilldown import csv_rows, person_page
from alzhir.stats.report import build_report, build_table
from alzhir.stats.svg import chart_for
from alzhir.web.locators import citation_locator, record_locator

ROWS_SHOWN = 30


def cell_url(table_key: str, row_key: str, column: str) -> str:
    query = urlencode({"row": row_key, "col": column})
    return f"{reverse('stats-cell', args=[table_key])}?{query}"


def _table_view(table) -> dict:
    base = reverse("stats-cell", args=[table.key])

    def url(row_key, column):
        return f"{base}?{urlencode({'row': row_key, 'col': column})}"

    rows = [
        {
            "label": row.label,
            "cells": [
                {"count": row.cell(c).count, "url": url(row.key, c)} for c, _label in table.columns
            ],
        }
        for row in table.rows
    ]
    chart = chart_for(table, None, url)
    return {
        "table": table,
        # Built from escaped text in alzhir.stats.svg.
        "chart": mark_safe(chart),
        "legend": [label for _key, label in table.columns] if len(table.columns) > 1 else [],
        "rows": rows[:ROWS_SHOWN],
        "more_rows": rows[ROWS_SHOWN:],
        "totals": [table.total(c) for c, _label in table.columns],
        "csv_url": reverse("stats-table-csv", args=[table.key]),
    }


def stats_page(request):
    report = build_report()
    overview = report.tables["overview"]
    comparisons = [
        {
            "c": c,
            "url": cell_url("overview", c.row, "persons"),
            "locator": citation_locator(c.locator),
        }
        for c in report.comparisons
    ]
    return render(
        request,
        "alzhir/stats.html",
        {
            "report": report,
            "comparisons": comparisons,
            "overview": _table_view(overview),
            "tables": [_table_view(t) for key, t in report.tables.items() if key != "overview"],
        },
    )


def _table_or_404(table_key: str):
    table = build_table(table_key)
    if table is None:
        raise Http404("No such statistics table")
    return table


def _cell_or_404(request, table):
    row_key, column = request.GET.get("row", ""), request.GET.get("col", "")
    row = table.row(row_key)
    if row is None or column not in dict(table.columns):
        raise Http404("No such figure in this table")
    return row, column


def table_csv(request, table_key: str):
    table = _table_or_404(table_key)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="alzhir-{table.key}.csv"'
    csv.writer(response).writerows(table.csv_rows())
    return response


def cell_page(request, table_key: str):
    table = _table_or_404(table_key)
    row, column = _cell_or_404(request, table)
    cell = row.cell(column)
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    persons, pages = person_page(cell, page)
    for entry in persons:
        for item in entry["records"]:
            item["locator"] = record_locator(item["record"])
    page = min(max(page, 1), pages)
    base = {"row": row.key, "col": column}
    return render(
        request,
        "alzhir/stats_cell.html",
        {
            "table": table,
            "row": row,
            "column_label": dict(table.columns)[column],
            "count": cell.count,
            "persons": persons,
            "page": page,
            "pages": pages,
            "prev_query": urlencode(base | {"page": page - 1}) if page > 1 else "",
            "next_query": urlencode(base | {"page": page + 1}) if page < pages else "",
            "csv_url": f"{reverse('stats-cell-csv', args=[table.key])}?{urlencode(base)}",
        },
    )


class _Echo:
    def write(self, value):
        return value


def cell_csv(request, table_key: str):
    table = _table_or_404(table_key)
    row, column = _cell_or_404(request, table)
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(line) for line in csv_rows(row.cell(column))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="alzhir-{table.key}-records.csv"'
    return response


urlpatterns = [
    path("<slug:table_key>.csv", table_csv, name="stats-table-csv"),
    path("<slug:table_key>/records", cell_page, name="stats-cell"),
    path("<slug:table_key>/records.csv", cell_csv, name="stats-cell-csv"),
]
