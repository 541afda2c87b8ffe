"""Every cap on what strangers' input may make kamdoc do, in one place: the standard's limits and the docs come from here.

Plans, settings, themes, templates and cached manifests arrive from pull requests. Each cap is far
above what a real plan needs and low enough that no input makes a run slow, large or deep.
"""

from __future__ import annotations

# --- plans --------------------------------------------------------------------------------
MAX_FILE_BYTES = 2 * 1024 * 1024
"""A plan file and each file it pulls in: at most 2 MB (the standard's Limits)."""
MAX_TEXT = 100_000
"""One text value holds at most this many characters (the standard's Limits)."""
MAX_STYLED_RUNS = 400
"""Changes of style (bold, italic, a link) one paragraph keeps; past them its text goes on plain. `*a**a*` over a whole
text made 32,000 of them, and the PDF 660 MB of memory."""
MAX_DEPTH = 24
"""Nesting deeper than this is no plan; refusing it keeps a crafted file from exhausting the stack."""
MAX_NUMBER_CHARS = 40
"""The most characters a number may have: far beyond any amount, and far below Python's 4,300-digit limit."""
MAX_AMOUNT = 1e15
"""The largest amount or figure (a thousand trillion): far above any account, and low enough that sums stay finite."""
MAX_PATH_CHARS = 1024
"""A file name a plan gives, with its folders."""
MAX_NAME_BYTES = 255
"""One part of such a path, as most file systems allow."""
MAX_REVISION_CHARS = 255
"""A git revision named on the command line; git's own names are far shorter."""
MAX_PEOPLE = 2_000
"""People in a plan's power map: a key account's buying centre is dozens, a whole large organisation chart a few thousand."""
MAX_REPORTING_DEPTH = 50
"""Managers above any person of the power map: the deepest real organisations have about a dozen levels."""
MAX_TIES_DRAWN = 60
"""Ties one power-map slide draws as lines: more are a tangle no one reads (a real buying centre has a dozen). The others
stand in the table of ties, which lists every tie, and the routing work per slide stays bounded."""
MAX_ROUTE_STEPS = 20_000
"""Grid points the router looks at for one line before it gives up (a way round dozens of boxes takes a few thousand): a
tie it cannot route is listed, never drawn through a box."""
MAX_LINKS = 2_000
"""Ties in a plan's power map. Each is drawn and listed in the ties table (at most 2,000 rows, about 120 slides), so that a
plan at every cap still renders to PowerPoint and PDF in well under 30 seconds."""

# --- images -------------------------------------------------------------------------------
MAX_IMAGE_BYTES = 5 * 1024 * 1024
"""An image file (a logo)."""
MAX_PIXELS = 25_000_000
"""An image's pixels, and an SVG's own size in CSS pixels."""
MAX_SVG_ELEMENTS = 10_000
"""Elements in an SVG as written."""
MAX_SVG_DEPTH = 64
"""How deeply an SVG's elements may nest."""
MAX_SVG_DRAWN = 50_000
"""Elements an SVG draws once every `<use>` and every reference to a pattern, marker or mask is counted where it is drawn."""

# --- themes and their templates -----------------------------------------------------------
MAX_THEME_TEMPLATE_BYTES = 256 * 1024
"""One theme template file."""
MAX_THEME_OUTPUT_CHARS = 64 * 1024 * 1024
"""What a theme's templates may write for one deck (a dense 60-page deck is about 2 MB)."""
MAX_THEME_SECONDS = 20.0
"""How long a theme's templates may take for one deck (a dense deck takes well under a second)."""
MAX_THEME_SEQUENCE = 100_000
"""The longest text or list a theme template may make by multiplying, and the longest range it may loop over."""
MAX_THEME_FILES = 500
"""The most files a theme folder may hold."""
MAX_THEME_FONT_BYTES = 32 * 1024 * 1024
"""One font file a deck uses (a Latin font is well under 1 MB, a large CJK one about 20 MB): checked when the theme is loaded,
and the cap again on every later read (the PDF's and the web page's embedded fonts, the preview's)."""
MIN_SLIDE_SIDE_IN = 4.0
"""The shortest slide side, in inches, a theme or company template may give: a smaller slide holds no title and text."""
MAX_SLIDE_SIDE_IN = 56.0
"""The longest slide side, in inches: PowerPoint's own limit."""
MAX_MARGIN_SHARE = 0.2
"""The most of the slide's shorter side the theme's margin may take on each edge: the rest holds the title and text."""
MAX_TEXT_SIZE = 72.0
"""The largest text size, in points, a theme may set."""
MAX_TEXT_SHARE = 1 / 12
"""The largest text size as a share of the slide's shorter side: a 7.5 in slide takes text up to 45 pt, a 4 in one up to 24 pt."""

# --- company PowerPoint templates ---------------------------------------------------------
MAX_PPTX_TEMPLATE_BYTES = 50 * 1024 * 1024
"""A company template file."""
MAX_PPTX_MEMBERS = 2_000
"""Parts (zip members) in a company template."""
MAX_PPTX_UNPACKED_BYTES = 200 * 1024 * 1024
"""All of a company template's parts unpacked together."""
MAX_PPTX_RATIO = 200
"""How much larger than its packed size one part may unpack: a real XML part packs to about a tenth."""

# --- builds ---------------------------------------------------------------------------------
MAX_INPUT_BYTES = 64 * 1024 * 1024
"""The largest file hashed as a build input (plans, images and fonts are far smaller)."""
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
"""The largest manifest.json read back (one of 1,000 plans is about 2 MB)."""
MAX_DECK_BYTES = 512 * 1024 * 1024
"""The largest deck a shard's folder may hand to `build --merge` (a deck of a plan within the limits is a few MB)."""

# --- the live preview -----------------------------------------------------------------------
MAX_PREVIEW_FILES = 256
"""How many files (fonts, logos) the preview keeps for its pages: every deck of a version needs a few; older ones drop out."""
MAX_PREVIEW_KEPT_BYTES = 256 * 1024 * 1024
"""What those files may hold together; the oldest drop out first (a deck's fonts and logo are a few MB)."""

# --- reviews (kamdoc diff, render --changes-since) -------------------------------------------
DIFF_STEPS_PER_WORD = 40
"""The work a word-level diff of two texts may do per word (or sentence) they hold; a text that needs more is shown as rewritten, old → new."""
MAX_DIFF_GAP = 4_096
"""A stretch between anchors of a word diff (words on one side times the other) small enough to compare every word with every other."""
MAX_MATCH_CANDIDATES = 16
"""A word shared by more of a list's new items than this is too common to pair an edited item with its new wording."""
