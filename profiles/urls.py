from django.urls import path

from posts.feeds import PersonFeed, rss
from profiles import views

app_name = "profiles"
urlpatterns = [
    path("people/<str:username>/", views.profile_detail, name="detail"),
    path("people/<str:username>/feed/", PersonFeed(), name="feed"),
    path("people/<str:username>/rss/", rss(PersonFeed)(), name="rss"),
    path("accounts/signup/", views.signup, name="signup"),
    path("me/profile/", views.profile_edit, name="edit"),
]
