"""SQLite: FTS5 tables over search_entry, one of words (bm25 ranking), one of trigrams.

A quoted string in a trigram table (heads: title and tags, small; chars: the
rest) matches wherever those characters stand in a row, the same as a
substring test, straight from the index. Terms of
fewer than three characters have no trigram (and SQLite 3.40 answers them with
no rows): they are tested on each row with instr, which a count stops early for
common terms.
"""

from search.engines import BaseBackend


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class Backend(BaseBackend):
    WEIGHTS = "10.0, 5.0, 2.0, 1.0"  # title, tags, lead, body

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
        return (
            f"EXISTS (SELECT 1 FROM {self.words} WHERE {self.words} MATCH %s AND rowid = e.id)",
            [self._words_match()],
        )

    def substring_indexed(self, columns: str) -> tuple[str, list]:
        sql, params = [], []
        if self.long and columns == "head":
            sql.append(f"e.id IN (SELECT rowid FROM {self.heads} WHERE {self.heads} MATCH %s)")
            params.append(" AND ".join(_quoted(string) for string in self.long))
        elif self.long:
            # Term by term: one may stand in the title and another in the text.
            for string in self.long:
                sql.append(
                    f"(e.id IN (SELECT rowid FROM {self.heads} WHERE {self.heads} MATCH %s)"
                    f" OR e.id IN (SELECT rowid FROM {self.chars} WHERE {self.chars} MATCH %s))"
                )
                params += [_quoted(string), _quoted(string)]
        for string in self.short:
            test, more = self.contains(string, columns)
            sql.append(test)
            params += more
        return " AND ".join(sql), params

    def contains_row(self, column: str, string: str) -> tuple[str, list]:
        return f"instr({column}, %s) > 0", [string]

    def head_candidates(self, common: bool) -> list[int]:
        if self.long:
            shorts = "".join(" AND instr(e.head_text, %s) > 0" for _ in self.short)
            sql = f"""SELECT e.id, e.object_id FROM {self.heads} f JOIN search_entry e ON e.id = f.rowid {{join}}
                      WHERE {self.heads} MATCH %s{shorts} AND {{scope}} ORDER BY f.rowid DESC LIMIT %s"""
            params = [" AND ".join(_quoted(s) for s in self.long), *self.short]
        else:
            # Only terms of one or two characters: such strings are in most titles or in very
            # few, so look among the newest entries only (a bounded walk), never through all.
            condition, params = self.substring_row("head")
            sql = f"""SELECT e.id, e.object_id FROM search_entry e {{join}} WHERE {condition} AND {{scope}}
                      AND {self.recent()} ORDER BY {self.NEWEST} LIMIT %s"""
        return [row[0] for row in self._candidates(sql, params)]

    def word_candidates(self, common: bool) -> list[tuple[int, float]]:
        # bm25 in the query that finds the candidates: asked per row (rowid IN ...), FTS5
        # would recount the phrase's documents for each one.
        sql = f"""SELECT e.id, e.object_id, -bm25({self.words}, {self.WEIGHTS})
                  FROM {self.words} f JOIN search_entry e ON e.id = f.rowid {{join}}
                  WHERE {self.words} MATCH %s AND {{scope}} ORDER BY f.rowid DESC LIMIT %s"""
        return [(row[0], row[2]) for row in self._candidates(sql, [self._words_match()])]
