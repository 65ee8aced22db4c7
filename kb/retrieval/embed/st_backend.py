"""sentence-transformers embedder loaded from a LOCAL model folder only.

`JIXIAO_EMBEDDER=st:/path/to/model` selects it. The product often runs on
an intranet with no internet, so the hub is never contacted: HF_HUB_OFFLINE=1
and TRANSFORMERS_OFFLINE=1 are set before sentence-transformers is imported
and the model is opened with `local_files_only=True`. A missing folder, a
folder that is not a sentence-transformers model, or a missing `[st]` extra
raises `ConfigError` at once (no network retries). Queries get the
per-model instruction `JIXIAO_ST_QUERY_INSTRUCTION` (e.g. bge-small-zh-v1.5's
"为这个句子生成表示以用于检索相关文章："), or, when that is empty, the
model's own `prompts["query"]` from config_sentence_transformers.json.
Not for downloading models.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from kb.domain.ids import short_hash
from kb.retrieval.embed.base import TEXT_RECIPE, Embedder, folder_digest
from kb.retrieval.embed.threads import openmp_environment
from kb.errors import ConfigError

# Files whose content defines the vectors (weights, tokenizer, pooling, modules).
_MODEL_FILES = ("*.safetensors", "*.bin", "*.json", "*.txt", "*.model", "*/*.json",
                "*/*.safetensors", "*/*.bin")


def _offline_env() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model from a local folder.

    Args:
        path: folder holding the model (modules.json or config.json).
        query_instruction: text put before every query ('' = model default).
        batch_size: texts per forward pass.
        threads: torch threads per call (`Settings.embed_threads`).

    Raises:
        ConfigError: folder missing / not a model / unloadable, or the
            `sentence-transformers` extra not installed.
    """

    name = "st"

    def __init__(self, path: str | Path, *, query_instruction: str = "", batch_size: int = 48,
                 threads: int = 1):
        folder = Path(path).expanduser()
        if not str(path).strip():
            raise ConfigError("JIXIAO_EMBEDDER=st:<路径>: 缺少模型目录路径")
        if not folder.is_dir():
            what = "不是目录(应为模型所在的文件夹)" if folder.exists() else "模型目录不存在"
            raise ConfigError(f"JIXIAO_EMBEDDER=st:{path}: {what}")
        if not ((folder / "modules.json").is_file() or (folder / "config.json").is_file()):
            raise ConfigError(f"JIXIAO_EMBEDDER=st:{path}: 不是 sentence-transformers 模型目录"
                              "(缺少 modules.json / config.json)")
        _offline_env()
        openmp_environment(threads)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise ConfigError("JIXIAO_EMBEDDER=st:…: 未安装 sentence-transformers,"
                              "请安装 jixiao-kb[st]") from e
        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        except Exception:  # pragma: no cover - cosmetic only
            pass
        try:
            model = SentenceTransformer(str(folder.resolve()), device="cpu",
                                        local_files_only=True)
        except Exception as e:  # OSError, ValueError, safetensors errors …
            raise ConfigError(f"JIXIAO_EMBEDDER=st:{path}: 模型加载失败 "
                              f"({type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''})") from e
        try:  # one call's intra-op threads (OpenMP's variable is read before torch loads only)
            import torch

            torch.set_num_threads(max(1, int(threads)))
        except Exception:  # pragma: no cover - torch always comes with sentence-transformers
            pass
        self._model = model
        self.folder = folder.resolve()
        self.batch_size = max(1, min(int(batch_size), 256))
        if not query_instruction:
            query_instruction = (getattr(model, "prompts", None) or {}).get("query", "") or ""
        self.query_instruction = query_instruction
        get_dim = (getattr(model, "get_embedding_dimension", None)
                   or model.get_sentence_embedding_dimension)
        dim = get_dim()
        if not dim:
            raise ConfigError(f"JIXIAO_EMBEDDER=st:{path}: 模型未声明向量维度")
        self._dim = int(dim)
        self._lock = threading.Lock()
        self._fingerprint = (f"st:{self.folder.name}:{folder_digest(self.folder, _MODEL_FILES)}:"
                             f"qi={short_hash(self.query_instruction)}:{TEXT_RECIPE}")

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        if query and self.query_instruction:
            texts = [self.query_instruction + t for t in texts]
        with self._lock:
            vecs = self._model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                                      normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)
