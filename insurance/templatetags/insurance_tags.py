"""Template filters of social insurance."""

from django import template

from insurance.models import InsuranceType

register = template.Library()


@register.filter
def insurance_type(value: str) -> str:
    """The label of an insurance type code ("pension" -> 基本养老保险)."""
    try:
        return str(InsuranceType(value).label)
    except ValueError:
        return value
