from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "kmblog: ห้องทำงานบรรณาธิการ"
admin.site.site_title = "kmblog"
admin.site.index_title = "จัดการเนื้อหาและความเห็น"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("profiles.urls")),
    path("tags/", include("tags.urls")),
    path("", include("posts.urls")),
]

# Uploaded avatars while developing (does nothing when DEBUG is off).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
