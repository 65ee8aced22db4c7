"""The pure domain of 预算绩效管理: no files, no database, no index.

Schema and enums (`schema`, `enums`, `levels`), the checker's report shape
(`findings`), units and their families (`units`), the budget stated in a
description (`budget`), word lists (`words`), text normalisation (`text`),
ids and digests (`ids`), and the shape 结果反馈 teaches (`learned`). Every
other layer imports from here; this package imports nothing of `kb` but
`kb.errors`.
"""
