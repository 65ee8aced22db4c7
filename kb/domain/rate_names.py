"""Two rate names that measure one thing, written differently: the one reading suggest and the checker share.

A reviewer of trial 15 struck rows that measured, under another name, what a row beside them measured:
资助政策覆盖率 beside 助学金和免学费覆盖率 (the policy covered is the grant and the fee waiver), 救助金发放时间达标率
beside 临时救助发放及时率 (paying on time is one timeliness), 农村公路优良中等路率 beside 农村公路优良中等路比例.

- `normal_rate_name(name)`: the name written one way (比例 → 率, 时间达标率 → 及时率, 救助金 → 救助, 资金 dropped).
- `one_rate_measure(a, b)`: whether two rate names (already normal) end in one measure (the last three
  characters: 覆盖率, 及时率, 等路率) and either are the same name, or pay with one verb (发放, 拨付) on objects that
  share two characters (救助发放及时率), or one covers no object but the policy itself (资助政策覆盖率, 政策覆盖率)
  beside a coverage of a named object; or are pass rates of one testing (抽检合格率 beside 农产品质量安全检测合格率:
  the same tests' pass rate, one naming no object or both the same one); or (trial 18) both say how much of the money
  was paid out (发放率, 拨付率, 足额拨付率, 兑付率) and one names no fund of its own (补助资金发放率 beside
  贴息资金足额拨付率: one payment, E031).
- `bought_goods_rate(a, b, text)`: suggest's reading, with the text: a quality rate of goods bought, no goods named
  (采购物资合格率), beside a quality rate of what the text says it buys (苗种检验检疫合格率, 苗种采购单价…: trial 18).

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


# how much of the money was paid out: 〔fund〕(足额)发放率 / 拨付率 / 兑付率 (not 发放及时率 nor 发放准确率)
_PAID_OUT = re.compile(r"^(?P<obj>[\u4e00-\u9fff]*?)(?:足额)?(?:发放|拨付|兑付|兑现)率$")
# a payment's fund that names nothing of its own (补助资金 → 补助 once 资金 is dropped); a bare 资金足额拨付率 is not
# one: beside 补助发放率 it is the money reaching the account, the other its payment to persons (E010 writes both)
_ANY_FUND = re.compile(r"^(?:补助|补贴|奖补|专项|财政)$")


def one_rate_measure(a: str, b: str) -> bool:
    """Whether the rate names `a` and `b` (already `normal_rate_name`) measure one thing (module docstring)."""
    pa, pb = _PAID_OUT.match(a), _PAID_OUT.match(b)
    if pa and pb and a != b and (_ANY_FUND.match(pa.group("obj")) or _ANY_FUND.match(pb.group("obj"))):
        return True   # 补助资金发放率 beside 贴息资金足额拨付率: one payment (trial 18, E031)
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


# a quality rate of goods bought that names no goods: 采购物资合格率, 物资采购合格率, 采购产品合格率
_ANY_GOODS = re.compile(r"^(?:采购)?(?:物资|产品|货物|商品)(?:采购)?(?:验收)?合格率$")
# the goods of another quality rate: its words before 检验检疫 / 验收 / 质量 … 合格率 (苗种检验检疫合格率 → 苗种; any two or more last characters may be the goods)
_GOODS_RATE = re.compile(r"^(?P<goods>[\u4e00-\u9fff]{2,8}?)(?:检验检疫|检疫|检验|验收|质量)?合格率$")


def bought_goods_rate(a: str, b: str, text: str) -> bool:
    """Whether one of the rate names `a`, `b` is a quality rate of goods bought that names none (`_ANY_GOODS`:
    采购物资合格率) and the other the quality rate of goods the `text` says it buys (苗种检验检疫合格率 beside
    苗种采购单价 / 采购苗种: trial 18's fish stock release, where the fry are the goods bought)."""
    for generic, named in ((a, b), (b, a)):
        if _ANY_GOODS.match(generic) and not _ANY_GOODS.match(named):
            m = _GOODS_RATE.match(named)
            goods = m.group("goods") if m else ""
            if any(g + "采购" in text or "采购" + g in text for g in (goods[i:] for i in range(len(goods) - 1))):
                return True
    return False
