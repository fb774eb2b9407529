from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

admin.site.site_header = "kmblog: ห้องทำงานบรรณาธิการ"
admin.site.site_title = "kmblog"
admin.site.index_title = "จัดการเนื้อหาและความเห็น"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Thai labels for the editor's dialogs (locale/th/LC_MESSAGES/djangojs.po).
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_prose_editor"]), name="javascript-catalog"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("profiles.urls")),
    path("", include("comments.urls")),
    path("tags/", include("tags.urls")),
    path("", include("posts.urls")),
]

# Uploaded avatars while developing (does nothing when DEBUG is off).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
