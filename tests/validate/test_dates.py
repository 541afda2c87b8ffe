"""A date written another way gets the ISO form to write: exact answers for the forms people use."""

from __future__ import annotations

from datetime import date

import pytest

from kamdoc.messages import in_german
from kamdoc.validate.dates import iso_forms, write_instead


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("31.12.2026", [date(2026, 12, 31)]),
        ("1. 3. 2027", [date(2027, 3, 1)]),
        ("12/31/2026", [date(2026, 12, 31)]),
        ("31/12/2026", [date(2026, 12, 31)]),
        ("01/02/2027", [date(2027, 1, 2), date(2027, 2, 1)]),  # either way round: both are offered
        ("2026/12/31", [date(2026, 12, 31)]),
        ("Q4 2027", [date(2027, 12, 31)]),
        ("2027 Q1", [date(2027, 3, 31)]),
        ("Dez 2026", [date(2026, 12, 31)]),
        ("März 2027", [date(2027, 3, 31)]),
        ("February 2028", [date(2028, 2, 29)]),
        ("2027-06", [date(2027, 6, 30)]),
        ("31.02.2027", []),
        ("soon", []),
        ("Q5 2027", []),
    ],
)
def test_iso_forms(written: str, meant: list[date]) -> None:
    assert iso_forms(written) == meant


def test_the_message_names_what_to_write_in_both_languages() -> None:
    message = "expected a date (YYYY-MM-DD), got the text 'Q4 2027'" + write_instead("Q4 2027")
    assert message.endswith("; write 2027-12-31")
    assert in_german(message) == "erwartet: ein Datum (JJJJ-MM-TT), gefunden: der Text 'Q4 2027'; schreib 2027-12-31"
    both = "expected a date (YYYY-MM-DD), got the text '01/02/2027'" + write_instead("01/02/2027")
    assert in_german(both).endswith("schreib 2027-01-02 oder 2027-02-01")
