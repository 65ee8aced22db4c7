"""Pydantic's validation errors read in Chinese, with the limit they name and the field's Chinese label
(list positions from 1; a name without a label stays as written)."""
from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, ValidationError

from kb.domain.messages import message


class _Row(BaseModel):
    weight: float = Field(..., ge=0, le=100)
    score: float = Field(0, gt=0, lt=10.5, multiple_of=0.5)


class _Table(BaseModel):
    name: str = Field(..., min_length=1, max_length=5)
    code: str = Field("ab", min_length=2)
    rows: list[_Row] = Field(..., min_length=1, max_length=2)


def _messages(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as e:
        _Table.model_validate(data)
    return [message(err) for err in e.value.errors()]


@pytest.mark.parametrize("data, expected", [
    ({"name": "", "rows": [{"weight": 101}]}, ["指标名称：不能为空", "指标行第1项的分值：应不大于 100"]),
    ({"name": "培训班名称过长", "rows": [{"weight": -1}]}, ["指标名称：最多 5 个字符", "指标行第1项的分值：应不小于 0"]),
    ({"name": "a", "code": "x", "rows": []}, ["code：至少 2 个字符", "指标行：至少 1 项"]),
    ({"name": "a", "rows": [{"weight": 1}] * 3}, ["指标行：最多 2 项"]),
    ({"name": "a", "rows": [{"weight": 1, "score": 0}, {"weight": 1, "score": 11}]},
     ["指标行第1项的得分：应大于 0", "指标行第2项的得分：应小于 10.5"]),
    ({"name": "a", "rows": [{"weight": 1, "score": 0.3}]}, ["指标行第1项的得分：应为 0.5 的倍数"]),
])
def test_limits_are_named_in_chinese(data, expected):
    assert _messages(data) == expected
