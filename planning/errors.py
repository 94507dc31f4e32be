"""Errors carry a catalogue key and parameters, so each user sees them in their language."""
from __future__ import annotations


class PlanningError(Exception):
    """Base error: `key` names a message in planning.text, `params` fill it."""

    def __init__(self, key: str, **params):
        super().__init__(key, params)
        self.key = key
        self.params = params

    def message(self, lang: str = "th", escape=None) -> str:
        """`escape` (e.g. text.escape_markdown) is applied to every parameter: they may be user text."""
        from planning.text import render

        return render(self.key, lang, self.params, escape)


class ValidationError(PlanningError):
    """Input was rejected; nothing was saved."""


class PermissionDenied(PlanningError):
    """The acting role may not do this."""


class NotFound(PlanningError):
    """The thing asked for does not exist."""
