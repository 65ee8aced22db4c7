"""Routes of the public resource."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
