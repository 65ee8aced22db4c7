"""Two rate names that measure one thing, written differently: the one reading suggest and the checker share.

A reviewer of trial 15 struck rows that measured, under another name, what a row beside them measured:
资助政策覆盖率 beside 助学金和免学费覆盖率 (the policy covered is the grant and the fee waiver), 救助金发放时间达标率
beside 临时救助发放及时率 (paying on time is one timeliness), 农村公路优良中等路率 beside 农村公路优良中等路比例.

- `normal_rate_name(name)`: the name written one way (比例 → 率, 时间达标率 → 及时率, 救助金 → 救助, 资金 dropped).
- `one_rate_measure(a, b)`: whether two rate names (already normal) end in one measure (the last three
  characters: 覆盖率, 及时率, 等路率) and either are the same name, or pay with one verb (发放, 拨付) on objects that
  share two characters (救助发放及时率), or one covers no object but the policy itself (资助政策覆盖率, 政策覆盖率)
  beside a coverage of a named object, or are pass rates of one testing (抽检合格率 beside 农产品质量安全检测合格率:
  the same tests' pass rate, one naming no object or both the same one).

Suggest keeps one row of each such pair (`kb.suggest.one_measure`); the checker's STR-12 flags such a pair in a
user's table (`kb.checker.rules.structure.rate_name_duplicates`). Pure functions of names; raise nothing.
"""
from __future__ import annotations

import re

from kb.domain.text import bigrams

_REWRITES = (("比例", "率"), ("时间达标率", "及时率"), ("救助金", "救助"), ("资金", ""))
# a coverage of the policy itself, no object named: 资助政策覆盖率, 政策覆盖率, 补助政策覆盖率
_POLICY_ONLY = re.compile(r"^(?:[\u4e00-\u9fff]{0,2}政策)$")


# trial 18: the testing a pass rate is of (抽检, 抽样检测, 监督抽查, 检测, 检验), closing the name before 合格率; the
# library's 农产品质量安全检测合格率 is “农产品质量安全抽检合格的比例” — one measure with 抽检合格率
_TESTED = re.compile(r"(?:监督)?(?:抽样检测|抽样检验|抽检|抽查|检测|检验)$")


def normal_rate_name(name: str) -> str:
    """`name` written one way (see the module docstring): 救助金发放时间达标率 → 救助发放及时率."""
    for a, b in _REWRITES:
        name = name.replace(a, b)
    return name


def one_rate_measure(a: str, b: str) -> bool:
    """Whether the rate names `a` and `b` (already `normal_rate_name`) measure one thing (module docstring)."""
    if not (a.endswith("率") and b.endswith("率")) or a[-3:] != b[-3:]:
        return False
    if a == b:
        return True
    tail = a[-3:]
    oa, ob = a[:-3], b[:-3]
    if tail == "覆盖率" and (bool(_POLICY_ONLY.match(oa)) != bool(_POLICY_ONLY.match(ob))):
        return True
    if tail == "及时率" and oa[-2:] == ob[-2:] and oa[-2:] in ("发放", "拨付"):
        return bool(set(bigrams(oa[:-2])) & set(bigrams(ob[:-2])))
    if tail == "合格率" and (ta := _TESTED.search(oa)) and (tb := _TESTED.search(ob)):
        xa, xb = oa[:ta.start()], ob[:tb.start()]   # the objects tested: 农产品质量安全 and '' (抽检合格率)
        return not xa or not xb or xa == xb
    return False
