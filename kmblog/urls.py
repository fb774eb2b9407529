from csp.decorators import csp_exempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LoginView, PasswordResetView
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog

from communities.sitemaps import CommunitySitemap
from kmblog.health import healthz
from kmblog.language import choose_language
from kmblog.media import serve_upload
from posts.caching import cache_for_readers
from posts.feeds import PostFeed, rss
from posts.sitemaps import BlogSitemap, PostSitemap
from profiles.forms import QueuedPasswordResetForm, ThrottledAuthenticationForm
from profiles.sitemaps import PersonSitemap
from tags.sitemaps import TagSitemap

handler400 = "kmblog.errors.bad_request"
handler403 = "kmblog.errors.permission_denied"

SITEMAPS = {
    "posts": PostSitemap,
    "blogs": BlogSitemap,
    "people": PersonSitemap,
    "tags": TagSitemap,
    "communities": CommunitySitemap,
}

admin.site.site_header = _("kmblog: ห้องทำงานบรรณาธิการ")
admin.site.site_title = "kmblog"
admin.site.index_title = _("จัดการเนื้อหาและความเห็น")

urlpatterns = [
    path("admin/", admin.site.urls),
    # Thai labels for the editor's dialogs (locale/th/LC_MESSAGES/djangojs.po).
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_prose_editor"]), name="javascript-catalog"),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("feeds/atom/", cache_for_readers(PostFeed()), name="feed"),
    path("feeds/rss/", cache_for_readers(rss(PostFeed)()), name="feed_rss"),
    # Django's login view with a form that slows down password guessing.
    path("accounts/login/", LoginView.as_view(authentication_form=ThrottledAuthenticationForm), name="login"),
    # Django's reset view; its form queues the mail for the worker (profiles/tasks.py).
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("language/<str:code>/", choose_language, name="language"),
    path("", include("profiles.urls")),
    path("", include("comments.urls")),
    path("", include("communities.urls")),
    path("", include("network.urls")),
    path("", include("media.urls")),
    path("", include("search.urls")),
    path("tags/", include("tags.urls")),
    path("", include("posts.urls")),
]

# Uploaded avatars, served only as images (kmblog/media.py).
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", csp_exempt()(serve_upload), name="media")]
