"""jixiao-kb: indicator knowledge base and recommendation library for 预算绩效管理.

Public entry points: `KnowledgeBase` (search, suggest, lookup, check),
`build` (build the KB file), and the schema in `kb.domain.schema`; the layers
are drawn in docs/ARCHITECTURE.md. Imported lazily so that `import
kb.domain.text` stays light.
"""
__version__ = "0.1.0"


def __getattr__(name):
    if name in ("KnowledgeBase", "get_kb", "build"):
        from kb import knowledge

        return getattr(knowledge, name)
    raise AttributeError(name)
