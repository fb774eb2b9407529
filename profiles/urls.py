from django.urls import path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("people/<str:username>/", views.profile_detail, name="detail"),
    path("accounts/signup/", views.signup, name="signup"),
    path("me/profile/", views.profile_edit, name="edit"),
]
