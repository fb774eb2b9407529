from django.urls import path

from network import views

app_name = "network"
urlpatterns = [
    path("posts/<int:number>/appreciate/", views.appreciate, name="appreciate"),
    path("posts/<int:number>/bookmark/", views.bookmark, name="bookmark"),
    path("me/bookmarks/", views.bookmarks, name="bookmarks"),
]
