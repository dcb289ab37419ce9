"""`broadsheet eval`: the extraction run over gold-annotated text and scored (scoring itself is in
``evaluation/``; this package reads the gold and runs the pipeline)."""
