from django.urls import path

from comments import views

app_name = "comments"
urlpatterns = [
    path("posts/<int:number>/comments/", views.post_comment, name="post"),
    path("comments/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("comments/<int:pk>/edit/", views.edit_own, name="edit_own"),
    path("comments/<int:pk>/delete/", views.delete_own, name="delete_own"),
]
