"""Community pages (read) and the actions of members and facilitators (POST, CSRF, permissions.py)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from pythainlp.util import collate

from communities import permissions, services
from communities.forms import CommunityForm, InviteForm, JoinForm, LeaveForm, ShareForm, UnshareForm
from communities.models import Community, CommunityBlog, Invitation, JoinRequest, Membership, SharedPost
from posts.caching import cache_for_readers
from posts.models import Blog, Post
from posts.paging import UncountedPage, collated_page, counted_page
from tags.models import Tag

SORTS = {"activity", "members", "name"}
MEMBERS_ON_PAGE = 12


def _community(request: HttpRequest, slug: str) -> Community:
    """The community of the URL, with the visitor's role in it (my_role: None, "member" or "facilitator")."""
    communities = Community.objects.select_related("owner__profile")
    if request.user.is_authenticated:
        mine = Membership.objects.filter(community=OuterRef("pk"), user=request.user).values("role")[:1]
        communities = communities.annotate(my_role=Subquery(mine))
    community = get_object_or_404(communities, slug=slug)
    if not permissions.can_see(request.user, community):
        raise PermissionDenied
    return community


def _managed(request: HttpRequest, slug: str) -> Community:
    community = _community(request, slug)
    if not permissions.can_manage(request.user, community):
        raise PermissionDenied
    return community


def _back(community: Community, anchor: str = "") -> HttpResponse:
    return redirect(community.get_absolute_url() + anchor)


def _members(community: Community):
    return (
        Membership.objects.filter(community=community)
        .select_related("user__profile")
        .prefetch_related("user__profile__roles")
        .order_by("role", "joined_at", "pk")  # "facilitator" sorts before "member"
    )


@cache_for_readers
def community_list(request: HttpRequest) -> HttpResponse:
    """/communities/?q=…&tag=…&province=…&sort=activity|members|name&page=…"""
    communities = Community.objects.listed()
    q = " ".join(request.GET.get("q", "").split())[:100]
    if q:
        communities = communities.filter(name__icontains=q)
    tag = Tag.objects.filter(slug=request.GET.get("tag", "")[:100]).first() if request.GET.get("tag") else None
    if tag:
        communities = communities.filter(tagged_items__tag=tag)
    province = request.GET.get("province", "")[:100]
    if province:
        communities = communities.filter(province=province)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "activity"
    if sort == "name":
        # Thai dictionary order (ก before ข, vowels before the consonant they follow), as tag lists.
        names = communities.values_list("name", "pk")
        page = collated_page(names, request.GET.get("page"), settings.KMBLOG_PAGE_SIZE, Community.objects.in_bulk)
    else:
        order = ["-member_count", "name"] if sort == "members" else ["-last_activity_at", "pk"]
        page = Paginator(communities.order_by(*order), settings.KMBLOG_PAGE_SIZE).get_page(request.GET.get("page"))
    provinces = Community.objects.listed().exclude(province="").values_list("province", flat=True).distinct().order_by()
    context = {
        "page": page,
        "q": q,
        "tag": tag,
        "province": province,
        "sort": sort,
        "provinces": collate(set(provinces)),
        "topics": Tag.objects.filter(tagged_communities__content_object__is_hidden=False).distinct().order_by("name"),
    }
    return render(request, "communities/community_list.html", context)


@login_required
def community_create(request: HttpRequest) -> HttpResponse:
    form = CommunityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and services.may_create(request.user):
        community = form.save(commit=False)
        form.save_cover(community)
        services.create(community, request.user, tags=form.cleaned_data["tags"])
        messages.success(request, _("สร้างชุมชนแล้ว คุณเป็นผู้ดูแลชุมชนนี้"))
        return redirect(community)
    if request.method == "POST" and not form.errors:
        limit = settings.COMMUNITY_CREATE_PER_DAY
        form.add_error(None, _("สร้างชุมชนได้วันละไม่เกิน %(n)d ชุมชน พรุ่งนี้ลองใหม่ได้") % {"n": limit})
    return render(request, "communities/community_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def community_edit(request: HttpRequest, slug: str) -> HttpResponse:
    community = _managed(request, slug)
    form = CommunityForm(request.POST or None, request.FILES or None, instance=community)
    if request.method == "POST" and form.is_valid():
        community = form.save(commit=False)
        form.save_cover(community)
        community.save()
        community.tags.set(form.cleaned_data["tags"])
        messages.success(request, _("บันทึกการเปลี่ยนแปลงแล้ว"))
        return redirect(community)
    context = {"form": form, "community": community}
    return render(request, "communities/community_form.html", context, status=400 if form.errors else 200)


def _topics(request: HttpRequest, slug: str) -> list[str]:
    return [f"community:{slug}"]


@cache_for_readers(topics=_topics)
def community_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """About, facilitators, the join button, the posts shared here (newest or กำลังคุยกัน), members, tags."""
    community = _community(request, slug)
    discussed = request.GET.get("tab") == "discussed"
    posts = Post.objects.published().filter(community_shares__community=community, community_shares__removed_at=None)
    size = settings.KMBLOG_PAGE_SIZE
    if discussed:
        page = UncountedPage(posts.for_list().by_discussion(), request.GET.get("page"), size)
    else:
        # The community keeps its number of published posts (services.refresh_counts): no COUNT per view.
        page = counted_page(posts.for_list(), request.GET.get("page"), size, community.post_count)
    people = list(_members(community)[: MEMBERS_ON_PAGE + 20])
    facilitators = [m for m in people if m.is_facilitator]
    others = [m for m in people if not m.is_facilitator]
    membership = permissions.membership(request.user, community)  # read with the community: no query
    my_blogs = []
    if membership is not None:
        linked = CommunityBlog.objects.filter(community=community, blog=OuterRef("pk"))
        my_blogs = list(Blog.objects.filter(owner=request.user).annotate(linked=Exists(linked)))
    context = {
        "community": community,
        "page": page,
        "discussed": discussed,
        "facilitators": facilitators,
        "members": others[:MEMBERS_ON_PAGE],
        "membership": membership,
        "can_manage": permissions.can_manage(request.user, community),
        "my_blogs": my_blogs,
        "requested": request.user.is_authenticated
        and membership is None
        and JoinRequest.objects.filter(community=community, user=request.user).exists(),
        "invited": request.user.is_authenticated
        and membership is None
        and Invitation.objects.filter(community=community, user=request.user).exists(),
        "community_tags": list(community.tags.all()),
    }
    return render(request, "communities/community_detail.html", context)


@cache_for_readers(topics=_topics)
def community_members(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    page = Paginator(_members(community), 60).get_page(request.GET.get("page"))
    return render(request, "communities/community_members.html", {"community": community, "page": page})


@login_required
def community_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Facilitators' page: requests, invitations, members, shared posts."""
    community = _managed(request, slug)
    shares = (
        SharedPost.objects.active()
        .filter(community=community)
        .select_related("post__author__profile")
        .order_by("-shared_at")
    )
    context = {
        "community": community,
        "requests": JoinRequest.objects.filter(community=community).select_related("user__profile"),
        "invitations": Invitation.objects.filter(community=community).select_related("user__profile"),
        "members": Paginator(_members(community), 50).get_page(request.GET.get("page")),
        "shares": shares[:50],
        "invite_form": InviteForm(),
        "unshare_form": UnshareForm(),
    }
    return render(request, "communities/community_manage.html", context)


# Actions (POST) ------------------------------------------------------------


@login_required
@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    form = JoinForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        outcome = services.join(community, request.user, message)
    except services.CommunityError as error:
        raise PermissionDenied(str(error)) from error
    if outcome == "joined":
        messages.success(request, _("เข้าร่วมชุมชนแล้ว"))
    else:
        messages.success(request, _("ส่งคำขอเข้าร่วมแล้ว ผู้ดูแลชุมชนจะพิจารณา"))
    return _back(community)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    if not permissions.is_member(request.user, community):
        JoinRequest.objects.filter(community=community, user=request.user).delete()  # withdraw a request
        Invitation.objects.filter(community=community, user=request.user).delete()  # decline an invitation
        return _back(community)
    form = LeaveForm(request.POST, community=community, user=request.user)
    successor = form.cleaned_data["successor"].user if form.is_valid() and form.cleaned_data["successor"] else None
    try:
        services.leave(community, request.user, successor)
    except services.CommunityError as error:
        messages.error(request, str(error))
        return redirect("communities:leave_confirm", slug=community.slug)
    messages.success(request, _("ออกจากชุมชนแล้ว บันทึกที่คุณแบ่งปันไว้ยังอยู่ในชุมชน"))
    return _back(community)


@login_required
def leave_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    form = LeaveForm(community=community, user=request.user)
    return render(request, "communities/leave_confirm.html", {"community": community, "form": form})


@login_required
@require_POST
def decide_request(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    community = _managed(request, slug)
    join_request = get_object_or_404(JoinRequest.objects.select_related("user__profile"), pk=pk, community=community)
    if decision == "approve":
        services.approve(join_request, by=request.user)
        messages.success(request, _("รับ %(name)s เข้าชุมชนแล้ว") % {"name": join_request.user.profile})
    else:
        services.refuse(join_request, by=request.user)
        messages.success(request, _("ปฏิเสธคำขอของ %(name)s แล้ว") % {"name": join_request.user.profile})
    return redirect("communities:manage", slug=community.slug)


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    community = _managed(request, slug)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite(community, form.cleaned_data["username"], request.user)
            messages.success(request, _("ส่งคำเชิญถึง %(name)s แล้ว") % {"name": form.cleaned_data["username"].profile})
        except services.CommunityError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(form.errors["username"]))
    return redirect("communities:manage", slug=community.slug)


@login_required
@require_POST
def cancel_invitation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _managed(request, slug)
    Invitation.objects.filter(pk=pk, community=community).delete()
    return redirect("communities:manage", slug=community.slug)


@login_required
@require_POST
def member_action(request: HttpRequest, slug: str, username: str, action: str) -> HttpResponse:
    community = _managed(request, slug)
    person = get_object_or_404(get_user_model().objects.select_related("profile"), username=username)
    try:
        if action == "remove":
            services.remove_member(community, person)
        elif action == "promote":
            services.set_role(community, person, Membership.Role.FACILITATOR)
        else:
            services.set_role(community, person, Membership.Role.MEMBER)
        messages.success(request, _("บันทึกการเปลี่ยนแปลงแล้ว"))
    except services.CommunityError as error:
        messages.error(request, str(error))
    return redirect("communities:manage", slug=community.slug)


@login_required
@require_POST
def unshare(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    community = _managed(request, slug)
    shared = get_object_or_404(SharedPost.objects.active(), community=community, post__number=number)
    form = UnshareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ใส่เหตุผลที่นำบันทึกออก ผู้เขียนจะเห็นเหตุผลนี้"))
        return redirect("communities:manage", slug=community.slug)
    services.unshare(shared, request.user, form.cleaned_data["reason"])
    messages.success(request, _("นำบันทึกออกจากชุมชนแล้ว บันทึกยังอยู่ในสมุดบันทึกของผู้เขียน"))
    return redirect("communities:manage", slug=community.slug)


@login_required
@require_POST
def share_post(request: HttpRequest, number: int) -> HttpResponse:
    """From the post page: its author shares it into one of their communities."""
    post = get_object_or_404(Post, number=number)
    if not post.can_edit(request.user):
        raise PermissionDenied
    form = ShareForm(request.POST, user=request.user, post=post)
    if form.is_valid():
        community = form.cleaned_data["community"]
        services.share(post, community, request.user)
        messages.success(request, _("แบ่งปันบันทึกเข้าชุมชน %(name)s แล้ว") % {"name": community.name})
    else:
        messages.error(request, _("เลือกชุมชนที่คุณเป็นสมาชิก"))
    return redirect(post)


@login_required
@require_POST
def blog_link(request: HttpRequest, slug: str) -> HttpResponse:
    """A member joins one of their blogs to the community (or takes it back): new posts are shared there."""
    community = _community(request, slug)
    if not permissions.is_member(request.user, community):
        raise PermissionDenied
    blog = get_object_or_404(Blog, pk=request.POST.get("blog") if str(request.POST.get("blog", "")).isdigit() else 0)
    if not blog.can_edit(request.user):
        raise PermissionDenied
    if request.POST.get("action") == "unlink":
        services.unlink_blog(community, blog)
        messages.success(request, _("เลิกเชื่อมสมุดบันทึกกับชุมชนแล้ว"))
    else:
        services.link_blog(community, blog, request.user)
        messages.success(request, _("บันทึกใหม่ใน “%(blog)s” จะแบ่งปันเข้าชุมชนนี้เอง") % {"blog": blog.title})
    return _back(community)
