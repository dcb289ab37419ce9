"""Analyse: the spaCy model and the extraction over the run's articles (``step``), on every core or on a
Dask cluster (``parallel``), with the model and reference tables loaded once per process (``model``)."""
