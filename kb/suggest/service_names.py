"""Rows named with a whole service title glued to a measure, renamed by the vehicle the service runs.

A service bought by its vehicles (雾炮车降尘抑尘服务: fog-cannon trucks hired with their crews) gave 雾炮车降尘抑尘服务
配备车辆数 and 采购雾炮车降尘抑尘服务次数 — the title, and the text's verb 采购, before a measure (D002, suggest round 13).
A reviewer names the object counted: the trucks (雾炮车配备数量) and their runs (雾炮车作业次数); a rate or a period
of the service keeps the service's name without the verb (雾炮车降尘抑尘服务合格率). Only a vehicle (…车) the text
itself names. Run after ranking (a rename changes no candidate the ranker is trained on). Pure over drafts.
"""
from __future__ import annotations

import re

from kb.suggest.context import ProjectContext
from kb.suggest.draft import Draft

# optional purchase verb, the vehicle, the rest of the service's title up to 服务, the measure
_TITLED = re.compile(r"^(?P<verb>采购|购买|租赁|租用)?(?P<vehicle>[\u4e00-\u9fff]{1,3}车)(?P<work>[\u4e00-\u9fff]{2,8}?)服务"
                     r"(?P<measure>[\u4e00-\u9fff]+)$")
# measures counting the vehicles, and counting their runs
_VEHICLE_COUNT = re.compile(r"^(?:配备)?(?:车辆|车)(?:数|数量)$|^配备(?:数量|数)$")
_RUN_COUNT = re.compile(r"^(?:作业)?次数$")


def vehicle_service_name(name: str, text: str) -> str:
    """`name` renamed by the vehicle of the service it glues in (module docstring), or `name` unchanged when it
    glues no service of a vehicle named in `text` (the project's name and description)."""
    m = _TITLED.match(name)
    if not m or m.group("vehicle") not in text:
        return name
    vehicle, measure = m.group("vehicle"), m.group("measure")
    if _VEHICLE_COUNT.match(measure):
        return vehicle + "配备数量"
    if _RUN_COUNT.match(measure):
        return vehicle + "作业次数"
    return name[len(m.group("verb")):] if m.group("verb") else name


def name_vehicle_service_rows(drafts: list[Draft], ctx: ProjectContext) -> None:
    """Rename every draft by `vehicle_service_name` (in place); the 指标解释 of a renamed count says what it counts."""
    text = f"{ctx.name or ''} {ctx.text}"
    for d in drafts:
        new = vehicle_service_name(d.name, text)
        if new != d.name:
            d.evidence.append(f"名称按服务使用的车辆计量（原名“{d.name}”）")
            d.name = new
