from django.urls import path

from network import views
from network.feeds import PlanetFeed

app_name = "network"
urlpatterns = [
    path("posts/<int:number>/appreciate/", views.appreciate, name="appreciate"),
    path("posts/<int:number>/bookmark/", views.bookmark, name="bookmark"),
    path("me/bookmarks/", views.bookmarks, name="bookmarks"),
    path("follow/<str:kind>/<str:key>/", views.follow, name="follow"),
    path("people/<str:username>/followers/", views.followers, name="followers"),
    path("people/<str:username>/following/", views.following, name="following"),
    path("me/followers/<str:username>/remove/", views.remove_follower, name="remove_follower"),
    path("me/", views.planet, name="planet"),
    path("me/planet/share/", views.share_planet, name="share_planet"),
    path("people/<str:username>/planet/", views.public_planet, name="public_planet"),
    path("people/<str:username>/planet/feed/", PlanetFeed(), name="planet_feed"),
    path("me/notifications/", views.notifications, name="notifications"),
    path("me/notifications/<int:pk>/", views.open_notification, name="open_notification"),
    path("me/notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("me/notifications/settings/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
