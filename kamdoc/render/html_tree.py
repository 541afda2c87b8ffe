"""The PDF's HTML as the element tree WeasyPrint's HTML5 parser makes of it, built at once when it is written as our templates write it.

WeasyPrint parses a page with tinyhtml5, which follows the HTML standard's tokenizer and tree construction in Python,
character by character: 6–8 % of a deck's printing. kamdoc's own templates write well-formed pages (every element closed
in order, quoted attributes, escaped text, tables with their row groups), whose tree the standard's rules give as
written. `parse` builds that tree from a scan of the tags, and returns None for anything where the standard's rules would
do more than that (a tag closed out of order, a paragraph holding a block, a row outside a row group, a comment, an
entity other than the five escapes, markup inside a picture that leaves it): such a page, a theme's or not, goes to
tinyhtml5 as before. A test checks both trees are the same for every test plan's deck, and for generated pages.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, TreeBuilder

SVG = "http://www.w3.org/2000/svg"
_XMLNS = "{http://www.w3.org/2000/xmlns/}xmlns"

_START = re.compile(r"\A[ \t\n\f]*<!doctype html>", re.IGNORECASE)
_TOKEN = re.compile(
    r"<(?P<open>[a-zA-Z][a-zA-Z0-9]*)(?P<attributes>(?:[ \t\n\f]+[^\s\"'<>/=]+(?:=\"[^\"<]*\")?)*)[ \t\n\f]*(?P<closed>/?)>"
    r"|</(?P<end>[a-zA-Z][a-zA-Z0-9]*)>"
    r"|(?P<text>[^<]+)"
)
_ATTRIBUTE = re.compile(r"([^\s\"'<>/=]+)(?:=\"([^\"]*)\")?")
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));|&")
"""A character reference the parser reads as we do, or any other "&" (which `_character` refuses)."""
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ODD = re.compile(
    "[\x00-\x08\x0b\r\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufeff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
"""Characters the parser's input stream changes or reports (carriage returns, controls, surrogates, non-characters)."""
_SPACE = " \t\n\f"

PHRASING = frozenset(
    "a abbr b br cite code dfn em i img kbd mark q s samp small span strong sub sup time u var".split()
)
"""Elements a paragraph may hold without the parser closing it; none of them is treated specially inside another."""
FLOW = PHRASING | frozenset("article aside div footer h1 h2 h3 h4 h5 h6 header main nav p section table".split())
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_VOID = frozenset("br col img meta".split())
_TABLE_PARTS = {
    "table": frozenset("caption colgroup thead tbody tfoot".split()),
    "colgroup": frozenset({"col"}),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tfoot": frozenset({"tr"}),
    "tr": frozenset({"td", "th"}),
}
"""Which children each part of a table may have, and must: the parser adds a row group or column group that is missing."""
_HEAD = frozenset({"meta", "title", "style"})
SVG_ELEMENTS = frozenset("circle desc ellipse g line path polygon polyline rect text title tspan".split())
"""Pictures' elements whose names the parser keeps as written (lower case), none of them a way back into HTML."""
_SVG_TEXT_ONLY = frozenset({"title", "desc"})
_SVG_ATTRIBUTES = {"viewbox": "viewBox", "preserveaspectratio": "preserveAspectRatio"}
SVG_ATTRIBUTES = frozenset(
    "class cx cy d dominant-baseline fill fill-opacity font-family font-size font-style font-weight height id opacity "
    "points preserveAspectRatio r rx ry stroke stroke-dasharray stroke-linecap stroke-linejoin stroke-opacity "
    "stroke-width style text-anchor transform viewBox width x x1 x2 y y1 y2".split()
)
"""Pictures' attributes whose names the parser keeps as written (the two in camel case it writes so itself)."""
_RAW_END = {name: re.compile(f"</{name}(?=[ \t\n\f/>])", re.IGNORECASE) for name in ("style", "title")}
"""Where the parser ends a <style> or <title> element's text."""


class NotPlain(Exception):
    """The page needs the HTML standard's repairs: it is parsed by WeasyPrint's own parser."""


def parse(html: str) -> Element | None:
    """The tree of a page written as kamdoc's templates write it (see the module's docstring), or None for any other."""
    start = _START.match(html)
    if start is None or _ODD.search(html):
        return None
    builder = _Builder(html, start.end())
    try:
        for token in _TOKEN.finditer(html, start.end()):
            builder.take(token)
        return builder.close()
    except NotPlain:
        return None


def decoded(text: str) -> str:
    """Text or an attribute's value with its character references replaced; NotPlain for any other use of "&"."""
    return _REFERENCE.sub(_character, text) if "&" in text else text


def _character(reference: re.Match[str]) -> str:
    name, decimal, hexadecimal = reference.groups()
    if name:
        return _NAMED[name]
    if decimal is None and hexadecimal is None:
        raise NotPlain("a bare ampersand or another entity")
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if code > 0x10FFFF or _ODD.match(chr(code)) or code < 0x20 and code not in (9, 10, 12):
        raise NotPlain("a reference to a character the parser replaces")
    return chr(code)


class _Builder:
    """The tree, built token by token while checking that the standard's rules would build the same."""

    def __init__(self, html: str, position: int) -> None:
        self.html, self.position = html, position  # the page, and where the next token must start
        self.tree = TreeBuilder()
        self.open: list[str] = []  # the open elements' tag names; pictures' elements as {SVG}name
        self.stage = "html"  # what the page's frame expects next: html, head, in-head, body, in-body, after
        self.paragraphs = 0  # open <p> elements: inside one, only phrasing
        self.links = 0
        self.raw_until = 0  # the end of a <style> or <title> element's text, read whole

    def take(self, token: re.Match[str]) -> None:
        if token.start() < self.raw_until:  # inside a <style> or <title> read whole
            return
        if token.start() != self.position:  # a "<" that starts no tag
            raise NotPlain("a character between tokens")
        self.position = token.end()
        if token.group("text") is not None:
            self.text(token.group("text"))
        elif token.group("open") is not None:
            self.start(token)
        else:
            self.end(token.group("end"))

    def close(self) -> Element:
        if self.stage != "after" or self.open != ["html", "body"] or self.position != len(self.html):
            raise NotPlain("the page's frame is not complete")
        self.tree.end("body")
        return self.tree.end("html")

    def text(self, text: str) -> None:
        blank = not text.strip(_SPACE)
        if self.stage in ("html", "head"):  # before <head>: the parser drops white space
            if not blank:
                raise NotPlain("text before the head")
            return
        if not blank and (self.stage != "in-body" or self.open[-1] in _TABLE_PARTS):
            raise NotPlain("text where the parser would move it")
        self.tree.data(decoded(text))

    def start(self, token: re.Match[str]) -> None:
        name = token.group("open")
        if name != name.lower():
            raise NotPlain(f"<{name}>: the parser writes names in lower case")
        attributes = self.attributes(name, token.group("attributes"))
        closed = bool(token.group("closed"))
        if self.stage != "in-body":
            self.frame(name, attributes, closed, token.end())
            return
        if self.open[-1].startswith("{"):
            self.picture_child(name, attributes, closed)
            return
        self.check_child(name, closed)
        if name == "svg":
            self.tree.start(f"{{{SVG}}}svg", attributes)
            self.open.append(f"{{{SVG}}}svg")
            if closed:
                self.end("svg")
            return
        self.tree.start(name, attributes)
        if name in _VOID:
            self.tree.end(name)
            return
        self.open.append(name)
        self.paragraphs += name == "p"
        self.links += name == "a"

    def check_child(self, name: str, closed: bool) -> None:
        """NotPlain unless the parser would put `name` where it stands, as it stands."""
        parent = self.open[-1]
        allowed = _TABLE_PARTS.get(parent)
        if allowed is not None:
            if name not in allowed:
                raise NotPlain(f"<{name}> in <{parent}>")
        elif name not in (PHRASING if self.paragraphs else FLOW) and name != "svg":
            raise NotPlain(f"<{name}> where the parser would close or move it")
        if (name in _HEADINGS and parent in _HEADINGS) or (name == "a" and self.links):
            raise NotPlain(f"<{name}> in <{parent}>")
        if closed and name not in _VOID and name != "svg":
            raise NotPlain(f"<{name}/>: the parser ignores the slash")

    def picture_child(self, name: str, attributes: dict[str, str], closed: bool) -> None:
        parent = self.open[-1][len(SVG) + 2 :]
        if name not in SVG_ELEMENTS or parent in _SVG_TEXT_ONLY:
            raise NotPlain(f"<{name}> in a picture")
        tag = f"{{{SVG}}}{name}"
        self.tree.start(tag, attributes)
        if closed:
            self.tree.end(tag)
        else:
            self.open.append(tag)

    def end(self, name: str) -> None:
        if name in ("html", "body", "head"):
            self.frame_end(name)
            return
        current = self.open[-1] if self.stage == "in-body" else ""
        if current.startswith("{"):
            current = current[len(SVG) + 2 :]
        if name != current:
            raise NotPlain(f"</{name}> closes <{current}>")
        self.tree.end(self.open.pop())
        self.paragraphs -= name == "p"
        self.links -= name == "a"

    def attributes(self, name: str, written: str) -> dict[str, str]:
        """The attributes as the parser gives them: values decoded, pictures' names adjusted, the first of a name kept."""
        out: dict[str, str] = {}
        picture = name == "svg" or bool(self.open) and self.open[-1].startswith("{")
        for key, value in _ATTRIBUTE.findall(written):
            if picture:
                key = _picture_attribute(name, key, value)
            elif key != key.lower() or ":" in key or key == "xmlns":
                raise NotPlain(f"the attribute {key} as written")
            if key in out:
                raise NotPlain(f"the attribute {key} twice")
            out[key] = decoded(value)
        return out

    def frame(self, name: str, attributes: dict[str, str], closed: bool, end: int) -> None:
        """<html>, <head> and its elements, <body>: in the one order the parser keeps as written."""
        if self.stage == "in-head" and name in _HEAD:
            self.head_element(name, attributes, end)
            return
        if name != self.stage or closed:  # the stages before each frame element are named after it
            raise NotPlain(f"<{name}> in the page's frame")
        self.tree.start(name, attributes)
        self.open.append(name)
        self.stage = {"html": "head", "head": "in-head", "body": "in-body"}[name]

    def head_element(self, name: str, attributes: dict[str, str], end: int) -> None:
        """A <meta>, or a <title> or <style> with its text read whole (the parser reads no markup in them)."""
        self.tree.start(name, attributes)
        if name != "meta":
            close = _RAW_END[name].search(self.html, end)
            stop = close.start() if close else -1
            if close is None or self.html[stop : stop + len(name) + 3] != f"</{name}>":
                raise NotPlain(f"<{name}> not closed as written")
            text = self.html[end:stop]
            self.tree.data(text if name == "style" else decoded(text))
            self.raw_until = self.position = stop + len(name) + 3
        self.tree.end(name)

    def frame_end(self, name: str) -> None:
        if name == "head" and self.stage == "in-head" and self.open[-1] == "head":
            self.tree.end(self.open.pop())
            self.stage = "body"
        elif name == "body" and self.stage == "in-body" and self.open[-1] == "body":
            self.stage = "after"  # the parser keeps <body> open: white space after it goes into it
        elif name != "html" or self.stage != "after":
            raise NotPlain(f"</{name}> in the page's frame")


def _picture_attribute(element: str, key: str, value: str) -> str:
    """A picture's attribute's name as the parser gives it; NotPlain for one it would change otherwise than we know."""
    key = _SVG_ATTRIBUTES.get(key, key)
    if key == "xmlns" and element == "svg" and value == SVG:
        return _XMLNS
    if key not in SVG_ATTRIBUTES:
        raise NotPlain(f"the picture's attribute {key}")
    return key
