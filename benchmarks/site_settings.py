"""Settings for benchmarks/site.py: the production settings, plus the baseline pages."""

import os
from pathlib import Path

from kmblog.settings import *  # noqa: F403
from kmblog.settings import TEMPLATES

ROOT_URLCONF = "benchmarks.site_urls"
TEMPLATES[0]["DIRS"] = [
    *TEMPLATES[0]["DIRS"],
    os.environ.get("BENCH_TEMPLATES", "/tmp/kmblog-bench-templates"),  # noqa: S108 (the captured page)
    Path(__file__).resolve().parent / "templates",
]
