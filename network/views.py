"""Appreciating a post and keeping it to read later: plain forms (no JavaScript needed), CSRF-checked."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from network.models import Appreciation, Bookmark
from posts.models import Post


def _published(number: int) -> Post:
    return get_object_or_404(Post.objects.published(), number=number)


def _done(request: HttpRequest, post: Post, anchor: str, **state) -> HttpResponse:
    """JSON for the page's script (progressive enhancement), else back to the post."""
    if request.headers.get("Accept") == "application/json":
        return JsonResponse(state)
    return redirect(post.get_absolute_url() + anchor)


@login_required
@require_POST
def appreciate(request: HttpRequest, number: int) -> HttpResponse:
    """Give (or take back, or change) one's appreciation of a post. Authors do not thank themselves."""
    post = _published(number)
    if post.author_id == request.user.pk:
        messages.error(request, _("ขอบคุณบันทึกของตัวเองไม่ได้"))
        return redirect(post.get_absolute_url())
    kind = request.POST.get("kind")
    mine = Appreciation.objects.filter(post=post, user=request.user).first()
    if mine is not None and (kind is None or kind == mine.kind):
        mine.delete()  # the same button again takes it back
        mine = None
    elif kind in Appreciation.Kind.values:
        if mine is not None:
            mine.kind = kind
            mine.save(update_fields=["kind"])
        else:
            try:
                with transaction.atomic():
                    mine = Appreciation.objects.create(post=post, user=request.user, kind=kind)
            except IntegrityError:  # a double tap: the first one counted
                mine = Appreciation.objects.get(post=post, user=request.user)
    count = Appreciation.objects.filter(post=post).count()
    return _done(request, post, "#appreciation", appreciated=mine.kind if mine else None, count=count)


@login_required
@require_POST
def bookmark(request: HttpRequest, number: int) -> HttpResponse:
    """Keep a post to read later, or take it off the list."""
    post = get_object_or_404(Post.objects.visible_to(request.user), number=number)
    removed, _rows = Bookmark.objects.filter(post=post, user=request.user).delete()
    if not removed:
        Bookmark.objects.get_or_create(post=post, user=request.user)
    return _done(request, post, "#appreciation", bookmarked=not removed)


@login_required
def bookmarks(request: HttpRequest) -> HttpResponse:
    """/me/bookmarks/: the posts a member keeps to read later (only the published ones show)."""
    posts = Post.objects.published().filter(bookmarks__user=request.user).for_list().order_by("-bookmarks__created")
    page = Paginator(posts, settings.KMBLOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "network/bookmarks.html", {"page": page})
