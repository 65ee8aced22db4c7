"""FastAPI service of jixiao-kb: thin routers over `kb` (one per resource/stage)."""
