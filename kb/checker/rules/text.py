"""TEXT rules (TXT-01 … TXT-06): full-width characters, stray whitespace, Traditional characters, forbidden symbols,
invisible characters in a name, a misplaced thousands separator in a value.

Detection follows ../shared/data/rules/RULES.md §5.10 and reads the *raw*
fields (before normalisation), since that is what the budget system stores.
All other rules match after NFKC + Traditional→Simplified, so these findings
never hide another. TXT-01/02/03 fix the form only (the normalised text of
what was written: ２４ → 24): they never rebuild the target, so no operator,
number or unit is invented. Not for rewrites.
"""
from __future__ import annotations

import re

from kb.checker.catalog import CACHES, FIELDS, TARGET, RuleHit, rule
from kb.checker.parse import ParsedRow
from kb.checker.rules.quantification import is_qnt_04
from kb.settings import CheckerSettings
from kb.domain.quantity import misplaced_separator
from kb.domain.text import (FULLWIDTH_RE, INVISIBLE_OR_PICTOGRAPH_RE, INVISIBLE_RE, PICTOGRAPH_RE, invisible_chars,
                            tidy_spaces, to_simplified)

_WS_RE = re.compile(r"[\s\u3000]")
_FORBIDDEN_RE = re.compile(r"[-_]|(?<!\*)\*(?!\*)")


@rule("TXT-01", on="any", needs="txt", own_field=True)
def txt_01(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Full-width digits, letters, ％ ＞ ＝ ＜ or U+3000 in 运算符 / 指标值 / 计量单位."""
    if not r.fullwidth:
        return None
    for field in ("operator", "value", "unit"):
        m = FULLWIDTH_RE.search(getattr(r.raw, field))
        if m:
            return RuleHit(field, f"含全角字符“{m.group()}”，导入前应统一为半角")
    return None


@rule("TXT-02", needs="txt", fields=("name",) + TARGET, own_field=True)
def txt_02(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Whitespace inside or around 名称 / 指标值 / 计量单位 (the budget system refuses it); one space
    between two Latin words, or a Latin word and a number, is how they are written (LED street lights)
    and stays (`kb.domain.text.tidy_spaces`)."""
    if not r.ws:
        return None
    for field in ("name", "value", "unit"):
        t = getattr(r.raw, field)
        if _WS_RE.search(t) and tidy_spaces(t.strip()) != t:
            return RuleHit(field, f"“{getattr(r.raw, field)}”含多余空格")
    return None


@rule("TXT-03", on="any", needs="txt", fields=FIELDS, own_field=True)
def txt_03(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Traditional characters in any field (converted before matching, flagged for clean-up)."""
    if not r.trad:  # set while normalising: a Traditional character was converted
        return None
    raw = r.raw
    for field in ("level1", "level2", "name", "operator", "value", "unit"):
        t = getattr(raw, field)
        if t and to_simplified(t) != t:
            return RuleHit(field, f"“{t}”含繁体字，应统一为简体")
    return None


@rule("TXT-04", needs="value", retarget=True, own_field=True)
def txt_04(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """指标值 holds - _ or a single * (some systems refuse them); placeholders are QNT-04."""
    if r.v and not is_qnt_04(r):
        m = _FORBIDDEN_RE.search(r.v)
        if m and r.num is not None and r.num < 0 and m.group() == "-" and r.num_text in r.v[:m.end() + 1 + len(r.num_text)]:
            return RuleHit("value", f"指标值“{r.v}”是负数，系统不接受“-”；请核实指标值")
        if m:
            return RuleHit("value", f"指标值“{r.v}”含系统禁用字符“{m.group()}”，区间请用“~”或“至”")
    return None


_FIELD_LABEL = {"name": "名称", "value": "指标值", "unit": "计量单位"}


@rule("TXT-05", on="any", fields=("name", "value", "unit"), own_field=True)
def txt_05(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """Zero-width characters, bidi controls or NUL, or emoji and pictographs (😀 🏠), in a 名称 / 指标值 /
    计量单位 (ours): invisible characters make two equal-looking names differ (a search for the name
    misses it) or show the text reversed; a pictograph is no part of what is measured. Stored
    declarations drop the invisible ones; the fix drops both."""
    raw = r.raw
    if not INVISIBLE_OR_PICTOGRAPH_RE.search(f"{raw.name}{raw.value}{raw.unit}"):
        return None  # one search over the three fields: nearly every row has neither
    for field in ("name", "value", "unit"):
        t = getattr(raw, field)
        if not t or t.isascii() and t.isprintable():
            continue
        if INVISIBLE_RE.search(t):
            chars = "、".join(dict.fromkeys(invisible_chars(t)))
            return RuleHit(field, f"{_FIELD_LABEL[field]}含不可见字符（{chars}），看起来相同的内容会被当作不同的指标，请删除")
        m = PICTOGRAPH_RE.search(t)
        if m:
            return RuleHit(field, f"{_FIELD_LABEL[field]}“{t.strip()}”含表情符号或图形符号“{m.group()}”，不属于指标内容，请删除")
    return None


_SEPARATOR_MEMO: dict[str, str | None] = {}  # `misplaced_separator` of a 指标值 as written
_UNSEEN = object()
CACHES.append(_SEPARATOR_MEMO.clear)


@rule("TXT-06", needs="num", own_field=True,
      advice="核对指标值：千分位分隔符应每三位一个（如 1,200 或 12,000），或去掉分隔符直接写数字")
def txt_06(r: ParsedRow, s: CheckerSettings) -> RuleHit | None:
    """A thousands separator out of place in 指标值 (ours): “1,2000” may be 1,200 or 12,000, and a
    reader taking it as either decides the target for the declarant; correctly grouped figures
    (1,350 / 12,500 / 1,350.5) are plain numbers (`kb.domain.quantity.misplaced_separator`)."""
    v = r.raw.value
    bad = _SEPARATOR_MEMO.get(v, _UNSEEN)
    if bad is _UNSEEN:  # values repeat far more than names: read once per distinct value
        if len(_SEPARATOR_MEMO) > 100_000:
            _SEPARATOR_MEMO.clear()
        bad = _SEPARATOR_MEMO[v] = misplaced_separator(v)
    if bad:
        where = f"指标值“{r.raw.value.strip()}”" + (f"中“{bad}”" if bad != r.raw.value.strip() else "")
        return RuleHit("value", f"{where}的千分位分隔符位置不对（应每三位一个逗号），无法确定目标值是多少")
    return None
