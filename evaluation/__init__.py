"""Scoring extraction against hand-made gold for `broadsheet eval`: never part of a run, nor of the
pipeline version."""
