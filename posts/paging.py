"""Pages of lists too long to count on every view, and of lists in Thai dictionary order.

Django's Paginator counts the whole list for "page 3 of 2,500". A community
with 50,000 shared posts paid more for that COUNT than for the page itself.
Where the site keeps the number anyway (a community's post_count) it is handed
to the paginator; where it does not ("กำลังคุยกัน"), UncountedPage fetches one
row more than it shows, which says whether there is a next page.
"""

from collections.abc import Callable, Iterable

from django.core.paginator import Page, Paginator
from pythainlp.util import collate

MAX_PAGE = 1000


def page_number(raw: str | None) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def counted_page(queryset, raw_number: str | None, per_page: int, count: int):
    """A Django page whose paginator takes `count` as the list's length instead of counting it."""
    paginator = Paginator(queryset, per_page)
    paginator.count = count  # a cached_property: set, it is never computed
    return paginator.get_page(raw_number)


def collated_page(
    named: Iterable[tuple[str, int]], raw_number: str | None, per_page: int, load: Callable[[list[int]], dict]
) -> Page:
    """A page of rows in Thai dictionary order of their names (the database's order is not Thai).

    `named` gives (name, pk) for every row of the list; only the page's rows are
    then read in full, by `load(pks) -> {pk: row}`. Rows sharing a name all stay.
    """
    by_name: dict[str, list[int]] = {}
    for name, pk in named:
        by_name.setdefault(name, []).append(pk)
    ordered = [pk for name in collate(by_name) for pk in by_name[name]]
    page = Paginator(ordered, per_page).get_page(raw_number)
    found = load(list(page.object_list))
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


class UncountedPage:
    """A page that knows its number and whether another follows, not how many there are."""

    paginator = None

    def __init__(self, queryset, raw_number: str | None, per_page: int):
        self.number = page_number(raw_number)
        start = (self.number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        self.object_list = rows[:per_page]
        self._has_next = len(rows) > per_page

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1
