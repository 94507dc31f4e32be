"""Small shared checks for user-entered text."""
from __future__ import annotations

import unicodedata

from planning.errors import ValidationError
from planning.text import Key


def clean_text(value: str | None, field: str, max_len: int, min_len: int = 1) -> str:
    """Trimmed, NFC-normalised text of an allowed length, or a ValidationError naming the field."""
    text = unicodedata.normalize("NFC", (value or "").strip())
    if len(text) < min_len:
        raise ValidationError("error.required", field=Key(field))
    if len(text) > max_len:
        raise ValidationError("error.too_long", field=Key(field), max=max_len, length=len(text))
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise ValidationError("error.control_chars", field=Key(field))
    return text
