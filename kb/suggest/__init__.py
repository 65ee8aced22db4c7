"""Suggestion: a project description → a draft 绩效目标表 (see `engine.suggest`)."""
from kb.suggest.engine import Candidate, ProjectTypeHit, SlotCandidates, SuggestResult, suggest

__all__ = ["Candidate", "ProjectTypeHit", "SlotCandidates", "SuggestResult", "suggest"]
