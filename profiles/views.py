from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from pythainlp.util import collate

from communities.models import Community
from network.models import Follow, Preferences
from posts.caching import cache_for_readers
from posts.models import Post
from posts.paging import collated_page
from profiles.forms import ProfileForm, SignupForm
from profiles.models import Profile, Role
from profiles.services import register_member


@cache_for_readers(topics=lambda request, username: [f"person:{username}"])
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
        {
            "person": person,
            "profile": person.profile,
            "blogs": person.blogs.all(),
            "communities": Community.objects.listed().filter(memberships__user=person).order_by("name"),
            "page": page,
            "follower_count": Follow.objects.filter(user=person).count(),
            "following_count": Follow.objects.filter(follower=person).count(),
            "planet_public": Preferences.objects.filter(user=person, planet_public=True).exists(),
        },
    )


@cache_for_readers
def people(request: HttpRequest) -> HttpResponse:
    """/people/?q=…&role=…&organisation=…&province=…&page=…: the members, in Thai dictionary order.

    "Who is the คุณอำนวย in Nakhon Si Thammarat?" is a role and a province away.
    Template profiles/people.html: page, the filters and their choices.
    """
    profiles = Profile.objects.filter(user__is_active=True)
    q = " ".join(request.GET.get("q", "").split())[:100]
    if q:
        profiles = profiles.filter(Q(display_name__icontains=q) | Q(user__username__icontains=q))
    role = Role.objects.filter(code=request.GET.get("role", "")[:30]).first() if request.GET.get("role") else None
    if role:
        profiles = profiles.filter(roles=role)
    organisation = " ".join(request.GET.get("organisation", "").split())[:100]
    if organisation:
        profiles = profiles.filter(organisation__icontains=organisation)
    province = request.GET.get("province", "")[:100]
    if province:
        profiles = profiles.filter(province=province)
    # Thai dictionary order of the names, then a page of them read in full.
    names = (
        (Profile.public_name(name, username), pk)
        for pk, name, username in profiles.values_list("pk", "display_name", "user__username")
    )
    published = Q(user__posts__in=Post.objects.published())

    def load(pks: list[int]) -> dict:
        cards = Profile.objects.select_related("user").prefetch_related("roles")
        return cards.annotate(post_count=Count("user__posts", filter=published)).in_bulk(pks)

    page = collated_page(names, request.GET.get("page"), settings.KMBLOG_PAGE_SIZE, load)
    provinces = Profile.objects.filter(user__is_active=True).exclude(province="").values_list("province", flat=True)
    context = {
        "page": page,
        "q": q,
        "role": role,
        "roles": Role.objects.all(),
        "organisation": organisation,
        "province": province,
        "provinces": collate(set(provinces.distinct().order_by())),
    }
    return render(request, "profiles/people.html", context)


def signup(request: HttpRequest) -> HttpResponse:
    """Join, then go straight to the editor. Template registration/signup.html: form."""
    if request.user.is_authenticated:
        return redirect("posts:new")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = register_member(
            username=data["username"],
            email=data["email"],
            display_name=data["display_name"],
            password=data["password1"],
            language=request.LANGUAGE_CODE,
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("ยินดีต้อนรับ %(name)s เริ่มเขียนบันทึกแรกได้เลย") % {"name": data["display_name"]})
        return redirect("posts:new")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """Edit your own profile. Template profiles/profile_form.html: form."""
    profile = request.user.profile
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("บันทึกโปรไฟล์แล้ว"))
        return redirect(profile.get_absolute_url())
    return render(request, "profiles/profile_form.html", {"form": form})
