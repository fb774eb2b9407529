"""SQLite: FTS5 tables over search_entry, one of words (bm25 ranking), one of trigrams.

A quoted string in a trigram table (heads: title and tags, small; chars: the
rest) matches wherever those characters stand in a row, the same as a
substring test, straight from the index.

A two-character term has no trigram of its own (SQLite 3.40 answers it with no
rows), but wherever it stands, a trigram begins with it: every indexed text
ends with a line break (search.index.prepare). The table's vocabulary
(fts5vocab, search_<kind>_<table>_terms) lists those trigrams by a range on
the term, and the term becomes their OR. A single character is tested on each
row with instr, which a count stops early for common terms.
"""

import json
import time
from functools import cached_property

from django.db import connection, transaction
from django.utils import timezone

from search import engines
from search.engines import BaseBackend


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class Backend(BaseBackend):
    WEIGHTS = "10.0, 5.0, 2.0, 1.0"  # title, tags, lead, body
    SHORTEST_INDEXED = 2
    # The trigram tables answer exactly (nothing to recheck): listing a few thousand matches
    # costs less than testing a tag's thousands of rows.
    WITHIN_LIMIT = 5000
    PROBE = 2000  # the newest ids too_many_to_list() looks among

    def __init__(self, query, kind, filters):
        super().__init__(query, kind, filters)
        self._expressions: dict[tuple[str, str], str] = {}  # (table, two-character term): its FTS5 query

    # Pages of merge work per transaction in compact(): about 50 ms of writing each.
    MERGE_PAGES = 500

    @classmethod
    def compact(cls, seconds: float | None = None) -> bool:
        # Each indexing transaction leaves FTS5 a new segment, and FTS5 merges them only
        # level by level: a rebuild of 100,000 posts left each term in a dozen segments,
        # each sought on every query. One segment per table, 'merge' with a negative
        # count, a few hundred pages a transaction so writers wait for none of them:
        # the 44 trigrams that begin with จา, counted among the newest entries, 6.9 ms
        # before, 0.8 after. FTS5 reports no work left when a merge changes nothing.
        deadline = None if seconds is None else time.monotonic() + seconds
        for kind in sorted(engines.INDEXED_KINDS):
            for part in ("words", "heads", "chars"):
                table = f"search_{kind}_{part}"
                while True:
                    if deadline is not None and time.monotonic() > deadline:
                        return False
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute("SELECT total_changes()")
                        before = cursor.fetchone()[0]
                        cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('merge', %s)", [-cls.MERGE_PAGES])
                        cursor.execute("SELECT total_changes()")
                        if cursor.fetchone()[0] - before < 2:
                            break
        return True

    def unfiltered(self):
        # The same terms: their trigram expressions are looked up once (จา: 10-15 ms each).
        site = super().unfiltered()
        site._expressions = self._expressions
        return site

    @cached_property
    def scheduled(self) -> bool:
        """Whether any post is published with a later date (indexed already, shown from then)."""
        now = engines.db_time(timezone.now())
        return bool(self._fetch(f"SELECT 1 FROM posts_post s WHERE {self.SCHEDULED} LIMIT 1", [now]))

    @property
    def _row_free(self) -> bool:
        """Whether the FTS5 tables alone list this query's matches: every term, typed or
        excluded, has a trigram expression (two characters or more), and no post scheduled
        for later could be among the rowids (scope() leaves those out by row)."""
        return (
            self.indexed
            and bool(self.strings)
            and not self.short
            and all(len(string) >= self.SHORTEST_INDEXED for string in self.query.excluded_strings)
            and not self.scheduled
        )

    def _rowids(self, limit: int, *, since: int | None = None) -> list[int]:
        """Up to `limit` matches (_row_free) from the FTS5 tables' rowids, under the filter
        if any, without reading a row of search_entry.

        Asked through search_entry instead (e.id IN (SELECT rowid ... MATCH)), each list
        is built whole before the first row is read (90,000 rowids and 12 ms to count a
        word in most posts to 501), and each row is then read to test its kind and filter.
        A term's matches are its titles' and its texts' (UNION); every term's
        (INTERSECT); or the word index's phrases (UNION); less the excluded (EXCEPT). A
        single term's matches are `limit` if any table lists that many. A filter's
        entries (a year's, from the newest index) are listed once; the unary plus keeps
        FTS5 from looking each one up by rowid. Their id range bounds each list too, as
        does `since` (only rowids above it)."""
        held, params = "", []
        if self.held is not None:
            # Listed already (a tag's 7,000 entries): handed over as one value.
            held, params = "WITH held(id) AS MATERIALIZED (SELECT value FROM json_each(%s)) ", [json.dumps(self.held)]
        elif self.filtered:
            scope, params = self.scope(listed=False, visible=False)
            held = f"WITH held(id) AS MATERIALIZED (SELECT e.id FROM search_entry e WHERE {scope}) "
        within = self._in_range("rowid") + (f" AND rowid > {int(since)}" if since is not None else "")
        within += " AND +rowid IN held" if held else ""
        # A union's arms may each stop at `limit`; an intersection's or a difference's may not.
        first = len(self.strings) == 1 and not self.query.excluded_strings
        cap = " LIMIT %s" if first else ""

        def rowids(string: str) -> str:
            arms = []
            for table in (self.heads, self.chars):
                expression = self._expression(table, string)
                if expression:
                    arms.append(f"SELECT * FROM (SELECT rowid FROM {table} WHERE {table} MATCH %s{within}{cap})")
                    params.extend([expression, limit] if first else [expression])
            return " UNION ".join(arms) or "SELECT NULL WHERE 0"

        sql = " INTERSECT ".join(f"SELECT * FROM ({rowids(string)})" for string in self.strings)
        if self.needs_words:
            sql = f"{sql} UNION SELECT * FROM (SELECT rowid FROM {self.words} WHERE {self.words} MATCH %s{within}{cap})"
            params.extend([self._words_match(), limit] if first else [self._words_match()])
        for string in self.query.excluded_strings:
            sql = f"SELECT * FROM ({sql}) EXCEPT SELECT * FROM ({rowids(string)})"
        return [row[0] for row in self._fetch(f"{held}SELECT * FROM ({sql}) LIMIT %s", [*params, limit])]

    @cached_property
    def id_range(self) -> tuple[int, int] | None:
        """The lowest and highest entry id a filter holds (None: no filter).

        FTS5 lists its rowids in order and seeks to a range. A year's entries were mostly
        indexed together, so the range of its ids holds little else, and a word in most
        posts no longer walks every other year's rowids to reach the year's: แต่ under 2568,
        28 ms for its newest 200 by the word index, 3 with the range; จา, 82 ms to count
        to 501, 26."""
        if not self.filtered:
            return None
        if self.held is not None:
            ids = self.held
        else:
            scope, params = self.scope(listed=False, visible=False)
            ids = list(self._fetch(f"SELECT min(e.id), max(e.id) FROM search_entry e WHERE {scope}", params)[0])
        return (min(ids), max(ids)) if ids and None not in ids else (0, 0)

    def _in_range(self, column: str) -> str:
        """SQL keeping `column` (an FTS5 rowid) within the filter's id_range, or nothing
        (also when the matches themselves are listed: found, within)."""
        if self.found is not None or self.within is not None or self.id_range is None:
            return ""
        low, high = self.id_range
        return f" AND {column} BETWEEN {int(low)} AND {int(high)}"

    def too_many_to_list(self) -> bool:
        # Under a large filter (a year, a tag), a query in most posts is told by the newest
        # entries, not by listing 5,001 of its matches on the whole site first (within):
        # 9 ms for แต่, 18 for the 44 trigrams that begin with จา. Its matches among the
        # newest PROBE ids come from the same rowid lists, sought to their ends. This only
        # chooses a path: either one finds every match.
        if self.filtered or not self._row_free:
            return False
        top = self._fetch("SELECT max(id) FROM search_entry", [])[0][0] or 0
        if top <= self.PROBE:
            return False
        # As dense among all the ids as among the newest: twice the list's limit or more.
        enough = 2 * self.WITHIN_LIMIT * self.PROBE // top + 1
        return len(self._rowids(enough, since=top - self.PROBE)) >= enough

    def matching(self, limit: int, *, indexed: bool | None = None) -> list[int]:
        # Unfiltered, or a filter without a short list (within) of the query's matches: the
        # FTS5 rowids, kept if the filter holds them. Only a small filter (a person, a blog)
        # has its rows tested: for a tag of 7,000 posts and a word in 5% of them, testing
        # every row took 25 ms, its rowids 5.
        if indexed is not False and self.within is None and not self.small and self._row_free:
            return self._rowids(limit)
        return super().matching(limit, indexed=indexed)

    @property
    def words(self) -> str:
        return f"search_{self.kind.value}_words"

    @property
    def heads(self) -> str:
        return f"search_{self.kind.value}_heads"

    @property
    def chars(self) -> str:
        return f"search_{self.kind.value}_chars"

    def _words_match(self) -> str:
        phrases = [_quoted(" ".join(words)) for words in self.query.phrases]
        return (" OR " if self.query.match_any else " AND ").join(phrases)

    def words_indexed(self) -> tuple[str, list]:
        return f"e.id IN (SELECT rowid FROM {self.words} WHERE {self.words} MATCH %s)", [self._words_match()]

    def words_row(self) -> tuple[str, list]:
        # The phrase's entries listed once (a few ms even for the commonest words), not asked
        # row by row: FTS5 would read the words' whole lists again for each row.
        return self.words_indexed()

    def _expression(self, table: str, string: str) -> str:
        """The FTS5 query for a term of two or more characters in a trigram table ("" when
        the table cannot hold it)."""
        if len(string) >= 3:
            return _quoted(string)
        key = (table, string)
        if key not in self._expressions:
            rows = self._fetch(
                f"SELECT term FROM {table}_terms WHERE term >= %s AND term < %s", [string, string + "\U0010ffff"]
            )
            self._expressions[key] = "(" + " OR ".join(_quoted(term) for (term,) in rows) + ")" if rows else ""
        return self._expressions[key]

    def _in(self, table: str, strings: list[str]) -> tuple[str, list]:
        expressions = [self._expression(table, string) for string in strings]
        if not all(expressions):
            return "0", []
        return f"e.id IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)", [" AND ".join(expressions)]

    def substring_indexed(self, columns: str) -> tuple[str, list]:
        sql, params = [], []
        if self.long and columns == "head":
            test, params = self._in(self.heads, self.long)
            sql.append(test)
        else:
            # Term by term: one may stand in the title and another in the text.
            for string in self.long:
                heads, more = self._in(self.heads, [string])
                chars, most = self._in(self.chars, [string])
                sql.append(f"({heads} OR {chars})")
                params += [*more, *most]
        for string in self.short:
            test, more = self.contains(string, columns)
            sql.append(test)
            params += more
        return " AND ".join(sql), params

    def contains_row(self, column: str, string: str) -> tuple[str, list]:
        return f"instr({column}, %s) > 0", [string]

    def head_candidates(self, common: bool) -> list[int]:
        if self.long:
            expressions = [self._expression(self.heads, string) for string in self.long]
            if not all(expressions):
                return []
            shorts = "".join(" AND instr(e.head_text, %s) > 0" for _ in self.short)
            sql = f"""SELECT e.id, e.object_id FROM {self.heads} f JOIN search_entry e ON e.id = f.rowid
                      WHERE {self.heads} MATCH %s{self._in_range("f.rowid")}{shorts} AND {{scope}}
                      ORDER BY f.rowid DESC LIMIT %s"""
            params = [" AND ".join(expressions), *self.short]
        else:
            # Only single characters: such strings are in most titles or in very few, so look
            # among the newest entries only (a bounded walk), never through all.
            condition, params = self.substring_row("head")
            sql = f"""SELECT e.id, e.object_id FROM search_entry e WHERE {condition} AND {{scope}}
                      AND {self.recent()} ORDER BY {self.NEWEST} LIMIT %s"""
        return [row[0] for row in self._candidates(sql, params)]

    def held_head_candidates(self) -> list[int]:
        # A large filter (a tag of 7,000 posts): testing every title reads every row (22 ms).
        # The title index lists the term's titles site-wide without reading a row; those the
        # filter holds are then few rows to sort.
        if self.held is None or self.small or self.short or self.query.excluded_strings:
            return super().held_head_candidates()
        expressions = [self._expression(self.heads, string) for string in self.long]
        if not all(expressions):
            return []
        sql = f"SELECT rowid FROM {self.heads} WHERE {self.heads} MATCH %s LIMIT %s"
        titled = {row[0] for row in self._fetch(sql, [" AND ".join(expressions), engines.HELD + 1])}
        if len(titled) > engines.HELD:
            return super().held_head_candidates()
        held = self.listed(titled.intersection(self.held))
        return self._select((held, []), order=self.NEWEST, limit=engines.CANDIDATES)

    def word_candidates(self, common: bool) -> list[tuple[int, float]]:
        # bm25 in the query that finds the candidates: asked per row (rowid IN ...), FTS5
        # would recount the phrase's documents for each one.
        sql = f"""SELECT e.id, e.object_id, -bm25({self.words}, {self.WEIGHTS})
                  FROM {self.words} f JOIN search_entry e ON e.id = f.rowid
                  WHERE {self.words} MATCH %s{self._in_range("f.rowid")} AND {{scope}}
                  ORDER BY f.rowid DESC LIMIT %s"""
        return [(row[0], row[2]) for row in self._candidates(sql, [self._words_match()])]
