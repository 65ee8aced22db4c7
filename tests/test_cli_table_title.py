"""The suggest table's title as a declarant reads it (trials 21 and 22)."""
from __future__ import annotations

from tests.kbfactory import dev_record


def test_title_names_the_mode_only_when_the_user_chose_one(shipped_settings):
    """Every default table was headed 绩效目标表草稿（混合检索，8 行）: two fresh reviewers read 混合检索 as jargon that says
    nothing to a declarant. Without --mode the title gives the row count alone; with --mode it names the chosen mode."""
    from tests.test_cli import run

    rec = dev_record("D023")
    plain = run(shipped_settings, "suggest", "--project-name", rec["project"], "--text", rec["description"])
    assert plain.returncode == 0, plain.stderr
    assert "绩效目标表草稿（" in plain.stdout and "检索" not in plain.stdout.split("绩效目标表草稿（")[1][:12], plain.stdout
    chosen = run(shipped_settings, "suggest", "--project-name", rec["project"], "--text", rec["description"],
                 "--mode", "lexical")
    assert chosen.returncode == 0, chosen.stderr
    assert "绩效目标表草稿（关键词检索，" in chosen.stdout, chosen.stdout
