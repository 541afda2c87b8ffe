"""WeasyPrint's C types parsed ahead: a print after it parses none, and the glyph arrays are cffi's own types."""

from __future__ import annotations

from datetime import date, datetime
from unittest import mock

import pytest
from conftest import PLANS, TODAY

pytest.importorskip("weasyprint")


def test_a_print_after_parsing_ahead_parses_no_c_declaration() -> None:
    from weasyprint.text.ffi import ffi

    from kamdoc.outline.plan_deck import build_outline
    from kamdoc.render.c_types import parse_ahead
    from kamdoc.render.pdf import pdf_source, print_pdf
    from kamdoc.theme.settings import load_theme
    from kamdoc.validate.plan import validate_file

    result = validate_file(PLANS / "brenner-werke" / "plan.yaml", date.fromisoformat(TODAY))
    assert result.plan is not None and result.doc is not None
    theme = load_theme()
    source = pdf_source(build_outline(result.plan, result.doc, theme), theme, datetime(2026, 12, 7))
    parse_ahead()
    # cffi turns a new string into a type with its C parser: a WeasyPrint that names a type this module does not
    # know (a new release) shows here, and FIXED gets the new name.
    with mock.patch.object(ffi._parser, "parse_type", wraps=ffi._parser.parse_type) as parsed:
        pdf = print_pdf(source)
    assert pdf.startswith(b"%PDF") and [c.args for c in parsed.call_args_list] == []


@pytest.mark.parametrize("length", [1, 11, 70, 681, 3108, 65536])
def test_a_glyph_array_made_ahead_is_the_type_the_parser_makes(length: int) -> None:
    import cffi
    from weasyprint.text.ffi import ffi

    from kamdoc.render.c_types import parse_ahead

    parse_ahead()
    made = ffi.typeof(f"hb_codepoint_t[{length}]")
    parser = cffi.FFI()
    parser.cdef("typedef uint32_t hb_codepoint_t;")
    assert made is parser.typeof(f"hb_codepoint_t[{length}]")
    glyphs = ffi.new(made, list(range(length)))
    assert len(glyphs) == length and glyphs[length - 1] == length - 1
