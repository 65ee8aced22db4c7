"""`Draft`: one candidate row while suggest works on it (internal; the result holds `Candidate`s).

A draft knows where it came from (`source`: a type's set, a name formed
from the text, plain retrieval, 结果反馈), its slot, its target and why, and
the features the ranker reads. Not for the response shape (`kb.suggest.engine`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kb.domain.enums import LEVEL2_PARENT, Level1, Level2
from kb.suggest.objects import Mention
from kb.suggest.slots import SLOT_OF_LEVEL2
from kb.domain.text import normalize_name

SOURCES = ("type", "formed", "retrieval", "learned")
# the label the result shows for each source
# why vetting set a type's row aside when nothing in the text contradicts it — it only lacks its object or
# its people in the text: such a row may still fill a required slot left empty (`kb.suggest.table`)
ASIDE_SPARE_ENTRY = "项目类型的备选指标，描述中没有它的对象，仅作备选"
ASIDE_NO_PEOPLE = "描述中没有服务的人群，按人次/人数计量的指标仅作备选"
# why vetting set a retrieved row aside when the text does not name its object (`kb.suggest.vetting.mark_precision`
# writes these texts): of a count, of any other measure
ASIDE_NO_COUNTED = "描述中没有这项数量的对象，仅作备选"
ASIDE_NO_OBJECT = "描述中没有这项指标的对象，仅作备选"
# the set-aside rows that only lack their object or their people in the text — nothing in it contradicts them: they
# are offered after the other alternates of their slot (`kb.suggest.table`), never in the default table
ASIDE_UNNAMED = (ASIDE_SPARE_ENTRY, ASIDE_NO_PEOPLE, ASIDE_NO_COUNTED, ASIDE_NO_OBJECT)
SOURCE_LABELS = {"type": "项目类型指标集", "formed": "按项目用词生成", "retrieval": "指标库检索", "learned": "结果反馈"}
PENDING = "待填写"
_SLOT_KEY = {l2: s.key for l2, s in SLOT_OF_LEVEL2.items()}   # `Draft.slot` is read thousands of times a request
_LEVEL1_OF = {l2.value: l1.value for l2, l1 in LEVEL2_PARENT.items()}   # …and `Draft.level1` (vetting)


@dataclass(eq=False)
class Draft:
    """A candidate row. `value == ''` with `note` set means 待填写 (the note says why)."""

    name: str
    level2: str
    source: str
    indicator_id: str | None = None
    template: str | None = None
    unit: str = ""                  # the indicator's 计量单位
    direction: str = ""             # positive / negative / equal / qualitative ('' unknown)
    typical: tuple[str, str, str] = ("", "", "")
    explanation: str = ""
    sector: str = ""
    needs_value: bool = False
    # where the type sets list it: best (probability, position, core)
    type_prob: float = 0.0
    type_pos: int = -1
    type_core: bool = False
    type_ids: list[str] = field(default_factory=list)
    lex: float = 0.0
    lex_rank: int = -1
    dense: float = 0.0
    generic: bool = False
    obj: str = ""                   # the project object a formed name is built on (one row per slot and object)
    mention: Mention | None = None
    operator: str = ""
    value: str = ""
    value_unit: str = ""
    value_source: str = ""          # text / learned / typical / budget / derived / ''
    note: str = ""
    evidence: list[str] = field(default_factory=list)
    score: float = 0.0
    tier: int = 0
    features: list[float] = field(default_factory=list)
    # a cost row of one part of the year's money the text lists (健身步道成本 ≤ 10 万元): "own" when its use shares
    # the project's own words, else "other"; '' for any other row
    part: str = ""
    placed: str = ""                # the 二级 the checker gives a real row its label does not place (set after ranking)
    undated: tuple[str, str] = ()   # (name, 指标解释) of an on-time rate before it was dated by the year's end
    # a satisfaction row asking a group the text never names (护林员 for 维护林业): offered, never the table's second
    # satisfaction row (`dedupe.mark_unnamed_groups`, read by `table._two_groups_named`; set after ranking)
    unnamed_group: bool = False
    # an output row of a programme of fixed contents naming one of its services (基本公共卫生服务's 预防接种): the text
    # naming the programme names it (`kb.suggest.programme_services`; set after ranking, read by vetting)
    programme_service: bool = False

    @property
    def key(self) -> str:
        """normalize_name(name), computed once per name."""
        k = self.__dict__.get("_key")
        if k is None or k[0] != self.name:
            k = self.__dict__["_key"] = (self.name, normalize_name(self.name))
        return k[1]

    @property
    def bigram_counts(self):
        """Counter of the key's character bigrams (for Dice), computed once per name."""
        b = self.__dict__.get("_bigrams")
        if b is None or b[0] != self.name:
            from collections import Counter

            from kb.domain.text import bigrams

            b = self.__dict__["_bigrams"] = (self.name, Counter(bigrams(self.key)))
        return b[1]

    @property
    def slot(self) -> str:
        """The slot key of the row's 二级指标 (`kb.suggest.slots`; 数量 for one no slot takes)."""
        return _SLOT_KEY.get(self.level2, "quantity")

    @property
    def level1(self) -> str:
        """The 一级 of the row's 二级 (read for each row by several steps of vetting: a dict, not an Enum call)."""
        v = _LEVEL1_OF.get(self.level2)
        return v if v is not None else LEVEL2_PARENT[Level2(self.level2)].value

    @property
    def shown_levels(self) -> tuple[str, str]:
        """(一级, 二级) as the table shows the row: every 成本 row under 成本指标 (财预〔2021〕101号),
        an 产出成本 row as 经济成本指标 — what the response renders and the checker vets."""
        l2 = "economic_cost" if self.level2 == "output_cost" else self.level2
        return (Level1.cost.value if self.slot == "cost" else self.level1), l2

    @property
    def bound(self) -> bool:
        return self.value_source == "text"

    @property
    def pending(self) -> bool:
        """No target value yet (待填写): the declarant gives it."""
        return not self.value


def from_library_row(r, source: str, name: str | None = None, template: str | None = None) -> Draft:
    """A draft from a KB indicator row (`kb.rows.Row` or dict)."""
    return Draft(name=name or r["name"], level2=r["level2"], source=source, indicator_id=r["id"],
                 template=template, unit=r.get("unit") or "", direction=r.get("direction") or "",
                 typical=(r.get("typ_operator") or "", r.get("typ_value") or "", r.get("typ_unit") or r.get("unit") or ""),
                 explanation=r.get("explanation") or "", sector=r.get("sector") or "")
