"""The network's pages: appreciation and reading later, following, the planet, notifications,
their settings and unsubscribing. Plain forms (no JavaScript needed), CSRF-checked."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from jobs.mail import deliverable
from network import notices, services, unsubscribing
from network.forms import PreferencesForm
from network.models import Appreciation, Bookmark, Follow, Notification, Preferences
from network.planet import planet_posts
from posts.models import Post
from posts.paging import UncountedPage


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


# ---- following -------------------------------------------------------------------------------


def _target(kind: str, key: str):
    """The thing a follow button names: /follow/<kind>/<key>/ (a username, blog number, tag slug or community slug)."""
    from django.contrib.auth import get_user_model

    from communities.models import Community
    from posts.models import Blog
    from tags.models import Tag

    if kind == "user":
        return get_object_or_404(get_user_model(), username=key, is_active=True)
    if kind == "blog":
        return get_object_or_404(Blog, pk=int(key) if key.isdigit() else 0)
    if kind == "tag":
        return get_object_or_404(Tag, slug=key)
    if kind == "community":
        return get_object_or_404(Community.objects.listed(), slug=key)
    raise Http404


@login_required
@require_POST
def follow(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """The follow button: follow, or (pressed again) stop following. Back to where it was pressed."""
    target = _target(kind, key)
    if services.is_following(request.user, target):
        services.unfollow(request.user, target)
        following = False
    else:
        try:
            following = services.follow(request.user, target) is not None
        except services.TooManyFollows:
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"error": _("ติดตามมากเกินไปในเวลาสั้น ๆ ลองใหม่ภายหลัง")}, status=429)
            messages.error(request, _("ติดตามมากเกินไปในเวลาสั้น ๆ ลองใหม่ภายหลัง"))
            following = False
        else:
            if not following:
                messages.error(request, _("ติดตามตัวเองไม่ได้"))
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"following": following})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "/"
    return redirect(back)


def _person(username: str):
    from django.contrib.auth import get_user_model

    return get_object_or_404(get_user_model().objects.select_related("profile"), username=username, is_active=True)


def followers(request: HttpRequest, username: str) -> HttpResponse:
    """/people/<username>/followers/: who follows a member (public). Its owner may remove a follower."""
    person = _person(username)
    people = (
        Follow.objects.filter(user=person)
        .select_related("follower__profile")
        .prefetch_related("follower__profile__roles")
        .order_by("-created", "-pk")
    )
    page = Paginator(people, 60).get_page(request.GET.get("page"))
    return render(request, "network/followers.html", {"person": person, "page": page, "mine": request.user == person})


def following(request: HttpRequest, username: str) -> HttpResponse:
    """/people/<username>/following/: the people, blogs, tags and communities a member follows (public)."""
    person = _person(username)
    rows = Follow.objects.filter(follower=person).select_related(
        "user__profile", "blog__owner__profile", "tag", "community"
    )
    page = Paginator(rows.order_by("-created", "-pk"), 60).get_page(request.GET.get("page"))
    return render(request, "network/following.html", {"person": person, "page": page})


@login_required
@require_POST
def remove_follower(request: HttpRequest, username: str) -> HttpResponse:
    services.remove_follower(request.user, _person(username))
    messages.success(request, _("นำผู้ติดตามออกแล้ว"))
    return redirect("network:followers", username=request.user.username)


# ---- the planet ------------------------------------------------------------------------------


def _planet_page(request: HttpRequest, person) -> tuple[UncountedPage, bool]:
    discussed = request.GET.get("tab") == "discussed"
    posts = planet_posts(person, discussed=discussed).select_related("blog", "author__profile").prefetch_related("tags")
    return UncountedPage(posts, request.GET.get("page"), settings.KMBLOG_PAGE_SIZE), discussed


@login_required
def planet(request: HttpRequest) -> HttpResponse:
    """/me/: แพลนเน็ตของฉัน, newest posts from what I follow and my communities. Template network/planet.html."""
    page, discussed = _planet_page(request, request.user)
    prefs = Preferences.of(request.user)
    return render(
        request,
        "network/planet.html",
        {"page": page, "discussed": discussed, "person": request.user, "mine": True, "prefs": prefs},
    )


def public_planet(request: HttpRequest, username: str) -> HttpResponse:
    """/people/<username>/planet/: a planet its member chose to share (404 otherwise)."""
    person = _person(username)
    if not Preferences.of(person).planet_public:
        raise Http404
    page, discussed = _planet_page(request, person)
    return render(
        request,
        "network/planet.html",
        {"page": page, "discussed": discussed, "person": person, "mine": request.user == person},
    )


@login_required
@require_POST
def share_planet(request: HttpRequest) -> HttpResponse:
    prefs = Preferences.of(request.user)
    prefs.planet_public = request.POST.get("public") == "1"
    prefs.save()
    if prefs.planet_public:
        messages.success(request, _("ทุกคนดูแพลนเน็ตของคุณได้แล้ว"))
    else:
        messages.success(request, _("แพลนเน็ตของคุณเป็นส่วนตัวแล้ว"))
    return redirect("network:planet")


# ---- notifications ---------------------------------------------------------------------------

NOTICES_SHOWN = 300  # the newest this many are grouped and paged


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """/me/notifications/: newest first, alike ones grouped. Template network/notifications.html."""
    recent = list(
        Notification.objects.shown()
        .filter(recipient=request.user)
        .select_related("actor__profile", "post", "community", "comment")
        .order_by("-created", "-pk")[:NOTICES_SHOWN]
    )
    page = Paginator(notices.group(recent), 30).get_page(request.GET.get("page"))
    unread = any(g.unread for g in page.object_list) or services.unread_count(request.user) > 0
    return render(request, "network/notifications.html", {"page": page, "unread": unread})


@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Opening a notice marks it (and the ones grouped with it) read, then goes where it points."""
    notice = get_object_or_404(
        Notification.objects.shown().select_related("post", "comment", "community", "recipient"),
        pk=pk,
        recipient=request.user,
    )
    services.mark_read(request.user, notices.siblings(notice))
    return redirect(notices.target_url(notice))


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    services.mark_read(request.user, Notification.objects.all())
    messages.success(request, _("อ่านการแจ้งเตือนทั้งหมดแล้ว"))
    return redirect("network:notifications")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """/me/notifications/settings/: per kind on the site, by mail, both or neither; the digest."""
    form = PreferencesForm(request.POST or None, preferences=Preferences.of(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
        return redirect("network:preferences")
    return render(request, "network/preferences.html", {"form": form, "bounced": not deliverable(request.user.email)})


# ---- one-click unsubscribe (no login: the link is signed) -------------------------------------


@csrf_exempt  # the signed token is the proof; mail apps POST here with no cookie (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with one button (mail scanners open links; they must not unsubscribe anyone).
    POST: done, also straight from the mail app's own button (List-Unsubscribe-Post)."""
    found = unsubscribing.read(token)
    if found is None:
        return render(request, "network/unsubscribe.html", {"invalid": True}, status=400)
    user, what = found
    if request.method == "POST":
        unsubscribing.apply(user, what)
        return render(request, "network/unsubscribe.html", {"done": True, "what": unsubscribing.label(what)})
    if request.method != "GET":
        return HttpResponse(status=405)
    return render(request, "network/unsubscribe.html", {"token": token, "what": unsubscribing.label(what)})
