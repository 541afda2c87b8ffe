"""Loading plans: safe YAML with the position of every value, files read only inside the plans repo."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kamdoc.findings import Finding, Pos, field_path, quoted
from kamdoc.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NAME_BYTES, MAX_NUMBER_CHARS, MAX_PATH_CHARS, MAX_TEXT
from kamdoc.load.files import FileMissing, FileRefused, read_capped
from kamdoc.load.numerals import LOOKS_NUMERIC
from kamdoc.load.yaml_errors import At, explain

Path_ = tuple[Any, ...]
"""Where a value sits in a plan: mapping keys and list indexes from the top."""

# Characters no plan text needs; YAML forbids most of them anyway, and we name the place.
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
"""Unicode's noncharacters of the Arabic block: never text, and kamdoc marks pasted breaks with two of them."""
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

# Plain scalars are resolved as YAML 1.2's core schema does, so `NO`, `on` and
# `yes` stay text. Integers with a leading zero stay text too: YAML 1.1 reads
# `012` as octal 10, 1.2 as 12, and a person most likely meant "012".
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_SPECIAL_FLOAT = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
# Text that other YAML tools (1.1 ones, or 1.2 with octal/hex) would read as a
# boolean or number: kept as text here, but worth quoting for everyone else.
_OTHER_TOOLS_TRAP = re.compile(
    r"(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)\Z"
    r"|[-+]?0[0-9_]+(?:\.[0-9_]*)?\Z"
    r"|[-+]?0[obxOBX][0-9a-fA-F_]+\Z"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?\Z"
    r"|[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?\Z"
)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_WINDOWS_ABS = re.compile(r"[A-Za-z]:[\\/]")


# A position is packed into one int (line above, column below): a plan records one for every value and
# key, and a number costs a tenth of an object. Columns fit, for a file is at most 2 MB long.
_COLUMN_BITS = 22
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


def packed(line: int, column: int) -> int:
    """A 0-based line and column as one number."""
    return (line << _COLUMN_BITS) | min(column, _COLUMN_MASK)


class LoadError(Exception):
    """A problem that stops reading a file (syntax, refused YAML feature, size): one finding, and the language the file
    says it is written in, where a line `language: de` says so (its messages are said in it)."""

    def __init__(self, finding: Finding, language: str | None = None) -> None:
        super().__init__(finding.message)
        self.finding = finding
        self.language = language


_LANGUAGE_LINE = re.compile(r"^language:\s*['\"]?(en|de)['\"]?\s*(?:#.*)?$", re.M)


def said_language(text: str) -> str | None:
    """The language a plan's text declares on a line of its own (`language: de`), read without parsing: a file with a
    syntax error is still told what is wrong in its own language."""
    found = _LANGUAGE_LINE.search(text)
    return found.group(1) if found else None


@dataclass
class Document:
    """A loaded plan: plain Python data and, for each value, where it came from."""

    file: Path
    repo: Path
    data: Any
    positions: dict[Path_, int] = field(default_factory=dict)
    """Where each value starts in `file`, packed as one number (see `packed`): a plan has one per value."""
    keys: dict[Path_, int] = field(default_factory=dict)
    """Where the key of each mapping entry starts, packed the same way."""
    elsewhere: dict[Path_, Pos] = field(default_factory=dict)
    """Values whose text comes from another file (`{file: x.md}`): where that text starts."""
    plain: dict[Path_, str] = field(default_factory=dict)
    """Source text of plain scalars that are not plain text to every YAML tool (numbers, booleans, dates, `NO`)."""
    numerals: dict[Path_, str] = field(default_factory=dict)
    """Source text of plain scalars that look like numbers written for people (`1,250`, `1 000`; see load/numerals.py)."""
    styles: dict[Path_, str] = field(default_factory=dict)
    """Block scalars ('|' or '>') and text pulled in from a file ('file'), for placing lines inside them."""
    problems: list[Finding] = field(default_factory=list)
    """What was wrong but did not stop loading (duplicate keys, over-long text)."""
    lines: list[str] = field(default_factory=list)
    snapshot: Any = None
    """The git revision the plan was read from (kamdoc.load.git.Snapshot), or None for the files on disk."""

    @property
    def from_git(self) -> bool:
        """Whether the plan comes from a commit rather than from disk: files it names are read from git too."""
        return self.snapshot is not None and self.snapshot.commit is not None

    def where(self, path: Path_) -> Pos:
        """The position of the value at `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            part = path[:end]
            if part in self.elsewhere:
                return self.elsewhere[part]
            packed = self.positions.get(part)
            if packed is not None:
                return self.unpack(packed)
        return Pos(self.file, 1, 1)

    def where_key(self, path: Path_) -> Pos:
        """The position of the key at `path` (for unknown fields), else of the value."""
        packed = self.keys.get(path)
        return self.unpack(packed) if packed is not None else self.where(path)

    def unpack(self, packed: int) -> Pos:
        return Pos(self.file, (packed >> _COLUMN_BITS) + 1, (packed & _COLUMN_MASK) + 1)

    def files(self) -> set[Path]:
        """The files other than the plan whose text the plan pulls in."""
        return {pos.file for pos in self.elsewhere.values()}

    def where_in_text(self, path: Path_, line: int, col: int) -> Pos:
        """The position of line `line`, column `col` (both 0-based) inside the text value at `path`."""
        pos = self.where(path)
        style = self.styles.get(path)
        if style == "file":
            return Pos(pos.file, line + 1, col + 1)
        if style == "|" and pos.line + line < len(self.lines):
            # A literal block's text starts on the line after `|`, indented.
            source = self.lines[pos.line + line]
            indent = len(source) - len(source.lstrip(" "))
            return Pos(pos.file, pos.line + 1 + line, indent + col + 1)
        if (
            style is None
            and line == 0
            and 0 < pos.line <= len(self.lines)
            and self.lines[pos.line - 1][pos.col - 1 : pos.col] not in ("'", '"', "{")
        ):
            return Pos(
                pos.file, pos.line, pos.col + col
            )  # a plain scalar's first line is as written (quoted ones may hold escapes)
        return pos


def find_repo(plan_file: Path) -> Path:
    """The plans repo: the nearest folder upward holding `kamdoc.yaml` or `.git`, else the plan's own folder."""
    start = plan_file.absolute().parent
    for folder in (start, *start.parents):
        if (folder / "kamdoc.yaml").is_file() or (folder / ".git").exists():
            return folder
    return start


def resolve_ref(ref: str, base: Path, repo: Path) -> Path:
    """The file a plan names (relative to `base`), refusing URLs, absolute paths and anything outside `repo`."""
    if not ref.strip():
        raise FileRefused("an empty path names no file")
    if _WINDOWS_ABS.match(ref) or ref.startswith(("/", "\\")):
        raise FileRefused(f"{quoted(ref)} is an absolute path; give a path relative to the plan, inside the plans repo")
    if _URL.match(ref):
        raise FileRefused(
            f"{quoted(ref)} is a URL; kamdoc never fetches from the network: put the file beside the plan and name it by its relative path"
        )
    if "\\" in ref:
        raise FileRefused(f"{quoted(ref)} uses backslashes; separate folders with /")
    if len(ref) > MAX_PATH_CHARS or any(
        len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in ref.split("/")
    ):
        raise FileRefused(
            f"{quoted(ref[:80])} is too long a path (at most {MAX_PATH_CHARS:,} characters, {MAX_NAME_BYTES} bytes a name)"
        )
    if "\x00" in ref:
        raise FileRefused(f"{quoted(ref)} has a NUL character, which no file name holds")
    target = base / ref
    if in_git_folder(target, repo):
        raise FileRefused(
            f"{quoted(ref)} is inside git's own folder (.git/), which kamdoc never reads; only the files of the work tree are plans' files"
        )
    if not inside(target, repo):
        how = (
            "through a symbolic link "
            if inside(Path(os.path.normpath(target.absolute())), repo.absolute(), real=False)
            else ""
        )
        raise FileRefused(f"{quoted(ref)} points {how}outside the plans repo ({repo}); only files inside it are read")
    real = Path(os.path.realpath(target))
    if not real.exists():
        raise FileMissing(f"{quoted(ref)} does not exist (looked for {target})")
    if not real.is_file():
        raise FileRefused(f"{quoted(ref)} is not a regular file")
    return real


def inside(path: Path, root: Path, real: bool = True) -> bool:
    """Whether `path` lies in the work tree at `root`: below it, and not in a `.git` folder (or file) there.

    With `real`, after following every symbolic link.
    """
    if real:
        path, root = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    else:
        path, root = Path(os.path.normpath(path.absolute())), Path(os.path.normpath(root.absolute()))
    if not (path == root or root in path.parents):
        return False
    return ".git" not in path.relative_to(root).parts


def in_git_folder(path: Path, root: Path) -> bool:
    """Whether `path` (as written, or after its links) lies in a `.git` folder of the work tree at `root`."""
    for candidate, top in (
        (Path(os.path.normpath(path.absolute())), Path(os.path.normpath(root.absolute()))),
        (Path(os.path.realpath(path)), Path(os.path.realpath(root))),
    ):
        if (candidate == top or top in candidate.parents) and ".git" in candidate.relative_to(top).parts:
            return True
    return False


def read_in_tree(path: Path, root: Path, cap: int, shown: str) -> bytes:
    """The bytes of a file in the work tree at `root`, refusing one in `.git/`, one that links out of the tree, and what `read_capped` refuses."""
    if in_git_folder(path, root):
        raise FileRefused(f"{shown} is inside git's own folder (.git/), which kamdoc never reads")
    if not inside(path, root):
        raise FileRefused(f"{shown} is a link to a file outside the work tree ({root}); only files inside it are read")
    # The links were followed once, to check where they lead; the file opened is that place, and a link put
    # there since (a checkout between the check and the read) is refused rather than followed.
    return read_capped(Path(os.path.realpath(path)), cap, shown, follow=False)


def has_bad_chars(text: str) -> bool:
    """Whether text holds a character no plan may (control characters, lone surrogates)."""
    return _BAD_CHARS.search(text) is not None


# YAML refuses U+000B and U+000C in a file; PowerPoint puts them into copied text. They are carried
# through the YAML parser as two private-use characters and turned back (with a warning) in values.
_PASTED = ("\ufdd0", "\ufdd1")
"""What PowerPoint's pasted line and page breaks (U+000B, U+000C, which YAML refuses) stand as while YAML reads a plan.

Two Unicode noncharacters: no text is meant to hold them, and `decode_text` refuses them in a file, so that a
character a plan really holds (a private-use one, say) is never taken for a pasted break.
"""


def _mark_pasted(text: str) -> str:
    if "\x0b" not in text and "\x0c" not in text:
        return text
    return text.replace("\x0b", _PASTED[0]).replace("\x0c", _PASTED[1])


def decode_text(data: bytes, file: Path) -> str:
    """UTF-8 text with no control characters, or a LoadError naming the first bad place."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            Finding(Pos(file, line, col), "error", "", "the file is not UTF-8 text (save it as UTF-8)")
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = _NONCHARACTERS.search(text)  # before the pasted breaks are marked with two of them
    text = _mark_pasted(text) if bad is None else text
    bad = bad or _BAD_CHARS.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise LoadError(
            Finding(
                Pos(file, line, col),
                "error",
                "",
                f"control character U+{ord(bad.group()):04X} is not allowed in a plan; remove it",
            )
        )
    return text


def read_settings(path: Path, data: bytes | None = None) -> Document:
    """A settings file (kamdoc.yaml, theme.yaml) read like a plan, or one KamdocError with its place.

    `data` is the file's content where it does not come from disk (a git revision).
    """
    from kamdoc.errors import KamdocError

    raw = b""
    try:
        raw = read_capped(path, MAX_FILE_BYTES, str(path)) if data is None else data
        if len(raw) > MAX_FILE_BYTES:
            raise FileRefused(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return parse(decode_text(raw, path), path, path.parent)
    except LoadError as exc:
        f = exc.finding
        message = f"{path}:{f.pos.line}:{f.pos.col}: error: {f.message}"
        if (exc.language or said_language(raw.decode("utf-8", "replace"))) == "de":
            from kamdoc.messages import located_in_german  # a German repository's kamdoc.yaml: told in German

            message = located_in_german(message)
        raise KamdocError(message) from None
    except FileRefused as exc:
        raise KamdocError(f"{path}: {exc}") from None


def read_plan(plan_file: Path, repo: Path | None = None) -> Document:
    """Read and parse one plan file (LoadError if it cannot be read as a plan at all)."""
    repo = repo or find_repo(plan_file)
    if not inside(plan_file, repo):
        raise LoadError(
            Finding(Pos(plan_file, 1, 1), "error", "", f"the plan is a link to a file outside the plans repo ({repo})")
        )
    try:
        data = read_capped(plan_file, MAX_FILE_BYTES, "the plan file")
    except FileRefused as exc:
        raise LoadError(Finding(Pos(plan_file, 1, 1), "error", "", str(exc))) from None
    except OSError as exc:
        raise LoadError(Finding(Pos(plan_file, 1, 1), "error", "", f"cannot read the file: {exc.strerror}")) from None
    try:
        text = decode_text(data, plan_file)
    except LoadError as exc:  # said in the plan's language all the same, where a line of it says which
        exc.language = exc.language or said_language(data.decode("utf-8", "replace"))
        raise
    return parse(text, plan_file, repo)


def parse(text: str, file: Path, repo: Path) -> Document:
    """Parse YAML text into a Document (LoadError on syntax errors and refused YAML features, said in the language the
    text declares)."""
    try:
        return _parsed(text, file, repo)
    except LoadError as exc:  # a plan that cannot be read is still told so in its own language
        exc.language = exc.language or said_language(text)
        raise


def _parsed(text: str, file: Path, repo: Path) -> Document:
    fast = hasattr(yaml, "CSafeLoader")
    try:
        return _parse_with(yaml.CSafeLoader if fast else yaml.SafeLoader, text, file, repo)
    except _ParserLimit:
        # libyaml (0.2.6 and newer) scans far ahead and stops at its own nesting limit before kamdoc
        # sees the first level too deep. The pure-Python parser reads only as far as it must, so
        # kamdoc's own check fires where the plan goes too deep, with kamdoc's own message.
        return _parse_with(yaml.SafeLoader, text, file, repo)


_CUT_BY_COMMENT = re.compile(r"^(\s+)(#\S[^#]*?)\s*$")
"""What follows a plain value on its line when it is ` #` glued to a word: `Team #1`, not a comment such as `# note`."""


class _ParserLimit(Exception):
    """libyaml stopped at a limit of its own; the file is read again by a parser that has none."""


def _parse_with(loader_class: Any, text: str, file: Path, repo: Path) -> Document:
    doc = Document(file=file, repo=repo, data=None, lines=text.splitlines())
    builder = _Builder(doc, sentinels=_PASTED[0] in text or _PASTED[1] in text)
    loader = loader_class(text)
    try:
        builder.run(loader)
    except yaml.MarkedYAMLError as exc:
        if loader_class is not yaml.SafeLoader and "maximum nesting depth" in str(exc.problem):
            raise _ParserLimit() from None
        mark = exc.problem_mark or exc.context_mark
        context = exc.context_mark or mark
        at = At(
            str(exc.problem or ""),
            str(exc.context or ""),
            mark.line if mark else 0,
            mark.column if mark else 0,
            context.line if context else 0,
            context.column if context else 0,
            doc.lines,
        )
        said = explain(at)
        raise LoadError(Finding(Pos(file, said.line, said.col), "error", "", said.message)) from None
    except yaml.YAMLError as exc:
        raise LoadError(Finding(Pos(file, 1, 1), "error", "", f"YAML syntax error: {exc}")) from None
    finally:
        loader.dispose()
    return doc


class _Builder:
    """Turns the parser's events into Python data, refusing what a plan must not hold."""

    def __init__(self, doc: Document, sentinels: bool = False) -> None:
        self.doc = doc
        self.keys_seen: dict[str, Any] = {}
        self.sentinels = sentinels
        self.last_plain: tuple[Path_, int, int, str] | None = None
        """The last plain scalar: its path, where it ends (line, column) and its text, to join `1,250` that a flow mapping split."""

    def run(self, loader: Any) -> None:
        self.loader = loader
        self._expect(yaml.StreamStartEvent)
        event = loader.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            raise LoadError(
                Finding(Pos(self.doc.file, 1, 1), "error", "", "the file is empty; a plan starts with `kamdoc: 1`")
            )
        self.doc.data = self._node((), 0)
        self._expect(yaml.DocumentEndEvent)
        event = loader.get_event()
        if not isinstance(event, yaml.StreamEndEvent):
            raise self._refuse(event, "a plan file holds one YAML document; remove the second `---` and what follows")

    def _expect(self, kind: type) -> Any:
        event = self.loader.get_event()
        assert isinstance(event, kind), event  # the parser guarantees the event order
        return event

    def _pos(self, event: Any) -> Pos:
        mark = event.start_mark
        return Pos(self.doc.file, mark.line + 1, mark.column + 1)

    def _refuse(self, event: Any, message: str) -> LoadError:
        return LoadError(Finding(self._pos(event), "error", "", message))

    def _check(self, event: Any) -> None:
        if event.anchor is None and event.tag is None:
            return  # nearly every event: nothing to refuse
        if isinstance(event, yaml.AliasEvent):
            raise self._refuse(event, f"YAML aliases (*{event.anchor}) are not allowed in a plan; write the value out")
        if event.anchor is not None:
            raise self._refuse(event, f"YAML anchors (&{event.anchor}) are not allowed in a plan; write each value out")
        if event.tag is not None and event.tag != "!":
            raise self._refuse(event, f"YAML tags ({event.tag}) are not allowed in a plan; remove the tag")

    def _node(self, path: Path_, depth: int) -> Any:
        event = self.loader.get_event()
        self._check(event)
        if depth > MAX_DEPTH:
            raise self._refuse(event, f"the plan nests deeper than {MAX_DEPTH} levels")
        mark = event.start_mark
        self.doc.positions[path] = (mark.line << _COLUMN_BITS) | mark.column  # columns fit: a file is at most 2 MB
        kind = type(event)
        if kind is yaml.ScalarEvent:
            return self._scalar(event, path)
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            check, end = self.loader.check_event, yaml.SequenceEndEvent
            while not check(end):
                items.append(self._node((*path, len(items)), depth + 1))
            self.loader.get_event()
            return items
        if kind is yaml.MappingStartEvent:
            return self._mapping(path, depth)
        raise self._refuse(event, "unexpected YAML content")  # pragma: no cover - the parser emits only the above

    def _mapping(self, path: Path_, depth: int) -> dict[Any, Any]:
        mapping: dict[Any, Any] = {}
        while not self.loader.check_event(yaml.MappingEndEvent):
            event = self.loader.get_event()
            self._check(event)
            if not isinstance(event, yaml.ScalarEvent):
                raise self._refuse(event, "a mapping key must be a plain word or number, not a list or mapping")
            if event.value == "<<" and not event.style:
                raise self._refuse(event, "YAML merge keys (<<) are not allowed in a plan; write each field out")
            text = event.value
            # Escapes in a quoted key can make characters the file itself may not hold.
            bad = _BAD_CHARS.search(text) if event.style == '"' else None
            if bad:
                raise self._refuse(
                    event, f"control character U+{ord(bad.group()):04X} is not allowed in a key; remove it"
                )
            if len(text) > MAX_NUMBER_CHARS and not event.style and (_INT.match(text) or _FLOAT.match(text)):
                raise self._refuse(
                    event,
                    f"a key of {len(text):,} digits is no year or name; a number has at most {MAX_NUMBER_CHARS} characters",
                )
            key = self._key(text) if not event.style else text
            mark = event.start_mark
            assert mark is not None  # every event of a parsed file has one
            if not event.style and text.isdigit() and self._glued(event, path):
                last = self.last_plain
                self._node(
                    (*path, ("glued", mark.line + 1, mark.column)), depth + 1
                )  # the split-off "entry" has no value
                self.last_plain = last
                continue
            if key in mapping:
                first = self.doc.unpack(self.doc.keys[(*path, key)])
                self.doc.problems.append(
                    Finding(
                        self._pos(event),
                        "error",
                        _dotted(path, key),
                        f"duplicate key {quoted(text)} (first given on line {first.line}); keep one",
                    )
                )
                self._node((*path, ("duplicate", mark.line + 1)), depth + 1)
                continue
            self.doc.keys[(*path, key)] = (mark.line << _COLUMN_BITS) | mark.column
            mapping[key] = self._node((*path, key), depth + 1)
        self.loader.get_event()
        return mapping

    def _key(self, text: str) -> Any:
        """A plain key resolved once per distinct text: plans repeat the same few keys thousands of times."""
        cache = self.keys_seen
        if text not in cache:
            cache[text] = self._resolve(text)
        return cache[text]

    def _scalar(self, event: Any, path: Path_) -> Any:
        text = event.value
        quoted_style = event.style == '"'  # only a double-quoted scalar's escapes make characters the file cannot hold
        if (quoted_style and ("\x0b" in text or "\x0c" in text)) or (
            self.sentinels and (_PASTED[0] in text or _PASTED[1] in text)
        ):
            text = self._pasted(event, path, text)
        if len(text) > MAX_TEXT:
            self.doc.problems.append(
                Finding(
                    self._pos(event),
                    "error",
                    _dotted(path),
                    f"the text has {len(text):,} characters; at most {MAX_TEXT:,} are allowed (move long prose to a file with {{file: name.md}})",
                )
            )
        bad = _BAD_CHARS.search(text) if quoted_style else None
        if bad:
            self.doc.problems.append(
                Finding(
                    self._pos(event),
                    "error",
                    _dotted(path),
                    f"control character U+{ord(bad.group()):04X} is not allowed in text; remove it",
                )
            )
        if event.style in ("|", ">"):
            self.doc.styles[path] = event.style
        # The C parser marks plain scalars with an empty style, the Python one with None.
        if event.style or event.tag == "!":
            return text
        if len(text) > MAX_NUMBER_CHARS and (_INT.match(text) or _FLOAT.match(text)):
            self.doc.problems.append(
                Finding(
                    self._pos(event),
                    "error",
                    _dotted(path),
                    f"a number of {len(text):,} characters; numbers in a plan have at most {MAX_NUMBER_CHARS}",
                )
            )
            return text
        value = self._resolve(text)
        if (value is not None and value.__class__ is not str) or _OTHER_TOOLS_TRAP.match(text):
            self.doc.plain[path] = text
        elif LOOKS_NUMERIC.match(text):
            self.doc.numerals[path] = text
        self.last_plain = (path, event.end_mark.line, event.end_mark.column, text)
        self._cut_by_comment(event, path, text)
        return value

    def _cut_by_comment(self, event: Any, path: Path_, text: str) -> None:
        """A warning where ` #` right after a plain value starts a comment that looks like part of it (`Team #1`)."""
        end = event.end_mark
        rest = self.doc.lines[end.line][end.column :] if end.line < len(self.doc.lines) else ""
        cut = _CUT_BY_COMMENT.match(rest)
        if cut:
            self.doc.problems.append(
                Finding(
                    Pos(self.doc.file, end.line + 1, end.column + len(cut.group(1)) + 1),
                    "warning",
                    _dotted(path),
                    f"{quoted(cut.group(2))} starts a comment, so the value ends before it as {quoted(text)}; if it belongs to the "
                    "value, put the whole value in quotes (a comment has a space after its #)",
                )
            )

    def _glued(self, key: Any, path: Path_) -> bool:
        """Whether a flow mapping's key is the rest of a number before it, split at a comma: `{2026: 1,250}` (kept as `1,250`)."""
        last = self.last_plain
        mark = key.start_mark
        if last is None or last[0][:-1] != path or (mark.line, mark.column) != (last[1], last[2] + 1):
            return False
        line = self.doc.lines[mark.line] if mark.line < len(self.doc.lines) else ""
        if line[last[2] : mark.column] != "," or not LOOKS_NUMERIC.match(last[3] + ",0"):
            return False
        joined = f"{last[3]},{key.value}"
        self.doc.numerals[last[0]] = joined
        self.last_plain = (last[0], mark.line, key.end_mark.column, joined)
        return True

    def _pasted(self, event: Any, path: Path_, text: str) -> str:
        """PowerPoint's line break (U+000B) and page break (U+000C), pasted into a plan, as a line break and a space."""
        if self.sentinels:
            text = text.replace(_PASTED[0], "\x0b").replace(_PASTED[1], "\x0c")
        if "\x0b" not in text and "\x0c" not in text:
            return text
        self.doc.problems.append(
            Finding(
                self._pos(event),
                "warning",
                _dotted(path),
                "U+000B and U+000C (line and page breaks pasted from PowerPoint) were read as a line break and a space; type them as such",
            )
        )
        return text.replace("\x0b", "\n").replace("\x0c", " ")

    @staticmethod
    def _resolve(text: str) -> Any:
        if text in _NULL:
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.match(text):
            return int(text)
        if _FLOAT.match(text):
            return float(text)
        if text in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[text]
        if _DATE.match(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                return text
        return text


def _dotted(path: Path_, key: Any = None) -> str:
    parts = [p for p in path if not isinstance(p, tuple)]
    if key is not None:
        parts.append(key)
    return field_path(tuple(parts))
