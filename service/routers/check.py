"""Routes of the check resource."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
