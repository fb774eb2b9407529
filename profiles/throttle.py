"""Slowing down password guessing: failed logins counted per account and per address.

Counted in Django's cache (shared by app servers when CACHE_URL is set). Past
the limit, logins for that account or from that address are refused for
LOGIN_LOCKOUT_SECONDS from the last failure, then allowed again: the real
owner is never locked out for longer than that.

The account key is the username exactly as Django authenticates it: the login
form's UsernameField strips it and NFKC-normalises it (so the fullwidth
``ｖｉｃｔｉｍ`` is ``victim``), and the user model compares it case-sensitively,
so case is kept. The address is REMOTE_ADDR, which kmblog/wsgi.py sets to the
client's own address behind a trusted proxy.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _key(kind: str, value: str) -> str:
    return f"login-fail:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def keys(request: HttpRequest, username: str) -> dict[str, str]:
    """`username` as the login form's username field cleans it (see ThrottledAuthenticationForm)."""
    return {
        "account": _key("account", username),
        "ip": _key("ip", request.META.get("REMOTE_ADDR") or "unknown"),
    }


def blocked(request_keys: dict[str, str]) -> bool:
    limits = {"account": settings.LOGIN_FAILURE_LIMIT, "ip": settings.LOGIN_FAILURE_LIMIT_IP}
    counts = cache.get_many(request_keys.values())
    return any(counts.get(key, 0) >= limits[kind] for kind, key in request_keys.items())


def record_failure(request_keys: dict[str, str]) -> None:
    for key in request_keys.values():
        # Each failure restarts the window, so a steady guesser stays stopped.
        count = cache.get(key, 0) + 1
        cache.set(key, count, settings.LOGIN_LOCKOUT_SECONDS)


def record_success(request_keys: dict[str, str]) -> None:
    cache.delete(request_keys["account"])
