"""Keeping the search index in step with the posts.

Every change that can alter what search finds (save, publish, unpublish,
delete, a tag change) re-indexes the post after the transaction commits, so a
rolled-back edit never reaches the index and readers never wait on it twice.
"""

from collections.abc import Iterable
from html import unescape

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.utils.html import strip_tags

from posts.models import Post, SearchEntry
from posts.search.text import index_text


def plain_text(html: str) -> str:
    """A post body as text: tags become spaces, entities characters."""
    return unescape(strip_tags(html.replace("<", " <")))


def entry_for(post: Post, tag_names: Iterable[str]) -> SearchEntry:
    return SearchEntry(
        post_id=post.pk,
        title=index_text(post.title),
        tags=index_text(" ".join(tag_names)),
        lead=index_text(post.lead),
        body=index_text(plain_text(post.body)),
    )


def reindex(post_ids: Iterable[int]) -> None:
    """Index these posts as they are now: published ones in, all others out."""
    ids = list(post_ids)
    posts = Post.objects.filter(pk__in=ids, status=Post.Status.PUBLISHED).prefetch_related("tags")
    entries = [entry_for(post, (tag.name for tag in post.tags.all())) for post in posts]
    with transaction.atomic():
        SearchEntry.objects.filter(post_id__in=ids).delete()
        SearchEntry.objects.bulk_create(entries)


def _reindex_after_commit(post_id: int) -> None:
    transaction.on_commit(lambda: reindex([post_id]))


@receiver(post_save, sender=Post, dispatch_uid="search.post_saved")
def post_saved(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if not raw:
        _reindex_after_commit(instance.pk)


@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="search.tags_changed")
def tags_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # a tag lost or gained posts
        for post_id in pk_set or []:
            _reindex_after_commit(post_id)
    else:
        _reindex_after_commit(instance.pk)
