"""Lifecycle workflow (事前申报 → 事中监控 → 事后评价 → 结果反馈).

Operations, one module per job, each taking a SQLAlchemy `Session` and the
calling `Principal` and running in one transaction with an audit entry:
`keys` (API keys, authentication), `declarations` (事前申报 and the review
state machine), `monitoring` (事中监控), `evaluation` (事后评价),
`feedback` (结果反馈 and what it teaches), `audit` (the audit log and 公示),
`library` (versioned indicator-library changes), `library_import` (a
library workbook as such changes). Shared by them: `access`
(roles and permissions), `tx` (transaction, audit entry, unit by name),
`matching` (items → declared rows). Pure rules: `lights`, `scoring`,
`values`; statistics: `learning`. Storage: `db` (engine, sessions,
migrations), `models` (ORM tables), `schemas` (request and response
shapes). Not for the KB file itself (`kb.store`) or checking (`kb.checker`).
"""
