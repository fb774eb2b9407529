"""Keeping the search index in step with the site.

What may be found is decided here, once: published posts, approved comments,
listed communities and active members. Every change that can alter what search
finds re-indexes the thing after the transaction commits, so a rolled-back edit
never reaches the index. A post scheduled for later is indexed but left out at
query time (engines.py), until its time comes.
"""

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from comments.models import Comment
from communities.models import Community
from posts.html import plain_text
from posts.models import Post
from profiles.models import Profile
from search.engines import backend
from search.models import Entry
from search.text import index_text, normalize

Kind = Entry.Kind


def prepare(title: str, tags: tuple[str, ...], lead: str, body: str) -> dict[str, str]:
    """Both forms of the text: segmented words, and normalised unsegmented text.

    A pure function of the text (rebuild runs it in worker processes). Fields
    are joined by a line break, which no query holds, so a found fragment never
    spans a title and a tag, or two tags. Each text ends with one too: then a
    trigram begins wherever any two characters stand, even at the very end,
    and SQLite finds two-character terms through its trigrams (backends/sqlite.py).
    """
    title, tags, lead, body = normalize(title), [normalize(tag) for tag in tags], normalize(lead), normalize(body)
    return {
        "title": index_text(title, normalised=True),
        "tags": index_text(" ".join(tags), normalised=True),
        "lead": index_text(lead, normalised=True),
        "body": index_text(body, normalised=True),
        "head_text": "\n".join([title, *tags, ""]),
        "text": f"{lead}\n{body}\n",
    }


def _prepare_many(texts: list[tuple], stored) -> list[dict[str, str]]:
    """prepare() each text, the unsegmented forms as the database's backend stores them."""
    prepared = [prepare(*text) for text in texts]
    for fields in prepared:
        fields["head_text"], fields["text"] = stored(fields["head_text"]), stored(fields["text"])
    return prepared


@dataclass
class _Draft:
    """What an entry will hold, before its text is prepared."""

    kind: str
    object_id: int
    texts: tuple[str, tuple[str, ...], str, str]
    fields: dict


def _entry(kind, object_id, *, title="", tags=(), lead="", body="", **fields) -> _Draft:
    return _Draft(kind, object_id, (title, tuple(tags), lead, body), fields)


_pool: ProcessPoolExecutor | None = None
_pending: list[tuple[str, list[int], list[_Draft], Future]] = []


@contextmanager
def in_parallel(workers: int | None = None):
    """Within this block, text is prepared in worker processes while the batch before is written.

    For rebuilds and bulk loads: segmenting is half the work, and a database
    write leaves the other core idle. Writes keep their order; all are done
    when the block ends. One process and its transactions, as without it.
    """
    global _pool
    workers = workers or os.cpu_count() or 1
    if workers < 2 or _pool is not None:
        yield
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        _pool = pool
        try:
            yield
            _write_pending(keep=0)
        finally:
            _pending.clear()
            _pool = None


def _write_pending(keep: int) -> None:
    while len(_pending) > keep:
        kind, ids, drafts, future = _pending.pop(0)
        _write(kind, ids, _built(drafts, future.result()))


def _built(drafts: list[_Draft], prepared: list[dict[str, str]]) -> list[Entry]:
    return [
        Entry(kind=draft.kind, object_id=draft.object_id, **ready, **draft.fields)
        for draft, ready in zip(drafts, prepared, strict=True)
    ]


def _write(kind: str, ids: list[int], entries: list[Entry]) -> None:
    with transaction.atomic():
        Entry.objects.filter(kind=kind, object_id__in=ids).delete()
        Entry.objects.bulk_create(entries)


def _replace(kind: str, ids: list[int], drafts: list[_Draft]) -> None:
    if _pool is None:
        _write(kind, ids, _built(drafts, _prepare_many([draft.texts for draft in drafts], backend().stored)))
        return
    texts = [draft.texts for draft in drafts]
    _pending.append((kind, ids, drafts, _pool.submit(_prepare_many, texts, backend().stored)))
    _write_pending(keep=2)


def post_entry(post: Post, tag_names: Iterable[str]) -> _Draft:
    return _entry(
        Kind.POST,
        post.pk,
        title=post.title,
        tags=tag_names,
        lead=post.lead,
        body=plain_text(post.body),
        post_id=post.pk,
        author_id=post.author_id,
        when=post.published_at,
    )


def comment_entry(comment: Comment) -> _Draft:
    return _entry(
        Kind.COMMENT,
        comment.pk,
        body=comment.body,
        post_id=comment.post_id,
        author_id=comment.author_id,
        when=comment.created,
    )


def community_entry(community: Community, tag_names: Iterable[str]) -> _Draft:
    return _entry(
        Kind.COMMUNITY,
        community.pk,
        title=community.name,
        tags=tag_names,
        body=community.description,
        when=community.created,
    )


def person_entry(profile: Profile, role_names: Iterable[str]) -> _Draft:
    """Name and username as the title; roles as tags; organisation, position and area as the text."""
    user = profile.user
    place = " ".join(part for part in (profile.subdistrict, profile.district, profile.province) if part)
    return _entry(
        Kind.PERSON,
        user.pk,
        title=f"{profile.display_name} {user.get_username()}",
        tags=role_names,
        lead=f"{profile.organisation} {profile.position}".strip(),
        body=place,
        author_id=user.pk,
        when=user.date_joined,
    )


def reindex_posts(post_ids: Iterable[int], *, with_comments: bool = True) -> None:
    """Index these posts as they are now: published ones in, all others out (and their comments)."""
    ids = list(post_ids)
    posts = Post.objects.filter(pk__in=ids, status=Post.Status.PUBLISHED).prefetch_related("tags")
    _replace(Kind.POST, ids, [post_entry(post, (tag.name for tag in post.tags.all())) for post in posts])
    if with_comments:
        _comments_follow(ids, [post.pk for post in posts])


def _comments_follow(post_ids: list[int], published: list[int]) -> None:
    """A post's comments are found while the post is published, and only then.

    Their entries do not depend on the post's text, so an edit prepares none of
    them again: comments of posts no longer published go out, and approved
    comments of published posts that are not in the index yet come in.
    """
    Entry.objects.filter(kind=Kind.COMMENT, post_id__in=set(post_ids) - set(published)).delete()
    indexed = Entry.objects.filter(kind=Kind.COMMENT, post_id__in=published).values("object_id")
    missing = Comment.objects.filter(post_id__in=published, status=Comment.Status.APPROVED).exclude(pk__in=indexed)
    reindex_comments(list(missing.values_list("pk", flat=True)))


def reindex_comments(comment_ids: Iterable[int]) -> None:
    """Approved comments on published posts in, all others out."""
    ids = list(comment_ids)
    comments = Comment.objects.filter(
        pk__in=ids, status=Comment.Status.APPROVED, post__status=Post.Status.PUBLISHED
    ).only("pk", "body", "post_id", "author_id", "created")
    _replace(Kind.COMMENT, ids, [comment_entry(comment) for comment in comments])


def reindex_communities(community_ids: Iterable[int]) -> None:
    ids = list(community_ids)
    communities = Community.objects.listed().filter(pk__in=ids).prefetch_related("tags")
    _replace(Kind.COMMUNITY, ids, [community_entry(c, (t.name for t in c.tags.all())) for c in communities])


def reindex_people(user_ids: Iterable[int]) -> None:
    ids = list(user_ids)
    profiles = (
        Profile.objects.filter(user_id__in=ids, user__is_active=True).select_related("user").prefetch_related("roles")
    )
    _replace(Kind.PERSON, ids, [person_entry(p, (r.name for r in p.roles.all())) for p in profiles])


def rebuild(batch_size: int = 500, progress=None) -> dict[str, int]:
    """Index everything anew, in batches; returns how many of each kind are in the index."""
    sources = [
        (
            Kind.POST,
            Post.objects.filter(status=Post.Status.PUBLISHED),
            lambda ids: reindex_posts(ids, with_comments=False),
        ),
        (Kind.COMMENT, Comment.objects.filter(status=Comment.Status.APPROVED), reindex_comments),
        (Kind.COMMUNITY, Community.objects.listed(), reindex_communities),
        (Kind.PERSON, get_user_model().objects.filter(is_active=True), reindex_people),
    ]
    counts = {}
    with in_parallel():
        for kind, queryset, reindex in sources:
            _rebuild_kind(kind, queryset, reindex, batch_size, progress)
            _write_pending(keep=0)
            counts[kind] = Entry.objects.filter(kind=kind).count()
    backend().compact()
    return counts


def _rebuild_kind(kind, queryset, reindex, batch_size, progress) -> None:
    # Entries of things no longer findable (deleted while signals were off, unpublished) go first.
    Entry.objects.filter(kind=kind).exclude(object_id__in=queryset.values("pk")).delete()
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        reindex(ids[start : start + batch_size])
        if progress:
            progress(kind, min(start + batch_size, len(ids)), len(ids))


def _later(function, ids) -> None:
    transaction.on_commit(lambda: function(ids))


_M2M_CHANGED = ("post_add", "post_remove", "post_clear")


@receiver(post_save, sender=Post, dispatch_uid="search.post_saved")
def post_saved(sender, instance: Post, raw: bool = False, **kwargs) -> None:
    if not raw:
        _later(reindex_posts, [instance.pk])


@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="search.tags_changed")
def tags_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action in _M2M_CHANGED:
        _later(lambda ids: reindex_posts(ids, with_comments=False), list(pk_set or []) if reverse else [instance.pk])


@receiver(post_save, sender=Comment, dispatch_uid="search.comment_saved")
def comment_saved(sender, instance: Comment, raw: bool = False, **kwargs) -> None:
    if not raw:
        _later(reindex_comments, [instance.pk])


@receiver(post_delete, sender=Comment, dispatch_uid="search.comment_deleted")
def comment_deleted(sender, instance: Comment, **kwargs) -> None:
    Entry.objects.filter(kind=Kind.COMMENT, object_id=instance.pk).delete()


@receiver(post_save, sender=Community, dispatch_uid="search.community_saved")
def community_saved(sender, instance: Community, raw: bool = False, **kwargs) -> None:
    if not raw:
        _later(reindex_communities, [instance.pk])


@receiver(m2m_changed, sender=Community.tags.through, dispatch_uid="search.community_tags_changed")
def community_tags_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action in _M2M_CHANGED:
        _later(reindex_communities, list(pk_set or []) if reverse else [instance.pk])


@receiver(post_delete, sender=Community, dispatch_uid="search.community_deleted")
def community_deleted(sender, instance: Community, **kwargs) -> None:
    Entry.objects.filter(kind=Kind.COMMUNITY, object_id=instance.pk).delete()


@receiver(post_save, sender=Profile, dispatch_uid="search.profile_saved")
def profile_saved(sender, instance: Profile, raw: bool = False, **kwargs) -> None:
    if not raw:
        _later(reindex_people, [instance.user_id])


@receiver(m2m_changed, sender=Profile.roles.through, dispatch_uid="search.roles_changed")
def roles_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action in _M2M_CHANGED:
        if reverse:
            user_ids = Profile.objects.filter(pk__in=pk_set or []).values_list("user_id", flat=True)
            _later(reindex_people, list(user_ids))
        else:
            _later(reindex_people, [instance.user_id])


@receiver(post_save, sender=get_user_model(), dispatch_uid="search.user_saved")
def user_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs) -> None:
    # A new user's profile is indexed when it is saved; a login writes only last_login.
    if raw or created or (update_fields is not None and not {"username", "is_active"} & set(update_fields)):
        return
    _later(reindex_people, [instance.pk])
