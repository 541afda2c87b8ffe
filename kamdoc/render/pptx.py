"""The PowerPoint renderer: draws the outline's slides as native, editable shapes, tables and charts."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from copy import deepcopy
from datetime import datetime
from typing import TYPE_CHECKING, cast
from xml.sax.saxutils import escape

from pptx import Presentation
from pptx.chart.data import BubbleChartData, ChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart
from pptx.util import Emu, Pt

if TYPE_CHECKING:  # python-pptx's classes, named for the type checker only
    from pptx.chart.axis import _BaseAxis
    from pptx.chart.chart import Chart
    from pptx.chart.plot import _BasePlot
    from pptx.chart.series import BubbleSeries
    from pptx.oxml.xmlchemy import BaseOxmlElement
    from pptx.presentation import Presentation as PresentationFile
    from pptx.shapes.autoshape import Shape as PptxShape
    from pptx.shapes.base import BaseShape
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.slide import Slide as PptxSlide
    from pptx.slide import SlideLayout
    from pptx.text.text import TextFrame

from kamdoc.outline.axes import CHART_FONT, COLUMN_GAP, LEGEND_ROW
from kamdoc.outline.bubbles import SCALE as BUBBLE_SCALE
from kamdoc.outline.deck import (
    Box,
    BubbleChart,
    ColumnChart,
    Connector,
    Deck,
    Element,
    Image,
    LineChart,
    Shape,
    Slide,
    Table,
    Text,
)
from kamdoc.outline.layout import CELL_PAD_X, CELL_PAD_Y, INSET, PARA_GAP, indent
from kamdoc.outline.measure import LINE_SPACING
from kamdoc.outline.richtext import Para, Run
from kamdoc.render.chart_totals import SummedData, label_totals
from kamdoc.render.elbows import Elbow, elbow_for
from kamdoc.render.master import LAYOUTS, own_master, read_ahead, scheme_slots
from kamdoc.theme.company import Template
from kamdoc.theme.settings import Theme


def _emu(points: float) -> Emu:
    return Emu(int(round(points * 12700)))


def _xfrm(box: Box, tag: str = "a:xfrm") -> str:
    """Where a shape sits, in EMU (a graphic frame writes it as p:xfrm)."""
    return f'<{tag}><a:off x="{int(_emu(box.x))}" y="{int(_emu(box.y))}"/><a:ext cx="{int(_emu(box.w))}" cy="{int(_emu(box.h))}"/></{tag}>'


def _rgb(hex_colour: str) -> RGBColor:
    value = int(hex_colour.lstrip("#"), 16)
    return RGBColor(value >> 16, (value >> 8) & 0xFF, value & 0xFF)


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_AHYP = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"
_LINK_COLOUR = "{A12FA001-AC4F-418D-AE19-62706E023703}"
_ALGN = {"left": "l", "right": "r", "center": "ctr"}


def _hundredths(points: float) -> int:
    return int(round(points * 100))


_AUTO_NUMBERS = (1, 32767)
"""The numbers a DrawingML list may start at (a:buAutoNum startAt); a list written from another number shows it as text."""


def _counted(bullet: str) -> bool:
    """Whether PowerPoint can number a list item with this marker ("7.") itself."""
    digits = bullet.rstrip(".")
    return digits.isdigit() and _AUTO_NUMBERS[0] <= int(digits) <= _AUTO_NUMBERS[1]


ROUNDING = 0.08
"""A rounded box's corner radius as a share of its shorter side: PowerPoint's roundRect with adj 8000."""


def _way_out(fx: float, fy: float) -> int:
    """The direction a line leaves a connection site at, in DrawingML's 60,000ths of a degree: out of the side it is on."""
    return 10800000 if fx == 0 else 0 if fx == 1 else 16200000 if fy == 0 else 5400000


def _sited_geometry(element: Shape) -> str:
    """A box's outline as a custom geometry with the connection sites the outline chose (a preset rectangle has only
    the middles of its four sides): the rounded rectangle PowerPoint draws for roundRect, or a plain one."""
    w, h = int(_emu(element.box.w)), int(_emu(element.box.h))
    r = int(min(w, h) * ROUNDING) if element.rounded else 0
    sites = "".join(
        f'<a:cxn ang="{_way_out(fx, fy)}"><a:pos x="{int(round(fx * w))}" y="{int(round(fy * h))}"/></a:cxn>'
        for fx, fy in element.sites
    )
    corner = (
        (lambda start: f'<a:arcTo wR="{r}" hR="{r}" stAng="{start}" swAng="5400000"/>') if r else (lambda start: "")
    )
    path = (
        f'<a:moveTo><a:pt x="{r}" y="0"/></a:moveTo><a:lnTo><a:pt x="{w - r}" y="0"/></a:lnTo>{corner(16200000)}'
        f'<a:lnTo><a:pt x="{w}" y="{h - r}"/></a:lnTo>{corner(0)}<a:lnTo><a:pt x="{r}" y="{h}"/></a:lnTo>{corner(5400000)}'
        f'<a:lnTo><a:pt x="0" y="{r}"/></a:lnTo>{corner(10800000)}<a:close/>'
    )
    return (
        f'<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst>{sites}</a:cxnLst><a:rect l="l" t="t" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{w}" h="{h}">{path}</a:path></a:pathLst></a:custGeom>'
    )


class _Painter:
    """Draws one deck into a python-pptx presentation."""

    def __init__(self, deck: Deck, theme: Theme, template: Template | None) -> None:
        self.deck = deck
        self.theme = theme
        self.template = template
        if template is None:
            self.prs = own_master(deck, theme)
            self.layouts: dict[str, str | None] = dict(LAYOUTS)
        else:
            self.prs = Presentation(io.BytesIO(template.data))
            self.layouts = dict(template.layouts)
            _remove_slides(self.prs)  # a company template often brings sample slides
        # What the master already says is not repeated in every run: its scheme colours and its body font.
        self.slots, _, master_face = scheme_slots(self.prs)
        self.face = str(theme.get("font", "face"))
        self.font_xml = (
            ""
            if self.face == master_face
            else f'<a:latin typeface="{escape(self.face)}"/><a:cs typeface="{escape(self.face)}"/>'
        )
        self.lang = "de-DE" if deck.language == "de" else "en-GB"
        self._fast_partnames()
        self._notes_template: BaseOxmlElement | None = None
        self._notes_count = 0
        self._ids: dict[
            int, tuple[int, int]
        ] = {}  # per slide: the highest shape id given, and how many shapes it then had
        self.pages: list[PptxSlide] = []
        self.starts = deck.section_starts()  # where each agenda entry's link jumps to
        self.blank = self._layout(("Blank", "Leer")) or self.prs.slide_layouts[len(self.prs.slide_layouts) - 1]

    def _layout(self, names: tuple[str, ...]) -> SlideLayout | None:
        for layout in self.prs.slide_layouts:
            if layout.name in names:
                return layout
        return None

    def colour(self, name: str) -> RGBColor:
        return _rgb(self.theme.colour(*name.split(".")))

    def hex(self, name: str) -> str:
        return self.theme.colour(*name.split(".")).lstrip("#").upper()

    def colour_xml(self, name: str) -> str:
        """A theme colour as DrawingML: by its slot in the master's colour scheme where it has one, so it follows the master."""
        value = self.hex(name)
        slot = self.slots.get(value)
        return f'<a:schemeClr val="{slot}"/>' if slot else f'<a:srgbClr val="{value}"/>'

    # Text is written as DrawingML directly: python-pptx's object API costs a second per deck
    # in tables alone, and the XML is the same.

    def runs_xml(
        self, page: PptxSlide, para: Para, size: float, colour: str, bold: bool = False, placeholder: bool = False
    ) -> str:
        out = []
        # A placeholder's font and colour are its layout's: a company template's titles keep their look.
        look = "" if placeholder else f"<a:solidFill>{self.colour_xml(colour)}</a:solidFill>{self.font_xml}"
        for run in para.runs:
            link = ""
            if run.link and run.link.startswith("#"):  # an agenda entry: a jump to the first slide of its section
                link = self.slide_link(page, run.link[1:])
            elif run.link:
                rid = page.part.relate_to(run.link, RT.HYPERLINK, is_external=True)
                link = f'<a:hlinkClick r:id="{rid}"/>'
            own = (
                look
                if run.colour is None or placeholder
                else f"<a:solidFill>{self.colour_xml(run.colour)}</a:solidFill>{self.font_xml}"
            )
            strike = ' strike="sngStrike"' if run.strike else ""
            if run.link and run.link.startswith("#"):  # a jump inside the deck reads as text, not as a web link
                strike += ' u="none"'
            props = (
                f'<a:rPr lang="{self.lang}" sz="{_hundredths(size)}" b="{int(run.bold or bold)}" i="{int(run.italic)}"{strike} dirty="0">'
                f"{own}{link}</a:rPr>"
            )
            for i, piece in enumerate(run.text.split("\n")):
                if i:
                    out.append(f"<a:br>{props}</a:br>")
                if piece:
                    out.append(f"<a:r>{props}<a:t>{escape(piece)}</a:t></a:r>")
        return "".join(out)

    def slide_link(self, page: PptxSlide, section: str) -> str:
        """A click that jumps to the slide a section starts on (every page exists before any is filled)."""
        index = self.starts.get(section)
        if index is None or index >= len(self.pages):
            return ""
        rid = page.part.relate_to(self.pages[index].part, RT.SLIDE)
        # In the run's own colour (PowerPoint's hyperlink colour extension), not the theme's link blue.
        return (
            f'<a:hlinkClick r:id="{rid}" action="ppaction://hlinksldjump"><a:extLst><a:ext uri="{_LINK_COLOUR}">'
            f'<ahyp:hlinkClr xmlns:ahyp="{_AHYP}" val="tx"/></a:ext></a:extLst></a:hlinkClick>'
        )

    def para_xml(
        self,
        page: PptxSlide,
        para: Para,
        size: float,
        colour: str,
        align: str,
        bold: bool = False,
        gap: bool = True,
        placeholder: bool = False,
    ) -> str:
        start, hang = indent(para, size)
        attrs = f'algn="{_ALGN[align]}"'
        bullet = ""
        if para.bullet or para.level:
            attrs += f' marL="{int(_emu(start))}" indent="{-int(_emu(hang))}"'
            if para.bullet == "•":
                bullet = '<a:buFont typeface="Arial"/><a:buChar char="•"/>'
            elif para.bullet and _counted(para.bullet):
                bullet = f'<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="{para.bullet.rstrip(".")}"/>'
            elif (
                para.bullet
            ):  # a number PowerPoint cannot count from (0, 40000): written as text where the number would stand
                bullet = "<a:buNone/>"
                para = Para((Run(f"{para.bullet}\t"), *para.runs), None, para.level)  # the tab: to the indent
        else:
            bullet = "<a:buNone/>"
        spacing = f'<a:lnSpc><a:spcPts val="{_hundredths(size * LINE_SPACING)}"/></a:lnSpc>'
        if gap:
            spacing += f'<a:spcAft><a:spcPts val="{_hundredths(size * PARA_GAP)}"/></a:spcAft>'
        return (
            f"<a:p><a:pPr {attrs}>{spacing}{bullet}</a:pPr>{self.runs_xml(page, para, size, colour, bold, placeholder)}"
            f'<a:endParaRPr lang="{self.lang}" sz="{_hundredths(size)}" dirty="0"/></a:p>'
        )

    def fill_frame(
        self,
        page: PptxSlide,
        frame: TextFrame,
        paras: Sequence[Para],
        size: float,
        colour: str,
        align: str,
        bold: bool = False,
        gap: bool = True,
        placeholder: bool = False,
    ) -> None:
        body = frame._txBody
        for p in body.findall(qn("a:p")):
            body.remove(p)
        xml = (
            "".join(self.para_xml(page, para, size, colour, align, bold, gap, placeholder) for para in paras)
            or "<a:p/>"
        )
        for p in parse_xml(f'<a:txBody xmlns:a="{_A}" xmlns:r="{_R}">{xml}</a:txBody>'):
            body.append(p)

    def add_page(self, slide: Slide) -> PptxSlide:
        """An empty slide on the layout for its kind, holding only the layout's title placeholder (made if it has none)."""
        name = self.layouts.get("cover" if slide.kind == "cover" else "content")
        page: PptxSlide = self.prs.slides.add_slide((self._layout((name,)) if name else None) or self.blank)
        title = None
        for shape in list(page.placeholders):  # our own boxes carry the content; the title is the layout's
            if shape.placeholder_format.type in (1, 3) and title is None:  # TITLE, CENTER_TITLE
                title = shape
                continue
            shape._element.getparent().remove(shape._element)
        if title is None:  # outline views and screen readers find a slide's title in its title placeholder
            page.shapes._spTree.append(parse_xml(_TITLE_PLACEHOLDER))
        self.pages.append(page)
        return page

    def fill(self, page: PptxSlide, slide: Slide) -> None:
        """Everything on one slide: its title in the title placeholder, its elements, its footer and notes."""
        title = next(shape for shape in page.placeholders if shape.placeholder_format.type in (1, 3))
        elements = list(slide.elements)
        if slide.title_box is not None:
            self.title(
                page,
                title,
                Text(
                    slide.title_box,
                    (Para(((Run(slide.title)),)),),
                    slide.title_size or self.theme.size("title"),
                    colour="primary",
                    bold=True,
                    role="title",
                ),
            )
            self.footer(page, slide)
        else:  # the cover: its name is the title
            name = next((e for e in elements if isinstance(e, Text) and e.role == "title"), None)
            if name is not None:
                elements.remove(name)
                self.title(page, title, name)
            else:
                title._element.getparent().remove(title._element)
        shapes: dict[str, BaseShape] = {}
        for element in elements:
            self.draw(page, element, shapes)
        if slide.notes:
            self.notes(page, "\n".join(slide.notes))

    def draw(self, page: PptxSlide, element: Element, shapes: dict[str, BaseShape]) -> None:
        """One element on its slide; a kind of element this renderer does not know is a bug, said at once."""
        if isinstance(element, Text):
            self.text(page, element)
        elif isinstance(element, Table):
            self.table(page, element)
        elif isinstance(element, ColumnChart):
            self.column_chart(page, element)
        elif isinstance(element, LineChart):
            self.line_chart(page, element)
        elif isinstance(element, BubbleChart):
            self.bubble_chart(page, element)
        elif isinstance(element, Shape):
            shapes[element.key] = self.shape(page, element)
        elif isinstance(element, Connector):
            self.connector(page, element, shapes)
        elif isinstance(element, Image):
            self.image(page, element)
        else:
            raise TypeError(f"the PowerPoint renderer cannot draw a {type(element).__name__}")

    def image(self, page: PptxSlide, element: Image) -> None:
        box = element.box
        data = element.data
        if element.kind == "svg":  # PowerPoint files carry pixels; 3 px per point keeps the logo sharp
            from kamdoc.validate.images import svg_to_png

            fonts = (self.theme.font_file("regular"), self.theme.font_file("bold"))
            data = svg_to_png(data, max(1, round(box.w * 3)), max(1, round(box.h * 3)), fonts)
        page.shapes.add_picture(io.BytesIO(data), _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))

    def _fast_partnames(self) -> None:
        """Name new parts from a set kept up to date, instead of walking the whole package for each new part.

        python-pptx looks at every part of the package for each slide, notes page and
        chart it adds: quadratic in the deck's size, and a tenth of the render time.
        """
        package = self.prs.part.package
        taken = {part.partname for part in package.iter_parts()}

        def next_partname(template: str) -> PackURI:
            number = 1
            while PackURI(template % number) in taken:
                number += 1
            name = PackURI(template % number)
            taken.add(name)
            return name

        setattr(package, "next_partname", next_partname)  # this package only

    def notes(self, page: PptxSlide, text: str) -> None:
        """Speaker notes: the first page is made by python-pptx from the notes master, the others are copies of it."""
        if self._notes_template is None:
            notes = page.notes_slide
            self._notes_template = deepcopy(notes._element)
            frame = notes.notes_text_frame
            assert frame is not None  # python-pptx's notes master always has a body placeholder
            frame.text = text
            return
        slide_part = page.part
        package = slide_part.package
        part = NotesSlidePart(
            package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
            CT.PML_NOTES_SLIDE,
            package,
            deepcopy(self._notes_template),
        )
        part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        frame = part.notes_slide.notes_text_frame
        assert frame is not None
        frame.text = text

    def title(self, page: PptxSlide, placeholder: PptxShape, element: Text) -> None:
        """The title placeholder, moved to where the outline measured the title; its font and colour stay the layout's."""
        box = element.box
        placeholder.left, placeholder.top = _emu(box.x), _emu(box.y)
        placeholder.width, placeholder.height = _emu(box.w), _emu(box.h)
        self._frame(placeholder.text_frame, MSO_ANCHOR.TOP)
        self.fill_frame(
            page,
            placeholder.text_frame,
            element.paras,
            element.size,
            element.colour,
            element.align,
            element.bold,
            placeholder=True,
        )

    def footer(self, page: PptxSlide, slide: Slide) -> None:
        deck = self.deck
        if deck.footer_box is None or deck.number_box is None:
            return
        self.text(
            page, Text(deck.footer_box, (Para((Run(deck.footer),)),), deck.footer_size, colour="muted", role="footer")
        )
        self.text(
            page,
            Text(
                deck.number_box,
                (Para((Run(str(slide.number)),)),),
                deck.footer_size,
                colour="muted",
                align="right",
                role="footer",
            ),
        )

    def text(self, page: PptxSlide, element: Text) -> None:
        """A text box, written as one XML fragment: what python-pptx's add_textbox and our frame settings make, without its object layer."""
        shape_id = self._new_id(page)
        fill = (
            f'<a:solidFill><a:srgbClr val="{self.hex(element.fill)}"/></a:solidFill>' if element.fill else "<a:noFill/>"
        )
        inset = int(_emu(INSET))
        paras = (
            "".join(
                self.para_xml(page, para, element.size, element.colour, element.align, element.bold, True, False)
                for para in element.paras
            )
            or "<a:p/>"
        )
        page.shapes._spTree.append(
            parse_xml(  # noqa: SLF001 - the fragment goes where add_textbox puts its shape
                f'<p:sp xmlns:p="{_P}" xmlns:a="{_A}" xmlns:r="{_R}"><p:nvSpPr><p:cNvPr id="{shape_id}" name="TextBox {shape_id - 1}"/>'
                f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(element.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}</p:spPr>'
                f'<p:txBody><a:bodyPr wrap="square" anchor="t" lIns="{inset}" rIns="{inset}" tIns="{inset}" bIns="{inset}"><a:noAutofit/></a:bodyPr>'
                f"<a:lstStyle/>{paras}</p:txBody></p:sp>"
            )
        )

    def _new_id(self, page: PptxSlide) -> int:
        """The next shape id on a slide, as python-pptx gives it (the highest id + 1), without searching the slide for each shape.

        The slide is searched again only after python-pptx added something itself (a table, a chart, a line), which it
        numbers by searching; python-pptx's own counting mode ("turbo") is not used: its line builder does not share it.
        """
        tree = page.shapes._spTree  # noqa: SLF001
        known = self._ids.get(id(page))
        if known is None or known[1] != len(tree):
            known = (int(tree.max_shape_id), len(tree))
        self._ids[id(page)] = (known[0] + 1, known[1] + 1)  # the caller adds one shape to the tree
        return known[0] + 1

    @staticmethod
    def _frame(frame: TextFrame, anchor: MSO_ANCHOR) -> None:
        """A frame that wraps in its box and never resizes it or its text: the outline measured both."""
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, side, _emu(INSET))

    def table(self, page: PptxSlide, element: Table) -> None:
        box = element.box
        lines = (element.header, *element.rows) if element.has_header else element.rows
        heights = element.row_heights if element.has_header else element.row_heights[1:]
        rows = len(lines)
        grid = "".join(f'<a:gridCol w="{int(_emu(w))}"/>' for w in element.widths)
        margins = f'marL="{int(_emu(CELL_PAD_X))}" marR="{int(_emu(CELL_PAD_X))}" marT="{int(_emu(CELL_PAD_Y))}" marB="{int(_emu(CELL_PAD_Y))}"'
        body_rows = []
        for r, (cells, height) in enumerate(zip(lines, heights)):
            header = element.has_header and r == 0
            fill = "primary" if header else ("table_stripe" if r % 2 == 0 else "background")
            colour = "background" if header else "text"
            xml_cells = []
            body_row = r - 1 if element.has_header else r
            for c, value in enumerate(cells):
                cell_fill = (None if header else element.fill(body_row, c)) or fill
                bold = header or (element.bold_last_row and r == rows - 1) or (element.bold_first_column and c == 0)
                align = "left" if header and element.align[c] == "center" else element.align[c]
                para = self.para_xml(page, Para((Run(value),)), element.size, colour, align, bold, gap=False)
                xml_cells.append(
                    f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{para}</a:txBody>"
                    f"<a:tcPr {margins}><a:solidFill>{self.colour_xml(cell_fill)}</a:solidFill></a:tcPr></a:tc>"
                )
            body_rows.append(f'<a:tr h="{int(_emu(height))}">{"".join(xml_cells)}</a:tr>')
        first = ' firstRow="1"' if element.has_header else ""
        # The whole frame as one XML fragment, as python-pptx's add_table frames it (its table of empty cells is not made).
        shape_id = self._new_id(page)
        page.shapes._spTree.append(
            parse_xml(  # noqa: SLF001
                f'<p:graphicFrame xmlns:p="{_P}" xmlns:a="{_A}" xmlns:r="{_R}"><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="Table {shape_id - 1}"/>'
                f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
                f"{_xfrm(box, 'p:xfrm')}"
                f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr{first} bandRow="1"/>'
                f"<a:tblGrid>{grid}</a:tblGrid>{''.join(body_rows)}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
            )
        )

    def column_chart(self, page: PptxSlide, element: ColumnChart) -> None:
        data = (
            SummedData(number_format=element.number_format)
            if element.totals
            else ChartData(number_format=element.number_format)
        )
        data.categories = list(element.categories)
        for series in element.series:
            data.add_series(series.name, list(series.values))
        if element.totals:
            data.add_series(element.totals, list(element.heights))
        box = element.box
        kind = XL_CHART_TYPE.COLUMN_STACKED if element.stacked else XL_CHART_TYPE.COLUMN_CLUSTERED
        chart = cast(
            "GraphicFrame", page.shapes.add_chart(kind, _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h), data)
        ).chart
        chart.has_title = False  # the slide's title says it; a one-series chart would repeat its name above itself
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(CHART_FONT)
        x0, _, x1, y1 = element.plot
        legend_top = element.box.h - 8 - element.legend_rows * LEGEND_ROW - 4
        _pin(chart._chartSpace.chart.plotArea, element.plot, box)  # noqa: SLF001 - the outline's plot: its band stands over it
        _pin(chart.legend._element, (x0, legend_top, x1, element.box.h - 2), box)  # noqa: SLF001
        chart.font.name = self.face
        chart.font.size = Pt(CHART_FONT)
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = (
            0.0,
            element.axis_top,
            element.axis_step,
        )  # the PDF's gridlines
        axis.has_major_gridlines = True
        axis.major_gridlines.format.line.color.rgb = self.colour("rule")
        axis.tick_labels.font.size = Pt(CHART_FONT)
        axis.tick_labels.number_format = element.format_code or element.number_format
        axis.tick_labels.number_format_is_linked = False
        if element.legend_note:
            axis.has_title = True
            axis.axis_title.text_frame.text = element.legend_note
        chart.category_axis.tick_labels.font.size = Pt(CHART_FONT)
        plot = chart.plots[0]
        plot.gap_width = COLUMN_GAP
        palette = [str(c) for c in self.theme.get("colour", "series")]
        for i, _ in enumerate(element.series):
            pptx_series = plot.series[i]
            pptx_series.format.fill.solid()
            pptx_series.format.fill.fore_color.rgb = _rgb(palette[i % len(palette)])
        if element.totals:
            code = element.format_code or element.number_format
            label_totals(chart, code, CHART_FONT, str(self.theme.colour("text")))

    def line_chart(self, page: PptxSlide, element: LineChart) -> None:
        data = ChartData(number_format=element.number_format)
        data.categories = list(element.categories)
        for series in element.series:
            data.add_series(series.name, list(series.values))
        has_level = element.level is not None
        if has_level:  # the level as a series of its own: it moves with the plot area in any program
            data.add_series(element.level_label, [element.level] * len(element.categories))
        box = element.box
        chart = cast(
            "GraphicFrame",
            page.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h), data),
        ).chart
        chart.has_title = False  # the slide's title says it
        chart.font.name = self.face
        chart.font.size = Pt(CHART_FONT)
        # One line needs no key: the axis title names it.
        chart.has_legend = len(element.series) + has_level > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
            chart.legend.font.size = Pt(CHART_FONT)
        value_axis, category_axis = chart.value_axis, chart.category_axis
        value_axis.minimum_scale, value_axis.maximum_scale = element.y_range
        value_axis.major_unit = element.axis_step  # the PDF's gridlines
        value_axis.has_major_gridlines = True
        value_axis.major_gridlines.format.line.color.rgb = self.colour("rule")
        value_axis.tick_labels.number_format = element.format_code or element.number_format
        value_axis.tick_labels.number_format_is_linked = False
        value_axis.tick_labels.font.size = Pt(CHART_FONT)
        category_axis.tick_labels.font.size = Pt(CHART_FONT)
        # The PDF's labels: at most ~20, so that a curve over 200 accounts does not print 200 names on top of each other.
        if element.label_every > 1:
            self._label_skip(category_axis, element.label_every)
        for axis, title in ((category_axis, element.x_title), (value_axis, element.y_title)):
            if title:
                axis.has_title = True
                axis.axis_title.text_frame.text = title
                axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(CHART_FONT)
        plot = chart.plots[0]
        self._style_lines(plot, has_level, element.markers)
        if has_level and element.level_label and element.categories:
            # The level's name at its right end, as in the PDF: read on the line, not only in the legend.
            label = plot.series[-1].points[len(element.categories) - 1].data_label
            label.has_text_frame = True
            label.text_frame.text = element.level_label
            label.position = XL_LABEL_POSITION.ABOVE
            run = label.text_frame.paragraphs[0].runs[0]
            run.font.size = Pt(CHART_FONT)
            run.font.bold = True
            run.font.color.rgb = self.colour("accent")

    def _style_lines(self, plot: _BasePlot, has_level: bool, markers: bool) -> None:
        """Each line in its series colour with round markers (none where they would merge); the level dashed, in the accent."""
        palette = [str(c) for c in self.theme.get("colour", "series")]
        for i, series in enumerate(plot.series):
            is_level = has_level and i == len(plot.series) - 1
            colour = self.colour("accent") if is_level else _rgb(palette[i % len(palette)])
            series.smooth = False
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(1.5 if is_level else 2.25)
            if is_level:
                series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            marked = markers and not is_level
            series.marker.style = XL_MARKER_STYLE.CIRCLE if marked else XL_MARKER_STYLE.NONE
            if marked:
                series.marker.size = 5
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = colour
                series.marker.format.line.color.rgb = colour

    def _label_skip(self, axis: _BaseAxis, every: int) -> None:
        """Show only every `every`th category label and tick mark (python-pptx has no API for it)."""
        axis_xml = axis._element  # noqa: SLF001
        # The schema's order: tickLblSkip and tickMarkSkip come right before noMultiLvlLbl, else last.
        anchor = axis_xml.find(qn("c:noMultiLvlLbl"))
        for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
            skip = parse_xml(f'<{tag} xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" val="{every}"/>')
            if anchor is not None:
                anchor.addprevious(skip)
            else:
                axis_xml.append(skip)

    def bubble_chart(self, page: PptxSlide, element: BubbleChart) -> None:
        data = BubbleChartData(number_format=element.number_format)
        # The quadrants' names as labels of invisible points at the quadrants' centres: they stay in place
        # whatever size PowerPoint gives the plot area.
        (x0, x1), (y0, y1) = element.x_range, element.y_range
        centres = (
            ((x0 + element.x_split) / 2, y1 * 0.96),
            ((x1 + element.x_split) / 2, y1 * 0.96),
            ((x0 + element.x_split) / 2, y0 + (y1 - y0) * 0.04),
            ((x1 + element.x_split) / 2, y0 + (y1 - y0) * 0.04),
        )
        smallest = min(b.size for b in element.bubbles) or 1.0
        points = {
            "bubbles": [(b.x, b.y, b.size) for b in element.bubbles],
            "names": [(x, y, smallest / 1000) for x, y in centres],
        }
        # The longer series first: LibreOffice hides a series followed by a longer one (one to three bubbles vanished).
        order = sorted(points, key=lambda key: -len(points[key]))
        for key in order:
            series = data.add_series(element.y_title if key == "bubbles" else " ")
            for x, y, size in points[key]:
                series.add_data_point(x, y, size)
        box = element.box
        chart = cast(
            "GraphicFrame",
            page.shapes.add_chart(
                XL_CHART_TYPE.BUBBLE, _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h), cast("ChartData", data)
            ),
        ).chart  # python-pptx takes any chart data; its hint names one
        chart.has_legend = False
        chart.font.name = self.face
        chart.font.size = Pt(CHART_FONT)
        self._bubble_axes(chart, element)
        _pin(chart._chartSpace.chart.plotArea, element.plot, box)  # noqa: SLF001 - the outline's plot: bubbles and labels stand where it placed them
        plot = chart.plots[0]
        plot.bubble_scale = BUBBLE_SCALE
        bubbles, quadrant_labels = (plot.series[order.index("bubbles")], plot.series[order.index("names")])
        bubbles.format.fill.solid()
        bubbles.format.fill.fore_color.rgb = self.colour("accent")
        bubbles.format.line.color.rgb = self.colour("background")
        self._bubble_labels(element, bubbles, quadrant_labels)
        quadrant_labels.format.fill.background()
        quadrant_labels.format.line.fill.background()

    def _bubble_axes(self, chart: Chart, element: BubbleChart) -> None:
        """Both axes: their ranges and titles, and gridlines at the splits that draw the 2x2."""
        x_axis, y_axis = chart.category_axis, chart.value_axis
        for axis, (low, high), title, split in (
            (x_axis, element.x_range, element.x_title, element.x_split),
            (y_axis, element.y_range, element.y_title, element.y_split),
        ):
            axis.minimum_scale, axis.maximum_scale = low, high
            axis.has_title = True
            axis.axis_title.text_frame.text = title
            axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(CHART_FONT)
            axis.tick_labels.font.size = Pt(CHART_FONT)
            # Gridlines at the split draw the 2x2 grid, the same in PowerPoint and LibreOffice.
            axis.has_major_gridlines = True
            axis.major_unit = split - low
            axis.major_gridlines.format.line.color.rgb = self.colour("rule")
        y_axis.tick_labels.number_format = element.format_code or element.number_format
        y_axis.tick_labels.number_format_is_linked = False
        if element.x_range[0] < 0 < element.x_range[1]:  # an axis through zero shows its signs, as in the PDF
            x_axis.tick_labels.number_format = "+0;-0;0"
            x_axis.tick_labels.number_format_is_linked = False
        # Ticks named in words stand beside the chart, drawn by the outline: the axis shows no numbers of its own then.
        x_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW if element.x_numbers else XL_TICK_LABEL_POSITION.NONE
        y_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW

    def _bubble_labels(self, element: BubbleChart, bubbles: BubbleSeries, quadrant_labels: BubbleSeries) -> None:
        """Each bubble's name on the side the outline chose, on one line; the quadrants' names in bold, muted.

        Written as one run of `c:dLbl` elements per series: python-pptx's point labels search the labels made before for
        each new one, which a chart of a thousand bubbles (a stranger's plan) made quadratic.
        """
        sides = {"center": "ctr", "right": "r", "left": "l", "above": "t", "below": "b"}
        for series, texts, positions, bold in (
            (bubbles, [b.label for b in element.bubbles], [sides[side] for side in element.sides], False),
            (quadrant_labels, list(element.quadrants), ["ctr"] * 4, True),
        ):
            colour = self.hex("muted" if bold else "text")
            labels = "".join(
                f'<c:dLbl><c:idx val="{i}"/><c:tx><c:rich><a:bodyPr wrap="none"/><a:lstStyle/><a:p><a:r>'
                f'<a:rPr lang="{self.lang}" sz="{_hundredths(CHART_FONT)}" b="{int(bold)}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:rPr>'
                f'<a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:dLblPos val="{position}"/>'
                '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
                '<c:showBubbleSize val="0"/></c:dLbl>'
                for i, (text, position) in enumerate(zip(texts, positions))
            )
            container = series._element.get_or_add_dLbls()  # noqa: SLF001 - where python-pptx keeps a series' labels, in schema order
            for k, label in enumerate(parse_xml(f'<c:dLbls xmlns:c="{_C}" xmlns:a="{_A}">{labels}</c:dLbls>')):
                container.insert(k, label)  # before the series-wide settings, as the schema orders them

    def shape(self, page: PptxSlide, element: Shape) -> BaseShape:
        """A box (the power map's people, the cover's band), written as one XML fragment: what python-pptx's add_shape and our
        settings make — fill, frame, no theme style — without its object layer."""
        shape_id = self._new_id(page)
        name, geometry = (
            (
                "Rounded Rectangle",
                '<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val 8000"/></a:avLst></a:prstGeom>',
            )
            if element.rounded
            else ("Rectangle", '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>')
        )
        if element.sites:
            geometry = _sited_geometry(element)
        line = (
            f'<a:ln w="{int(_emu(element.line_width))}"><a:solidFill><a:srgbClr val="{self.hex(element.line)}"/></a:solidFill></a:ln>'
            if element.line_width
            else "<a:ln><a:noFill/></a:ln>"
        )
        across, down = (int(_emu(side)) for side in element.padding)
        paras = (
            "".join(
                self.para_xml(page, para, element.size, element.text_colour, "center", False, False, False)
                for para in element.whole or element.paras
            )
            or "<a:p/>"
        )
        sp = parse_xml(
            f'<p:sp xmlns:p="{_P}" xmlns:a="{_A}" xmlns:r="{_R}"><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name} {shape_id - 1}"/>'
            f"<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(element.box)}{geometry}"
            f'<a:solidFill><a:srgbClr val="{self.hex(element.fill)}"/></a:solidFill>{line}<a:effectLst/></p:spPr>'
            f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr" wrap="square" lIns="{across}" rIns="{across}" tIns="{down}" bIns="{down}"><a:noAutofit/></a:bodyPr>'
            f"<a:lstStyle/>{paras}</p:txBody></p:sp>"
        )
        page.shapes._spTree.append(sp)  # noqa: SLF001 - where add_shape puts its shape
        return page.shapes._shape_factory(sp)  # noqa: SLF001 - the proxy connectors glue to

    def connector(self, page: PptxSlide, element: Connector, shapes: dict[str, BaseShape]) -> None:
        """A line as the outline routed it, over the boxes: a connector glued to both, drawing exactly the route, on a white halo."""
        elbow = elbow_for(tuple((p[0] * 12700, p[1] * 12700) for p in element.points), unit=12700)
        start, end = shapes.get(element.start), shapes.get(element.end)
        glue = (start.shape_id, end.shape_id) if start is not None and end is not None and element.glued else None
        if element.halo:  # a wider white line under it: where it crosses a line drawn before, that line is broken
            self._line(
                page,
                element,
                elbow,
                glue,
                self.hex("background"),
                element.width + 2 * element.halo,
                dash="",
                arrow=False,
            )
        self._line(
            page,
            element,
            elbow,
            glue,
            self.hex(element.colour),
            element.width,
            "sysDot" if element.dotted else "dash" if element.dashed else "",
            element.arrow,
        )

    def _line(
        self,
        page: PptxSlide,
        element: Connector,
        elbow: Elbow | None,
        glue: tuple[int, int] | None,
        colour: str,
        width: float,
        dash: str,
        arrow: bool,
    ) -> None:
        """One line drawn as a connector (or, for a route no connector draws, as a line of its own); `dash`: DrawingML's preset dash, or ''."""
        dashed = bool(dash)
        dash = f'<a:prstDash val="{dash}"/>' if dash else ""
        tail = (
            '<a:tailEnd type="triangle" w="med" len="med"/>' if arrow else ""
        )  # PowerPoint's medium triangle, the size the PDF draws
        line = f'<a:ln w="{int(_emu(width))}" cap="flat"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>{dash}<a:round/>{tail}</a:ln>'
        shape_id = self._new_id(page)
        if elbow is None:  # a route no connector draws: its corners as a line of its own (the router never makes one)
            (x0, y0), *rest = element.points
            builder = page.shapes.build_freeform(_emu(x0), _emu(y0), scale=1.0)
            builder.add_line_segments([(_emu(x), _emu(y)) for x, y in rest], close=False)
            shape = builder.convert_to_shape()
            shape.fill.background()
            _unstyled(shape)
            shape.line.color.rgb = RGBColor.from_string(colour)
            shape.line.width = _emu(width)
            if dashed:
                shape.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT if element.dotted else MSO_LINE_DASH_STYLE.DASH
            if arrow:
                shape.line._get_or_add_ln().append(
                    parse_xml(f'<a:tailEnd xmlns:a="{_A}" type="triangle" w="med" len="med"/>')
                )  # noqa: SLF001
            return
        left, top, w, h = elbow.frame
        turn = ' rot="5400000"' if elbow.turns else ""
        flips = (' flipH="1"' if elbow.flip_h else "") + (' flipV="1"' if elbow.flip_v else "")
        adjust = "".join(
            f'<a:gd name="adj{i}" fmla="val {int(round(a * 100000))}"/>' for i, a in enumerate(elbow.adjust, 1)
        )
        cxn = (
            f'<a:stCxn id="{glue[0]}" idx="{element.sites[0]}"/><a:endCxn id="{glue[1]}" idx="{element.sites[1]}"/>'
            if glue
            else ""
        )
        xml = (
            f'<p:cxnSp xmlns:p="{_P}" xmlns:a="{_A}"><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="Connector {shape_id - 1}"/>'
            f"<p:cNvCxnSpPr>{cxn}</p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr><p:spPr>"
            f'<a:xfrm{turn}{flips}><a:off x="{int(round(left))}" y="{int(round(top))}"/><a:ext cx="{int(round(w))}" cy="{int(round(h))}"/></a:xfrm>'
            f'<a:prstGeom prst="{elbow.preset}"><a:avLst>{adjust}</a:avLst></a:prstGeom>{line}<a:effectLst/></p:spPr></p:cxnSp>'
        )
        page.shapes._spTree.append(parse_xml(xml))  # noqa: SLF001 - python-pptx has no API for a connector's adjust values or rotation

    def metadata(self, created: datetime) -> None:
        props = self.prs.core_properties
        props.title = _property(self.deck.title)
        props.author = _property(self.deck.author)
        props.subject = _property(self.deck.subject)
        props.language = "de-DE" if self.deck.language == "de" else "en-GB"
        props.created = props.modified = created
        props.last_modified_by = _property(self.deck.author)
        props.comments = (
            ""  # python-pptx's own "generated using python-pptx": every property says only what the deck says
        )
        props.revision = 1


_PROPERTY_CHARS = 255
"""What a document property of an Office file holds (the format's limit)."""


def _property(text: str) -> str:
    """Text for a document property: one line, cut at the format's limit with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= _PROPERTY_CHARS else line[: _PROPERTY_CHARS - 1].rstrip() + "…"


def _pin(part: BaseOxmlElement, place: tuple[float, float, float, float], box: Box) -> None:
    """Give a chart's plot area or legend a manual layout: its edges as shares of the chart's frame."""
    layout = part.find(qn("c:layout"))
    if layout is None:
        layout = parse_xml(f'<c:layout xmlns:c="{_C}"/>')
        anchor = part.find(qn("c:legendPos"))  # a legend's layout follows its position and entries
        if anchor is not None:
            anchor.addnext(layout)
        else:
            part.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    x0, y0, x1, y1 = place
    shares = {"x": x0 / box.w, "y": y0 / box.h, "w": (x1 - x0) / box.w, "h": (y1 - y0) / box.h}
    values = "".join(f'<c:{key} val="{value:.4f}"/>' for key, value in shares.items())
    target = '<c:layoutTarget val="inner"/>' if part.tag == qn("c:plotArea") else ""
    layout.append(
        parse_xml(
            f'<c:manualLayout xmlns:c="{_C}">{target}<c:xMode val="edge"/><c:yMode val="edge"/>{values}</c:manualLayout>'
        )
    )


def _unstyled(shape: BaseShape) -> None:
    """No shadow and no style from the master's theme: fill and line are set on the shape itself.

    python-pptx gives new shapes a style whose effect is the theme's shadow; LibreOffice draws it
    even under an empty effect list, so the style goes.
    """
    element = shape._element  # noqa: SLF001
    style = element.find(qn("p:style"))
    if style is not None:
        element.remove(style)
    sppr = element.find(qn("p:spPr"))
    if sppr is not None and sppr.find(qn("a:effectLst")) is None:
        sppr.append(parse_xml(f'<a:effectLst xmlns:a="{_A}"/>'))


_TITLE_PLACEHOLDER = (
    f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="{_A}">'
    '<p:nvSpPr><p:cNvPr id="1000" name="Title"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr>'
    "<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>"
)
"""A title placeholder for a slide whose layout has none: it takes the master's title style."""


def _remove_slides(prs: PresentationFile) -> None:
    slides = prs.slides._sldIdLst
    for slide_id in list(slides):
        prs.part.drop_rel(slide_id.rId)
        slides.remove(slide_id)


def warm_up() -> None:
    """What drawing a deck needs first, done while the deck is still being outlined (in the render helper)."""
    read_ahead()


def render_pptx(deck: Deck, theme: Theme, created: datetime, template: Template | None = None) -> bytes:
    """The deck as .pptx bytes, identical for identical input (fixed zip entry times)."""
    painter = _Painter(deck, theme, template)
    pages = [painter.add_page(slide) for slide in deck.slides]  # all first: the agenda links to later slides
    for page, slide in zip(pages, deck.slides):
        painter.fill(page, slide)
    painter.metadata(created)
    raw = io.BytesIO()
    painter.prs.save(raw)
    return _reproducible_zip(raw.getvalue(), created)


# A zip entry's date holds the years 1980 to 2107 only: plans dated outside them are stamped with the nearest end.
_ZIP_EARLIEST = datetime(1980, 1, 1)
_ZIP_LATEST = datetime(2107, 12, 31, 23, 59, 58)
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _reproducible_zip(data: bytes, when: datetime) -> bytes:
    """The same zip with every entry dated `when`, so that equal decks are equal files.

    Charts carry their data as an embedded workbook, which XlsxWriter stamps with
    the current time: those workbooks are made reproducible the same way.
    """
    naive = when.replace(tzinfo=None)  # the zip format has no time zones
    stamp = min(max(naive, _ZIP_EARLIEST), _ZIP_LATEST).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".xlsx"):
                content = _reproducible_zip(content, when)
            elif info.filename == "docProps/core.xml":
                content = _W3CDTF.sub(rb"\g<1>" + when.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()
