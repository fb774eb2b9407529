from django.urls import path

from posts.caching import cache_for_readers
from posts.feeds import TagFeed, rss
from tags import views

app_name = "tags"
urlpatterns = [
    path("", views.tag_list, name="list"),
    # No trailing slash, so it cannot collide with a tag whose slug is "suggest".
    path("suggest.json", views.tag_suggest, name="suggest"),
    # <str:> rather than <slug:>: the slug converter rejects Thai.
    path("<str:slug>/", views.tag_detail, name="detail"),
    path("<str:slug>/feed/", cache_for_readers(TagFeed()), name="feed"),
    path("<str:slug>/rss/", cache_for_readers(rss(TagFeed)()), name="rss"),
]
