from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from pythainlp.util import collate

from posts.models import Post
from tags.models import Tag


def tag_list(request: HttpRequest) -> HttpResponse:
    """Every tag in use, in Thai dictionary order. Template tags/tag_list.html: tags."""
    tags = {tag.name: tag for tag in Tag.objects.popular()}
    ordered = [tags[name] for name in collate(tags)]
    return render(request, "tags/tag_list.html", {"tags": ordered})


def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The published posts with one tag. Template tags/tag_detail.html: tag, page."""
    tag = get_object_or_404(Tag, slug=slug)
    posts = Post.objects.published().filter(tagged_items__tag=tag).for_list()
    page = Paginator(posts, settings.KMBLOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "tags/tag_detail.html", {"tag": tag, "page": page})
