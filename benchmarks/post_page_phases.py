"""Where the uncached post page spends its time: CPU per phase, in-process.

    DJANGO_SETTINGS_MODULE=benchmarks.site_settings ... python benchmarks/post_page_phases.py /posts/N/

Run by benchmarks/site.py against its scratch site (same settings, page cache
off). Each phase is timed by wrapping the function that does it; the figures
are medians of CPU time (time.process_time) over 40 requests through Django's
test client, after 5 to warm up. "middleware and the rest" is the request
minus the timed phases.
"""

import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

import comments.thread  # noqa: E402
import posts.views  # noqa: E402

times: dict[str, list[float]] = defaultdict(list)


def timed(module, name: str, label: str) -> None:
    function = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            times[label].append((time.process_time() - start) * 1000)

    setattr(module, name, wrapper)


def measure(client: Client, url: str, rounds: int = 40) -> float:
    for _ in range(5):
        client.get(url)
    times.clear()
    whole = []
    for _ in range(rounds):
        start = time.process_time()
        response = client.get(url)
        whole.append((time.process_time() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(whole)


def main() -> None:
    post_url = sys.argv[1]
    timed(posts.views, "get_post_for_page", "post, blog, author, tags (3 queries)")
    timed(comments.thread, "load", "comments query, 200 rows")
    timed(posts.views, "related_posts", "related posts (search query)")
    timed(posts.views, "render", "template, thread included")
    timed(comments.thread, "render", "  of which the comment thread HTML")
    client = Client()
    baseline = measure(client, "/bench/template/")
    total = measure(client, post_url)
    order = [
        "post, blog, author, tags (3 queries)",
        "comments query, 200 rows",
        "related posts (search query)",
        "template, thread included",
        "  of which the comment thread HTML",
    ]
    phases = {label: statistics.median(times[label]) for label in order}
    print(f"CPU per request, median of 40: bare template page {baseline:.1f} ms; post page {total:.1f} ms")
    for label, value in phases.items():
        print(f"  {label:40} {value:6.1f} ms")
    rest = total - sum(value for label, value in phases.items() if not label.startswith("  "))
    print(f"  {'middleware and the rest':40} {rest:6.1f} ms")


if __name__ == "__main__":
    main()
