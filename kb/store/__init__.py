"""The KB file: one SQLite opener (`db`), the indicator tables and their build
(`build`), and the indicator rows in memory (`rows`).

Inspectable with `sqlite-utils`. Not for querying (`kb.indicators`), the
corpora's own tables (`kb.corpus.store`) or the workflow database
(`kb.lifecycle`).
"""
