"""The one search interface, with one implementation per database (backends/).

What is found: every entry whose normalised text contains each typed term
(substring: words inside longer words, fragments across words, Thai digits,
typing slips), together with every entry the word index finds the terms in as
phrases (the same words written with a space between them).

In what order ("relevance"): entries with the terms in their title or tags
first, then the word index's ranking, both among a bounded set of the newest
CANDIDATES of each; then every other match, newest first. A word found in most
posts then costs the same as a rare one.

How it stays fast: the count comes first, from the indexes, and stops at
COUNT_LIMIT. Fewer matches than that: they are fetched from the indexes and
sorted. More: the query is common, so walking the newest entries and testing
each finds a page after a few hundred rows, never reading every match.

Under a filter (a person, a blog, a tag, a community): a filter of few
entries (FEW) has them tested row by row. A larger one first lists the query's
matches on the whole site, if few (within) and not too many by a backend's
probe of the newest entries, and keeps those it holds; otherwise its own entries are listed (held):
SQLite counts the FTS5 rowids it holds, PostgreSQL tests them row by row in
slices from the newest, and keeps the newest matches for the first pages.
Either way the database is handed a list of ids to start from, and no plan
can weigh a filter's thousands of rows against an index's list.
Once counted, the matches themselves (found) are the list. A year is a range
of the newest index: a rare query is listed first (within), a common one
searched as without the filter (SQLite), or on the year's own rows (PostgreSQL).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.db import connection
from django.utils import timezone

from search.models import Entry
from search.query import Query
from search.text import is_word

CANDIDATES = 200
# Kinds with indexes of their own (migration 0002); the others are few and tested row by row.
INDEXED_KINDS = {"post", "comment"}
RECENT = 5000  # a walk that may find little (titles, a common text's rarer words) stops after this many
FEW = 2000  # a filter that holds at most this many entries is tested row by row
HELD = 20000  # a filter's entries are listed for a walk up to this many
SHORT = 3  # a trigram's length: shorter terms are tested row by row, unless a backend indexes them


@dataclass
class Filters:
    tag_id: int | None = None
    author_id: int | None = None
    year: int | None = None  # Christian era
    community_id: int | None = None
    blog_id: int | None = None

    @property
    def by_post(self) -> bool:
        return bool(self.tag_id or self.community_id or self.blog_id)


@dataclass
class Page:
    ids: list[int]  # object ids of the kind searched, in order
    total: int  # capped at the backend's COUNT_LIMIT
    total_is_capped: bool


def db_time(value: datetime):
    """A datetime as a raw query's parameter. SQLite stores UTC text, and passed as it is an
    aware datetime became local text with its offset ('2026-01-01 00:00:00+07:00'), which
    compares as text: a year began 7 hours late. The ORM converts; raw SQL must too."""
    return connection.ops.adapt_datetimefield_value(value)


def backend():
    from search.backends import postgres, sqlite

    return postgres.Backend if connection.vendor == "postgresql" else sqlite.Backend


def search(
    query: Query, *, kind: str = Entry.Kind.POST, filters: Filters | None = None, newest_first=False, offset=0, limit=20
) -> Page:
    return backend()(query, kind, filters or Filters()).page(newest_first=newest_first, offset=offset, limit=limit)


def count(query: Query, *, kind: str, filters: Filters | None = None) -> tuple[int, bool]:
    """(count capped at the backend's COUNT_LIMIT, whether it was capped)"""
    engine = backend()(query, kind, filters or Filters())
    found = engine.count()
    return min(found, engine.COUNT_LIMIT), found > engine.COUNT_LIMIT


class BaseBackend:
    """SQL shared by both databases; the subclasses say how each index is asked.

    Every piece of SQL takes the entry table's alias "e". Values always travel
    as parameters; the kind is one of Entry.Kind, written in as a literal so
    the planner sees it.
    """

    # Counts are exact up to this many, then "more than": an exact count of a common word
    # would cost more than the search. Each backend sets what its index counts cheaply.
    COUNT_LIMIT = 500
    # Terms of at least this many characters are found through the index.
    SHORTEST_INDEXED = SHORT
    # Under a filter, a query with at most this many matches on the whole site is listed
    # from the index first (within); one with more is tested on the filter's rows.
    WITHIN_LIMIT = COUNT_LIMIT
    # A common query's walk through the newest entries stops after this many (None: never).
    WALK: int | None = None
    # Posts published with a later date (alias s, one parameter: now): indexed, not yet shown.
    SCHEDULED = "s.status = 'published' AND s.published_at > %s"
    # Whether held lists a filter's entries newest first (an index must give the date for free).
    HELD_NEWEST_FIRST = False

    def __init__(self, query: Query, kind: str, filters: Filters):
        self.query, self.kind, self.filters = query, Entry.Kind(kind), filters
        # Related posts build queries of words only (match_any): those go to the word index alone.
        self.strings = [] if query.match_any else query.strings
        self.long = [s for s in self.strings if len(s) >= self.SHORTEST_INDEXED]
        self.short = [s for s in self.strings if len(s) < self.SHORTEST_INDEXED]
        self._objects: dict[int, int] = {}
        self._written: tuple[list[int], str] | None = None  # the last id list listed(), as SQL
        self.found: list[int] | None = None  # every match, when count() found no more than its limit
        self.spellings: dict[str, list[str]] = {}  # a term's other spellings, tested beside it
        # The word index finds more than the substring test only where a term's words are
        # written apart (การจัดการ ความรู้) or the term carries punctuation. A term of one
        # word, typed as that word, is found by the substring test wherever the index has it.
        # A fragment (ื่อที่คว: อ|ที่|คว) has no such place: it is cut out of the text, not
        # written in words, and its phrase would only have the word index test every post
        # holding ที่.
        self.indexed = self.kind.value in INDEXED_KINDS
        self.needs_words = not self.strings or (
            self.indexed
            and any(
                words != [string] and all(map(is_word, words))
                for words, string in zip(query.phrases, self.strings, strict=False)
            )
        )

    # -- What each backend provides ---------------------------------------------------------
    @classmethod
    def compact(cls, seconds: float | None = None) -> bool:
        """Merge what indexing has added into the indexes' main structure, in short
        transactions, for at most `seconds` (None: until done); True when done."""
        return True

    @staticmethod
    def stored(text: str) -> str:
        """Normalised text (head_text, text) as this backend stores it; terms go through the same."""
        return text

    def words_indexed(self) -> tuple[str, list]:
        """Entries the word index finds the phrases in (index lookup)."""
        raise NotImplementedError

    def words_row(self) -> tuple[str, list]:
        """The same test for one row, for walking the newest entries."""
        raise NotImplementedError

    def substring_indexed(self, columns: str) -> tuple[str, list]:
        """Entries containing every typed term (columns: 'head' or 'all'), from the trigram index."""
        raise NotImplementedError

    def contains_row(self, column: str, string: str) -> tuple[str, list]:
        raise NotImplementedError

    def head_candidates(self, common: bool) -> list[int]:
        """The newest CANDIDATES entries with every term in their title or tags."""
        raise NotImplementedError

    def held_head_candidates(self) -> list[int]:
        """The newest CANDIDATES entries with every term in their title or tags, among a
        filter's entries (by_rows): each is tested."""
        return self._select(self.substring_row("head"), order=self.NEWEST, limit=CANDIDATES)

    def word_candidates(self, common: bool) -> list[tuple[int, float]]:
        """(entry, rank) of the newest CANDIDATES entries the word index finds; higher ranks better.

        common: the query matched more than COUNT_LIMIT entries."""
        raise NotImplementedError

    # -- Shared -----------------------------------------------------------------------------
    def contains(self, string: str, columns: str) -> tuple[str, list]:
        """One term tested on the row: in the title or tags ('head'), or anywhere ('all')."""
        tests = []
        for spelling in self.spellings.get(string, [string]):
            tests.append(self.contains_row("e.head_text", spelling))
            if columns == "all":
                tests.append(self.contains_row("e.text", spelling))
        return "(" + " OR ".join(sql for sql, _ in tests) + ")", [p for _, ps in tests for p in ps]

    def substring_row(self, columns: str) -> tuple[str, list]:
        tests = [self.contains(string, columns) for string in self.strings]
        return " AND ".join(sql for sql, _ in tests), [p for _, ps in tests for p in ps]

    def excluded_row(self) -> tuple[str, list]:
        parts, params = [], []
        for string in [] if self.query.match_any else self.query.excluded_strings:
            for column in ("e.head_text", "e.text"):
                sql, ps = self.contains_row(column, string)
                parts.append(sql)
                params += ps
        return (f"NOT ({' OR '.join(parts)})", params) if parts else ("", [])

    @property
    def filtered(self) -> bool:
        return bool(self.by_entries or self.filters.year)

    @property
    def by_entries(self) -> bool:
        """A filter that picks entries one by one (a year is a range of the newest index)."""
        return bool(self.filters.by_post or self.filters.author_id)

    @cached_property
    def held(self) -> list[int] | None:
        """The entries a filter holds, when it holds at most HELD (None: no filter, or more).
        Listed, they are what a walk tests row by row: no plan can then test the whole
        site's rows first and keep the filter's after (PostgreSQL would, misjudging strpos)."""
        if not self.indexed or not self.by_entries:
            return None
        scope, params = self.scope(listed=False, visible=False)  # scope() leaves out the scheduled later
        order = f" ORDER BY {self.NEWEST}" if self.HELD_NEWEST_FIRST else ""
        sql = f"SELECT e.id FROM search_entry e WHERE {scope}{order} LIMIT %s"
        ids = [row[0] for row in self._fetch(sql, [*params, HELD + 1])]
        return ids if len(ids) <= HELD else None

    @property
    def small(self) -> bool:
        """A filter that holds few entries (FEW: a person, a blog): testing each costs less
        than listing the query's matches."""
        return self.held is not None and len(self.held) <= FEW

    @cached_property
    def within(self) -> list[int] | None:
        """Under a filter of many entries (a large tag, a year), the entries that match the
        query whatever the filter, when they are few: the filter then only picks among them.
        None: no filter, a small one (by_rows tests its rows), or too many matches to list."""
        if not self.indexed or not self.filtered or self.small:
            return None
        # On PostgreSQL a query in most posts is told by a probe of the newest entries, not by
        # listing 501 of its matches from the trigram bitmap (ความ under a year: 45 ms), and a
        # fragment is not listed at all: its trigrams are the commonest (มเปิ: 130 ms).
        site = self.unfiltered()
        if site.walks_on() or site.too_many_to_list():
            return None
        ids = site.matching(self.WITHIN_LIMIT + 1)
        return ids if len(ids) <= self.WITHIN_LIMIT else None

    def unfiltered(self) -> "BaseBackend":
        """The same query over the whole site."""
        return type(self)(self.query, self.kind, Filters())

    def surely_common(self) -> bool:
        """Whether the query is surely past the count's limit, told without listing its
        matches: in most of the newest entries, or in the words that begin with it."""
        return False

    def too_many_to_list(self) -> bool:
        """Whether the query likely has more than WITHIN_LIMIT matches on the whole site,
        judged without listing them (by how often the newest entries hold it). It only
        chooses a filter's path (within or held): either finds every match."""
        return self.surely_common()

    @cached_property
    def by_rows(self) -> bool:
        """Test each row rather than ask the index: for the few kinds without one, and under a
        filter that holds few entries (a person, a blog, a small tag), or whose matches are
        too many to list (within): the index would list most of the site first."""
        if not self.indexed:
            return True
        return self.by_entries and self.within is None

    def listed(self, ids) -> str:
        """SQL keeping only these entries (ids are ints, written in; none: no entry).

        A filter's list (held, within, found) goes into each query of a request: it is
        written once (a tag's 7,000 ids took 4 ms each time)."""
        if self._written is not None and self._written[0] is ids:
            return self._written[1]
        sql = self._listed_sql(",".join(map(str, map(int, ids))))
        self._written = (ids, sql)
        return sql

    @staticmethod
    def _listed_sql(numbers: str) -> str:
        return f"e.id IN ({numbers or 'NULL'})"

    def match(self, *, indexed: bool) -> tuple[str, list]:
        if self.found is not None or self.within is not None:
            return "TRUE", []  # scope() lists the entries that match
        indexed = indexed and not self.by_rows
        if not self.strings:
            sql, params = self.words_indexed() if indexed else self.words_row()
        else:
            sql, params = self.substring_indexed("all") if indexed else self.substring_row("all")
            if self.needs_words:
                words = self.words_indexed() if indexed else self.words_row()
                sql, params = f"(({sql}) OR ({words[0]}))", [*params, *words[1]]
        excluded, more = self.excluded_row()
        if excluded:
            sql, params = f"{sql} AND {excluded}", [*params, *more]
        return sql, params

    def scope(self, *, listed: bool = True, visible: bool = True, part: list[int] | None = None) -> tuple[str, list]:
        """(condition, params): this kind, what the reader may see (unless visible=False),
        the reader's filters, and the matches listed by within (unless listed=False).
        part: these of the filter's own entries (held) only."""
        conditions, params = [f"e.kind = '{self.kind.value}'"], []
        # With the matches listed (within), the filters only test them: a unary plus keeps
        # the planner from starting at a filter's index and crossing it with the list.
        plus = ""
        listing = None
        if part is not None:
            conditions.append(self._listed_sql(",".join(map(str, map(int, part)))))
        elif listed and self.indexed:
            if self.found is not None:
                listing = self.found  # every match, counted under these same conditions
            elif self.within is not None:
                listing = self.within
            elif self.by_rows:
                listing = self.held
        if listing is not None:
            conditions.append(self.listed(listing))
            plus = "+"
        # The filter's own entries, or the matches counted under it, listed: its conditions
        # hold for each already. (Two lists, PostgreSQL planned a scan of every post: 180 ms.)
        filters_hold = part is not None or (listing is not None and (listing is self.held or listing is self.found))
        # A post's entry holds the post's id twice: object_id, then post_id. Use the first:
        # on SQLite post_id and author_id are stored after the texts, so testing them reads
        # each row's overflow pages, and the unique (kind, object_id) index lists a tag's
        # entries without opening a row.
        post = "e.object_id" if self.kind == Entry.Kind.POST else "e.post_id"
        if visible and self.kind in (Entry.Kind.POST, Entry.Kind.COMMENT):
            # The index holds published posts only; leave out the few scheduled for later.
            conditions.append(f"{post} NOT IN (SELECT s.id FROM posts_post s WHERE {self.SCHEDULED})")
            params.append(db_time(timezone.now()))
        if self.filters.author_id and not filters_hold:
            conditions.append(f"{plus}e.author_id = %s")
            params.append(self.filters.author_id)
        if self.filters.year and not filters_hold:
            tz = timezone.get_current_timezone()
            conditions.append('e."when" >= %s AND e."when" < %s')
            params += [db_time(datetime(year, 1, 1, tzinfo=tz)) for year in (self.filters.year, self.filters.year + 1)]
        if self.filters.by_post and not filters_hold:
            if self.filters.blog_id:
                conditions.append(f"{plus}{post} IN (SELECT b.id FROM posts_post b WHERE b.blog_id = %s)")
                params.append(self.filters.blog_id)
            if self.filters.tag_id:
                # An IN list, not EXISTS: SQLite can then start from the tag's posts.
                conditions.append(
                    f"{plus}{post} IN (SELECT t.content_object_id FROM tags_taggedpost t WHERE t.tag_id = %s)"
                )
                params.append(self.filters.tag_id)
            if self.filters.community_id:
                conditions.append(
                    f"{plus}{post} IN (SELECT c.post_id FROM communities_sharedpost c"
                    " WHERE c.community_id = %s AND c.removed_at IS NULL)"
                )
                params.append(self.filters.community_id)
        return " AND ".join(conditions), params

    def recent(self, count: int = RECENT) -> str:
        """Among the newest `count` entries of this kind (search_entry_newest_idx): bounds a
        walk that may find little."""
        return (
            f'e."when" >= (SELECT min(w."when") FROM (SELECT "when" FROM search_entry'
            f" WHERE kind = '{self.kind.value}' ORDER BY \"when\" DESC, id DESC LIMIT {int(count)}) w)"
        )

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _select(
        self, condition: tuple[str, list], *, order: str, limit: int, offset: int = 0, exclude=(), listed: bool = True
    ) -> list[int]:
        scope, params = self.scope(listed=listed)
        where = f"{condition[0]} AND {scope}"
        if exclude:
            where += f" AND NOT {self.listed(exclude)}"
        sql = f"SELECT e.id, e.object_id FROM search_entry e WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        rows = self._fetch(sql, [*condition[1], *params, limit, offset])
        self._objects.update(rows)
        return [row[0] for row in rows]

    NEWEST = 'e."when" DESC, e.id DESC'

    def matching(self, limit: int, *, indexed: bool | None = None) -> list[int]:
        """Entries of up to `limit` matches, in whatever order the indexes give them fastest
        (indexed=False: test the rows the scope holds)."""
        if indexed is None:
            indexed = bool(self.long) or not self.strings
        scope, params = self.scope()
        condition, more = self.match(indexed=indexed)
        sql = f"SELECT e.id FROM search_entry e WHERE {condition} AND {scope} LIMIT %s"
        return [row[0] for row in self._fetch(sql, [*more, *params, limit])]

    def count(self) -> int:
        """Matches, counted up to one past COUNT_LIMIT. Under the limit the count has listed
        every match (found): the page picks among them rather than asking the index again,
        which on PostgreSQL rechecks every candidate row again (a fragment of common
        trigrams, นการได้พ: 80 ms each time)."""
        ids = self.matching(self.COUNT_LIMIT + 1)
        if len(ids) <= self.COUNT_LIMIT:
            self.found = ids
        return len(ids)

    def page(self, *, newest_first: bool, offset: int, limit: int) -> Page:
        total = self.count()
        capped = total > self.COUNT_LIMIT
        common = capped and self.dense()
        ids = self._by_date(common, limit=limit, offset=offset) if newest_first else self.ranked(offset, limit, common)
        return Page(ids=self._object_ids(ids), total=min(total, self.COUNT_LIMIT), total_is_capped=capped)

    def walks_on(self) -> bool:
        """After a bounded walk found too few: walk on through every entry (True), or list the
        matches from the index (False)."""
        return False

    def dense(self) -> bool:
        """Whether a query of more matches than COUNT_LIMIT is found often enough that walking
        the newest entries finds a page soon (common); if not, its matches are listed."""
        return True

    def ranked(self, offset: int, limit: int, common: bool) -> list[int]:
        """Title or tags first, then the word ranking, each among the newest CANDIDATES; then the rest by date."""
        if self.by_rows:
            # Few entries to test (communities, people, a filter): title first, then by date.
            head = self.held_head_candidates()
            by_words = []
        else:
            head = self.head_candidates(common) if self.strings else []
            by_words = self.word_candidates(common)
        scores = dict(by_words)
        newest = {entry_id: n for n, entry_id in enumerate([*head, *(i for i, _ in by_words)])}

        def best(entry_id):
            return (-scores.get(entry_id, 0.0), newest[entry_id])

        head_set = set(head)
        ranked = sorted(head, key=best) + sorted({i for i, _ in by_words} - head_set, key=best)
        taken = ranked[offset : offset + limit]
        if len(taken) == limit or not self.strings:
            return taken
        # Past the ranked entries: every other match, newest first.
        rest = self._by_date(common, limit=limit - len(taken), offset=max(0, offset - len(ranked)), exclude=ranked)
        return taken + rest

    def _by_date(self, common: bool, *, limit: int, offset: int, exclude=()) -> list[int]:
        """Matches, newest first. A common query: walk the newest entries, testing each;
        otherwise every match from the index, sorted.

        Common means more matches than the count's limit, which on PostgreSQL (100) a word
        in 0.1% of posts already has: the walk would test 20,000 rows for a page. With
        WALK set, an unfiltered walk stops after the newest WALK entries, and if they hold
        too few matches for the page, the matches are listed from the index instead: few
        enough, as the newest entries hold so few of them."""
        if common and self.WALK and not self.filtered:
            condition, params = self.match(indexed=False)
            bounded = (f"{condition} AND {self.recent(self.WALK)}", params)
            ids = self._select(bounded, order=self.NEWEST, limit=limit, offset=offset, exclude=exclude)
            if len(ids) == limit:
                return ids
            common = self.walks_on()
        condition = self.match(indexed=not common)
        return self._select(condition, order=self.NEWEST, limit=limit, offset=offset, exclude=exclude)

    def _candidates(self, sql: str, params: list, after: tuple = ()) -> list[tuple]:
        """Rows of (entry id, object id, ...) from a query with a {scope} slot, remembered for _object_ids."""
        scope, scope_params = self.scope()
        excluded, excluded_params = self.excluded_row()
        if excluded:
            scope = f"{scope} AND {excluded}"
        rows = self._fetch(sql.format(scope=scope), [*params, *scope_params, *excluded_params, CANDIDATES, *after])
        self._objects.update((row[0], row[1]) for row in rows)
        return rows

    def _object_ids(self, entry_ids: list[int]) -> list[int]:
        return [self._objects[i] for i in entry_ids]
