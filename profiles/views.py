from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from posts.models import Post


def profile_detail(request: HttpRequest, username: str) -> HttpResponse:
    """A member's profile, blogs and published posts.

    Template profiles/profile_detail.html: person (the user), profile, blogs, page.
    """
    person = get_object_or_404(
        get_user_model().objects.select_related("profile").prefetch_related("profile__roles"),
        username=username,
        is_active=True,
    )
    posts = Post.objects.published().filter(author=person).for_list()
    page = Paginator(posts, settings.KMBLOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "profiles/profile_detail.html",
        {"person": person, "profile": person.profile, "blogs": person.blogs.all(), "page": page},
    )
