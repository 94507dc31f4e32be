"""PDF from a Word document with LibreOffice in headless mode (a real component, installed by the
set-up), fonts embedded; and the page of every bookmarked heading, read back with poppler's
pdfinfo, so the table of contents can show page numbers.

TH SarabunPSK is mapped to Laksaman (fonts-tlwg-laksaman, derived from TH SarabunPSK with the same
metrics) by the fontconfig file in data/fonts/, used only for the conversion.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from planning import catalogue

FONTCONFIG = catalogue.DATA_DIR / "fonts" / "fonts.conf"
TIMEOUT_S = 180
# Named destinations for bookmarks: pdfinfo -dests lists them with their page.
_FILTER = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
_DEST = re.compile(r'^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$')
_lock = threading.Lock()   # one conversion at a time per process: LibreOffice keeps one profile busy


class PdfUnavailable(RuntimeError):
    """LibreOffice (or poppler) is not installed here."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def _profile_dir() -> Path:
    # A profile per process: two processes must not share one (LibreOffice locks it).
    path = Path(tempfile.gettempdir()) / f"smartcity-lo-{os.getuid()}-{os.getpid()}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def to_pdf(docx: bytes) -> bytes:
    """The PDF LibreOffice makes of the document; PdfUnavailable when it is not installed,
    RuntimeError when the conversion fails."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable("soffice not found")
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTCONFIG), HOME=str(_profile_dir()))
    with _lock, tempfile.TemporaryDirectory(prefix="smartcity-pdf-") as tmp:
        source = Path(tmp) / "plan.docx"
        source.write_bytes(docx)
        result = subprocess.run(
            [binary, f"-env:UserInstallation=file://{_profile_dir()}/profile", "--headless", "--norestore",
             "--nologo", "--nolockcheck", "--convert-to", _FILTER, "--outdir", tmp, str(source)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=TIMEOUT_S, check=False)
        target = Path(tmp) / "plan.pdf"
        if not target.exists():
            raise RuntimeError("LibreOffice made no PDF: " + result.stdout.decode("utf-8", "replace")[-500:])
        return target.read_bytes()


def heading_pages(pdf: bytes) -> dict[str, int]:
    """Bookmark name -> page number, from the PDF's named destinations."""
    if shutil.which("pdfinfo") is None:
        raise PdfUnavailable("pdfinfo not found")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        out = subprocess.run(["pdfinfo", "-dests", fh.name], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             timeout=60, check=False).stdout.decode("utf-8", "replace")
    pages = {}
    for line in out.splitlines():
        m = _DEST.match(line)
        if m:
            pages.setdefault(m.group(2), int(m.group(1)))
    return pages


def page_count(pdf: bytes) -> int:
    """Pages of a PDF, from poppler's pdfinfo."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        out = subprocess.run(["pdfinfo", fh.name], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             timeout=60, check=False).stdout.decode("utf-8", "replace")
    m = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    if m is None:
        raise RuntimeError("pdfinfo could not read the PDF")
    return int(m.group(1))
