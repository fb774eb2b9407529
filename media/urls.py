from django.urls import path

from media import views

app_name = "media"
urlpatterns = [
    path("me/media/upload/", views.upload, name="upload"),
    path("me/media/", views.library, name="library"),
    path("me/media/<int:pk>/delete/", views.delete, name="delete"),
]
