"""One search interface, one implementation per database engine.

Both rank a bounded set of candidates instead of every match: the newest
CANDIDATES matches plus the newest CANDIDATES matches in a title or tags. A
word found in most posts then costs the same as a rare one, and the best
results stay in: a post about the word nearly always has it in its title or
tags, and among the rest the newest are what readers look for.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from posts.search.query import Query

CANDIDATES = 500
COUNT_LIMIT = 1_000  # "more than 1,000": an exact count of a common word costs more than the search
DENSE_SHARE = 10  # "newest first" walks the posts when at least 1 in 10 match


def _indexed_posts() -> int:
    """How many posts the index holds, cached briefly: only its size order matters."""
    count = cache.get("search:indexed-posts")
    if count is None:
        from posts.models import SearchEntry

        count = SearchEntry.objects.count()
        cache.set("search:indexed-posts", count, 300)
    return count


@dataclass
class Filters:
    tag_id: int | None = None
    author_id: int | None = None
    year: int | None = None  # Christian era
    community_id: int | None = None


@dataclass
class Page:
    ids: list[int]
    total: int  # capped at COUNT_LIMIT
    total_is_capped: bool


def search(query: Query, *, filters: Filters, newest_first: bool, offset: int, limit: int) -> Page:
    engine = _Postgres if connection.vendor == "postgresql" else _Sqlite
    return engine(query, filters).page(newest_first=newest_first, offset=offset, limit=limit)


class _Engine:
    def __init__(self, query: Query, filters: Filters):
        self.query, self.filters = query, filters

    def _scope(self, id_column: str) -> tuple[str, str, list]:
        """(join, condition, params) limiting matches to what the reader may get.

        The index holds published posts only (index.reindex), so the one thing
        to exclude is the few scheduled for later. That exclusion is a small
        NOT IN; joining every match to posts_post is what made a filter cost
        more than the search. The join is made only for the reader's filters.
        """
        condition = (
            f"{id_column} NOT IN (SELECT s.id FROM posts_post s WHERE s.status = 'published' AND s.published_at > %s)"
        )
        params: list = [timezone.now()]
        filters, join = [], ""
        if self.filters.author_id:
            filters.append("p.author_id = %s")
            params.append(self.filters.author_id)
        if self.filters.year:
            tz = timezone.get_current_timezone()
            filters.append("p.published_at >= %s AND p.published_at < %s")
            params += [datetime(self.filters.year, 1, 1, tzinfo=tz), datetime(self.filters.year + 1, 1, 1, tzinfo=tz)]
        if self.filters.tag_id:
            filters.append(
                "EXISTS (SELECT 1 FROM tags_taggedpost t WHERE t.content_object_id = p.id AND t.tag_id = %s)"
            )
            params.append(self.filters.tag_id)
        if self.filters.community_id:
            filters.append(
                "EXISTS (SELECT 1 FROM communities_sharedpost c"
                " WHERE c.post_id = p.id AND c.community_id = %s AND c.removed_at IS NULL)"
            )
            params.append(self.filters.community_id)
        if filters:
            join = f"JOIN posts_post p ON p.id = {id_column}"
            condition = " AND ".join([condition, *filters])
        return join, condition, params

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def page(self, *, newest_first: bool, offset: int, limit: int) -> Page:
        total = self.count()
        if not newest_first:
            ids = self.ranked(offset, limit)
        elif total * DENSE_SHARE >= _indexed_posts():
            # A word in a large share of posts: walk the posts newest first and
            # probe the index for each; about limit / share probes.
            ids = self.newest_by_walking(offset, limit)
        else:
            # Fewer matches: sort them all by date (cost grows with the matches).
            ids = self.newest(offset, limit)
        return Page(ids=ids, total=min(total, COUNT_LIMIT), total_is_capped=total > COUNT_LIMIT)


class _Postgres(_Engine):
    """tsvector + GIN; phrases as <-> (followed by); ranked by ts_rank_cd."""

    def _tsquery(self) -> str:
        # Words hold only letters, marks and digits (text.tokens), so quoting them is safe.
        def phrase(words: list[str]) -> str:
            return "(" + " <-> ".join(f"'{w}'" for w in words) + ")"

        wanted = (" | " if self.query.match_any else " & ").join(phrase(p) for p in self.query.phrases)
        if self.query.match_any:
            wanted = f"({wanted})"
        unwanted = "".join(f" & !{phrase(p)}" for p in self.query.excluded)
        return wanted + unwanted

    def _where(self) -> tuple[str, str, list]:
        join, condition, params = self._scope("e.post_id")
        return join, f"e.vector @@ to_tsquery('simple', %s) AND {condition}", [self._tsquery(), *params]

    def count(self) -> int:
        join, where, params = self._where()
        sql = f"SELECT count(*) FROM (SELECT 1 FROM posts_searchentry e {join} WHERE {where} LIMIT %s) AS hits"
        return self._fetch(sql, [*params, COUNT_LIMIT + 1])[0][0]

    def newest(self, offset: int, limit: int) -> list[int]:
        join, where, params = self._where()
        sql = f"""SELECT e.post_id FROM posts_searchentry e JOIN posts_post n ON n.id = e.post_id {join}
                  WHERE {where} ORDER BY n.published_at DESC, n.id DESC LIMIT %s OFFSET %s"""
        return [row[0] for row in self._fetch(sql, [*params, limit, offset])]

    def newest_by_walking(self, offset: int, limit: int) -> list[int]:
        join, condition, params = self._scope("n.id")
        sql = f"""SELECT n.id FROM posts_post n {join}
                  WHERE n.status = 'published' AND {condition} AND EXISTS (
                      SELECT 1 FROM posts_searchentry e WHERE e.post_id = n.id AND e.vector @@ to_tsquery('simple', %s))
                  ORDER BY n.published_at DESC, n.id DESC LIMIT %s OFFSET %s"""
        return [row[0] for row in self._fetch(sql, [*params, self._tsquery(), limit, offset])]

    def ranked(self, offset: int, limit: int) -> list[int]:
        join, where, params = self._where()
        head_join, head_condition, head_params = self._scope("e.post_id")
        sql = f"""
            WITH candidates AS (
                (SELECT e.post_id FROM posts_searchentry e {join}
                 WHERE {where} ORDER BY e.post_id DESC LIMIT %s)
                UNION
                (SELECT e.post_id FROM posts_searchentry e {head_join}
                 WHERE e.head @@ to_tsquery('simple', %s) AND {head_condition} ORDER BY e.post_id DESC LIMIT %s)
            )
            SELECT c.post_id FROM candidates c JOIN posts_searchentry e ON e.post_id = c.post_id
            ORDER BY ts_rank_cd(e.vector, to_tsquery('simple', %s)) DESC, c.post_id DESC
            LIMIT %s OFFSET %s"""
        args = [*params, CANDIDATES, self._tsquery(), *head_params, CANDIDATES, self._tsquery(), limit, offset]
        return [row[0] for row in self._fetch(sql, args)]


class _Sqlite(_Engine):
    """FTS5 over the segmented text; phrases in double quotes; ranked by bm25."""

    WEIGHTS = "10.0, 5.0, 2.0, 1.0"  # title, tags, lead, body

    def _match(self, columns: str = "") -> str:
        def phrase(words: list[str]) -> str:
            return '"' + " ".join(words) + '"'  # words hold no quotes (text.tokens)

        wanted = (" OR " if self.query.match_any else " AND ").join(phrase(p) for p in self.query.phrases)
        if columns:
            wanted = f"{{{columns}}} : ({wanted})"
        if self.query.excluded:
            wanted = f"({wanted}) NOT ({' OR '.join(phrase(p) for p in self.query.excluded)})"
        return wanted

    def count(self) -> int:
        join, condition, params = self._scope("f.rowid")
        sql = f"""SELECT count(*) FROM (SELECT 1 FROM posts_searchentry_fts f {join}
                  WHERE posts_searchentry_fts MATCH %s AND {condition} LIMIT %s)"""
        return self._fetch(sql, [self._match(), *params, COUNT_LIMIT + 1])[0][0]

    def newest(self, offset: int, limit: int) -> list[int]:
        join, condition, params = self._scope("f.rowid")
        sql = f"""SELECT f.rowid FROM posts_searchentry_fts f JOIN posts_post n ON n.id = f.rowid {join}
                  WHERE posts_searchentry_fts MATCH %s AND {condition}
                  ORDER BY n.published_at DESC, n.id DESC LIMIT %s OFFSET %s"""
        return [row[0] for row in self._fetch(sql, [self._match(), *params, limit, offset])]

    def newest_by_walking(self, offset: int, limit: int) -> list[int]:
        join, condition, params = self._scope("n.id")
        sql = f"""SELECT n.id FROM posts_post n {join}
                  WHERE n.status = 'published' AND {condition} AND EXISTS (
                      SELECT 1 FROM posts_searchentry_fts WHERE posts_searchentry_fts MATCH %s AND rowid = n.id)
                  ORDER BY n.published_at DESC, n.id DESC LIMIT %s OFFSET %s"""
        return [row[0] for row in self._fetch(sql, [*params, self._match(), limit, offset])]

    def ranked(self, offset: int, limit: int) -> list[int]:
        join, condition, params = self._scope("f.rowid")
        sql = f"""
            SELECT post_id FROM (
                SELECT * FROM (SELECT f.rowid AS post_id, bm25(posts_searchentry_fts, {self.WEIGHTS}) AS score
                    FROM posts_searchentry_fts f {join} WHERE posts_searchentry_fts MATCH %s AND {condition}
                    ORDER BY f.rowid DESC LIMIT %s)
                UNION ALL
                SELECT * FROM (SELECT f.rowid AS post_id, bm25(posts_searchentry_fts, {self.WEIGHTS}) AS score
                    FROM posts_searchentry_fts f {join} WHERE posts_searchentry_fts MATCH %s AND {condition}
                    ORDER BY f.rowid DESC LIMIT %s)
            ) GROUP BY post_id ORDER BY min(score), post_id DESC LIMIT %s OFFSET %s"""
        # A post found by both halves appears once, with its better (lower) bm25 score.
        args = [self._match(), *params, CANDIDATES, self._match("title tags"), *params, CANDIDATES, limit, offset]
        return [row[0] for row in self._fetch(sql, args)]
