"""Many readers at once: every view of a published post is counted, none lost."""

from concurrent.futures import ThreadPoolExecutor
from urllib.request import urlopen

import pytest

from posts.models import Post
from tests.factories import make_blog, make_post, make_user

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 8
VIEWS_EACH = 5


def test_concurrent_reads_all_count(live_server):
    post = make_post(make_blog(make_user("writer")))
    url = live_server.url + post.get_absolute_url()

    def read(_reader: int) -> list[int]:
        statuses = []
        for _ in range(VIEWS_EACH):
            with urlopen(url, timeout=30) as response:  # noqa: S310 (our own live server)
                statuses.append(response.status)
        return statuses

    with ThreadPoolExecutor(max_workers=READERS) as pool:
        statuses = [status for batch in pool.map(read, range(READERS)) for status in batch]
    assert statuses == [200] * READERS * VIEWS_EACH
    from django.core.management import call_command

    call_command("flush_read_counts", stdout=open("/dev/null", "w"))  # noqa: SIM115 (reads still in the cache)
    assert Post.objects.get(pk=post.pk).read_count == READERS * VIEWS_EACH
