"""Case numbers carry a check character; tracking codes are unguessable and forgiving to type."""

import math
from datetime import date

from workflow.rules.codes import (
    TRACKING_ALPHABET,
    TRACKING_LENGTH,
    case_number,
    format_tracking_code,
    is_valid_case_number,
    is_well_formed_tracking_code,
    new_tracking_code,
    normalize_tracking_code,
)


def test_case_numbers_are_date_sequence_and_check_character():
    number = case_number(date(2026, 11, 27), 123)
    assert number.startswith("20261127000123") and len(number) == 15
    assert is_valid_case_number(number)
    for i in range(14):  # every single-digit typo is caught
        for digit in "0123456789":
            if digit != number[i]:
                assert not is_valid_case_number(number[:i] + digit + number[i + 1:])


def test_tracking_codes_have_at_least_64_bits_and_no_ambiguous_characters():
    assert TRACKING_LENGTH * math.log2(len(TRACKING_ALPHABET)) >= 64
    assert not set("ILOU") & set(TRACKING_ALPHABET)
    codes = {new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(is_well_formed_tracking_code(c) for c in codes)


def test_typed_codes_are_normalised():
    code = new_tracking_code()
    typed = format_tracking_code(code).lower().replace("0", "o").replace("1", "l")
    assert normalize_tracking_code(typed) == code
    assert not is_well_formed_tracking_code(normalize_tracking_code("short"))
