"""Reading what people type into the search box.

การจัดการความรู้ KM        both, anywhere
"คุณอำนวย ตำบล"            these words next to each other
ชุมชน -สแปม               without posts that contain สแปม

Each typed term is kept in two forms: its normalised text, found as a
substring anywhere (ครือ in เครือข่าย), and its segmented words, found as a
phrase by the word index (which also ranks).
"""

import re
from dataclasses import dataclass, field

from search.text import normalize, tokens

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass
class Query:
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    # The same terms as normalised text, for substring matching (empty for related posts' queries).
    strings: list[str] = field(default_factory=list)
    excluded_strings: list[str] = field(default_factory=list)
    was_cut: bool = False
    match_any: bool = False  # any one phrase is enough (related posts); typed queries need all

    @property
    def is_empty(self) -> bool:
        return not self.phrases

    @property
    def words(self) -> list[str]:
        """Every wanted word, for highlighting where the typed text itself is not found."""
        return [word for phrase in self.phrases for word in phrase]

    @property
    def marks(self) -> list[str]:
        """What a snippet marks: the typed terms, then their words."""
        return [*self.strings, *self.words]


def parse(raw: str) -> Query:
    text = (raw or "").replace("\x00", " ")
    query = Query(was_cut=len(text) > MAX_QUERY_CHARS)
    text = text[:MAX_QUERY_CHARS]
    for minus_quoted, quoted, minus, bare in _TERM.findall(text):
        term = quoted if quoted else bare
        words = tokens(term)
        if not words:
            continue
        negative = bool(minus_quoted or minus)
        target = query.excluded if negative else query.phrases
        if words not in target and len(query.phrases) + len(query.excluded) < MAX_TERMS:
            target.append(words)
            (query.excluded_strings if negative else query.strings).append(" ".join(normalize(term).split()))
    return query
