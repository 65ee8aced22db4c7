"""Project-type detection: a project description → its types with calibrated confidences.

Model (trained in `jixiao build`, deterministic):
- features: TF-IDF (sublinear tf, L2-normalised) over jieba words of the
  KB's tokenizer (`w:` + word, two characters or more, numbers dropped) and
  the character 2- and 3-grams of every Chinese run (`c:` + n-gram), so a
  word jieba splits differently (助餐点 / 助餐 + 点) still shares n-grams;
- one-vs-rest linear ridge classifier, one output per type (the linear
  kernel ridge of scikit-learn's `KernelRidge`, `ALPHA`, solved with one
  Cholesky factorisation; targets 1/0 centred per type, the mean as
  intercept): all types are solved at once in the dual,
  which on a few hundred documents is ~100× faster than a logistic
  regression per type and was as accurate out of fold (0.93 vs 0.92 top-1 on
  the first 40 types); trained on each type's name + `covers`, keywords,
  phrases and examples (one document each) and on the labelled real tables
  (project name + summary; multi-label);
- calibration: one Platt sigmoid over out-of-fold decision values of all
  (description, type) pairs (5 folds over the example and table documents;
  keyword documents always train), so a confidence reads as a probability.
  The pairs are weighted (`_pair_weights`): a positive pair and a pair
  among the document's `NEAR_TYPES` (10) best-scored types weigh 1; its
  other, far, negative pairs share `FAR_WEIGHT` (95) evenly. Unweighted,
  every type added for another programme added a far negative pair to every
  document and moved the sigmoid, so a project's confidence depended on how
  many unrelated types exist (30 far types added to the shipped scores:
  a fixed text's top type 0.646 → 0.692; test_suggest_types_round5). With
  the weights the pairs near the decision keep their weight and the far
  ones their total: the same test moves it by under 0.01. FAR_WEIGHT is the
  95 far negatives a document had when the sigmoid was tuned (106 types), so
  on main's types the fit is nearly the unweighted one (slope 44.2 vs 44.9).
  Measured (dev CV lexical R@5/R@10/R@20/MRR): main's 106 types unweighted
  0.159/0.234/0.270/0.396, weighted 0.157/0.236/0.270/0.395; round 5's 126
  types unweighted 0.163/0.236/0.270/0.382, weighted 0.161/0.234/0.268/0.384.
  The weights alone, on main's types, retrain the ranker on slightly other
  type confidences and change 24 of the 85 dev default tables.
  Round 5's drop in out-of-fold confidence (E021 0.85 → 0.57 unweighted,
  0.85 → 0.60 weighted) is mostly not calibration: the new types compete
  for the same words (investment_promotion for a 服务贸易 fund), and their
  examples join the calibration documents. Tried and not kept: fitting only
  each document's 5/10/20 best pairs (invariant, but a flatter sigmoid,
  slope 26–34; main's CV 0.155/0.232/0.264/0.387), and each document's
  negatives weighing 105 in all (the far negatives added then take weight
  from the near ones: the test's text 0.746 → 0.809);
- `threshold`: the lowest calibrated top-1 confidence at which out-of-fold
  top-1 predictions are right at least `TARGET_PRECISION` of the time, and
  never below `MIN_THRESHOLD` (a confidence under one half means the model
  thinks the type more likely wrong than right); below it the result says
  the type is uncertain.
Stored as plain JSON (vocabulary, idf and weights as base64 float32 arrays,
`kb.suggest.arrays`). Not for choosing indicators (see `kb.suggest.candidates`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from kb.suggest import arrays
from kb.suggest.project_types import ProjectType, TrainingTable
from kb.suggest.words import FORM_WORDS, WORK_VERBS
from kb.domain.text import normalize

ALPHA = 1.0
FOLDS = 5
TARGET_PRECISION = 0.8
MIN_THRESHOLD = 0.5
NEAR_TYPES = 10          # a document's best-scored types whose pairs weigh 1 each in the Platt fit
FAR_WEIGHT = 95.0        # what the rest of its negative pairs weigh in all (see the module docstring)
MIN_SHOWN = 0.2          # a type below this confidence is not listed (except the top one)
MAX_SHOWN = 3
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_DIGITS = re.compile(r"^[\d.,%]+$")


# the name of a system, an organisation or a body ends on one of these (…管理系统, …信息系统, …中心, …办公室): the
# words in front of it name the thing, not the project's work — 公租房管理系统 in a server-room lease is no housing
# programme (QA round 3). Longest first: the lazy name stops at the first ending that fits.
NAME_ENDINGS = ("管理系统", "信息系统", "业务系统", "管理平台", "服务平台", "领导小组", "委员会", "办公室", "数据库",
                "系统", "平台", "中心")
_NAME = re.compile(r"([\u4e00-\u9fff]{1,12}?)(" + "|".join(NAME_ENDINGS) + ")")
_BOOK = re.compile(r"《[^》]{1,40}》")
# what ends the words in front of a name: a verb of the project's work, or a word joining or placing it — not 服务,
# 发展 nor 管理, which names hold (养老服务指导中心, 乡村发展中心)
_NAME_START = tuple(sorted((WORK_VERBS - {"服务", "发展", "管理"}) | {"存放", "部署", "运行", "接入", "对接", "依托", "利用", "通过", "使用", "用于",
                                         "向", "为", "对", "在", "和", "及", "与", "的", "由", "给", "将", "把", "承担",
                                         "负责", "支持", "支撑", "覆盖", "包括", "含"}, key=len, reverse=True))


def strip_names(text: str) -> str:
    """`text` without the words that only name a system, an organisation or a document.

    The words in front of a `NAME_ENDINGS` ending, back to the last verb or joining word (`_NAME_START`),
    are removed and the ending kept (存放公租房管理系统和住房保障信息系统服务器 → 存放管理系统和信息系统服务器);
    a title in 《》 keeps only its last two characters (its kind: 规划, 方案). A heuristic on characters, for
    telling a type's own evidence from a sector word inside a name (`supported`), not a parse.
    """
    def name(m: re.Match) -> str:
        head = m.group(1)
        cut = max((head.rfind(w) + len(w) for w in _NAME_START if w in head), default=0)
        return head[:cut] + m.group(2)

    t = _BOOK.sub(lambda m: m.group(0)[-3:-1], normalize(text))
    return _NAME.sub(name, t)


def supported(t: ProjectType, text: str) -> bool:
    """The text, names of systems and bodies left out (`strip_names`), holds one of the type's keywords or
    phrases or its name: evidence of the type's own programme, beyond words the model shares with it."""
    bare = strip_names(text)
    return any(w and w in bare for w in (t.name, *t.keywords, *t.phrases))


def keep_supported(hits: list[tuple], text: str) -> list[tuple]:
    """The detector's hits [(ProjectType, confidence)], best first, without a further type the text gives no
    evidence of (`supported`): the best type always stays. A further type lends its rows (保障性住房's
    公租房保障户数, 村级组织运转's 村干部报酬按时足额发放率) only when the text names its own programme or work,
    not just the objects the project acts on (培训村级后备干部 is a training, not village running costs)."""
    return hits[:1] + [(t, p) for t, p in hits[1:] if supported(t, text)]


def analyze(tokenizer, text: str) -> list[str]:
    """The features of `text`: `w:`-words (≥ 2 characters, no numbers) and `c:` character 2/3-grams.

    The declaration form's own words (`FORM_WORDS`) are removed first.
    """
    t = FORM_WORDS.sub(" ", normalize(text).lower())
    feats = [f"w:{w}" for w in tokenizer.cut_words(t) if len(w) >= 2 and not _DIGITS.match(w)]
    for run in _CJK.findall(t):
        feats.extend(f"c:{run[i:i + 2]}" for i in range(len(run) - 1))
        feats.extend(f"c:{run[i:i + 3]}" for i in range(len(run) - 2))
    return feats


@dataclass
class TypeModel:
    """A trained type detector (see the module docstring). `predict` is the only query."""

    type_ids: list[str]
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray          # (n_types, n_features) float32
    intercept: np.ndarray     # (n_types,)
    platt: tuple[float, float]
    threshold: float

    def scores(self, tokenizer, text: str) -> np.ndarray:
        """Calibrated confidence per type (aligned with `type_ids`), in [0, 1]."""
        counts: dict[int, int] = {}
        for f in analyze(tokenizer, text):
            j = self.vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return np.zeros(len(self.type_ids))
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        v = tf * self.idf[idx]
        v /= np.linalg.norm(v) or 1.0
        raw = self.coef[:, idx] @ v + self.intercept
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * raw + b)))

    def predict(self, tokenizer, text: str) -> list[tuple[str, float]]:
        """[(type id, confidence)] best first: the top type, then others ≥ MIN_SHOWN (≤ MAX_SHOWN)."""
        p = self.scores(tokenizer, text)
        order = np.argsort(-p, kind="stable")[:MAX_SHOWN]
        out = [(self.type_ids[i], float(p[i])) for k, i in enumerate(order) if k == 0 or p[i] >= MIN_SHOWN]
        return out if out and out[0][1] > 0 else []

    def to_json(self) -> dict:
        return {"kind": "type_model", "type_ids": self.type_ids,
                "features": sorted(self.vocab, key=self.vocab.get),
                "idf": arrays.to_json(self.idf, "float64"), "coef": arrays.to_json(self.coef),
                "intercept": arrays.to_json(self.intercept, "float64"), "platt": list(self.platt),
                "threshold": self.threshold}

    @classmethod
    def from_json(cls, d: dict) -> "TypeModel":
        return cls(type_ids=list(d["type_ids"]), vocab={f: i for i, f in enumerate(d["features"])},
                   idf=arrays.from_json(d["idf"]).astype(np.float64), coef=arrays.from_json(d["coef"]),
                   intercept=arrays.from_json(d["intercept"]).astype(np.float64),
                   platt=(float(d["platt"][0]), float(d["platt"][1])), threshold=float(d["threshold"]))


def training_documents(types: list[ProjectType], tables: list[TrainingTable]
                       ) -> tuple[list[str], list[set[str]], list[bool]]:
    """(texts, label sets, is_description) of the type detector's training data."""
    texts, labels, desc = [], [], []
    for t in types:
        for text, is_desc in ((f"{t.name} {t.covers}", False), (" ".join(t.keywords), False),
                              (" ".join(t.phrases), False), *((e, True) for e in t.examples)):
            if text.strip():
                texts.append(text)
                labels.append({t.id})
                desc.append(is_desc)
    known = {t.id for t in types}
    for tb in tables:
        ls = {x for x in tb.types if x in known}
        if ls:
            texts.append(tb.text())
            labels.append(ls)
            desc.append(True)
    return texts, labels, desc


def train_type_model(tokenizer, types: list[ProjectType], tables: list[TrainingTable],
                     memo: dict[str, list[str]] | None = None,
                     calibration: tuple[tuple[float, float], float] | None = None) -> TypeModel | None:
    """Fit the detector on the types and tables (None when there are fewer than two types).

    memo: text → features, shared between fits on overlapping data (folds).
    calibration: ((a, b), threshold) to reuse instead of calibrating again
    (a fold model of the same data takes its parent's calibration).
    BLAS runs single-threaded while fitting: on a shared 2-core machine the
    small dense solves are ~10× faster that way.
    """
    from threadpoolctl import threadpool_limits

    if len(types) < 2:
        return None
    texts, labels, desc = training_documents(types, tables)
    type_ids = [t.id for t in types]
    memo = {} if memo is None else memo
    feats = [memo[x] if x in memo else memo.setdefault(x, analyze(tokenizer, x)) for x in texts]
    with threadpool_limits(1):
        return _fit(type_ids, feats, labels, desc, calibration)


def _fit(type_ids: list[str], feats: list[list[str]], labels: list[set[str]], desc: list[bool],
         calibration: tuple[tuple[float, float], float] | None) -> TypeModel:
    Y = np.array([[tid in ls for tid in type_ids] for ls in labels], dtype=np.int8)
    vocab, idf, X = _tfidf_fit(feats)
    coef, icpt = _fit_ovr(X, Y)
    if calibration is None:
        oof = _out_of_fold_scores(X, Y, np.array(desc))
        calibration = _calibrate(oof, Y, np.array(desc))
    platt, threshold = calibration
    return TypeModel(type_ids=type_ids, vocab=vocab, idf=idf, coef=coef.astype(np.float32),
                     intercept=icpt, platt=platt, threshold=threshold)


def _tfidf_fit(feats: list[list[str]]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True, lowercase=False)
    X = vec.fit_transform(feats)
    return {f: int(i) for f, i in vec.vocabulary_.items()}, vec.idf_.astype(np.float64), X


def _fit_ovr(X, Y) -> tuple[np.ndarray, np.ndarray]:
    """Linear ridge per type column, solved jointly in the dual: (coef (types × features), intercept).

    The same solution as scikit-learn's `KernelRidge(kernel="linear")`
    (dual = (X Xᵀ + αI)⁻¹ (Y − mean)), with one Cholesky factorisation.
    """
    from scipy.linalg import cho_factor, cho_solve

    Yf = Y.astype(np.float64)
    mu = Yf.mean(axis=0)
    K = (X @ X.T).toarray()
    K[np.diag_indices_from(K)] += ALPHA
    dual = cho_solve(cho_factor(K), Yf - mu)
    coef = np.asarray(X.T @ dual).T
    return coef, mu


def _out_of_fold_scores(X, Y, desc: np.ndarray) -> np.ndarray:
    """Decision values of every description document from a model that did not see it (NaN elsewhere)."""
    out = np.full(Y.shape, np.nan)
    rows = np.flatnonzero(desc)
    for k in range(FOLDS):
        held = rows[k::FOLDS]
        keep = np.setdiff1d(np.arange(Y.shape[0]), held)
        coef, icpt = _fit_ovr(X[keep], Y[keep])
        out[held] = X[held] @ coef.T + icpt
    return out


def _calibrate(oof: np.ndarray, Y: np.ndarray, desc: np.ndarray) -> tuple[tuple[float, float], float]:
    """Platt (a, b) over all out-of-fold (document, type) pairs, weighted (`_pair_weights`); the top-1
    precision threshold."""
    from sklearn.linear_model import LogisticRegression

    s = oof[desc].ravel()
    y = Y[desc].ravel()
    m = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    m.fit(s.reshape(-1, 1), y, sample_weight=_pair_weights(oof[desc], Y[desc]).ravel())
    a, b = float(m.coef_[0, 0]), float(m.intercept_[0])
    p = 1.0 / (1.0 + np.exp(-(a * oof[desc] + b)))
    top = p.argmax(axis=1)
    conf = p[np.arange(len(top)), top]
    right = Y[desc][np.arange(len(top)), top] == 1
    return (a, b), max(MIN_THRESHOLD, _precision_threshold(conf, right))


def _pair_weights(oof: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Weights of the (document, type) pairs (oof: decision values, Y: 0/1 labels; documents × types).

    A positive pair, and a pair among the document's `NEAR_TYPES` best-scored types, weighs 1; the other
    (far) negative pairs share `FAR_WEIGHT` evenly. A type added for another programme lands among a
    document's far types and only thins their shares: the weight near the decision, and the balance the
    sigmoid sees, stay the same whatever the number of types.
    """
    k = min(NEAR_TYPES, oof.shape[1])
    near = np.zeros(oof.shape, dtype=bool)
    np.put_along_axis(near, np.argsort(-oof, axis=1, kind="stable")[:, :k], True, axis=1)
    far = ~near & (Y == 0)
    n_far = np.maximum(far.sum(axis=1, keepdims=True), 1)
    return np.where(far, FAR_WEIGHT / n_far, 1.0)


def _precision_threshold(conf: np.ndarray, right: np.ndarray) -> float:
    """Lowest confidence c such that predictions with confidence ≥ c are right ≥ TARGET_PRECISION."""
    order = np.argsort(-conf, kind="stable")
    hits = np.cumsum(right[order])
    prec = hits / np.arange(1, len(order) + 1)
    ok = np.flatnonzero(prec >= TARGET_PRECISION)
    return float(conf[order][ok[-1]]) if ok.size else 1.0
