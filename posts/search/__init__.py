"""Thai-aware full-text search of published posts.

text.py prepares text (normalise, segment) the same way for documents and
queries; query.py reads what people type; each database has its own module on
its engine's full-text index (postgres.py: tsvector + GIN, sqlite.py: FTS5);
index.py keeps the index in step with the posts; snippets.py highlights matches
in the original text.
"""
