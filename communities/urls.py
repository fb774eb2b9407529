from django.urls import path

from communities import views
from communities.feeds import CommunityFeed
from posts.caching import cache_for_readers
from posts.feeds import rss

app_name = "communities"
urlpatterns = [
    path("communities/", views.community_list, name="list"),
    path("communities/new/", views.community_create, name="new"),
    # <str:> rather than <slug:>: the slug converter rejects Thai.
    path("communities/<str:slug>/", views.community_detail, name="detail"),
    path("communities/<str:slug>/members/", views.community_members, name="members"),
    path("communities/<str:slug>/feed/", cache_for_readers(CommunityFeed()), name="feed"),
    path("communities/<str:slug>/rss/", cache_for_readers(rss(CommunityFeed)()), name="rss"),
    path("communities/<str:slug>/edit/", views.community_edit, name="edit"),
    path("communities/<str:slug>/manage/", views.community_manage, name="manage"),
    path("communities/<str:slug>/join/", views.join, name="join"),
    path("communities/<str:slug>/leave/", views.leave, name="leave"),
    path("communities/<str:slug>/leave/confirm/", views.leave_confirm, name="leave_confirm"),
    path("communities/<str:slug>/requests/<int:pk>/approve/", views.decide_request, {"decision": "approve"},
         name="approve"),
    path("communities/<str:slug>/requests/<int:pk>/refuse/", views.decide_request, {"decision": "refuse"},
         name="refuse"),
    path("communities/<str:slug>/invite/", views.invite, name="invite"),
    path("communities/<str:slug>/invitations/<int:pk>/cancel/", views.cancel_invitation, name="cancel_invitation"),
    path("communities/<str:slug>/members/<str:username>/remove/", views.member_action, {"action": "remove"},
         name="remove_member"),
    path("communities/<str:slug>/members/<str:username>/promote/", views.member_action, {"action": "promote"},
         name="promote"),
    path("communities/<str:slug>/members/<str:username>/demote/", views.member_action, {"action": "demote"},
         name="demote"),
    path("communities/<str:slug>/posts/<int:number>/remove/", views.unshare, name="unshare"),
    path("communities/<str:slug>/blogs/", views.blog_link, name="blog_link"),
    path("posts/<int:number>/share/", views.share_post, name="share"),
]  # fmt: skip
