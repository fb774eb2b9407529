"""The site's URLs plus two baselines the site benchmark compares against.

/bench/bare/     a Django view returning a fixed page (middleware + routing, no template)
/bench/template/ a Django template page of the same size (adds the template engine)
Both serve the bytes of the post page captured by benchmarks/site.py.
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path

PAGE = Path(os.environ.get("BENCH_PAGE", "/tmp/kmblog-bench-page.html"))  # noqa: S108 (benchmark only)


def bare(request):
    return HttpResponse(PAGE.read_bytes())


def template_page(request):
    return render(request, "bench_page.html")


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/template/", template_page),
    path("", include("kmblog.urls")),
]
