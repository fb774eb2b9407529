"""The judged query set: 200+ queries in the kinds people type, each with every post it must find.

The posts are generated with a real vocabulary (search.corpus, a fixed seed)
plus the hand-written ones of judged.py. The truth for a query is computed
from the text itself: every published post whose normalised title, tags, lead
or body contains each typed term (normalised the same way), and none that
contains an excluded term. The search page must list every such post (paged
through, newest first), and its count must be at least as many. Runs on the
database under test, so on SQLite (FTS5) and PostgreSQL (tsvector, pg_trgm).
"""

import random
import re
from collections import defaultdict
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from pythainlp.util import arabic_digit_to_thai_digit

from posts.html import plain_text
from search.corpus import Writer
from search.query import parse
from search.text import normalize, tokens
from tests.factories import make_blog, make_post, make_user
from tests.search.judged import POSTS

pytestmark = pytest.mark.django_db
GENERATED = 120
CATEGORIES = [
    "word",
    "inside a longer word",
    "fragment",
    "two characters",
    "Thai digits",
    "typing slip",
    "phrase",
    "several terms",
    "Latin",
    "excluded",
]


def _texts() -> list[dict]:
    writer = Writer(seed=17)
    texts = [writer.post() for _ in range(GENERATED)]
    texts += [{"title": t, "lead": "", "body": f"<p>{b}</p>", "tags": tags} for t, b, tags in POSTS.values()]
    return texts


def _normalised(text: dict) -> str:
    return "\n".join(normalize(part) for part in [text["title"], *text["tags"], text["lead"], plain_text(text["body"])])


def _queries(texts: list[dict]) -> dict[str, list[str]]:
    """Queries of each kind, drawn from the generated text itself (seeded)."""
    rng = random.Random(2568)  # noqa: S311
    plain = [_normalised(t) for t in texts]
    words = sorted({w for text in plain for w in tokens(text, normalised=True) if re.fullmatch(r"[ก-๛]{3,}", w)})
    longer = [w for w in words if len(w) >= 7]
    queries: dict[str, list[str]] = defaultdict(list)
    for word in rng.sample(words, 40):
        queries["word"].append(word)
    # Dictionary words found only inside longer words: the misses of a segmented index.
    for word in rng.sample(words, len(words)):
        if len(queries["inside a longer word"]) >= 40:
            break
        if 3 <= len(word) <= 6 and any(word in other and word != other for other in rng.sample(longer, 60)):
            queries["inside a longer word"].append(word)
    queries["inside a longer word"] += ["ครือ", "เกษตร", "เรียนรู้", "มาตร"]
    for text in rng.sample(plain, 40):
        body = text.split("\n")[-1]
        for _ in range(10):
            start = rng.randrange(max(1, len(body) - 10))
            piece = body[start : start + rng.randint(4, 9)]
            if " " not in piece and len(piece) >= 4 and not re.match(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", piece):
                queries["fragment"].append(piece)
                break
    for text in rng.sample(plain, 25):
        body = text.split("\n")[-1]
        start = rng.randrange(max(1, len(body) - 3))
        piece = body[start : start + 2]
        if " " not in piece and not re.match(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", piece):
            queries["two characters"].append(piece)
    queries["two characters"] += ["ใน", "ดิบ", "นา", "ผล"]
    numbers = sorted({n for text in plain for n in re.findall(r"\b\d{2,4}\b", text)})
    for number in rng.sample(numbers, min(12, len(numbers))):
        queries["Thai digits"].append(arabic_digit_to_thai_digit(number) if rng.random() < 0.5 else number)
    queries["Thai digits"] += ["๒๕๖๘", "2568", "๑๒๐"]
    with_ae = [w for w in words if "แ" in w]
    for word in rng.sample(with_ae, min(10, len(with_ae))):
        queries["typing slip"].append(word.replace("แ", "เเ", 1))
    with_tone = [w for w in words if re.search("[่้๊๋]", w)]
    for word in rng.sample(with_tone, 8):
        tone = re.search("[่้๊๋]", word).group()
        queries["typing slip"].append(word.replace(tone, tone * 2, 1))
    for text in rng.sample(plain, 20):
        body = text.split("\n")[-1]
        start = rng.randrange(max(1, len(body) - 20))
        piece = body[start : start + 14].strip()
        if len(piece) >= 8:
            queries["phrase"].append(f'"{piece}"')
    queries["phrase"] += ['"คุณอำนวย ตำบล"', '"การจัดการความรู้"']
    for _ in range(20):
        a, b = rng.sample(words[: len(words) // 2], 2)
        queries["several terms"].append(f"{a} {b}")
    queries["Latin"] += ["KM", "km", "LINE", "line", "openchat", "Excel", "PDCA", "knowledge sharing", "Zoom", "aar"]
    for _ in range(10):
        a, b = rng.sample(words, 2)
        queries["excluded"].append(f"{a} -{b}")
    queries["excluded"] += ["ออมทรัพย์ -เงินกู้"]
    return queries


def _truth(query: str, plain: list[str]) -> set[int]:
    parsed = parse(query)
    return {
        n
        for n, text in enumerate(plain)
        if all(s in text for s in parsed.strings) and not any(s in text for s in parsed.excluded_strings)
    }


def _found(client, query: str) -> tuple[set[int], int, bool]:
    numbers, total, capped = set(), 0, False
    for page in range(1, 20):
        html = client.get("/search/", {"q": query, "order": "newest", "page": page}).content.decode()
        if page == 1:
            count = re.search(r"พบ(?:มากกว่า)? ([\d,]+)", html)
            total = int(count.group(1).replace(",", "")) if count else 0
            capped = "พบมากกว่า" in html
        found = re.findall(r'card-title"><a href="/posts/(\d+)/"', html)
        numbers.update(int(n) for n in found)
        if 'rel="next"' not in html:
            break
    return numbers, total, capped


@pytest.fixture
def corpus(db):
    texts = _texts()
    blog = make_blog(make_user("judge"))
    posts = [
        make_post(blog, title=t["title"], lead=t["lead"], body=t["body"], tags=t["tags"], age=timedelta(hours=n + 1))
        for n, t in enumerate(texts)
    ]
    call_command("rebuild_search_index", stdout=StringIO())
    return texts, [p.number for p in posts]


def test_the_judged_set_has_over_200_queries_in_every_category():
    queries = _queries(_texts())
    assert sum(map(len, queries.values())) >= 200
    assert set(queries) == set(CATEGORIES)
    assert all(len(qs) >= 10 for qs in queries.values()), {k: len(v) for k, v in queries.items()}


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_judged_post_is_found(client, corpus, category):
    texts, numbers = corpus
    plain = [_normalised(t) for t in texts]
    misses = {}
    for query in _queries(texts)[category]:
        must = {numbers[n] for n in _truth(query, plain)}
        found, total, capped = _found(client, query)
        if not must <= found or (total < len(must) and not capped):
            misses[query] = (len(must - found), len(must), total)
    assert not misses, f"{category}: query -> (missed, judged, count shown): {misses}"
