"""WeasyPrint's C types, parsed once before a process forks its printers instead of in each printing process.

WeasyPrint names the C types it allocates by strings, and cffi turns each new string into a type with pycparser,
declaring every one of Pango's and HarfBuzz's type names each time: about 2.5 ms a string, and about as much
again for pycparser's tables on the first. A first print in a process parsed some thirteen strings (5 % of a
stress-plan half's instructions): the fixed ones below and, for each font it embeds, two glyph arrays whose
length depends on the text ("hb_codepoint_t[563]", "[3108]" for a fallback font's one glyph). The fixed ones are
parsed here, before the fork, and both halves inherit them; the arrays are made without the parser.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

FIXED = (
    "PangoFcFontMap *",
    "FcChar8 **",
    "char[]",
    "PangoRectangle *",
    "unsigned int *",
    "hb_tag_t[100]",
    "char[4]",
    "hb_codepoint_t[11]",
)
"""The strings WeasyPrint 70 names its C types with while it prints a deck (a test prints one and finds no other)."""

_GLYPH_ARRAY = re.compile(r"hb_codepoint_t\[([0-9]{1,6})\]")


@functools.cache
def parse_ahead() -> None:
    """Parse the fixed strings, and let cffi make glyph arrays of any length without its parser (WeasyPrint imported)."""
    from weasyprint.text.ffi import ffi

    for cdecl in FIXED:
        ffi.typeof(cdecl)
    _make_glyph_arrays(ffi)


class _Parsed(dict[str, Any]):
    """cffi's table of the type strings it has parsed, which makes a glyph array it is asked for and does not hold
    as cffi itself would have made it: the array type of the item's pointer type and the length."""

    def __init__(self, parsed: dict[str, Any], pointer: Any, new_array_type: Callable[[Any, int], Any]) -> None:
        super().__init__(parsed)
        self._pointer, self._new_array_type = pointer, new_array_type

    def __missing__(self, cdecl: str) -> Any:
        found = _GLYPH_ARRAY.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if found is None:
            raise KeyError(cdecl)  # cffi parses it, as before
        self[cdecl] = made = (self._new_array_type(self._pointer, int(found[1])), False)
        return made


def _make_glyph_arrays(ffi: Any) -> None:
    """Give cffi a table that makes "hb_codepoint_t[n]" without parsing. cffi keeps the table private, so this
    happens only where the entry its parser made ("hb_codepoint_t[11]") is exactly what the table would make;
    anywhere else cffi parses each length as it did."""
    parsed = getattr(ffi, "_parsed_types", None)
    new_array_type = getattr(getattr(ffi, "_backend", None), "new_array_type", None)
    if type(parsed) is not dict or new_array_type is None:
        return
    pointer = ffi.typeof("hb_codepoint_t *")
    if parsed.get("hb_codepoint_t[11]") == (new_array_type(pointer, 11), False):
        ffi._parsed_types = _Parsed(parsed, pointer, new_array_type)
