"""The site's URLs plus the baselines the site benchmark compares against.

/bench/bare/     a Django view returning a fixed page (middleware + routing, no template)
/bench/template/ a Django template page of the same size (adds the template engine)
/bench/thread/   the same page with its comment thread written by a template loop over
                 the comments as plain dicts: what the template engine alone costs
                 for such a thread, with no database and no model objects
The pages are the bytes of the post page captured by benchmarks/site.py.
"""

import html
import os
import re
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path

PAGE = Path(os.environ.get("BENCH_PAGE", "/tmp/kmblog-bench-page.html"))  # noqa: S108 (benchmark only)
COMMENT = re.compile(
    r'<article class="comment" id="comment-(\d+)">.*?</a> (?:<a href="([^"]+)">([^<]*)</a>|<span>([^<]*)</span>).*?'
    r'<time datetime="([^"]+)" title="([^"]+)">([^<]*)</time>.*?<div class="comment-body"><p>(.*?)</p></div>'
    r".*?reply=(\d+)#.*?</article>\n",
    re.S,
)


@cache
def thread_page() -> dict:
    """The captured page cut into what comes before the thread, the comments, and what follows."""
    page = PAGE.read_text()
    found = list(COMMENT.finditer(page))
    text = html.unescape  # the template escapes again, as the real page does
    comments = [
        {
            "position": m[1],
            "url": m[2],
            "name": text(m[3] or m[4]),
            "iso": m[5],
            "full": text(m[6]),
            "ago": text(m[7]),
            "body": text(m[8]),
            "pk": m[9],
        }
        for m in found
    ]
    return {"head": page[: found[0].start()], "tail": page[found[-1].end() :], "comments": comments}


@cache
def page_bytes() -> bytes:
    return PAGE.read_bytes()


def bare(request):
    return HttpResponse(page_bytes())


def template_page(request):
    return render(request, "bench_page.html")


def thread_template(request):
    return render(request, "bench_thread.html", thread_page())


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/template/", template_page),
    path("bench/thread/", thread_template),
    path("", include("kmblog.urls")),
]
