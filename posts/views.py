from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comments import thread as comment_thread
from comments.forms import CommentForm
from comments.models import OWN_COMMENTS_SESSION_KEY
from posts import caching, reads
from posts.caching import cache_for_readers
from posts.editor_csp import tiptap_style_hashes
from posts.forms import BlogForm, PostForm
from posts.html import sanitize_html
from posts.models import Autosave, Blog, Post
from posts.paging import UncountedPage, counted_page
from search.related import related_posts
from tags.models import Tag, thai_slugify

PUBLISHED_COUNT_SECONDS = 300


@cache_for_readers(topics=lambda request: ["home"])
def home(request: HttpRequest) -> HttpResponse:
    """The newest published posts, or (?tab=discussed) those by their latest approved comment.

    Template posts/post_list.html: page, discussed, popular_tags.
    """
    discussed = request.GET.get("tab") == "discussed"
    if discussed:
        posts = Post.objects.published().for_list().by_discussion()
        page = UncountedPage(posts, request.GET.get("page"), settings.KMBLOG_PAGE_SIZE)
    else:
        # Counting every published post for "page 3 of 5,000" cost 119 ms at 1M posts, on
        # every view. The count is kept per content version; a post scheduled for later
        # joins it within PUBLISHED_COUNT_SECONDS of its time.
        published = cache.get_or_set(
            f"published-count:{caching.content_version()}",
            lambda: Post.objects.published().count(),
            PUBLISHED_COUNT_SECONDS,
        )
        page = counted_page(
            Post.objects.published().for_list(), request.GET.get("page"), settings.KMBLOG_PAGE_SIZE, published
        )
    # Counting every tag's posts is the page's dearest query and changes only with the content.
    popular = cache.get_or_set(
        f"popular-tags:{caching.content_version()}", lambda: list(Tag.objects.popular()[:20]), 3600
    )
    return render(request, "posts/post_list.html", {"page": page, "discussed": discussed, "popular_tags": popular})


def post_detail(request: HttpRequest, number: int) -> HttpResponse:
    """One post with its comments and the comment form. Template posts/post_detail.html.

    Every view by someone other than the author counts as a read, cached page or not.
    """
    response = _post_page(request, number)
    if getattr(response, "counts_as_read", False):
        reads.count_read(number)
    return response


@cache_for_readers(topics=lambda request, number: [caching.post_topic(number)])
def _post_page(request: HttpRequest, number: int) -> HttpResponse:
    post = get_post_for_page(request, number)
    response = render_post_page(request, post)
    response.counts_as_read = post.is_published and request.user.pk != post.author_id
    return response


def get_post_for_page(request: HttpRequest, number: int) -> Post:
    return get_object_or_404(
        Post.objects.visible_to(request.user)
        .select_related("blog", "author__profile", "series")
        .prefetch_related("tags", "author__profile__roles"),
        number=number,
    )


def render_post_page(request: HttpRequest, post: Post, comment_form=None, status: int = 200) -> HttpResponse:
    """The post page; the comments view calls it too, to show a form with its errors.

    Context: post, thread (comment, replies) pairs, can_edit, comment_form, reply_to.
    """
    post.read_count += reads.pending_reads(post.number)  # reads not yet flushed
    own_ids = request.session.get(OWN_COMMENTS_SESSION_KEY, [])
    comments, thread = comment_thread.load(post, request.user, own_ids)
    reply_to = None
    if comment_form is None and post.is_published and post.allow_comments:
        reply_to = next((c for c in comments if str(c.pk) == request.GET.get("reply") and c.is_approved), None)
        comment_form = CommentForm(user=request.user, post=post, initial={"parent": reply_to and reply_to.pk})
    elif comment_form is not None and comment_form.is_bound:
        parent_id = comment_form.data.get("parent")
        reply_to = next((c for c in comments if str(c.pk) == parent_id), None)
    parts, previous_part, next_part = [], None, None
    if post.series_id:
        parts = list(
            Post.objects.published()
            .filter(series_id=post.series_id)
            .order_by("series_part", "published_at")
            .only("number", "title", "series_part")
        )
        here = next((i for i, part in enumerate(parts) if part.pk == post.pk), None)
        if here is not None:
            previous_part = parts[here - 1] if here > 0 else None
            next_part = parts[here + 1] if here + 1 < len(parts) else None
    context = {
        "post": post,
        "series_parts": parts,
        "previous_part": previous_part,
        "next_part": next_part,
        "related": related_posts(post) if post.is_published else [],
        "thread": thread,
        "can_edit": post.can_edit(request.user),
        "comment_form": comment_form,
        "reply_to": reply_to,
    }
    return render(request, "posts/post_detail.html", context, status=status)


@cache_for_readers(topics=lambda request, pk: [f"blog:{pk}"])
def blog_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A blog and its published posts. Template posts/blog_detail.html: blog, page."""
    blog = get_object_or_404(Blog.objects.select_related("owner__profile"), pk=pk)
    posts = Post.objects.published().filter(blog=blog).for_list()
    page = Paginator(posts, settings.KMBLOG_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"blog": blog, "page": page, "can_edit": blog.can_edit(request.user)}
    return render(request, "posts/blog_detail.html", context)


# Writing ------------------------------------------------------------------


def _post_for_writing(request: HttpRequest, number: int) -> Post:
    """The post if this person may change it: others' drafts are 404, others' published posts 403."""
    post = get_object_or_404(Post.objects.visible_to(request.user).select_related("blog", "author"), number=number)
    if not post.can_edit(request.user):
        raise PermissionDenied
    return post


def _blog_for_writing(request: HttpRequest, pk: int) -> Blog:
    blog = get_object_or_404(Blog, pk=pk)
    if not blog.can_edit(request.user):
        raise PermissionDenied
    return blog


@login_required
def my_posts(request: HttpRequest) -> HttpResponse:
    """The writer's desk. Template posts/my_posts.html: drafts, scheduled, published, blogs."""
    mine = Post.objects.filter(author=request.user).select_related("blog").prefetch_related("tags")
    return render(
        request,
        "posts/my_posts.html",
        {
            "drafts": mine.drafts().order_by("-updated_at"),
            "scheduled": mine.scheduled().order_by("published_at"),
            "published": mine.published().order_by("-published_at"),
            "blogs": request.user.blogs.all(),
        },
    )


# The editor pages allow the editor's own base stylesheet by hash (posts/editor_csp.py).
_editor_csp = csp_update({"style-src": tiptap_style_hashes()})


@login_required
@_editor_csp
@require_http_methods(["GET", "POST"])
def post_create(request: HttpRequest) -> HttpResponse:
    """Write a new post. Template posts/post_form.html: form, preview."""
    if not request.user.blogs.exists():
        Blog.create_first(request.user)
    return _edit(request, Post(author=request.user), owner=request.user)


@login_required
@_editor_csp
@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, number: int) -> HttpResponse:
    """Change a post. Template posts/post_form.html: form, post, preview."""
    post = _post_for_writing(request, number)
    return _edit(request, post, owner=post.author)


def _edit(request: HttpRequest, post: Post, *, owner) -> HttpResponse:
    action = request.POST.get("action", "draft")
    autosave = Autosave.objects.filter(author=request.user, post=post if post.pk else None).first()
    if autosave and post.pk and post.updated_at and autosave.saved_at <= post.updated_at:
        autosave = None  # older than what was saved since: nothing to offer
    restoring = autosave is not None and request.method == "GET" and request.GET.get("restore") == "1"
    form = PostForm(
        request.POST or None,
        instance=post,
        owner=owner,
        action=action,
        initial=autosave.form_initial() if restoring else None,
    )
    preview = None
    was_live = post.pk is not None and post.is_published
    if request.method == "POST" and form.is_valid():
        if form.action == "preview":
            preview = form.save(commit=False)
            preview.body = sanitize_html(preview.body)
            preview.published_at = preview.published_at or timezone.now()
        else:
            post = form.save()
            # What was typed is now saved: the autosave (of this post, or of the new one) goes.
            Autosave.objects.filter(author=request.user).filter(Q(post=post) | Q(post__isnull=True)).delete()
            messages.success(request, _status_message(post, was_live=was_live))
            if post.status == Post.Status.DRAFT:
                return redirect("posts:edit", number=post.number)  # keep writing
            return redirect(post.get_absolute_url())
    # The editor's import map is an inline script: give it this request's CSP nonce.
    media = form.media.with_nonce(str(request.csp_nonce)) if hasattr(form.media, "with_nonce") else form.media
    context = {
        "form": form,
        "media": media,
        "post": post if post.pk else None,
        "preview": preview,
        "autosave": autosave if not restoring and request.method == "GET" else None,
        "restored": restoring,
        "autosave_url": reverse("posts:autosave", args=[post.number]) if post.pk else reverse("posts:autosave_new"),
    }
    if preview is not None:
        context["preview_tags"] = [Tag(name=name, slug=thai_slugify(name)) for name in form.cleaned_data["tags"]]
    return render(request, "posts/post_form.html", context)


def _status_message(post: Post, *, was_live: bool) -> str:
    if post.status == Post.Status.DRAFT:
        return _("บันทึกฉบับร่างแล้ว ยังไม่มีใครเห็นนอกจากคุณ เขียนต่อได้เลย")
    if not post.is_published:
        return _("ตั้งเวลาเผยแพร่แล้ว บันทึกจะปรากฏเมื่อถึงเวลา")
    return _("อัปเดตแล้ว") if was_live else _("เผยแพร่แล้ว")


AUTOSAVE_FIELDS = ("title", "lead", "body", "blog", "tags", "licence", "allow_comments", "series_title", "series_part")
AUTOSAVE_MAX_CHARS = 1_000_000  # a very long post; more is not typing


@login_required
@require_POST
def autosave(request: HttpRequest, number: int | None = None) -> HttpResponse:
    """The editor sends what is typed every few seconds: keep it, or discard it (action=discard).

    Never changes the post itself. Answers JSON: {"saved_at", "label"}.
    """
    post = _post_for_writing(request, number) if number is not None else None
    if request.POST.get("action") == "discard":  # the editor's "ทิ้ง" button, a plain form
        Autosave.objects.filter(author=request.user, post=post).delete()
        return redirect("posts:edit", number=post.number) if post else redirect("posts:new")
    data = {name: request.POST.get(name, "") for name in AUTOSAVE_FIELDS}
    if sum(len(value) for value in data.values()) > AUTOSAVE_MAX_CHARS:
        return JsonResponse({"error": _("บันทึกยาวเกินกว่าจะบันทึกอัตโนมัติได้")}, status=413)
    saved, _created = Autosave.objects.update_or_create(
        author=request.user, post=post, defaults={"data": data, "saved_at": timezone.now()}
    )
    label = _("บันทึกอัตโนมัติแล้ว เวลา %(time)s น.") % {"time": timezone.localtime(saved.saved_at).strftime("%H:%M")}
    return JsonResponse({"saved_at": saved.saved_at.isoformat(), "label": label})


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request: HttpRequest, number: int) -> HttpResponse:
    """Confirm, then delete. Template posts/post_confirm_delete.html: post."""
    post = _post_for_writing(request, number)
    if request.method == "POST":
        title = post.title
        post.delete()
        messages.success(request, _("ลบบันทึก “%(title)s” แล้ว") % {"title": title})
        return redirect("posts:mine")
    return render(request, "posts/post_confirm_delete.html", {"post": post})


@login_required
@require_http_methods(["GET", "POST"])
def blog_create(request: HttpRequest) -> HttpResponse:
    """Template posts/blog_form.html: form."""
    form = BlogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        blog = form.save()
        messages.success(request, _("สร้างสมุดบันทึกแล้ว"))
        return redirect(blog)
    return render(request, "posts/blog_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def blog_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Template posts/blog_form.html: form, blog."""
    blog = _blog_for_writing(request, pk)
    form = BlogForm(request.POST or None, instance=blog)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("บันทึกการแก้ไขสมุดบันทึกแล้ว"))
        return redirect(blog)
    return render(request, "posts/blog_form.html", {"form": form, "blog": blog})


@login_required
@require_http_methods(["GET", "POST"])
def blog_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete the blog and its posts. Template posts/blog_confirm_delete.html."""
    blog = _blog_for_writing(request, pk)
    if request.method == "POST":
        blog.delete()
        messages.success(request, _("ลบสมุดบันทึก “%(title)s” แล้ว") % {"title": blog.title})
        return redirect("posts:mine")
    return render(request, "posts/blog_confirm_delete.html", {"blog": blog, "post_count": blog.posts.count()})
