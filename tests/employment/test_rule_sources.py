"""The rule tables' sources and variants are data clerks read: in Chinese, on the page and in the database."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from employment import reference as employment_reference
from employment.models import FundRule, SubsidyRule
from insurance import reference as insurance_reference
from insurance.models import ContributionRate

pytestmark = pytest.mark.django_db

# Latin words a Chinese source may keep: none so far but these abbreviations.
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _seeded_sources() -> list[str]:
    e, i = employment_reference, insurance_reference
    return ([row[6] for row in e.SUBSIDIES] + [row[3] for row in e.MINIMUM_WAGES + e.BENEFIT_LEVELS]
            + [row[4] for row in e.FUND_RULES] + [row[8] for row in i.RATES] + [row[5] for row in i.BASES]
            + [row[2] for row in i.CALCULATION_BASES + i.MINIMUM] + [i.PLACEHOLDER])


def test_every_seeded_source_is_chinese():
    english = [source for source in _seeded_sources() if LATIN_WORD.search(source)]
    assert not english


def test_the_subsidy_criteria_page_shows_sources_and_levels_in_chinese(client, users):
    client.force_login(users["clerk"])
    page = client.get(reverse("employment:subsidy-criteria")).content.decode()
    assert "占位数据，未查到东营市的标准，须由本局核定" in page and "初级（五级）" in page
    for english in ("PLACEHOLDER", "unverified", ">primary<", ">advanced<", "classification practice"):
        assert english not in page


def _migration(app: str, name: str):
    return importlib.import_module(f"{app}.migrations.{name}")


def test_the_data_migrations_rewrite_english_sources_and_keep_the_bureaus_own():
    """Rows seeded in English before this change get the Chinese text; a source the bureau edited stays."""
    employment = _migration("employment", "0003_reference_sources_in_chinese")
    insurance = _migration("insurance", "0004_reference_sources_in_chinese")
    old_fund, new_fund = next(iter(employment.SOURCES["FundRule"].items()))
    fund = FundRule.objects.get(source=new_fund)
    FundRule.objects.filter(pk=fund.pk).update(source=old_fund)
    edited = SubsidyRule.objects.order_by("pk").first()
    SubsidyRule.objects.filter(pk=edited.pk).update(source="本局2026年1号文")
    old_rate, new_rate = next(iter(insurance.SOURCES["ContributionRate"].items()))
    rate = ContributionRate.objects.filter(source=new_rate).first()
    ContributionRate.objects.filter(pk=rate.pk).update(source=old_rate)

    employment.forwards(apps, None)
    insurance.forwards(apps, None)

    fund.refresh_from_db()
    rate.refresh_from_db()
    edited.refresh_from_db()
    assert (fund.source, rate.source, edited.source) == (new_fund, new_rate, "本局2026年1号文")
