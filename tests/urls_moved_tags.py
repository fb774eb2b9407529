"""The site's URLs with the tag pages moved to /topics/ (tests/test_links.py)."""

from django.urls import include, path

from kmblog.urls import urlpatterns as site

urlpatterns = [path("topics/", include("tags.urls")), *(p for p in site if getattr(p, "app_name", None) != "tags")]
