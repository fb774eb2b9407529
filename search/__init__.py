"""Search across kmblog: posts, approved comments, communities and people.

One table (models.Entry) holds every searchable thing as the engines read it:
normalised and segmented words for ranking (text.py), and the normalised text
unsegmented, so that any piece of it can be found: a word inside a longer word
(ครือ in เครือข่าย), a fragment copied across a word boundary, Thai digits and
typing slips. Each database indexes that table with its own engine (backends/:
PostgreSQL tsvector + pg_trgm, SQLite FTS5 with a word and a trigram table);
engines.py is the one interface the views use. index.py keeps the table in
step with the site; query.py reads what people type; snippets.py marks what
was found in the original text.
"""
