from django.urls import path

from posts.caching import cache_for_readers
from posts.feeds import PersonFeed, rss
from profiles import views

app_name = "profiles"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<str:username>/", views.profile_detail, name="detail"),
    path("people/<str:username>/feed/", cache_for_readers(PersonFeed()), name="feed"),
    path("people/<str:username>/rss/", cache_for_readers(rss(PersonFeed)()), name="rss"),
    path("accounts/signup/", views.signup, name="signup"),
    path("me/profile/", views.profile_edit, name="edit"),
]
