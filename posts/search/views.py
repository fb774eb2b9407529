from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Community
from kmblog.thai_dates import BUDDHIST_ERA, to_christian_year
from posts.models import Post
from posts.search import engines, keywords
from posts.search.index import plain_text
from posts.search.query import MAX_QUERY_CHARS, parse
from posts.search.snippets import snippet
from tags.models import Tag

MAX_PAGE = 50
FIRST_YEAR = 2005  # GotoKnow's first year: nothing older exists to find


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 10**9 else None


def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…&order=newest&tag=…&author=…&year=…&page=…

    Template posts/search.html: q, query, results (post, snippet), page numbers,
    the filters and their choices. Any input gives a page, never an error.
    """
    raw = request.GET.get("q", "")
    query = parse(raw)
    newest_first = request.GET.get("order") == "newest"
    tag = Tag.objects.filter(slug=request.GET.get("tag", "")[:100]).first() if request.GET.get("tag") else None
    author = (
        get_user_model().objects.select_related("profile").filter(username=request.GET.get("author", "")[:150]).first()
        if request.GET.get("author")
        else None
    )
    community = (
        Community.objects.listed().filter(slug=request.GET.get("community", "")[:200]).first()
        if request.GET.get("community")
        else None
    )
    year, year_error = _year(request.GET.get("year"))
    page_number = min(_int(request.GET.get("page")) or 1, MAX_PAGE)
    size = settings.KMBLOG_PAGE_SIZE
    context = {
        "q": raw[:MAX_QUERY_CHARS],
        "query": query,
        "newest_first": newest_first,
        "tag": tag,
        "author": author,
        "community": community,
        "year": year,
        "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1),
        "year_error": year_error,
    }
    if not query.is_empty:
        filters = engines.Filters(
            tag_id=tag and tag.pk, author_id=author and author.pk, year=year, community_id=community and community.pk
        )
        found = engines.search(
            query, filters=filters, newest_first=newest_first, offset=(page_number - 1) * size, limit=size
        )
        posts = {post.pk: post for post in Post.objects.filter(pk__in=found.ids).for_list()}
        context["results"] = [
            (posts[pk], snippet(f"{posts[pk].lead} {plain_text(posts[pk].body)}", query.words))
            for pk in found.ids
            if pk in posts
        ]
        context["total"], context["total_is_capped"] = found.total, found.total_is_capped
        context["page_number"] = page_number
        context["page_count"] = min(max(1, -(-found.total // size)), MAX_PAGE)
        context["has_next"] = page_number * size < found.total and page_number < MAX_PAGE
        context["has_previous"] = page_number > 1
    return render(request, "posts/search.html", context, status=400 if year_error else 200)


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
