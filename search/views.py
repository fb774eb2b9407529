from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from comments.models import Comment
from communities.models import Community
from kmblog.thai_dates import BUDDHIST_ERA, to_christian_year
from posts.html import plain_text
from posts.models import Blog, Post
from profiles.models import Profile
from search import engines, keywords
from search.models import Entry
from search.query import MAX_QUERY_CHARS, parse
from search.snippets import snippet
from tags.models import Tag

MAX_PAGE = 50
FIRST_YEAR = 2005  # GotoKnow's first year: nothing older exists to find
Kind = Entry.Kind
# The tabs, in order; the filters that fit each kind of result.
KINDS = [Kind.POST, Kind.COMMENT, Kind.COMMUNITY, Kind.PERSON]
FILTERS = {
    Kind.POST: {"tag", "author", "blog", "community", "year"},
    Kind.COMMENT: {"author", "blog", "community", "year"},
    Kind.COMMUNITY: set(),
    Kind.PERSON: set(),
}


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 10**9 else None


def _chosen(request: HttpRequest) -> dict:
    """The filters in the address, looked up; unknown values are dropped, never an error."""
    get = request.GET
    return {
        "tag": Tag.objects.filter(slug=get.get("tag", "")[:100]).first() if get.get("tag") else None,
        "author": (
            get_user_model().objects.select_related("profile").filter(username=get.get("author", "")[:150]).first()
            if get.get("author")
            else None
        ),
        "blog": Blog.objects.filter(pk=_int(get.get("blog"))).first() if _int(get.get("blog")) else None,
        "community": (
            Community.objects.listed().filter(slug=get.get("community", "")[:200]).first()
            if get.get("community")
            else None
        ),
    }


def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…&kind=post|comment|community|person&order=newest&tag=…&author=…&blog=…&community=…&year=…&page=…

    One page for every kind of thing: a tab per kind with its count, the
    results of the chosen kind, the filters that fit it. Template
    search/search.html. Any input gives a page, never an error.
    """
    raw = request.GET.get("q", "")
    query = parse(raw)
    kind = request.GET.get("kind", Kind.POST)
    kind = Kind(kind) if kind in Kind.values else Kind.POST
    newest_first = request.GET.get("order") == "newest"
    chosen = _chosen(request)
    year, year_error = _year(request.GET.get("year"))
    scoped = any(chosen.values())
    page_number = min(_int(request.GET.get("page")) or 1, MAX_PAGE)
    size = settings.KMBLOG_PAGE_SIZE
    context = {
        "q": raw[:MAX_QUERY_CHARS],
        "query": query,
        "kind": kind,
        "newest_first": newest_first,
        **chosen,
        "scoped": scoped,
        "filters": FILTERS[kind],
        "year": year,
        # (year, label) for the year filter, labelled here once: 22 options translated
        # and formatted one by one cost the page 0.6 ms.
        "years": [(y, f"{_('พ.ศ.')} {y + BUDDHIST_ERA}") for y in range(timezone.localdate().year, FIRST_YEAR - 1, -1)],
        "year_error": year_error,
    }
    if not query.is_empty:
        tabs = []
        for each in KINDS:
            if scoped and not FILTERS[each]:
                continue  # within a blog, a community or a person's posts: no communities or people
            filters = _filters(each, chosen, year)
            if each == kind:
                found = engines.search(
                    query,
                    kind=kind,
                    filters=filters,
                    newest_first=newest_first,
                    offset=(page_number - 1) * size,
                    limit=size,
                )
                total, capped = found.total, found.total_is_capped
            else:
                total, capped = engines.count(query, kind=each, filters=filters)
            tabs.append({"kind": each, "label": each.label, "total": total, "capped": capped})
        context["tabs"] = tabs
        context["results"] = RESULTS[kind](found.ids, query)
        context["total"], context["total_is_capped"] = found.total, found.total_is_capped
        context["page_number"] = page_number
        context["page_count"] = min(max(1, -(-found.total // size)), MAX_PAGE)
        # Past a capped count, a full page may have more after it.
        more = page_number * size < found.total or (found.total_is_capped and len(found.ids) == size)
        context["has_next"] = more and page_number < MAX_PAGE
        context["has_previous"] = page_number > 1
    return render(request, "search/search.html", context, status=400 if year_error else 200)


def _filters(kind: str, chosen: dict, year: int | None) -> engines.Filters:
    fits = FILTERS[kind]
    pk = {name: (chosen[name].pk if chosen[name] and name in fits else None) for name in chosen}
    return engines.Filters(
        tag_id=pk["tag"],
        author_id=pk["author"],
        blog_id=pk["blog"],
        community_id=pk["community"],
        year=year if "year" in fits else None,
    )


def _posts(ids: list[int], query) -> list[dict]:
    posts = {post.pk: post for post in Post.objects.filter(pk__in=ids).for_list()}
    return [
        {
            "post": posts[pk],
            "title": snippet(posts[pk].title, query.strings, query.words, width=None),
            "snippet": snippet(f"{posts[pk].lead} {plain_text(posts[pk].body)}", query.strings, query.words),
        }
        for pk in ids
        if pk in posts
    ]


def _comments(ids: list[int], query) -> list[dict]:
    comments = Comment.objects.filter(pk__in=ids).select_related("post__blog", "author__profile")
    found = {comment.pk: comment for comment in comments}
    return [
        {"comment": found[pk], "snippet": snippet(found[pk].body, query.strings, query.words)}
        for pk in ids
        if pk in found
    ]


def _communities(ids: list[int], query) -> list[dict]:
    found = {c.pk: c for c in Community.objects.filter(pk__in=ids).prefetch_related("tags")}
    return [
        {
            "community": found[pk],
            "title": snippet(found[pk].name, query.strings, query.words, width=None),
            "snippet": snippet(found[pk].description, query.strings, query.words),
        }
        for pk in ids
        if pk in found
    ]


def _people(ids: list[int], query) -> list[dict]:
    found = {
        p.user_id: p for p in Profile.objects.filter(user_id__in=ids).select_related("user").prefetch_related("roles")
    }
    return [
        {"profile": found[pk], "title": snippet(str(found[pk]), query.strings, query.words, width=None)}
        for pk in ids
        if pk in found
    ]


RESULTS = {Kind.POST: _posts, Kind.COMMENT: _comments, Kind.COMMUNITY: _communities, Kind.PERSON: _people}


def _year(raw: str | None) -> tuple[int | None, str]:
    """The year filter, Buddhist or Christian era; an impossible one is an error message, not a 500."""
    if not raw:
        return None, ""
    year = _int(raw)
    if year:
        year = to_christian_year(year)
    if year is None or not FIRST_YEAR <= year <= timezone.localdate().year + 1:
        return None, _("ไม่มีปี %(year)s ให้ค้นหา เลือกปีจากรายการ (พ.ศ. %(first)d ถึงปีปัจจุบัน)") % {
            "year": raw[:12],
            "first": FIRST_YEAR + BUDDHIST_ERA,
        }
    return year, ""


def suggest_tags(request: HttpRequest) -> JsonResponse:
    """POST title/lead/body of a post being written → {"tags": [...]}, existing tags first.

    For the editor's "suggest from the text" button; login required, CSRF checked.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"tags": []}, status=403)
    if request.method != "POST":
        return JsonResponse({"tags": []}, status=405)
    title = request.POST.get("title", "")[:300]
    text = f"{request.POST.get('lead', '')[:3000]} {plain_text(request.POST.get('body', '')[:100_000])}"
    existing, fresh = keywords.suggest_tags(title, text, limit=10)
    return JsonResponse({"tags": existing + fresh, "existing": existing})
