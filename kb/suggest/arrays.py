"""Numeric arrays as plain JSON values, for models stored in the KB file.

`to_json(a)` → `{"dtype": "float32", "shape": [r, c], "b64": "..."}` (the raw
little-endian bytes, base64): data, not code, so loading a KB file never runs
anything (unlike a pickle), and 100k floats stay compact. Not for anything
but storage.
"""
from __future__ import annotations

import base64

import numpy as np

DTYPES = ("float32", "float64", "int32", "int64")


def to_json(a: np.ndarray, dtype: str = "float32") -> dict:
    """A JSON-able dict holding `a` cast to `dtype` (one of DTYPES)."""
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {DTYPES}")
    arr = np.ascontiguousarray(np.asarray(a, dtype=np.dtype(dtype).newbyteorder("<")))
    return {"dtype": dtype, "shape": list(arr.shape), "b64": base64.b64encode(arr.tobytes()).decode("ascii")}


def from_json(d: dict) -> np.ndarray:
    """Inverse of `to_json` (a new native-endian array); ValueError on a malformed dict."""
    if d.get("dtype") not in DTYPES:
        raise ValueError(f"unknown dtype {d.get('dtype')!r}")
    raw = base64.b64decode(d["b64"])
    arr = np.frombuffer(raw, dtype=np.dtype(d["dtype"]).newbyteorder("<"))
    return arr.reshape(d["shape"]).astype(d["dtype"])
