"""reverse(), remembered for the links a list repeats.

A page of 20 post cards reverses about 110 URLs (each post, blog, author and
tag), at about 30 µs each: 3 ms of every list and search page, most of it for
the same few tags and authors. The answer depends on the URL patterns, the
script prefix the site is served under, and the language (a translated
pattern), so those are part of the key; changing ROOT_URLCONF (tests do)
empties the cache, as it does Django's own resolver caches.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=4096)
def _reverse(viewname: str, kwargs: tuple, prefix: str, urlconf, language: str | None) -> str:
    return reverse(viewname, kwargs=dict(kwargs), urlconf=urlconf)


def reverse_cached(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs) for a model's get_absolute_url."""
    return _reverse(viewname, tuple(sorted(kwargs.items())), get_script_prefix(), get_urlconf(), get_language())


@receiver(setting_changed)
def _urls_changed(setting: str, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGE_CODE", "LANGUAGES"}:
        _reverse.cache_clear()
