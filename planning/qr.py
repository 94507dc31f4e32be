"""Join links and their QR codes (segno)."""
from __future__ import annotations

import io
from urllib.parse import urlencode, urlsplit

import segno


def join_link(base: str, join_code: str) -> str:
    """The app's root at `base` (scheme://host[:port][/path], see addresses.join_address): the join
    page for anyone not yet signed in, with the code filled in."""
    parts = urlsplit(base or "http://localhost:8501")
    path = parts.path.rstrip("/")
    return f"{parts.scheme}://{parts.netloc}{path}/?{urlencode({'code': join_code})}"


def png(data: str, scale: int = 8) -> bytes:
    buf = io.BytesIO()
    segno.make(data, error="m").save(buf, kind="png", scale=scale, border=2)
    return buf.getvalue()
