"""Template filters of social insurance."""

from django import template

from insurance.models import InsuranceType

register = template.Library()


@register.filter
def proof_method(code: str | None, methods: dict):
    """The proof-of-life method of a code, from the methods the view read (insurance.selectors.proof_methods)."""
    return methods.get(code) if code else None


@register.filter
def insurance_type(value: str) -> str:
    """The label of an insurance type code ("pension" -> 基本养老保险)."""
    try:
        return str(InsuranceType(value).label)
    except ValueError:
        return value
