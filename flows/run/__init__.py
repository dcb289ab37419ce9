"""What every step of a run shares: its record (``record``), its hand-offs on disk (``scratch``), the child
process ingest runs in, per-call time budgets and the named pause points crash tests stop at."""
