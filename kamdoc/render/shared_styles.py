"""The PDF's HTML with each distinct inline style written once, as a class rule, for WeasyPrint to style elements alike once.

WeasyPrint parses every `style` attribute on its own and shares a computed style only between elements whose
declarations are the same parsed objects; a deck writes the same few styles hundreds of times (a paragraph's size and
spacing, a footer's place), so written once they are parsed once and their elements share one computed style (the German
example's printing: 9.8 % fewer instructions). Only the PDF's input changes: the HTML deck and the preview keep their inline styles.

A class rule must win where the inline style won. WeasyPrint gives a style attribute the weight of one id selector;
the rule repeats its class (`.s3.s3.s3.s3`), which outweighs any selector of the theme with fewer than four classes and
no id, and, as before, loses to one with an id and to any `!important`.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"<>]*\")?)*)(\s*/?)>")
"""An opening tag whose attributes are all written as kamdoc's templates write them (double quotes, escaped values)."""
_STYLE = re.compile(r"\sstyle=\"([^\"]*)\"")
_CLASS = re.compile(r"\sclass=\"([^\"]*)\"")
_PLAIN = re.compile(r"[-a-zA-Z0-9 .,:;#%()]*")
"""A style made only of the characters of kamdoc's own (numbers, units, colours, names): safe to move into a style sheet."""
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_RAW = re.compile(r"<(?:style|script|textarea|title|xmp|plaintext|noscript|template)\b|<!--|<!\[CDATA\[", re.IGNORECASE)
"""Where text is not markup: a page with any of these in its body is left as it is, rather than read wrongly."""
WEIGHT = 4
"""How many times a rule names its class: its weight against the theme's own selectors."""


def share_styles(html: str) -> str:
    """`html` with each inline style of the body's HTML elements (not of pictures' SVG) as a class rule in the head."""
    body = html.find("<body")
    head_end = html.rfind("</head>", 0, body)
    if body < 0 or head_end < 0:
        return html
    rest = html[body:]
    svgs = _SVG.findall(rest)
    pieces = _SVG.split(rest)
    # A picture inside a picture, or one never closed, would be read as markup: such a page is left as it is.
    if rest.lower().count("<svg") != len(svgs) or any(_RAW.search(piece) for piece in pieces):
        return html
    names = _repeated_styles(pieces)
    if not names:
        return html

    def shared(tag: re.Match[str]) -> str:
        name, attributes, end = tag.groups()
        style = _STYLE.search(attributes)
        key = names.get(style.group(1), "") if style else ""
        if not key:
            return tag.group(0)
        assert style is not None
        attributes = attributes[: style.start()] + attributes[style.end() :]
        known = _CLASS.search(attributes)
        if known is None:
            attributes += f' class="{key}"'
        else:
            attributes = f'{attributes[: known.start()]} class="{known.group(1)} {key}"{attributes[known.end() :]}'
        return f"<{name}{attributes}{end}>"

    out = [_TAG.sub(shared, pieces[0])]
    for svg, piece in zip(svgs, pieces[1:], strict=True):
        out += [svg, _TAG.sub(shared, piece)]
    rules = "".join(f"{f'.{key}' * WEIGHT} {{ {style} }}\n" for style, key in names.items())
    return f"{html[:head_end]}<style>\n{rules}</style>\n{html[head_end:body]}{''.join(out)}"


def _repeated_styles(pieces: list[str]) -> dict[str, str]:
    """The styles more than one element writes, each with its class name (s0, s1, …).

    A style written once stays inline: it gains nothing from a rule, and each rule costs WeasyPrint a compiled selector.
    """
    counts: dict[str, int] = {}
    for piece in pieces:
        for tag in _TAG.finditer(piece):
            style = _STYLE.search(tag.group(2))
            if style is not None and _PLAIN.fullmatch(style.group(1)):
                counts[style.group(1)] = counts.get(style.group(1), 0) + 1
    repeated = [style for style, count in counts.items() if count > 1]
    return {style: f"s{index}" for index, style in enumerate(repeated)}
