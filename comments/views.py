from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from comments import services
from comments.forms import CommentEditForm, CommentForm
from comments.models import OWN_COMMENTS_SESSION_KEY, Comment
from posts.views import get_post_for_page, render_post_page

MAX_OWN_IN_SESSION = 50
_csrf = CsrfViewMiddleware(lambda request: None)


@csrf_exempt
@require_POST
def post_comment(request: HttpRequest, number: int) -> HttpResponse:
    """Add a comment. On an error the post page comes back with the form and what was typed.

    Guests post from cached pages, which cannot carry a per-visitor CSRF token;
    a forged guest comment gains nothing a stranger could not post anyway (the
    honeypot, rate limit and moderation still apply). A member's comment speaks
    for their account, so for members the CSRF check is made here.
    """
    if request.user.is_authenticated and (rejected := _csrf.process_view(request, None, (), {})):
        return rejected
    post = get_post_for_page(request, number)
    if not post.is_published:
        return render(request, "comments/closed.html", {"post": post}, status=404)
    if not post.allow_comments:
        return render(request, "comments/closed.html", {"post": post}, status=403)
    form = CommentForm(request.POST, user=request.user, post=post)
    if not form.is_valid():
        return render_post_page(request, post, form, status=400)
    ip = request.META.get("REMOTE_ADDR")  # the client's own, behind a trusted proxy (kmblog/wsgi.py)
    if services.rate_limited(request.user, ip):
        form.add_error(None, _("คุณส่งความเห็นถี่เกินไป โปรดรอสักครู่แล้วส่งใหม่ ข้อความของคุณยังอยู่ในช่องด้านล่าง"))
        return render_post_page(request, post, form, status=429)
    comment = services.post_comment(
        form.build(ip=ip, user_agent=request.META.get("HTTP_USER_AGENT", "")),
        site_url=request.build_absolute_uri("/").rstrip("/"),
    )
    if comment.is_approved:
        messages.success(request, _("ส่งความเห็นแล้ว ขอบคุณที่ร่วมแลกเปลี่ยนเรียนรู้"))
    else:
        own = request.session.get(OWN_COMMENTS_SESSION_KEY, [])
        request.session[OWN_COMMENTS_SESSION_KEY] = [*own, comment.pk][-MAX_OWN_IN_SESSION:]
        messages.info(request, _("ส่งความเห็นแล้ว ความเห็นจะปรากฏต่อผู้อื่นเมื่อผู้เขียนบันทึกหรือบรรณาธิการอนุมัติ"))
    return redirect(f"{post.get_absolute_url()}#comment-{comment.position}")


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """The post's author (or staff) approves, hides or deletes a comment from the post page."""
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
    if not comment.post.can_edit(request.user):
        raise PermissionDenied
    action = request.POST.get("action")
    if action == "approve":
        services.set_status([comment], Comment.Status.APPROVED)
        messages.success(request, _("อนุมัติความเห็น #%(n)d แล้ว") % {"n": comment.position})
    elif action == "hide":
        services.set_status([comment], Comment.Status.REMOVED)
        messages.success(request, _("ซ่อนความเห็น #%(n)d แล้ว") % {"n": comment.position})
    elif action == "delete":
        if request.POST.get("confirm") != "1":  # one click must not lose a comment for good: ask first
            return render(
                request,
                "comments/comment_confirm_delete.html",
                {"comment": comment, "action": reverse("comments:moderate", args=[comment.pk]), "moderating": True},
            )
        comment.delete()
        messages.success(request, _("ลบความเห็น #%(n)d แล้ว") % {"n": comment.position})
    else:
        return HttpResponse(_("คำสั่งไม่ถูกต้อง"), status=400)
    return redirect(f"{comment.post.get_absolute_url()}#comments")


def _own_comment(request: HttpRequest, pk: int) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
    if not comment.can_change_own(request.user):
        raise PermissionDenied
    return comment


@login_required
@require_http_methods(["GET", "POST"])
def edit_own(request: HttpRequest, pk: int) -> HttpResponse:
    """A member corrects their own comment, for COMMENT_EDIT_MINUTES. Template comments/comment_form.html."""
    comment = _own_comment(request, pk)
    form = CommentEditForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        services.edit_comment(comment, form.cleaned_data["body"])
        if comment.is_approved:
            messages.success(request, _("แก้ไขความเห็นแล้ว"))
        else:
            messages.info(request, _("แก้ไขความเห็นแล้ว ความเห็นจะปรากฏอีกครั้งเมื่อผู้เขียนบันทึกอนุมัติ"))
        return redirect(comment.get_absolute_url())
    return render(request, "comments/comment_form.html", {"form": form, "comment": comment})


@login_required
@require_http_methods(["GET", "POST"])
def delete_own(request: HttpRequest, pk: int) -> HttpResponse:
    """A member takes back their own comment, for COMMENT_EDIT_MINUTES, after confirming."""
    comment = _own_comment(request, pk)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        post_url = comment.post.get_absolute_url()
        comment.delete()
        messages.success(request, _("ลบความเห็นของคุณแล้ว"))
        return redirect(f"{post_url}#comments")
    return render(
        request,
        "comments/comment_confirm_delete.html",
        {"comment": comment, "action": reverse("comments:delete_own", args=[comment.pk])},
    )
