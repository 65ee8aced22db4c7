"""Lifecycle workflow (事前申报 → 事中监控 → 事后评价 → 结果反馈).

Modules: `db` (engine, sessions, migrations), `models` (ORM tables),
`values` (reading numbers out of target/actual text), `monitoring` and
`scoring` (pure rules), `learning` (statistics learned from feedback),
`library` (versioned indicator-library changes), `schemas` (request and
response shapes), `service` (the transactional operations the HTTP routes
and the CLI call). Not for the KB file itself (`kb.store.build`) or checking
(`kb.checker`).
"""
