"""Pages of lists too long to count on every view.

Django's Paginator counts the whole list for "page 3 of 2,500". A community
with 50,000 shared posts paid more for that COUNT than for the page itself.
Where the site keeps the number anyway (a community's post_count) it is handed
to the paginator; where it does not ("กำลังคุยกัน"), UncountedPage fetches one
row more than it shows, which says whether there is a next page.
"""

from django.core.paginator import Paginator

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
