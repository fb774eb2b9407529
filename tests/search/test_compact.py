"""Compacting the search index: what indexing added merged into one structure, nothing lost."""

import pytest
from django.db import connection

from search.tasks import compact_index
from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db


def segments() -> int:
    """FTS5 segments of the posts' trigram table (each indexing transaction adds one)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT segid) FROM search_post_chars_idx")
        return cursor.fetchone()[0]


def left_to_merge() -> int:
    """SQLite: segments past one. PostgreSQL: pages in the GIN indexes' pending lists
    (gin_clean_pending_list merges them and says how many it merged)."""
    if connection.vendor == "sqlite":
        return segments() - 1
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0) FROM pg_index i
               JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
               WHERE i.indrelid = 'search_entry'::regclass AND a.amname = 'gin'"""
        )
        return cursor.fetchone()[0]


def found(client, q: str) -> list[str]:
    response = client.get("/search/", {"q": q, "order": "newest"})
    assert response.status_code == 200
    return [result["post"].title for result in response.context["results"]]


@pytest.fixture
def many_writes(db, django_capture_on_commit_callbacks):
    """Posts indexed one transaction at a time, as a facilitator publishes them over a day."""
    blog = make_blog(make_user("somchai"))
    for n in range(12):
        with django_capture_on_commit_callbacks(execute=True):
            make_post(
                blog,
                title=f"ถอดบทเรียนวงที่ {n}",
                body=f"<p>เครือข่ายเกษตรกรรมครั้งที่ {n} ใช้{'ปุ๋ยหมัก' if n % 3 == 0 else 'น้ำหมัก'}</p>",
            )


def test_compacting_keeps_every_match_and_finishes(client, many_writes):
    before = {q: found(client, q) for q in ("เกษตร", "ปุ๋ยหมัก", "มัก", "ถอดบท")}
    assert len(before["ปุ๋ยหมัก"]) == 4 and len(before["มัก"]) == 12

    assert compact_index.call() is True
    assert {q: found(client, q) for q in before} == before
    assert compact_index.call() is True  # nothing left: returns at once


def test_nothing_is_left_to_merge(many_writes):
    if connection.vendor == "sqlite":
        assert segments() > 1  # counting them merges nothing; PostgreSQL's count would
    compact_index.call()
    assert left_to_merge() == 0


def test_a_time_budget_stops_early_and_the_next_run_goes_on(many_writes):
    from search.engines import backend

    if connection.vendor == "sqlite":
        assert backend().compact(0) is False  # no time: stops before the first step
        assert segments() > 1
    assert backend().compact() is True
