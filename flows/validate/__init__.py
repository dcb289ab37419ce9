"""Stage and validate: the run's parts staged in the lake (``step``) and read back as slices (``slices``) for
the Great Expectations suites; a blocking failure rejects the run."""
