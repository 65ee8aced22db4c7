"""CLI commands of the indicator knowledge base: build, search, suggest, eval, serve."""
from __future__ import annotations

from kb.cli import app  # noqa: F401
