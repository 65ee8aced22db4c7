"""A programme of fixed contents names its services: a row of one of them is no other programme's (recall round 7).

国家基本公共卫生服务 is one programme whose services are set nationally (居民健康档案, 健康教育, 预防接种, 0-6岁儿童、
孕产妇、老年人健康管理, 高血压和2型糖尿病患者健康管理, 严重精神障碍患者管理, 肺结核患者健康管理, 中医药健康管理, 传染病及突发
公共卫生事件报告和处理, 卫生监督协管). A text naming the programme names all of them: its real tables count the children
vaccinated and the patients managed though the text says only 基本公共卫生服务 (D005, E052). Vetting had set those rows
aside as another programme's (疫苗 not in the text), a work the text does not name (接种) or a spare entry whose object
the text lacks. A type lists such services in its file (`services:`, `indicators/project_types/README.md`); when the
detector is certain of that type, a 数量 / 质量 / 时效 row of its set naming one of them keeps its place against those three reasons (`kb.suggest.vetting.mark_precision`). Satisfaction and benefit
rows are not waived: whom a text asks and what it achieves stay the text's (老年人满意度 for a text naming 老年人).

残疾人精准康复 is another (基本康复服务, 0-6岁残疾儿童康复救助, 辅助器具适配, 精神病患者服药补贴, 假肢): E040 lists four of
them and its real table counts 资助精神病患者服药, which vetting had set aside (精神病 is not the text's 精神残疾人). Its
`services:` leave out 基本康复服务 and 假肢, words a real table's 假肢安装及基本康复服务人数 holds: that row would take the place
of D040's 基本康复服务人数, the text's own service.

国家基本药物制度 is a third: a subsidy for it pays for the stocking and use of essential medicines (E016: its real table
judges 政府办基层医疗卫生机构实施国家基本药物制度覆盖率; the type's 基层医疗卫生机构基本药物配备使用率 was set aside for 配备).

Measured (dev, lexical, 5-fold CV by project): R@10 0.259 → 0.263, MRR 0.406 → 0.408 (基本公共卫生服务), → 0.264 / 0.409
(残疾人康复), → 0.266 / 0.409 (基本药物制度; docs/SUGGEST.md, recall round 7). After ranking (vetting is step 6): the ranker's training pools are untouched.
"""
from __future__ import annotations

from kb.suggest.draft import Draft

# the output slots a programme's services are counted and judged in
SERVICE_SLOTS = frozenset({"quantity", "quality", "timeliness"})


def programme_services(detected: list[tuple], uncertain: bool) -> tuple[str, tuple[str, ...]]:
    """(type id, its services) of the best detected type when the detector is certain of it and the type lists
    services; ('', ()) otherwise. `detected`: (ProjectType, probability) pairs, best first."""
    if uncertain or not detected or not detected[0][0].services:
        return "", ()
    t = detected[0][0]
    return t.id, tuple(t.services)


def names_programme_service(d: Draft, services: tuple[str, tuple[str, ...]]) -> bool:
    """True when `d` is an output row (`SERVICE_SLOTS`) of the set of the type `services` names (the type is among its
    `type_ids` and the row is a library indicator the set lists — a row worded as one real table wrote it, 糖尿病规范管理数
    beside the set's 2型糖尿病患者规范管理率, is not) and its name holds one of that type's services."""
    tid, words = services
    return bool(tid) and tid in d.type_ids and d.indicator_id is not None and d.slot in SERVICE_SLOTS \
        and any(w in d.name for w in words)
