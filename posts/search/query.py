"""Reading what people type into the search box.

การจัดการความรู้ KM        both, anywhere (each typed word is a phrase of its Thai words)
"คุณอำนวย ตำบล"            these words next to each other
ชุมชน -สแปม               without posts that contain สแปม
"""

import re
from dataclasses import dataclass, field

from posts.search.text import tokens

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass
class Query:
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    was_cut: bool = False
    match_any: bool = False  # any one phrase is enough (related posts); typed queries need all

    @property
    def is_empty(self) -> bool:
        return not self.phrases

    @property
    def words(self) -> list[str]:
        """Every wanted word, for highlighting."""
        return [word for phrase in self.phrases for word in phrase]


def parse(raw: str) -> Query:
    text = (raw or "").replace("\x00", " ")
    query = Query(was_cut=len(text) > MAX_QUERY_CHARS)
    text = text[:MAX_QUERY_CHARS]
    for minus_quoted, quoted, minus, bare in _TERM.findall(text):
        words = tokens(quoted if quoted else bare)
        if not words:
            continue
        target = query.excluded if (minus_quoted or minus) else query.phrases
        if words not in target and len(query.phrases) + len(query.excluded) < MAX_TERMS:
            target.append(words)
    return query
