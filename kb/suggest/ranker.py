"""Step 5 of suggest: order candidates — named tiers first, then a ranker learned from real tables.

Tiers (`Tier`, highest first) are rules a reviewer would insist on; the
learned score orders rows within a tier:
- `BOUND` — the row holds a number the description states, the budget as
  its ceiling, or a number derived from two it states (budget ÷ persons):
  the declarant's own plan comes before anything the library proposes;
- `RANKED` — every other row, by the ranker's probability;
- `ALTERNATE` — rows set aside: neither in the table nor offered beside it
  (a row from another sector without evidence in the text, a generic row the
  detected type does not list, a row the checker would delete).

Ranker: scikit-learn gradient boosting (`HistGradientBoostingClassifier`,
`PARAMS`, fixed random state: deterministic) over
`kb.suggest.features.FEATURES`. On the 85 dev projects, cross-validated by
project, it put 0.18 of the real rows among its first ten candidates where
a logistic regression over the same features put 0.15. Label: the candidate
matches a row of the project's real table (character-bigram Dice ≥ 0.5
after `normalize_name`, the evaluation's definition). Training data: the
candidates suggest generates for each labelled real table of
`indicators/training/tables.jsonl` (see `kb.suggest.training`). Stored as
plain JSON: per tree the node arrays (feature, threshold, children, leaf
values), evaluated here with numpy — no pickle, no scikit-learn at query
time. Without a trained model (`FALLBACK`) a documented hand-set linear
weighting is used.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from kb.suggest.features import FEATURES

PARAMS = {"max_depth": 3, "max_iter": 150, "learning_rate": 0.05, "min_samples_leaf": 20, "random_state": 0}


class Tier(IntEnum):
    """Named priorities applied before the learned score (see the module docstring)."""

    ALTERNATE = 0
    RANKED = 1
    BOUND = 2


# hand-set weights used only when the KB holds no trained ranker (e.g. a library without
# training tables): type-set rows and formed names first, then lexical evidence
FALLBACK = {"type_prob": 2.0, "type_pos": 1.0, "type_core": 0.5, "lex": 1.5, "lex_rank": 0.5,
            "text_overlap": 1.0, "name_overlap": 1.0, "fam_freq": 2.0, "formed": 0.8, "bound": 1.0,
            "sector_ok": 0.5, "generic": -0.5, "pending": -0.3}


@dataclass
class Tree:
    """One regression tree: node arrays; a leaf holds its value, an inner node its split."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.value[_descend(self, X, np.zeros(X.shape[0], dtype=np.int64), np.arange(X.shape[0]))]

    def to_json(self) -> dict:
        return {k: getattr(self, k).tolist() for k in ("feature", "threshold", "left", "right", "leaf", "value",
                                                        "missing_left")}

    @classmethod
    def from_json(cls, d: dict) -> "Tree":
        return cls(np.array(d["feature"], dtype=np.int64), np.array(d["threshold"], dtype=np.float64),
                   np.array(d["left"], dtype=np.int64), np.array(d["right"], dtype=np.int64),
                   np.array(d["leaf"], dtype=bool), np.array(d["value"], dtype=np.float64),
                   np.array(d["missing_left"], dtype=bool))


@dataclass
class Ranker:
    """Probability = sigmoid(baseline + Σ trees) over the named features (or a linear fallback)."""

    features: tuple[str, ...]
    baseline: float
    trees: list[Tree]
    weights: np.ndarray | None = None      # linear fallback only

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Probability per row of X (columns in `FEATURES` order)."""
        if X.shape[0] == 0:
            return np.zeros(0)
        Z = X[:, [FEATURES.index(f) for f in self.features]]
        raw = np.full(X.shape[0], self.baseline)
        if self.weights is not None:
            raw += Z @ self.weights
        if self.trees:
            raw += self._forest().predict(Z)
        return 1.0 / (1.0 + np.exp(-raw))

    def _forest(self) -> Tree:
        """All trees packed into one node array (children offset), walked for every tree at once."""
        packed = getattr(self, "_packed", None)
        if packed is None:
            packed = self._packed = _pack(self.trees)
        return packed

    def to_json(self) -> dict:
        return {"kind": "ranker", "model": "gradient_boosting", "features": list(self.features),
                "baseline": self.baseline, "trees": [t.to_json() for t in self.trees]}

    @classmethod
    def from_json(cls, d: dict) -> "Ranker":
        if d.get("model") != "gradient_boosting":
            raise ValueError("the KB file holds an older ranker; rebuild it (jixiao build --force)")
        feats = tuple(d["features"])
        unknown = [f for f in feats if f not in FEATURES]
        if unknown:
            raise ValueError(f"ranker uses unknown features {unknown}; rebuild the KB (jixiao build --force)")
        return cls(feats, float(d["baseline"]), [Tree.from_json(t) for t in d["trees"]])


class _Forest(Tree):
    """Trees packed end to end; `roots` are the first node of each tree."""

    def __init__(self, roots: np.ndarray, **arrays):
        super().__init__(**arrays)
        self.roots = roots

    def predict(self, X: np.ndarray) -> np.ndarray:
        n = X.shape[0]
        if n and not np.isnan(X).any():
            return self.value[self._walk(X)].sum(axis=1)
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        return self.value[_descend(self, X, node, np.arange(n)[:, None])].sum(axis=1)

    def _walk(self, X: np.ndarray) -> np.ndarray:
        """`_descend` for X without missing values: the leaf of every (row, tree), in as many steps as
        the deepest tree has levels; a leaf is its own child, so rows that reach one early stay there."""
        steps = getattr(self, "_steps", None)
        if steps is None:
            nodes = np.arange(len(self.leaf))
            children = np.stack([np.where(self.leaf, nodes, self.left), np.where(self.leaf, nodes, self.right)], 1)
            steps = self._steps = (children.ravel(), np.where(self.leaf, 0, self.feature), _depth(self))
        children, feature, depth = steps
        n, width = X.shape
        flat = np.ascontiguousarray(X).ravel()
        offset = (np.arange(n) * width)[:, None]
        node = np.broadcast_to(self.roots, (n, len(self.roots)))
        for _ in range(depth):
            right = flat[offset + feature[node]] > self.threshold[node]     # not (x ≤ threshold): go right
            node = children[2 * node + right]
        return node


def _pack(trees: list[Tree]) -> _Forest:
    offsets = np.cumsum([0] + [len(t.leaf) for t in trees[:-1]])
    cat = {k: np.concatenate([getattr(t, k) for t in trees]) for k in ("feature", "threshold", "leaf", "value",
                                                                          "missing_left")}
    cat["left"] = np.concatenate([t.left + o for t, o in zip(trees, offsets)])
    cat["right"] = np.concatenate([t.right + o for t, o in zip(trees, offsets)])
    return _Forest(offsets.astype(np.int64), **cat)


def fallback_ranker() -> Ranker:
    """The hand-set linear ranker (`FALLBACK`) for KBs without training tables."""
    feats = tuple(FALLBACK)
    return Ranker(feats, -3.0, [], np.array([FALLBACK[f] for f in feats]))


def train_ranker(X: np.ndarray, y: np.ndarray) -> Ranker | None:
    """Fit the gradient boosting on candidate features X and match labels y (None without both classes)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    if X.shape[0] == 0 or y.min() == y.max():
        return None
    m = HistGradientBoostingClassifier(**PARAMS)
    m.fit(X, y)
    trees = [_tree(p[0].nodes) for p in m._predictors]
    return Ranker(FEATURES, float(np.ravel(m._baseline_prediction)[0]), trees)


def _tree(nodes) -> Tree:
    return Tree(feature=nodes["feature_idx"].astype(np.int64), threshold=nodes["num_threshold"].astype(np.float64),
                left=nodes["left"].astype(np.int64), right=nodes["right"].astype(np.int64),
                leaf=nodes["is_leaf"].astype(bool), value=nodes["value"].astype(np.float64),
                missing_left=nodes["missing_go_to_left"].astype(bool))


def _depth(forest: "_Forest") -> int:
    """Levels of inner nodes on the longest root-to-leaf path of any packed tree."""
    depth, level = 0, forest.roots
    while level.size:
        level = level[~forest.leaf[level]]
        if level.size:
            depth += 1
            level = np.concatenate([forest.left[level], forest.right[level]])
    return depth


def _descend(tree, X: np.ndarray, node: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Walk every sample from `node` to its leaf (at most 64 levels): left when the feature is
    ≤ the threshold, a missing value (NaN) the way the tree learned for it. `tree` has the arrays
    leaf, feature, threshold, left, right, missing_left indexed by node; `rows` indexes X's rows
    in `node`'s shape."""
    for _ in range(64):
        inner = ~tree.leaf[node]
        if not inner.any():
            break
        x = X[rows, tree.feature[node]]
        go_left = np.where(np.isnan(x), tree.missing_left[node], x <= tree.threshold[node])
        node = np.where(inner, np.where(go_left, tree.left[node], tree.right[node]), node)
    return node
