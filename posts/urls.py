from django.urls import path

from posts import views

app_name = "posts"
urlpatterns = [
    path("", views.home, name="home"),
    path("posts/<int:number>/", views.post_detail, name="detail"),
    path("blogs/<int:pk>/", views.blog_detail, name="blog"),
]
