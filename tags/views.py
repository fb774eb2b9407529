from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from pythainlp.util import collate

from posts.caching import cache_for_readers
from posts.models import Post
from tags.models import Tag


@cache_for_readers
def tag_list(request: HttpRequest) -> HttpResponse:
    """Every tag in use, in Thai dictionary order. Template tags/tag_list.html: tags."""
    tags = {tag.name: tag for tag in Tag.objects.popular()}
    ordered = [tags[name] for name in collate(tags)]
    return render(request, "tags/tag_list.html", {"tags": ordered})


@cache_for_readers(topics=lambda request, slug: [f"tag:{slug}"])
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The published posts with one tag. Template tags/tag_detail.html: tag, page."""
    tag = get_object_or_404(Tag, slug=slug)
    posts = Post.objects.published().filter(tagged_items__tag=tag).for_list()
    page = Paginator(posts, settings.KMBLOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tags/tag_detail.html", {"tag": tag, "page": page})


def tag_suggest(request: HttpRequest) -> JsonResponse:
    """Existing tags containing what the writer is typing, most used first: {"tags": [...]}."""
    typed = " ".join(request.GET.get("q", "").lstrip("#").split())[:100]
    if not typed:
        return JsonResponse({"tags": []})
    names = (
        Tag.objects.filter(name__icontains=typed)
        .annotate(uses=Count("tagged_posts"))
        .order_by("-uses", "name")
        .values_list("name", flat=True)[:10]
    )
    return JsonResponse({"tags": list(names)})
