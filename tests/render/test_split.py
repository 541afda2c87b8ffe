"""Where a deck is cut for its two printing processes: tiny decks with exact answers."""

from __future__ import annotations

from kamdoc.outline.deck import Box, Deck, Slide, Table, Text
from kamdoc.outline.richtext import Para, Run
from kamdoc.render.split import cut_point

BOX = Box(36, 80, 888, 400)


def _text_slide() -> Slide:
    return Slide("section", "Text", [Text(BOX, (Para((Run("Words."),)),), 14)])


def _table_slide(rows: int, columns: int) -> Slide:
    table = Table(
        BOX,
        (888 / columns,) * columns,
        ("H",) * columns,
        (("1",) * columns,) * rows,
        ("left",) * columns,
        12,
        (20.0,) * (rows + 1),
    )
    return Slide("section", "Table", [table])


def _deck(slides: list[Slide]) -> Deck:
    return Deck("t", "a", "s", "en", "f", 960, 540, slides)


def test_alike_slides_are_cut_in_the_middle() -> None:
    assert cut_point(_deck([_text_slide() for _ in range(10)])) == 5
    assert cut_point(_deck([_text_slide() for _ in range(10)]), joined_here=False) == 5


def test_a_table_of_ten_rows_by_six_weighs_as_much_as_three_and_a_half_text_slides() -> None:
    # A text slide: 20 + a text box 8 = 28; a table's: 20 + 66 cells at 1.2 + 60 characters at 0.006 = 99.56 (3.6 text
    # slides). Half of 295.56 is 147.78: the table and two text slides (155.56) against five text slides (140).
    slides = [_table_slide(10, 6), *(_text_slide() for _ in range(7))]
    assert cut_point(_deck(slides), joined_here=False) == 3
    assert cut_point(_deck([*(_text_slide() for _ in range(7)), _table_slide(10, 6)]), joined_here=False) == 6
