"""Routes of the declarations resource."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
