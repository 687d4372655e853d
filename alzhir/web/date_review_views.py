"""Staff: the dates an import kept as written but could not fully read, and the implausible
ones, each beside the record it belongs to (linked to her person's page). Plain on purpose:
one table, paged by record."""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path

from alzhir.ingest.date_review import problems_of, records_with_date_problems
from alzhir.ingest.rows import DateProblemKind

RECORDS_PER_PAGE = 100


@login_required
@permission_required("registry.view_record", raise_exception=True)
def date_review(request):
    records = records_with_date_problems().select_related("source")
    page = Paginator(records, RECORDS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        (record, problem, DateProblemKind(problem.kind).label)
        for record in page
        for problem in problems_of(
            record.source.name, record.record_id, record.fields["date_problems"]
        )  # fmt: skip
    ]
    return render(request, "alzhir/staff/date_review.html", {"page": page, "rows": rows})


urlpatterns = [path("dates/", date_review, name="staff-dates")]
