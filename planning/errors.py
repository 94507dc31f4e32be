"""Errors carry a catalogue key and parameters, so each user sees them in their language."""
from __future__ import annotations


class PlanningError(Exception):
    """Base error: `key` names a message in planning.text, `params` fill it."""

    def __init__(self, key: str, **params):
        super().__init__(key, params)
        self.key = key
        self.params = params

    def message(self, lang: str = "th") -> str:
        from planning.text import t

        return t(self.key, lang, **self.params)


class ValidationError(PlanningError):
    """Input was rejected; nothing was saved."""


class PermissionDenied(PlanningError):
    """The acting role may not do this."""


class NotFound(PlanningError):
    """The thing asked for does not exist."""
