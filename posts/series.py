"""Series of posts: recognising "… ตอนที่7" and filing a post into its series."""

import re

from pythainlp.util import thai_digit_to_arabic_digit

from posts.models import Post, Series

_PART = re.compile(r"^(?P<title>.*?\S)\s*(?:[-–:,]\s*)?(?:ตอน(?:ที่)?|part)\s*(?P<part>[0-9๐-๙]{1,3})\s*$", re.IGNORECASE)


def detect(title: str) -> tuple[str, int] | None:
    """("สรุปบทเรียน KM เมืองนคร", 7) for "สรุปบทเรียน KM เมืองนคร ตอนที่7"; None otherwise."""
    match = _PART.match(" ".join(title.split()))
    if not match:
        return None
    part = int(thai_digit_to_arabic_digit(match["part"]))
    return (match["title"], part) if part > 0 else None


def file_into_series(post: Post, series_title: str | None, part: int | None) -> None:
    """Put a saved post into the named series of its blog (made if new), or take it out.

    A part number another post of the series already has is left empty rather
    than refused: the writer sees the post in the series and can renumber it.
    """
    if not series_title:
        post.series, post.series_part = None, None
    else:
        post.series, _ = Series.objects.get_or_create(blog=post.blog, title=series_title[:300])
        taken = post.series.posts.exclude(pk=post.pk).filter(series_part=part).exists()
        post.series_part = None if (part is None or taken) else part
    Post.objects.filter(pk=post.pk).update(series=post.series, series_part=post.series_part)
