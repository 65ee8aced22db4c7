"""One APIRouter per resource / lifecycle stage."""
