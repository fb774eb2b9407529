from django.utils.functional import SimpleLazyObject


def bell(request) -> dict:
    """The header bell's unread count, asked only when a page shows it (a cached number, services.unread_count)."""

    def count() -> int:
        from network.services import unread_count

        user = getattr(request, "user", None)
        return unread_count(user) if user is not None and user.is_authenticated else 0

    return {"unread_notifications": SimpleLazyObject(count)}
