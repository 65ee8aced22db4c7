"""A programme of fixed contents names its services: a row of one of them is no other programme's (recall round 7).

国家基本公共卫生服务 is one programme whose services are set nationally (居民健康档案, 健康教育, 预防接种, 0-6岁儿童、
孕产妇、老年人健康管理, 高血压和2型糖尿病患者健康管理, 严重精神障碍患者管理, 肺结核患者健康管理, 中医药健康管理, 传染病及突发
公共卫生事件报告和处理, 卫生监督协管). A text naming the programme names all of them: its real tables count the children
vaccinated and the patients managed though the text says only 基本公共卫生服务 (D005, E052). Vetting had set those rows
aside as another programme's (疫苗 not in the text), a work the text does not name (接种) or a spare entry whose object
the text lacks. A type lists such services in its file (`services:`, `indicators/project_types/README.md`); when the
detector is certain of that type, a 数量 / 质量 / 时效 row of its set naming one of them that vetting would set aside
for one of those three reasons is marked (`mark_programme_services`) and vetting keeps it (`Draft.programme_service`,
read by the three steps of `kb.suggest.vetting.mark_precision`); a marked rate is filed under 质量, where the checker
files a share. Satisfaction and benefit rows are not waived: whom a text asks and what it achieves stay the text's
(老年人满意度 for a text naming 老年人).

残疾人精准康复 is another (基本康复服务, 0-6岁残疾儿童康复救助, 辅助器具适配, 精神病患者服药补贴, 假肢): E040 lists four of
them and its real table counts 资助精神病患者服药, which vetting had set aside (精神病 is not the text's 精神残疾人). Its
`services:` leave out 基本康复服务 and 假肢, words a real table's 假肢安装及基本康复服务人数 holds: that row would take the place
of D040's 基本康复服务人数, the text's own service.

国家基本药物制度 is a third: a subsidy for it pays for the stocking and use of essential medicines (E016: its real table
judges 政府办基层医疗卫生机构实施国家基本药物制度覆盖率; the type's 基层医疗卫生机构基本药物配备使用率 was set aside for 配备).

Measured (dev, lexical, 5-fold CV by project): R@10 0.259 → 0.266, MRR 0.406 → 0.409, four gold rows in the first ten
more and none fewer (docs/SUGGEST.md, recall round 7). After ranking, before vetting (step 6): the ranker's training
pools are untouched.
"""
from __future__ import annotations

from kb.domain.units import measure_of
from kb.suggest.draft import Draft
from kb.suggest.placement import _file_by_name

# the output slots a programme's services are counted and judged in
SERVICE_SLOTS = frozenset({"quantity", "quality", "timeliness"})


def programme_services(detected: list[tuple], uncertain: bool) -> tuple[str, tuple[str, ...]]:
    """(type id, its services) of the best detected type when the detector is certain of it and the type lists
    services; ('', ()) otherwise. `detected`: (ProjectType, probability) pairs, best first."""
    if uncertain or not detected or not detected[0][0].services:
        return "", ()
    t = detected[0][0]
    return t.id, tuple(t.services)


def mark_programme_services(pool: list[Draft], ctx, detected: list[tuple], uncertain: bool, own_words: str) -> None:
    """Mark each draft of `pool` that names a service of the certain best type's programme (`programme_services`,
    `names_programme_service`) and that vetting would set aside as another programme's, a work the text does not name
    or a spare entry lacking its object: `Draft.programme_service`, which those steps of `kb.suggest.vetting` read. A
    marked rate under 数量 is filed where the checker files it (质量, REL-01): the set lists its services' rates under
    数量 as real tables do, and the rows let in would otherwise fill 数量 with shares and no count (D005). A row vetting
    keeps anyway is left as it was. `ctx`: the project; `own_words`: what the type is about (`engine._own_words`).
    After ranking, before vetting. In place."""
    from kb.suggest import vetting as V

    services = programme_services(detected, uncertain)
    if not services[0]:
        return
    for d in pool:
        if not names_programme_service(d, services):
            continue
        if not (V._why_other_programme(d, ctx, own_words) or V._why_unnamed_work(d, ctx)
                or V._why_spare_entry_of_absent_object(d, ctx)):
            continue
        d.programme_service = True
        if d.slot == "quantity" and _rate(d):
            _file_by_name(d, "比率不是数量")


def _rate(d: Draft) -> bool:
    """A share by its name (`kb.domain.units.measure_of`) in % or no unit (as `placement.refile_rates_in_table`)."""
    return measure_of(d.key) == "ratio" and (d.value_unit or d.unit) in ("%", "")


def names_programme_service(d: Draft, services: tuple[str, tuple[str, ...]]) -> bool:
    """True when `d` is an output row (`SERVICE_SLOTS`) of the set of the type `services` names (the type is among its
    `type_ids` and the row is a library indicator the set lists — a row worded as one real table wrote it, 糖尿病规范管理数
    beside the set's 2型糖尿病患者规范管理率, is not) and its name holds one of that type's services."""
    tid, words = services
    return bool(tid) and tid in d.type_ids and d.indicator_id is not None and d.slot in SERVICE_SLOTS \
        and any(w in d.name for w in words)
