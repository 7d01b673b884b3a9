"""Print each kind of SMS with its variables and the text to submit to the provider for review."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from workflow.sms.kinds import param_label, sms_kinds


class Command(BaseCommand):
    help = "Print each kind of SMS, its variables and the template text to register with the provider."

    def handle(self, *args, **options):
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018  the views import every module that declares a kind
        for kind in sms_kinds():
            variables = ", ".join(f"{name} ({param_label(name)})" for name in kind.params) or _("no parameters")
            self.stdout.write(f"{kind.code}\n  {variables}\n  {kind.template_text()}\n")
