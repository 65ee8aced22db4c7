"""Every table of the workflow database on one MetaData: the lifecycle's, 佐证材料' and the 电子会计档案's.

The areas declare their tables on `kb.lifecycle.models.Base`; importing them
here puts them all on `metadata`, which the Alembic environment compares and
migrates. Not for queries (each area's own modules hold those).
"""
from __future__ import annotations

from kb.archive import models as _archive_models  # noqa: F401  (registers the tables)
from kb.evidence import models as _evidence_models  # noqa: F401  (registers the tables)
from kb.lifecycle.models import Base

metadata = Base.metadata
