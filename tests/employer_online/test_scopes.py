"""An employer's user's declarations and payment orders are asked by its employer's id (no subquery of the staff's
scopes): the same rows as the general scope, its own alone, and none for a user who has no employer."""

import pytest
from django.db.models import Q

from accounts.models import User
from insurance.models import Declaration, PaymentOrder
from insurance.selectors.employers import declarations_visible_to, employers_visible_to, orders_visible_to
from insurance.services import declaration_declare
from tests.employer_online.helpers import draft, hire

pytestmark = pytest.mark.django_db


def test_an_employer_user_sees_its_own_declarations_and_orders_as_the_general_scope_does(firm, rival):
    for side in (firm, rival):
        declaration = draft(side["admin"], [hire(side["admin"]).person])
        declaration_declare(declaration=declaration, actor=side["admin"])
    user = firm["staff"]
    employers = employers_visible_to(user=user)
    declarations = set(declarations_visible_to(user=user))
    orders = set(orders_visible_to(user=user))
    assert declarations == set(Declaration.objects.filter(employer__in=employers))
    assert orders == set(PaymentOrder.objects.filter(Q(employer__in=employers)))
    assert declarations and orders
    assert {d.employer_id for d in declarations} == {o.employer_id for o in orders} == {firm["employer"].pk}


def test_an_employer_user_without_an_employer_sees_none(firm):
    from django.utils import timezone

    from tests.factories import PersonFactory

    PaymentOrder.objects.create(number="PO-PERSON-1", kind="back_payment", person=PersonFactory(), amount=100,
                                issued_at=timezone.now(), due_on=timezone.localdate())
    user = User(kind=User.Kind.EMPLOYER, employer=None)
    assert not declarations_visible_to(user=user).exists()
    assert not orders_visible_to(user=user).exists()  # not the orders without an employer (a person's)
