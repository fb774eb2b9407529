"""Uploading for posts (the editor's endpoint), and a member's library at /me/media/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from media.models import MediaFile, Quota
from media.processing import UploadRefused, accept
from media.storage import download_name
from media.tasks import make_renditions

LIBRARY_JSON = 60  # the newest uploads offered for reuse in the editor


def _refused(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
def upload(request: HttpRequest) -> JsonResponse:
    """POST a file in the field `file` (multipart, with the CSRF token): JSON {id, url, kind, …},
    or a 4xx with {error} in the person's language."""
    if not request.user.is_authenticated:
        return _refused(_("เข้าสู่ระบบก่อนอัปโหลด"), 403)
    incoming = request.FILES.get("file")
    if incoming is None:
        return _refused(_("ไม่พบไฟล์ที่ส่งมา (ช่อง file)"))
    try:
        accepted = accept(incoming)
    except UploadRefused as refused:
        return _refused(str(refused))
    limit = Quota.limit_bytes(request.user)
    with transaction.atomic():
        used = Quota.used_bytes(request.user)
        if used + len(accepted.content) > limit:
            return _refused(
                _("พื้นที่อัปโหลดเต็ม ใช้ไป %(used)s จาก %(limit)s MB ลบไฟล์ที่ไม่ใช้แล้วที่หน้า “รูปและเอกสารของฉัน”")
                % {"used": f"{used / 1024 / 1024:.1f}", "limit": f"{limit / 1024 / 1024:g}"},
                413,
            )
        media = MediaFile(
            owner=request.user,
            kind=accepted.kind,
            original_name=(incoming.name or accepted.name)[:255],
            content_type=accepted.content_type,
            size=len(accepted.content),
            width=accepted.width,
            height=accepted.height,
        )
        named = download_name.set(media.original_name)
        try:
            media.file.save(accepted.name, ContentFile(accepted.content), save=False)
        finally:
            download_name.reset(named)
        media.save()
        if media.kind == MediaFile.Kind.IMAGE:
            make_renditions.enqueue(media.pk)
    return JsonResponse(_described(media), status=201)


def _described(media: MediaFile) -> dict:
    return {
        "id": media.pk,
        "url": media.file.url,
        "kind": media.kind,
        "name": media.original_name,
        "size": media.size,
        "width": media.width,
        "height": media.height,
    }


@login_required
def library(request: HttpRequest) -> HttpResponse:
    """/me/media/: every upload, the space used against the quota. Template media/library.html."""
    if request.headers.get("Accept") == "application/json":  # the editor's "choose from my library"
        latest = MediaFile.objects.filter(owner=request.user)[:LIBRARY_JSON]
        return JsonResponse({"files": [_described(media) for media in latest]})
    files = MediaFile.objects.filter(owner=request.user).prefetch_related("posts")
    used, limit = Quota.used_bytes(request.user), Quota.limit_bytes(request.user)
    return render(
        request,
        "media/library.html",
        {
            "files": files,
            "used": used,
            "limit": limit,
            "percent": min(100, round(used * 100 / limit)) if limit else 100,
        },
    )


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    media = get_object_or_404(MediaFile, pk=pk, owner=request.user)  # only one's own
    used = media.posts.count()
    if used and request.POST.get("confirm") != "1":
        messages.error(
            request, _("“%(name)s” ใช้อยู่ใน %(n)d บันทึก กดลบอีกครั้งเพื่อยืนยัน") % {"name": media.original_name, "n": used}
        )
        return redirect("media:library")
    names = [media.file.name, *(n for r in media.renditions.values() for k, n in r.items() if k in ("webp", "jpg"))]
    storage = media.file.storage
    media.delete()
    for name in names:
        storage.delete(name)
    messages.success(request, _("ลบ “%(name)s” แล้ว") % {"name": media.original_name})
    return redirect("media:library")
