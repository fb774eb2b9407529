"""Hostile input to every URL pattern and every form: never a server error.

The URL patterns are read from the resolver and the admin's registry, so a new
page is fuzzed without anyone listing it here. Each pattern's parameters are
filled with real objects and with hostile values; each page is asked with
hostile query strings (invalid percent-encoding, huge and negative numbers,
long strings, arrays, control characters), and every form found on it is
posted back with hostile values, in several content types and methods, as a
stranger, a member and an editor. Every answer must be below 500.

In the suite the examples are derandomised, so CI is repeatable: the same
hostile inputs on every run. To hunt for new failures, run with
KMBLOG_FUZZ_EXAMPLES=200 (random examples, many more of them):

    KMBLOG_FUZZ_EXAMPLES=200 .venv/bin/python -m pytest tests/test_fuzz.py
"""

import os
import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from comments.models import Comment
from tests.factories import make_blog, make_comment, make_post, make_user

pytestmark = pytest.mark.django_db

# Values that broke kmblog once, or break web applications often.
NASTY = [
    "",
    "0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999",
    "10542",
    "9" * 400,
    "1e309",
    "NaN",
    "%",
    "%zz",
    "%E0%B8",
    "%00",
    "\x0b",
    "\x0c",
    "a\x1bb",
    "\u202e",
    "&",
    "?",
    "#",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "ก" * 5000,
    "x" * 20000,
    "[]",
    "{}",
    "🙂" * 50,
]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200)
VALUE = st.one_of(st.sampled_from(NASTY), TEXT, st.integers().map(str))
QUERY_KEYS = [
    "q",
    "page",
    "year",
    "order",
    "tag",
    "author",
    "reply",
    "next",
    "o",
    "p",
    "e",
    "all",
    "_changelist_filters",
]

HUNT = int(os.environ.get("KMBLOG_FUZZ_EXAMPLES", "0"))


def FUZZ(examples: int):  # noqa: N802 (a decorator, named like one)
    return settings(
        max_examples=HUNT or examples,
        derandomize=not HUNT,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


_FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')
_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def site_patterns(patterns=None, prefix: str = ""):
    """Every site URL pattern as a route string (the admin is walked by model below)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith("admin/"):
                yield from site_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def admin_routes() -> list[str]:
    routes = ["admin/", "admin/login/", "admin/password_change/", "admin/autocomplete/"]
    for model in admin.site._registry:
        base = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        routes += [base, base + "add/", base + "<pk>/change/", base + "<pk>/delete/", base + "<pk>/history/"]
    return routes


ROUTES = sorted(set(site_patterns())) + admin_routes()


@pytest.fixture
def world(db):
    """A small site: a writer with a post and comments, a member, an editor."""
    writer = make_user("writer", display_name="คุณอำนวย")
    post = make_post(make_blog(writer), tags=["คุณกิจ"])
    comment = make_comment(post, guest_name="แขก")
    return {
        "writer": writer,
        "member": make_user("member"),
        "editor": make_user("editor", staff=True),
        "values": {
            "number": str(post.number),
            "pk": str(comment.pk),
            "username": "writer",
            "slug": "คุณกิจ",
            "code": "en",
            "path": "avatars/x.jpg",
        },
    }


def fill(route: str, values: dict[str, str], hostile: str | None) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        return hostile if hostile is not None else values.get(name, "1")

    path = "/" + _PARAM.sub(replace, route).lstrip("^").rstrip("$")
    return path.replace("\\", "")


def quoted(value: str) -> str:
    from urllib.parse import quote

    # Raw ASCII percent-escapes stay raw: invalid encodings reach the server as sent.
    # (A WSGI server can only hand over Latin-1 text, so anything else is quoted.)
    return value if value.startswith("%") and value.isascii() else quote(value, safe="")


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what} → {response.status_code}"


@pytest.fixture
def people(world) -> list[Client]:
    """A stranger, a member, the writer and an editor, each with their own client."""
    found = [Client(raise_request_exception=False)]
    for user in (world["member"], world["writer"], world["editor"]):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        found.append(client)
    return found


QUERY_SHAPES = ["{k}={v}", "{k}={v}&{k}=x", "{k}[]={v}", "{k}={v}&{k}={v}&page={v}"]


@pytest.mark.parametrize("route", ROUTES)
@FUZZ(12)
@given(
    hostile=st.one_of(st.none(), st.sampled_from(NASTY).filter(lambda v: "/" not in v and v), TEXT),
    value=VALUE,
    key=st.sampled_from(QUERY_KEYS),
    shape=st.sampled_from(QUERY_SHAPES),
    who=st.integers(0, 3),
)
@example(hostile=None, value="10542", key="year", shape=QUERY_SHAPES[0], who=0)
@example(hostile="99999999999999999999", value="%zz", key="page", shape=QUERY_SHAPES[1], who=3)
def test_every_page_survives_hostile_paths_and_query_strings(world, people, route, hostile, value, key, shape, who):
    path = fill(route, world["values"], quoted(hostile) if hostile else None)
    query = shape.format(k=key, v=quoted(value))
    assert_no_server_error(people[who].get(path, QUERY_STRING=query), f"GET {path}?{query} as {who}")


def form_fields(client: Client, path: str) -> list[str]:
    response = client.get(path)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    return sorted(set(_FIELD.findall(response.content.decode(errors="replace"))) - {"csrfmiddlewaretoken"})


ATTEMPTS = {
    "form": lambda c, path, d: c.post(path, d),
    "arrays": lambda c, path, d: c.post(path, {k: [v, v] for k, v in d.items()}),
    "bad percent-encoding": lambda c, path, d: c.post(
        path, "not=a&valid=%zz%", content_type="application/x-www-form-urlencoded"
    ),
    "broken multipart": lambda c, path, d: c.post(
        path, b"\xff\xfe\x00garbage", content_type="multipart/form-data; boundary=x"
    ),
    "json": lambda c, path, d: c.post(path, '{"a": [1, 2', content_type="application/json"),
    "cp1252": lambda c, path, d: c.generic(
        "POST", path, "q=1", content_type="application/x-www-form-urlencoded; charset=cp1252"
    ),
    "PUT": lambda c, path, d: c.put(path, "x=1"),
    "DELETE": lambda c, path, d: c.delete(path),
    "PATCH": lambda c, path, d: c.patch(path, "x=1"),
    "OPTIONS": lambda c, path, d: c.options(path),
    "HEAD": lambda c, path, d: c.head(path),
}


@pytest.mark.parametrize("route", ROUTES)
@FUZZ(10)
@given(value=VALUE, other=VALUE, attempt=st.sampled_from(sorted(ATTEMPTS)), who=st.integers(0, 3))
@example(value="&", other="?", attempt="form", who=2)
@example(value="99999999999999999999", other="\x0c", attempt="form", who=3)
def test_every_form_survives_hostile_posts(world, people, route, value, other, attempt, who):
    path = fill(route, world["values"], None)
    client = people[who]
    fields = form_fields(client, path) or ["body", "title", "q", "username", "password"]
    data = {name: value if n % 2 else other for n, name in enumerate(fields)}
    data["action"] = value
    response = ATTEMPTS[attempt](client, path, data)
    assert_no_server_error(response, f"{attempt} {path} as {who} with {sorted(data)}")


def test_the_fuzz_reaches_every_capability(world):
    """A guard for the test itself: the walk finds the site's pages and the admin's."""
    joined = " ".join(ROUTES)
    for needed in ["posts/<int:number>/", "search/", "accounts/signup/", "me/profile/", "admin/posts/post/"]:
        assert needed in joined, needed
    assert Comment.objects.count() == 1
