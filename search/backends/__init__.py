"""One implementation of search.engines.BaseBackend per database engine."""
