from django.urls import path

from posts import views
from posts.caching import cache_for_readers
from posts.feeds import BlogFeed, rss

app_name = "posts"
urlpatterns = [
    path("", views.home, name="home"),
    path("posts/new/", views.post_create, name="new"),
    path("posts/<int:number>/", views.post_detail, name="detail"),
    path("posts/<int:number>/edit/", views.post_edit, name="edit"),
    path("posts/<int:number>/delete/", views.post_delete, name="delete"),
    path("posts/autosave/", views.autosave, name="autosave_new"),
    path("posts/<int:number>/autosave/", views.autosave, name="autosave"),
    path("me/posts/", views.my_posts, name="mine"),
    path("blogs/new/", views.blog_create, name="blog_new"),
    path("blogs/<int:pk>/", views.blog_detail, name="blog"),
    path("blogs/<int:pk>/feed/", cache_for_readers(BlogFeed()), name="blog_feed"),
    path("blogs/<int:pk>/rss/", cache_for_readers(rss(BlogFeed)()), name="blog_rss"),
    path("blogs/<int:pk>/edit/", views.blog_edit, name="blog_edit"),
    path("blogs/<int:pk>/delete/", views.blog_delete, name="blog_delete"),
]
