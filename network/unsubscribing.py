"""Signed unsubscribe links: every mail names what it is ("digest", or a kind of notification)
and carries a link that stops it with one click, no login needed."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from network.models import Channel, Digest, Notification, Preferences

SALT = "network.unsubscribe"
DIGEST = "digest"


def token(user, what: str) -> str:
    """The same for the same member and mail: links in old mails keep working (no expiry)."""
    return signing.Signer(salt=SALT).sign_object({"u": user.pk, "w": what}, compress=True)


def url(site_url: str, user, what: str) -> str:
    return site_url + reverse("network:unsubscribe", kwargs={"token": token(user, what)})


def headers(site_url: str, user, what: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail apps show their own "unsubscribe" button and POST to the link."""
    return {
        "List-Unsubscribe": f"<{url(site_url, user, what)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def read(value: str):
    """(user, what) from a token, or None if it was tampered with or names nobody."""
    try:
        data = signing.Signer(salt=SALT).unsign_object(value)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("w") not in [DIGEST, *Notification.Kind.values]:
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    return (user, data["w"]) if user else None


def label(what: str) -> str:
    if what == DIGEST:
        return _("อีเมลสรุป")
    return _("อีเมลแจ้งเตือนเรื่อง “%(kind)s”") % {"kind": Notification.Kind(what).label}


def apply(user, what: str) -> None:
    """Stop that mail: the digest goes to none; a kind keeps its on-site notices, loses the mail."""
    prefs = Preferences.of(user)
    if what == DIGEST:
        prefs.digest = Digest.NONE
    else:
        now = prefs.channel(what)
        prefs.channels = {**prefs.channels, what: Channel.SITE if now in (Channel.BOTH, Channel.SITE) else Channel.NONE}
    prefs.save()
