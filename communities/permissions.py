"""Who may do what in a community. Views ask here; tests/communities/test_permissions.py holds the table.

- owner / facilitator: manage requests, invitations, members, shared posts, settings
- member: share their own posts, join a blog of theirs, leave
- requester (asked, not yet approved) and stranger: join or ask; nothing else
- staff (editors): everything a facilitator may, in every community
"""

from communities.models import Community, Membership


def membership(user, community: Community) -> Membership | None:
    if not user.is_authenticated:
        return None
    if hasattr(community, "my_role"):  # read with the community (communities.views._community)
        return Membership(community=community, user=user, role=community.my_role) if community.my_role else None
    return Membership.objects.filter(community=community, user=user).first()


def can_manage(user, community: Community) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    found = membership(user, community)
    return found is not None and found.is_facilitator


def is_member(user, community: Community) -> bool:
    return membership(user, community) is not None


def can_see(user, community: Community) -> bool:
    """A hidden community is seen by editors only."""
    return not community.is_hidden or (user.is_authenticated and user.is_staff)
