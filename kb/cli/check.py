"""CLI commands of the check area (registered on `kb.cli.app`)."""
from __future__ import annotations

from kb.cli import app  # noqa: F401
