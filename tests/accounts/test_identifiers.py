"""GB 11643 identity numbers and GB 32100 credit codes: published samples pass, every typo is caught."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from accounts.identifiers import (
    CREDIT_ALPHABET,
    credit_check_char,
    id_check_char,
    is_valid_credit_code,
    is_valid_id_number,
    mask_id_number,
    parse_id_number,
    upgrade_id15,
    validate_mobile,
)

# Published valid samples (../shared/reference/README.md, GB 11643 and GB 32100 examples).
ID_SAMPLES = ["11010519491231002X", "440524188001010014"]
CREDIT_SAMPLES = ["91512081MA62K0260E", "11320000MB151840XJ", "91350100M000100Y43"]
ID_CHARS = "0123456789X"


def single_changes(value: str, alphabet: str):
    for i, original in enumerate(value):
        for ch in alphabet:
            if ch != original:
                yield value[:i] + ch + value[i + 1:]


def adjacent_transpositions(value: str):
    for i in range(len(value) - 1):
        if value[i] != value[i + 1]:
            yield value[:i] + value[i + 1] + value[i] + value[i + 2:]


def test_published_identity_numbers_are_valid():
    for sample in ID_SAMPLES:
        assert is_valid_id_number(sample), sample
    info = parse_id_number("11010519491231002X")
    assert info.birth_date == date(1949, 12, 31) and info.sex == "F"
    assert parse_id_number("440524188001010014").sex == "M"


@pytest.mark.parametrize("sample", ID_SAMPLES)
def test_every_single_change_of_a_published_identity_number_is_rejected(sample):
    for variant in single_changes(sample, ID_CHARS):
        assert not is_valid_id_number(variant), variant


@pytest.mark.parametrize("sample", ID_SAMPLES)
def test_every_transposition_of_a_published_identity_number_is_rejected(sample):
    for variant in adjacent_transpositions(sample):
        assert not is_valid_id_number(variant), variant


def test_published_credit_codes_are_valid():
    for sample in CREDIT_SAMPLES:
        assert is_valid_credit_code(sample), sample


@pytest.mark.parametrize("sample", CREDIT_SAMPLES)
def test_every_single_change_of_a_published_credit_code_is_rejected(sample):
    for variant in single_changes(sample, CREDIT_ALPHABET + "IOZSV"):
        assert not is_valid_credit_code(variant), variant


@pytest.mark.parametrize("sample", CREDIT_SAMPLES)
def test_every_transposition_of_a_published_credit_code_is_rejected(sample):
    for variant in adjacent_transpositions(sample):
        assert not is_valid_credit_code(variant), variant


id_bodies = st.builds(
    lambda province, rest, birth, seq: f"{province}{rest:04d}{birth:%Y%m%d}{seq:03d}",
    st.sampled_from(["11", "37", "44", "65", "81"]),
    st.integers(0, 9999),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)),
    st.integers(0, 999),
)


@given(id_bodies)
def test_generated_identity_numbers_pass_and_every_typo_fails(body):
    number = body + id_check_char(body)
    assert is_valid_id_number(number)
    for variant in single_changes(number, ID_CHARS):
        assert not is_valid_id_number(variant), variant
    for variant in adjacent_transpositions(number):
        assert not is_valid_id_number(variant), variant


credit_bodies = st.text(alphabet=CREDIT_ALPHABET, min_size=17, max_size=17)


@given(credit_bodies)
def test_generated_credit_codes_pass_and_every_typo_fails(body):
    code = body + credit_check_char(body)
    assert is_valid_credit_code(code)
    for variant in single_changes(code, CREDIT_ALPHABET):
        assert not is_valid_credit_code(variant), variant
    for variant in adjacent_transpositions(code):
        assert not is_valid_credit_code(variant), variant


@pytest.mark.parametrize(
    "number, code",
    [
        ("370502199902301234", "date"),  # 30 February
        ("370502210001011234", "date"),  # born in the future
        ("990502199001011234", "province"),  # no such province
        ("37050219900101123", "format"),
        ("37050219900101123x1", "format"),
    ],
)
def test_impossible_identity_numbers_are_rejected_with_a_reason(number, code):
    with pytest.raises(ValidationError) as exc:
        parse_id_number(number)
    assert exc.value.code == code


def test_an_obsolete_division_code_is_still_valid():
    """垦利县 370521 became 垦利区 370505 in 2016; numbers issued before keep the old code."""
    body = "37052119850315001"
    assert is_valid_id_number(body + id_check_char(body))


def test_lower_case_x_and_spaces_are_normalised():
    assert parse_id_number(" 11010519491231002x ").number == "11010519491231002X"


def test_fifteen_digit_numbers_upgrade_to_eighteen():
    upgraded = upgrade_id15("370502800101123")
    assert upgraded[:17] == "37050219800101123" and is_valid_id_number(upgraded)


def test_masking_keeps_division_and_last_four():
    assert mask_id_number("37050219800101123X") == "370502********123X"


@pytest.mark.parametrize("raw, ok", [("13812345678", True), ("+86 138 1234 5678", True), ("12812345678", False),
                                     ("1381234567", False)])
def test_mobile_numbers(raw, ok):
    if ok:
        assert validate_mobile(raw) == "13812345678"
    else:
        with pytest.raises(ValidationError):
            validate_mobile(raw)


def test_full_width_digits_and_ideographic_spaces_read_as_typed_in_ascii():
    """A Chinese input method in full-width mode types ３７０５… and 　: the same person's number, stored in ASCII."""
    from accounts.forms import IdNumberField

    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "11010519491231002X")
    assert IdNumberField().clean(full_width[:9] + "\u3000" + full_width[9:]) == "11010519491231002X"


@pytest.mark.parametrize("digits", ["٣٧٠٥٠٣١٩٦٥٠١٠٥١٢٤٢", "३७०५०३१९६५०१०५१२४२"])
def test_other_scripts_digits_are_not_identity_digits(digits):
    with pytest.raises(ValidationError) as caught:
        parse_id_number(digits)
    assert caught.value.code == "format"


def test_fifteen_characters_that_are_not_digits_get_the_general_format_message():
    from accounts.forms import IdNumberField

    with pytest.raises(ValidationError) as caught:
        IdNumberField().clean("ABCD EFGH IJKL MNO")
    assert caught.value.code == "format" and "15" not in caught.value.messages[0]
