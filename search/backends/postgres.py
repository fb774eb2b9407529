"""PostgreSQL: tsvector + GIN for words and ranking, pg_trgm GIN for substrings.

Substrings are asked with LIKE, never ILIKE: the text is case-folded already,
and ILIKE's rechecks cost several times more on long Thai rows. Walking the
newest entries tests each row with strpos, which no index can serve, so the
planner cannot turn a walk back into a scan of every match.

pg_trgm takes only letters and digits as parts of a word, and seven Thai
marks are neither (the tone marks, mai taikhu, thanthakhat, yamakkan): it would
cut เครือข่าย into เครือข|าย and index trigrams found in most posts, so that
every search rechecks thousands of rows. The unsegmented text is stored, and
terms are asked, with those marks as capital Latin letters: case-folded text
holds none, so a substring of the one is a substring of the other.
"""

import re
from itertools import product

from django.db import connection

from search.engines import CANDIDATES, SHORT, BaseBackend
from search.text import is_word

# A term the word index can be asked for by prefix, quoted as it is ('…':*): no quote or
# backslash to escape, no space (a word holds none).
_PLAIN_WORD = re.compile(r"[^'\\\s]+")
# Replaced one mark at a time: str.translate looks up every character (60 µs for a post).
_MARKS_AS_LETTERS = list(zip("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4e", "ABCDEFG", strict=True))


# Comments' text with each character doubled: the expression of the index of pairs
# (migration 0005), written exactly as there so that the planner uses it.
DOUBLED = r"regexp_replace(e.text, '(.)', '\1\1', 'g')"
PAIR = 2


def _like(string: str) -> str:
    return "%" + string.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Backend(BaseBackend):
    # Each counted substring match is rechecked on the row's whole text (LIKE), about 25 µs.
    COUNT_LIMIT = 100
    # Under a large filter, a query's matches site-wide are listed up to this many, and the
    # filter picks among them: 2,000 rechecks (about 15 ms) cost less than testing a tag's
    # 7,000 entries row by row (50 ms), which a query of 500-2,000 matches had to.
    WITHIN_LIMIT = 2000
    # strpos costs about 6 µs a row, a LIKE recheck about 18: the newest 2,000 entries (12 ms)
    # hold a page of any query in 1% of posts; a rarer one lists its few matches.
    WALK = 2000
    PROBE = 500
    DENSE = 5  # 1% of PROBE
    # A filter's entries are counted in slices, newest first: the first slice holds this many.
    SLICE = 250
    HELD_NEWEST_FIRST = True  # search_entry_object_ids and _author_idx carry the date (migration 0006)

    @classmethod
    def compact(cls, seconds: float | None = None) -> bool:
        # Indexing adds to each GIN index's pending list (gin_pending_list_limit), which every
        # query reads whole until autovacuum merges it: merged here instead, index by index.
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i
                   JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                   WHERE i.indrelid = 'search_entry'::regclass AND a.amname = 'gin'"""
            )
        return True

    @staticmethod
    def stored(text: str) -> str:
        for mark, letter in _MARKS_AS_LETTERS:
            text = text.replace(mark, letter)
        return text

    def __init__(self, query, kind, filters):
        super().__init__(query, kind, filters)
        self._probed: int | None = None  # matches among the newest PROBE entries (count())
        self._walked: int | None = None  # among the newest WALK, when the probe found them dense
        self._words: int | None = None  # entries with words beginning with the terms, to COUNT_LIMIT + 1
        self._newest: list[int] | None = None  # a filter's newest matches, in order (_count_held)
        self._newest_all = False  # whether those are all its matches
        # A term of a few words is also found with its words written apart (การจัดการ ความรู้):
        # each spacing is one more substring to test. The word index's phrase search would
        # recheck the positions in every post holding the words (กัน สำหรับ: most posts).
        # Words of fewer than three characters have no trigram of their own, and would make
        # pg_trgm list most posts too: such a term (ละได้ขอ) is found as typed only.
        # Only a term with punctuation between its words (km-blog) still asks the word index.
        apart = False
        for words, string in zip(query.phrases, self.strings, strict=False):
            if "".join(words) == string:
                if 1 < len(words) <= 4 and all(is_word(w) and len(w) >= SHORT for w in words):
                    spaced = [
                        "".join(w + g for w, g in zip(words, (*gaps, ""), strict=True))
                        for gaps in product(("", " "), repeat=len(words) - 1)
                    ]
                    self.spellings[self.stored(string)] = [self.stored(s) for s in spaced]
            else:
                apart = True
        self.needs_words = not self.strings or apart
        self.strings = [self.stored(s) for s in self.strings]
        self.long = [self.stored(s) for s in self.long]
        self.short = [self.stored(s) for s in self.short]
        if self.kind == "comment":
            # Comments' pairs of characters are indexed too (migration 0005): a term of two
            # characters is asked of that index as longer ones are of the trigrams.
            self.long += [s for s in self.short if len(s) == PAIR]
            self.short = [s for s in self.short if len(s) != PAIR]

    def count(self) -> int:
        if self.by_rows and self.held is not None:
            return self._count_held()
        if self.surely_common():
            return self._probed if self._past(self._probed) else self.COUNT_LIMIT + 1
        return super().count()

    def _count_held(self) -> int:
        # A filter's own entries (held, newest first) tested in slices from the newest, each
        # slice whole: the matches found are then the newest, in order, and the first pages
        # take them rather than walk the filter again (a tag of 7,000 posts: 10-30 ms more,
        # as the planner walked the newest entries of the whole site to find the tag's).
        # The next slice is as large as the matches so far say will reach the count's limit,
        # and at least twice the last: a query rare in the filter soon tests the rest at once.
        condition, params = self.match(indexed=False)
        held, tested, size = self.held, 0, self.SLICE
        newest: list[int] = []
        while tested < len(held) and len(newest) <= self.COUNT_LIMIT:
            part = held[tested : tested + size]
            scope, more = self.scope(part=part)
            sql = f"SELECT e.id, e.object_id FROM search_entry e WHERE {condition} AND {scope} ORDER BY {self.NEWEST}"
            rows = self._fetch(sql, [*params, *more])
            self._objects.update(rows)
            newest += [row[0] for row in rows]
            tested += len(part)
            wanted = self.COUNT_LIMIT + 1 - len(newest)
            size = max(self.SLICE, wanted * tested * 11 // (10 * len(newest))) if newest else 4 * size
        self._newest, self._newest_all = newest, tested >= len(held)
        if self._newest_all and len(newest) <= self.COUNT_LIMIT:
            self.found = newest
        return min(len(newest), self.COUNT_LIMIT + 1)

    def _by_date(self, common: bool, *, limit: int, offset: int, exclude=()) -> list[int]:
        if self._newest is not None:
            # The filter's newest matches, counted in order (_count_held): enough for this page?
            excluded = set(exclude)
            newest = [entry_id for entry_id in self._newest if entry_id not in excluded]
            if offset + limit <= len(newest) or self._newest_all:
                return newest[offset : offset + limit]
        return super()._by_date(common, limit=limit, offset=offset, exclude=exclude)

    def _past(self, found: int | None) -> bool:
        return found is not None and found > self.COUNT_LIMIT

    def surely_common(self) -> bool:
        if self._probe():
            return True
        short = any(len(s) < SHORT for s in self.strings)
        if self._words is None and self.indexed and not self.by_rows and (short or self._some()):
            # A term of one or two characters has no trigram: counting it tests rows until
            # COUNT_LIMIT + 1 match, all of them for a rarer one (ไผ: 30 ms in posts, 49 ms
            # over every comment). A word the probe found in a few of the newest entries
            # (ดังที่: 17 of 500) has its trigrams' candidates rechecked until the limit
            # (15-25 ms). The words that begin with each term are matches too, and
            # the word index lists them at once: when they alone are past the limit, so is
            # the count. Only when they are not are the rows tested (or, in comments, the
            # index of pairs: it lists every candidate before the first is rechecked).
            self._words = self._words_beginning_with_terms()
        return self._past(self._words)

    def _some(self) -> bool:
        """Whether the probe found the query among the newest entries, and it is made of words
        (a fragment begins none)."""
        return bool(self._probed) and not self.walks_on()

    def _probe(self) -> bool:
        """Whether the newest entries alone hold more matches than the count's limit."""
        # A term in most posts: its trigrams' bitmap lists most of the table before the
        # first row is rechecked (และ: 37 ms to count to 101). The newest PROBE entries,
        # tested row by row, hold that many matches of any term in a fifth of the posts.
        if self._probed is None and self.strings and self.indexed and not self.filtered:
            condition, params = self.match(indexed=False)
            probe = (f"{condition} AND {self.recent(self.PROBE)}", params)
            self._probed = len(self._select(probe, order=self.NEWEST, limit=self.COUNT_LIMIT + 1))
            if not self._past(self._probed) and self._probed * self.WALK >= 2 * (self.COUNT_LIMIT + 1) * self.PROBE:
                # In a tenth of the newest entries or more (ครือ: 80 of 500), the newest WALK
                # hold twice the limit: walking on finds it after a few hundred rows more
                # (2 ms), where the trigram bitmap lists every candidate first (29 ms).
                walk = (f"{condition} AND {self.recent(self.WALK)}", params)
                self._walked = len(self._select(walk, order=self.NEWEST, limit=self.COUNT_LIMIT + 1))
        return self._past(self._probed) or self._past(self._walked)

    def too_many_to_list(self) -> bool:
        # A word in 2-5% of posts under a tag: listing its first matches site-wide, only to
        # find them past the list's limit, cost more than testing the tag's entries (44 ms
        # for 501). As dense among all the kind's entries as among the newest PROBE (the probe
        # above), it has more than the list's limit. (Not a count: a word of this week may be
        # in many of the newest entries and few others; then the tag's entries are tested.)
        # The probe, and for a term without trigrams the word index's count too.
        if self._probe() or (any(len(s) < SHORT for s in self.strings) and self.surely_common()):
            return True
        entries = self._fetch(
            "SELECT reltuples FROM pg_class WHERE relname = %s", [f"search_{self.kind.value}_vector_gin"]
        )
        entries = int(entries[0][0]) if entries else 0  # -1 or 0 before the first ANALYZE: not known
        return bool(self._probed) and entries > 0 and self._probed * entries > self.WITHIN_LIMIT * self.PROBE

    def matching(self, limit: int) -> list[int]:
        # Under a year, a query that is not listed first (within: too many matches, or a
        # fragment): the trigram index would recheck candidates across the whole site to find
        # the year's (แม่ under 2568: 244 ms, วามต้อง 460 ms). The year's own entries, tested
        # row by row, cost at most the year's size (17,500 posts: 90 ms), most queries far less.
        if self.filters.year and not self.by_entries and self.within is None:
            return super().matching(limit, indexed=False)
        return super().matching(limit)

    def _words_beginning_with_terms(self) -> int:
        terms = [] if self.query.match_any else self.query.strings
        if not terms or not all(_PLAIN_WORD.fullmatch(term) for term in terms):
            return 0
        tsquery = " & ".join(f"'{term}':*" for term in terms)
        condition = ("e.vector @@ %s::tsquery", [tsquery])
        scope, params = self.scope()
        excluded, more = self.excluded_row()
        where = f"{condition[0]} AND {scope}" + (f" AND {excluded}" if excluded else "")
        sql = f"SELECT count(*) FROM (SELECT 1 FROM search_entry e WHERE {where} LIMIT %s) w"
        return self._fetch(sql, [*condition[1], *params, *more, self.COUNT_LIMIT + 1])[0][0]

    @staticmethod
    def _listed_sql(numbers: str) -> str:
        # One constant: PostgreSQL plans an IN list of a tag's 7,000 entries in 15-20 ms,
        # the same ids as one string made an array in 3. (No braces: SQL here goes through
        # str.format.)
        return f"e.id = ANY(string_to_array('{numbers}', ',')::bigint[])"

    def dense(self) -> bool:
        # Past the count's limit of 100, a term may still be in only 0.1% of posts: a walk
        # would test 20,000 rows for a page, where the index lists its few hundred matches.
        # The probe tells: fewer than DENSE matches among the newest PROBE entries, and the
        # matches are listed.
        return self.walks_on() or self._probed is None or self._probed >= self.DENSE

    def walks_on(self) -> bool:
        # A fragment cut across words (่เองเสี) is made of the commonest trigrams: the index
        # gives thousands of candidates to recheck for its few matches (400 ms for a page),
        # where a walk tests each row at a fixed cost. Fragments walk.
        return any(not all(map(is_word, words)) for words in self.query.phrases)

    def _tsquery(self) -> str:
        # Words hold only letters, marks and digits (text.tokens), so quoting them is safe.
        def phrase(words: list[str]) -> str:
            return "(" + " <-> ".join(f"'{w}'" for w in words) + ")"

        wanted = (" | " if self.query.match_any else " & ").join(phrase(p) for p in self.query.phrases)
        return f"({wanted})"

    def words_indexed(self) -> tuple[str, list]:
        return "e.vector @@ to_tsquery('simple', %s)", [self._tsquery()]

    def words_row(self) -> tuple[str, list]:
        return self.words_indexed()

    def substring_indexed(self, columns: str) -> tuple[str, list]:
        parts, params = [], []
        for string in self.strings:
            if len(string) == PAIR and string in self.long:
                # A comment's entry has no title or tags (index.comment_entry): its head_text
                # holds no pair. Its text, each character doubled, holds the term doubled
                # wherever the text holds the term, and its trigrams are the text's pairs.
                sql = "FALSE" if columns == "head" else f"{DOUBLED} LIKE %s"
                ps = [] if columns == "head" else [_like("".join(c + c for c in string))]
            elif len(string) < SHORT:
                sql, ps = self.contains(string, columns)
            else:
                spellings = self.spellings.get(string, [string])
                column_list = ["e.head_text"] if columns == "head" else ["e.head_text", "e.text"]
                tests = [f"{column} LIKE %s" for _ in spellings for column in column_list]
                sql = "(" + " OR ".join(tests) + ")"
                ps = [_like(spelling) for spelling in spellings for _ in column_list]
            parts.append(sql)
            params += ps
        return " AND ".join(parts), params

    def contains_row(self, column: str, string: str) -> tuple[str, list]:
        return f"strpos({column}, %s) > 0", [self.stored(string)]

    TITLED = 2000  # titles listed site-wide for a large filter's title candidates, at most

    def held_head_candidates(self) -> list[int]:
        # A large filter (a tag of 7,000 posts) and a query in more than COUNT_LIMIT of its
        # posts: testing each title read every one of the 7,000 rows (ดังที่: 21-25 ms). The
        # title index lists the titles that hold the terms site-wide, when few (1 ms for
        # ดังที่'s 38), and the filter keeps its own. Many (a word in most titles): as before.
        if self.held is None or self.small or self.short or self.query.excluded_strings or self.found is not None:
            return super().held_head_candidates()
        condition, params = self.substring_indexed("head")
        sql = f"SELECT e.id FROM search_entry e WHERE {condition} AND e.kind = '{self.kind.value}' LIMIT %s"
        titled = {row[0] for row in self._fetch(sql, [*params, self.TITLED + 1])}
        if len(titled) > self.TITLED:
            return super().held_head_candidates()
        # These few only, as a list of their own: beside the filter's list of 7,000 the
        # planner scanned every post (190 ms).
        kept = self._listed_sql(",".join(map(str, sorted(titled.intersection(self.held)))))
        return self._select((kept, []), order=self.NEWEST, limit=CANDIDATES, listed=False)

    def head_candidates(self, common: bool) -> list[int]:
        if self.found is not None:
            condition, params = self.substring_row("head")
            where, order = f"{condition} AND {{scope}}", "e.id + 0 DESC"  # scope() lists the matches
        elif common or not self.long:
            # Titles are short and stored in the row: walk back through the newest entries,
            # bounded, as a word in most texts may still be in few titles.
            condition, params = self.substring_row("head")
            where, order = f"{condition} AND {{scope}} AND {self.recent()}", self.NEWEST
        else:
            condition, params = self.substring_indexed("head")
            where, order = f"{condition} AND {{scope}}", "e.id + 0 DESC"  # the trigram bitmap, sorted
        sql = f"SELECT e.id, e.object_id FROM search_entry e WHERE {where} ORDER BY {order} LIMIT %s"
        return [row[0] for row in self._candidates(sql, params)]

    def word_candidates(self, common: bool) -> list[tuple[int, float]]:
        # A common query: its newest matches are near, walk back from the newest entry of the
        # kind (search_entry_newest_idx). A
        # rarer one: take them all from the GIN bitmap and sort by an expression (ordered by
        # the key itself, the planner would walk the whole table back for a rare word).
        # Only those few are ranked, with the column itself (a string re-parses each vector).
        order = self.NEWEST if common else "e.id + 0 DESC"
        bound = f" AND {self.recent()}" if common else ""  # a word may be rarer than the text it is in
        several = bool(self.strings) and any(len(words) > 1 for words in self.query.phrases)
        if self.found is not None:
            # Every match is listed (count(), in scope()): those the word index finds are among them.
            condition, params = "TRUE", []
            if not several:
                condition, params = "e.vector @@ to_tsquery('simple', %s)", [self._tsquery()]
            order, bound = "e.id + 0 DESC", ""
        elif several:
            # A term of several words: its matches are the candidates, found as the substring
            # tests find them. Asking the word index for the phrase would recheck the
            # positions in every post holding its words, however common.
            condition, params = self.substring_row("all") if common else self.substring_indexed("all")
        else:
            condition, params = "e.vector @@ to_tsquery('simple', %s)", [self._tsquery()]
        sql = f"""WITH c AS (
                      SELECT e.id, e.object_id FROM search_entry e
                      WHERE {condition} AND {{scope}}{bound} ORDER BY {order} LIMIT %s
                  )
                  SELECT c.id, c.object_id, ts_rank_cd(v.vector, to_tsquery('simple', %s))
                  FROM c JOIN search_entry v ON v.id = c.id"""
        return [(row[0], row[2]) for row in self._candidates(sql, params, after=(self._tsquery(),))]
