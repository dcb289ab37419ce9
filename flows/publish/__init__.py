"""Publish: the run committed to the lake and the published DuckDB file rebuilt and swapped; a failed run's
record."""
