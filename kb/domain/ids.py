"""Ids and digests: stable indicator ids, the one file digest, text hashes.

Every stored hash keeps its format (a changed format would force a rebuild or
a re-embedding): library files and corpus sources use the full SHA-256 of
the bytes, model weights a sampled digest (size + both ends), texts to embed
16 hex digits of SHA-1. Not for API keys (`kb.lifecycle.keys` hashes those).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from kb.domain.text import normalize

# bytes read from each end of a file for a sampled digest
SAMPLE_SPAN = 1 << 20


def stable_indicator_id(library: str, unit_name: str | None, name: str, level2: str) -> str:
    """Stable id of an indicator when its data file gives none.

    `b-` (basic) or `u-` (unit) + 10 hex digits of SHA-1 over
    library|unit_name|normalised name|level2; unchanged while those are unchanged.
    """
    key = "|".join([library, unit_name or "", normalize(name), level2])
    prefix = "b-" if library == "basic" else "u-"
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def file_digest(path: str | Path, *, sampled: bool = False) -> str:
    """SHA-256 of a file: 64 hex digits over all its bytes (read in 64 KiB blocks).

    `sampled=True` (model weights): 16 hex digits over the size plus the first
    and last MiB — reading multi-hundred-MB weights at every start would cost
    seconds, and size plus both ends changes whenever the weights change in
    practice (another model, quantisation or fine-tune).
    """
    if sampled:
        size = os.path.getsize(path)
        h = hashlib.sha256(str(size).encode())
        with open(path, "rb") as f:
            h.update(f.read(SAMPLE_SPAN))
            if size > 2 * SAMPLE_SPAN:
                f.seek(size - SAMPLE_SPAN)
                h.update(f.read(SAMPLE_SPAN))
        return h.hexdigest()[:16]
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def text_hash(text: str) -> str:
    """Content hash of a text to embed: 16 hex digits of SHA-1 over its UTF-8 (vectors are keyed by it)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def short_hash(text: str, n: int = 8) -> str:
    """`n` hex digits of SHA-256 of `text` (ids inside fingerprints and document ids)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]
