"""Word documents the Thai government way, with python-docx: A4, TH SarabunPSK, black numbered
headings, a header and page numbers, a table of contents, tables whose header row repeats and whose
rows never split across pages, and landscape sections for wide tables.

DOMAIN.md section 4 (Thai government document conventions). The document asks for TH SarabunPSK
for Latin and complex script (w:cs, which Word uses for Thai); where it is not installed, the PDF
step maps it to Laksaman (fonts-tlwg-laksaman, derived from TH SarabunPSK, same metrics).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

FONT = "TH SarabunPSK"
BODY_PT = 16
TABLE_PT = 14
SMALL_TABLE_PT = 12
HEADING_PT = {0: 26, 1: 20, 2: 18, 3: 16}
BLACK = RGBColor(0, 0, 0)
GREY = RGBColor(0x59, 0x59, 0x59)

# Page geometry (DOMAIN.md: about 3 cm left for binding, 2 cm right, 2.5 cm top, 2 cm bottom).
PORTRAIT_MARGINS_MM = dict(left=30, right=20, top=25, bottom=20)
LANDSCAPE_MARGINS_MM = dict(left=15, right=15, top=25, bottom=20)   # binding at the top edge
CELL_MARGIN_CM = 0.12

# Advance widths of TH SarabunPSK / Laksaman in ems (measured on Laksaman), to size columns so that
# amounts never wrap: digits, separators, Thai letters, Latin letters.
_EM = {"digit": 0.544, "sep": 0.243, "space": 0.25, "thai": 0.58, "mark": 0.0, "latin": 0.52, "upper": 0.68}


def text_width_cm(value: str, size_pt: float, bold: bool = False) -> float:
    """Estimated printed width of one line of text."""
    em = 0.0
    for ch in value:
        if ch.isdigit():
            em += _EM["digit"]
        elif ch in ",.":
            em += _EM["sep"]
        elif ch == " ":
            em += _EM["space"]
        elif "\u0e31" == ch or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e":
            em += _EM["mark"]       # above/below marks take no width
        elif "\u0e00" <= ch <= "\u0e7f":
            em += _EM["thai"]
        elif ch.isupper():
            em += _EM["upper"]
        else:
            em += _EM["latin"]
    return em * size_pt * (1.05 if bold else 1.0) * 2.54 / 72


# Child order the WordprocessingML schema prescribes (Word refuses files that break it).
_ORDER = {
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"),
    "w:tcPr": ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
               "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"),
    "w:tblCellMar": ("w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
              "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
              "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang"),
    "w:settings": ("w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:proofState",
                   "w:defaultTabStop", "w:characterSpacingControl", "w:updateFields", "w:hdrShapeDefaults",
                   "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                   "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                   "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                   "w:smartTagType", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol",
                   "w:listSeparator"),
}


def _prefixed(el) -> str:
    ns, _, local = el.tag[1:].partition("}")
    return ("m:" if ns.endswith("/math") else "w:") + local


def _set(parent, tag: str, **attrs):
    """Get or add a child element, in the place the schema gives it, and set its attributes."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        order = _ORDER.get(_prefixed(parent))
        later = order[order.index(tag) + 1:] if order and tag in order else ()
        successor = next((c for c in parent if _prefixed(c) in later), None)
        if successor is not None:
            successor.addprevious(el)
        else:
            parent.append(el)
    for k, v in attrs.items():
        el.set(qn(k), str(v))
    return el


def set_run_font(rpr, size_pt: float | None = None, bold: bool | None = None) -> None:
    """TH SarabunPSK for every script; size and bold for Latin and complex script alike."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):   # asciiTheme, hAnsiTheme, eastAsiaTheme, cstheme
            del fonts.attrib[attr]    # a theme font would win over the explicit one
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            el = rpr.find(qn(tag))
            if bold and el is None:
                _set(rpr, tag)
            elif not bold and el is not None:
                rpr.remove(el)
    if size_pt is not None:
        _set(rpr, "w:sz", **{"w:val": int(size_pt * 2)})
        _set(rpr, "w:szCs", **{"w:val": int(size_pt * 2)})
    _set(rpr, "w:lang", **{"w:bidi": "th-TH"})


def _style_font(style, size_pt: float, bold: bool = False) -> None:
    rpr = style.element.get_or_add_rPr()
    set_run_font(rpr, size_pt, bold)
    style.font.color.rgb = BLACK
    style.font.italic = False


@dataclass(frozen=True)
class Column:
    title: str
    width_cm: float
    align: str = "left"          # left, right, center


@dataclass(frozen=True)
class Cell:
    """A table cell: lines of text (each its own paragraph), optionally bold or greyed."""
    lines: tuple[str, ...]
    bold: bool = False
    align: str | None = None
    grey: bool = False

    @staticmethod
    def of(value) -> "Cell":
        if isinstance(value, Cell):
            return value
        if isinstance(value, (list, tuple)):
            return Cell(tuple(str(v) for v in value))
        return Cell(("" if value is None else str(value),))


_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


class WordDocument:
    """A Thai plan document being built; headings are numbered by the caller and collected for
    the table of contents, each with a bookmark the PDF step reads page numbers from."""

    def __init__(self, header_text: str):
        self.doc = Document()
        self.header_text = header_text
        self.headings: list[tuple[int, str, str]] = []   # (level, text, bookmark)
        self._bookmark_id = 0
        self._styles()
        self._page(self.doc.sections[0], landscape=False)
        self.doc.sections[0].different_first_page_header_footer = True   # the cover has none
        self._header_footer(self.doc.sections[0])

    # ---- set-up -------------------------------------------------------------------------------
    def _styles(self) -> None:
        styles = self.doc.styles
        # document defaults, so that nothing falls back to the theme's Latin font
        rpr_default = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_run_font(rpr_default, BODY_PT)
        _style_font(styles["Normal"], BODY_PT)
        normal = styles["Normal"].paragraph_format
        normal.space_before, normal.space_after = Pt(0), Pt(4)
        normal.line_spacing_rule = WD_LINE_SPACING.SINGLE
        for level in (1, 2, 3):
            style = styles[f"Heading {level}"]
            _style_font(style, HEADING_PT[level], bold=True)
            fmt = style.paragraph_format
            fmt.space_before, fmt.space_after = Pt(12 if level == 1 else 8), Pt(4)
            fmt.keep_with_next = True
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        _style_font(styles["Title"], HEADING_PT[0], bold=True)
        title_ppr = styles["Title"].element.get_or_add_pPr()
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)   # the default Title draws a blue rule under itself
        for name in ("Header", "Footer", "Caption", "List Bullet", "Table Grid"):
            _style_font(styles[name], TABLE_PT if name != "List Bullet" else BODY_PT, bold=False)
        from docx.enum.style import WD_STYLE_TYPE
        for level in (1, 2, 3):
            name = f"toc {level}"
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            _style_font(style, BODY_PT, bold=level == 1)
            style.paragraph_format.left_indent = Cm(0.8 * (level - 1))
            style.paragraph_format.space_after = Pt(0)

    def _page(self, section, landscape: bool) -> None:
        margins = LANDSCAPE_MARGINS_MM if landscape else PORTRAIT_MARGINS_MM
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
        section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
        section.header_distance, section.footer_distance = Mm(12), Mm(10)

    def text_width_cm(self) -> float:
        return self.text_width_cm_of(self.doc.sections[-1])

    @staticmethod
    def text_width_cm_of(section) -> float:
        return (section.page_width - section.left_margin - section.right_margin) / 360000

    def _header_footer(self, section) -> None:
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        header = section.header.paragraphs[0]
        header.text = ""
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(self.header_text)
        set_run_font(run._r.get_or_add_rPr(), TABLE_PT)
        run.font.color.rgb = GREY
        footer = section.footer.paragraphs[0]
        footer.text = ""
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._field(footer, "PAGE", "1", TABLE_PT)

    def new_section(self, landscape: bool) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(section, landscape)
        section.different_first_page_header_footer = False
        self._header_footer(section)

    # ---- text ---------------------------------------------------------------------------------
    def _run(self, paragraph, value: str, size: float | None = None, bold: bool = False, grey: bool = False,
             italic: bool = False):
        run = paragraph.add_run(value)
        set_run_font(run._r.get_or_add_rPr(), size, bold)
        if grey:
            run.font.color.rgb = GREY
        if italic:
            run.font.italic = True
        return run

    def paragraph(self, value: str = "", *, bold: bool = False, size: float | None = None, align: str | None = None,
                  grey: bool = False, italic: bool = False, style: str | None = None, indent_cm: float | None = None,
                  keep_with_next: bool = False, space_after: float | None = None, left_cm: float | None = None,
                  space_before: float | None = None, hanging_cm: float | None = None):
        p = self.doc.add_paragraph(style=style)
        if value:
            self._run(p, value, size, bold, grey, italic)
        if align:
            p.alignment = _ALIGN[align]
        if indent_cm is not None:
            p.paragraph_format.first_line_indent = Cm(indent_cm)
        if left_cm is not None:
            p.paragraph_format.left_indent = Cm(left_cm)
        if hanging_cm is not None:        # wrapped lines line up after a number
            p.paragraph_format.left_indent = Cm((left_cm or 0) + hanging_cm)
            p.paragraph_format.first_line_indent = Cm(-hanging_cm)
        if space_before is not None:
            p.paragraph_format.space_before = Pt(space_before)
        if keep_with_next:
            p.paragraph_format.keep_with_next = True
        if space_after is not None:
            p.paragraph_format.space_after = Pt(space_after)
        return p

    def label_value(self, label: str, value: str, placeholder: str | None = None) -> None:
        """“label: value” with the label bold; an empty value shows the placeholder in grey."""
        p = self.doc.add_paragraph()
        self._run(p, f"{label}: ", bold=True)
        if value:
            self._run(p, value)
        else:
            self._run(p, placeholder or "", grey=True, italic=True)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            p = self.doc.add_paragraph(style="List Bullet")
            self._run(p, item)

    def placeholder(self, value: str) -> None:
        self.paragraph(value, grey=True, italic=True)

    def heading(self, value: str, level: int, in_toc: bool = True) -> None:
        p = self.doc.add_heading("", level=level)
        self._run(p, value, HEADING_PT[level], bold=True)
        if in_toc:
            self._bookmark_id += 1
            name = f"planheading{self._bookmark_id:04d}"   # letters and digits: kept as-is in PDF names
            start = OxmlElement("w:bookmarkStart")
            start.set(qn("w:id"), str(self._bookmark_id))
            start.set(qn("w:name"), name)
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), str(self._bookmark_id))
            p._p.insert(1, start)       # after pPr
            p._p.append(end)
            self.headings.append((level, value, name))

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _field(self, paragraph, instruction: str, shown: str, size: float | None = None) -> None:
        def fld(kind):
            run = paragraph.add_run()
            set_run_font(run._r.get_or_add_rPr(), size)
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        fld("begin")
        run = paragraph.add_run()
        set_run_font(run._r.get_or_add_rPr(), size)
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        run._r.append(instr)
        fld("separate")
        self._run(paragraph, shown, size)
        fld("end")

    def contents_here(self) -> None:
        """Mark where the table of contents goes; write_contents fills it once every heading is known."""
        self._contents_anchor = self.doc.add_paragraph()

    def write_contents(self, pages: dict[str, int] | None) -> None:
        """A TOC field whose shown result lists every heading with its page (when known), so
        the TOC reads right without updating; Word rebuilds it when fields are updated."""
        width = Cm(self.text_width_cm_of(self.doc.sections[0]))
        entries = self.headings or [(1, "", "")]
        anchor = self._contents_anchor
        for n, (level, value, name) in enumerate(entries):
            p = anchor.insert_paragraph_before(style=f"toc {level}")
            fmt = p.paragraph_format
            # wrapped lines keep the entry's indent and stop short of the page numbers
            fmt.left_indent, fmt.right_indent = Cm(0.8 * (level - 1)), Cm(1.0)
            fmt.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            if n == 0:
                for kind, instr in (("begin", None), (None, 'TOC \\o "1-3" \\h \\z'), ("separate", None)):
                    run = p.add_run()
                    if kind:
                        el = OxmlElement("w:fldChar")
                        el.set(qn("w:fldCharType"), kind)
                    else:
                        el = OxmlElement("w:instrText")
                        el.set(qn("xml:space"), "preserve")
                        el.text = f" {instr} "
                    run._r.append(el)
            self._run(p, value, bold=level == 1)
            page = (pages or {}).get(name)
            self._run(p, "\t" + (str(page) if page else ""), bold=level == 1)
            if n == len(entries) - 1:
                run = p.add_run()
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), "end")
                run._r.append(el)
        anchor._p.getparent().remove(anchor._p)

    def update_fields_on_open(self) -> None:
        """Ask Word to refresh the TOC when the file opens (used when page numbers are unknown)."""
        _set(self.doc.settings.element, "w:updateFields", **{"w:val": "true"})

    # ---- tables -------------------------------------------------------------------------------
    def table(self, columns: list[Column], rows: list[list], *, size: float = TABLE_PT,
              groups: dict[int, str | list[str]] | None = None, total_row: list | None = None,
              header: bool = True, details: dict[int, str] | None = None):
        """A fixed-layout table: the header row repeats on every page, no row splits across
        pages, numbers right-aligned. `groups` puts full-width group rows (e.g. a strategy, then
        a measure) before the row of that index; `details` puts a row under it whose text spans
        every column but the first, kept on the same page as the row above."""
        table = self.doc.add_table(rows=0, cols=len(columns))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        tbl_pr = table._tbl.tblPr
        _set(tbl_pr, "w:tblLayout", **{"w:type": "fixed"})
        margins = _set(tbl_pr, "w:tblCellMar")
        for side in ("left", "right"):
            _set(margins, f"w:{side}", **{"w:w": int(CELL_MARGIN_CM * 567), "w:type": "dxa"})
        total_w = sum(c.width_cm for c in columns)
        _set(tbl_pr, "w:tblW", **{"w:w": int(total_w * 567), "w:type": "dxa"})
        grid = table._tbl.tblGrid
        for col, grid_col in zip(columns, grid.findall(qn("w:gridCol"))):
            grid_col.set(qn("w:w"), str(int(col.width_cm * 567)))
        if header:
            self._row(table, columns, [Cell((c.title,), bold=True, align="center") for c in columns], size,
                      header=True, shade="D9D9D9")
        for n, row in enumerate(rows):
            if groups and n in groups:
                for label in ([groups[n]] if isinstance(groups[n], str) else groups[n]):
                    self._group_row(table, columns, label, size)
            main = self._row(table, columns, [Cell.of(v) for v in row], size)
            if details and n in details:
                self._detail_row(table, main, details[n], size)
        if total_row is not None:
            self._row(table, columns, [Cell(Cell.of(v).lines, bold=True, align=Cell.of(v).align)
                                       for v in total_row], size, shade="F2F2F2")
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)
        return table

    def _row(self, table, columns, cells: list[Cell], size: float, header: bool = False, shade: str | None = None):
        row = table.add_row()
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))       # a row never splits across pages
        if header:
            tr_pr.append(OxmlElement("w:tblHeader"))   # repeated on every page
        for col, cell_obj, cell in zip(columns, cells, row.cells):
            cell.width = Cm(col.width_cm)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if header else WD_CELL_VERTICAL_ALIGNMENT.TOP
            if shade:
                _set(cell._tc.get_or_add_tcPr(), "w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": shade})
            align = cell_obj.align or col.align
            cell.paragraphs[0].text = ""
            for i, line in enumerate(cell_obj.lines or ("",)):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                p.alignment = _ALIGN[align]
                fmt = p.paragraph_format
                fmt.space_before, fmt.space_after = Pt(0), Pt(0)
                fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
                if line:
                    self._run(p, line, size, cell_obj.bold and (i == 0 or header), cell_obj.grey)
        return row

    def _detail_row(self, table, main, value: str, size: float) -> None:
        for cell in main.cells:                        # the row above stays with its detail
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        main.cells[0].merge(row.cells[0])              # the row number spans both rows
        merged = row.cells[1].merge(row.cells[-1])
        p = merged.paragraphs[0]
        p.text = ""
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        self._run(p, value, size)

    def _group_row(self, table, columns, value: str, size: float) -> None:
        row = table.add_row()
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        merged = row.cells[0].merge(row.cells[-1])
        _set(merged._tc.get_or_add_tcPr(), "w:shd", **{"w:val": "clear", "w:color": "auto", "w:fill": "F2F2F2"})
        p = merged.paragraphs[0]
        p.text = ""
        p.paragraph_format.keep_with_next = True      # a group title never ends a page
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        self._run(p, value, size, bold=True)

    # ---- pictures and output ----------------------------------------------------------------------
    def picture(self, png: bytes, width_cm: float, caption: str | None = None) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        if caption:
            self.paragraph(caption, align="center", size=TABLE_PT)

    def core_properties(self, title: str, author: str) -> None:
        self.doc.core_properties.title = title
        self.doc.core_properties.author = author
        self.doc.core_properties.language = "th-TH"

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def fit_columns(fixed: list[tuple[str, float, str]], flexible: list[tuple[str, float, float, str]],
                available_cm: float) -> list[Column]:
    """Columns sized to their content: `fixed` (title, width, align) keep their width; `flexible`
    (title, wanted, minimum, align) share what is left, in proportion to what they want, never
    below their minimum. The order is fixed columns first in their given positions."""
    used = sum(w for _, w, _ in fixed)
    left = max(available_cm - used, sum(m for _, _, m, _ in flexible))
    wanted = sum(w for _, w, _, _ in flexible) or 1
    widths = [max(m, left * w / wanted) for _, w, m, _ in flexible]
    scale = left / sum(widths) if sum(widths) > left else 1
    return ([Column(t, w, a) for t, w, a in fixed]
            + [Column(t, w * scale, a) for (t, _, _, a), w in zip(flexible, widths)])
