"""After ranking: a training's employment rate (培训后就业率) is the training's 效益, not its 产出质量 (trial 19).

The library files 培训后就业率 (and 残疾人 / 退役军人培训后就业率) under 产出指标/质量指标, so a skills-training
table whose text states no benefit had no 效益 row at all — the checker's STR-07 error on suggest's own table — while
the employment the training brings about is what a reviewer reads as its 社会效益 (trial 19: "培训后就业率达到70%" is
社会效益 就业率 ≥ 70 %). `refile_training_employment` re-files such a row under 社会效益指标; where the text states no
employment rate its library figure is dropped and the row asks for the target with the reason (a share of trainees
employed depends on the training and the local labour market, never the library's typical value). Pure over drafts,
in place; adds no candidate, so the ranker's training is untouched.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import PENDING, Draft

# 培训后就业率, 培训就业率, 培训后推荐就业率 — the employment of those trained
_TRAINING_EMPLOYMENT = re.compile(r"培训后?.{0,4}就业率$")
_WHY = f"{PENDING}：描述中没有写明培训后就业率，请按培训工种和当地就业形势填写目标值（效益指标为必填项，不照搬指标库的典型值）"


def refile_training_employment(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Re-file each 产出 row naming the employment rate after training (`_TRAINING_EMPLOYMENT`) under 社会效益指标,
    its target blank with `_WHY` unless the text gave it (value_source 'text'). In place."""
    for d in drafts:
        if d.slot not in ("quality", "quantity") or not _TRAINING_EMPLOYMENT.search(d.name):
            continue
        d.level2 = "social_benefit"
        d.evidence.append("培训后实现就业是培训带来的社会效益，不是培训本身的质量")
        if d.value_source != "text":
            d.value, d.operator, d.value_source, d.note = "", "", "", _WHY
