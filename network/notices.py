"""Notifications as a member reads them: alike ones grouped ("12 คนขอบคุณบันทึก …"), each with its words and link."""

from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.models import Notification

Kind = Notification.Kind
# Kinds where many alike notices read better as one line.
GROUPED = {Kind.COMMENT, Kind.FOLLOWER, Kind.APPRECIATION, Kind.COMMUNITY}


@dataclass
class Group:
    notices: list[Notification] = field(default_factory=list)

    @property
    def first(self) -> Notification:
        return self.notices[0]

    @property
    def created(self) -> datetime:
        return self.first.created

    @property
    def unread(self) -> bool:
        return self.first.read_at is None

    @property
    def actors(self) -> list:
        seen = {}
        for notice in self.notices:
            if notice.actor_id and notice.actor_id not in seen:
                seen[notice.actor_id] = notice.actor
        return list(seen.values())

    @property
    def text(self) -> str:
        return describe(self.first, self.actors)

    def get_absolute_url(self) -> str:
        return self.first.get_absolute_url()


def group_key(notice: Notification) -> tuple:
    if notice.kind in GROUPED and not (notice.kind == Kind.COMMENT and notice.detail == "pending"):
        return (notice.kind, _variant(notice), notice.post_id, notice.community_id, notice.read_at is None)
    return ("one", notice.pk)


def _variant(notice: Notification) -> str:
    """What splits alike notices: a community's requests from its answers; not "thanks" from "useful"."""
    return notice.detail if notice.kind == Kind.COMMUNITY else ""


def siblings(notice: Notification):
    """The notices grouped with `notice` (itself included), for marking them read together."""
    same = Notification.objects.filter(recipient_id=notice.recipient_id, read_at=None)
    key = group_key(notice)
    if key[0] == "one":
        return same.filter(pk=notice.pk)
    same = same.filter(kind=notice.kind, post_id=notice.post_id, community_id=notice.community_id)
    return same.filter(detail=notice.detail) if notice.kind == Kind.COMMUNITY else same


def group(notices: list[Notification]) -> list[Group]:
    groups: dict[tuple, Group] = {}
    for notice in notices:  # newest first: a group sits where its newest notice is
        groups.setdefault(group_key(notice), Group()).notices.append(notice)
    return list(groups.values())


def _name(person) -> str:
    return str(person.profile) if person is not None else _("สมาชิก")


def describe(notice: Notification, actors: list) -> str:
    """One line for a notice (or its group), in the active language."""
    name = _name(actors[0] if actors else None)
    others = max(len(actors) - 1, 0)
    title = notice.post.title if notice.post_id else ""
    community = notice.community.name if notice.community_id else ""
    values = {"name": name, "others": others, "count": len(actors), "title": title, "community": community}
    if notice.kind == Kind.COMMENT:
        if notice.detail == "pending":
            return _("ความเห็นใหม่ในบันทึก “%(title)s” รอให้คุณอนุมัติ") % values
        if others:
            return (
                ngettext(
                    "%(name)s และอีก %(others)d คนแสดงความเห็นในบันทึก “%(title)s”",
                    "%(name)s และอีก %(others)d คนแสดงความเห็นในบันทึก “%(title)s”",
                    others,
                )
                % values
            )
        return _("%(name)s แสดงความเห็นในบันทึก “%(title)s”") % values
    if notice.kind == Kind.REPLY:
        return _("%(name)s ตอบความเห็นของคุณในบันทึก “%(title)s”") % values
    if notice.kind == Kind.MENTION:
        return _("%(name)s กล่าวถึงคุณในบันทึก “%(title)s”") % values
    if notice.kind == Kind.FOLLOWER:
        if others:
            return (
                ngettext("%(name)s และอีก %(others)d คนเริ่มติดตามคุณ", "%(name)s และอีก %(others)d คนเริ่มติดตามคุณ", others)
                % values
            )
        return _("%(name)s เริ่มติดตามคุณ") % values
    if notice.kind == Kind.NEW_POST:
        return _("บันทึกใหม่จาก %(name)s: “%(title)s”") % values
    if notice.kind == Kind.APPRECIATION:
        if others:
            return (
                ngettext("%(count)d คนขอบคุณบันทึก “%(title)s”", "%(count)d คนขอบคุณบันทึก “%(title)s”", len(actors)) % values
            )
        return _("%(name)s ขอบคุณบันทึก “%(title)s”") % values
    if notice.kind == Kind.POST_REMOVED:
        return _("บันทึก “%(title)s” ถูกนำออกจากชุมชน “%(community)s”") % values
    if notice.detail == "request":
        if others:
            return (
                ngettext(
                    "%(name)s และอีก %(others)d คนขอเข้าร่วมชุมชน “%(community)s”",
                    "%(name)s และอีก %(others)d คนขอเข้าร่วมชุมชน “%(community)s”",
                    others,
                )
                % values
            )
        return _("%(name)s ขอเข้าร่วมชุมชน “%(community)s”") % values
    if notice.detail == "approved":
        return _("คุณเป็นสมาชิกชุมชน “%(community)s” แล้ว") % values
    if notice.detail == "refused":
        return _("คำขอเข้าร่วมชุมชน “%(community)s” ไม่ได้รับการอนุมัติ") % values
    return _("%(name)s เชิญคุณเข้าร่วมชุมชน “%(community)s”") % values


def target_url(notice: Notification) -> str:
    """Where opening a notice leads (a relative URL)."""
    if notice.comment_id:
        return f"{notice.post.get_absolute_url()}#comment-{notice.comment.position}"
    if notice.kind == Kind.APPRECIATION:
        return notice.post.get_absolute_url() + "#appreciation"
    if notice.post_id:
        return notice.post.get_absolute_url()
    if notice.kind == Kind.FOLLOWER:
        return reverse("network:followers", kwargs={"username": notice.recipient.username})
    if notice.community_id:
        if notice.detail == "request":
            return reverse("communities:manage", kwargs={"slug": notice.community.slug})
        return notice.community.get_absolute_url()
    return reverse("network:notifications")
