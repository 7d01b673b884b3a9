"""The rights statement (个人权益记录单) as a PDF, in Chinese.

Text is set in the portal's PDF font (workflow.pdf: Noto Sans SC, embedded as a subset), so the statement
prints the same on any printer and viewer, and the text stays extractable (pypdf and pdftotext read it back).
"""

from __future__ import annotations

import io
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from insurance.models import InsuranceType
from insurance.rules.codes import format_code
from workflow.pdf import pdf_font, pdf_font_warn_missing

MONTH_TYPES = [InsuranceType.PENSION, InsuranceType.MEDICAL, InsuranceType.UNEMPLOYMENT, InsuranceType.WORK_INJURY]


def _styles() -> dict[str, ParagraphStyle]:
    font = pdf_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1),
        "body": ParagraphStyle("body", fontName=font, fontSize=9, leading=13),
        "small": ParagraphStyle("small", fontName=font, fontSize=7.5, leading=10),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=11, leading=16, spaceBefore=6),
    }


def _table(rows: list[list], widths: list[float] | None = None, size: float = 8.5) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), pdf_font(), size), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ebf1")), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _type_rows(data: dict) -> list[list]:
    rows = [[_("Insurance type"), _("Months this year"), _("Months in total"), _("Average base"),
             _("Employer paid"), _("Individual paid")]]
    for entry in data["types"]:
        rows.append([str(InsuranceType(entry["type"]).label), entry["months"], entry["months_total"],
                     entry["base_average"], entry["employer"], entry["individual"]])
    return rows


def _month_rows(data: dict) -> list[list]:
    header = [_("Month"), _("Base")]
    # Not inside the f-strings: xgettext does not read calls there, so the words were never translated.
    employer, individual = _("employer"), _("individual")
    for kind in MONTH_TYPES:
        short = str(InsuranceType(kind).label)
        header += [f"{short}\n{employer}", f"{short}\n{individual}"]
    rows = [header]
    for month in data["months"]:
        row = [month["month"] + (" *" if month["owed"] else ""), month["base"]]
        for kind in MONTH_TYPES:
            row += month["parts"].get(kind, ["—", "—"])
        rows.append(row)
    return rows


def statement_pdf(*, data: dict, code: str, issued_at: datetime) -> bytes:
    """Render the statement of `data` (selectors.statements.statement_data) with its verification code."""
    with translation.override("zh-hans"):
        return _render(data, code, issued_at)


def _render(data: dict, code: str, issued_at: datetime) -> bytes:
    styles = _styles()
    pdf_font_warn_missing(data["name"], document="rights statement")
    buffer = io.BytesIO()
    # initialFontName: the page's initial font is ours too, not a Helvetica that nothing embeds.
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=_("Personal social-insurance rights statement"),
                            author=_("Dongying Social Insurance Centre"), invariant=1,
                            initialFontName=pdf_font())
    account = data["account"]
    story = [
        Paragraph(_("Dongying personal social-insurance rights statement (%(year)s)") % {"year": data["year"]},
                  styles["title"]),
        Spacer(1, 4 * mm),
        Paragraph(f"{_('Name')}：{data['name']}　　{_('Identity number')}：{data['id_number']}", styles["body"]),
        Paragraph(_("Contributions by insurance type"), styles["heading"]),
        _table(_type_rows(data)),
        Paragraph(_("Personal pension account (principal, before interest)"), styles["heading"]),
        _table([[_("Balance at the start of the year"), _("Credited this year"), _("Balance at the end of the year")],
                [account["opening"], account["credited"], account["closing"]]]),
    ]
    if data["carried_months"]:
        story.append(Paragraph(_("Includes %(months)s pension months carried over from the former system.")
                               % {"months": data["carried_months"]}, styles["small"]))
    story += [Paragraph(_("Monthly detail (yuan)"), styles["heading"]),
              _table(_month_rows(data), size=7) if data["months"] else
              Paragraph(_("No contributions recorded this year."), styles["body"])]
    if data["owed"] != "0.00":
        story.append(Paragraph(_("* owed, not yet paid: %(amount)s yuan in total.") % {"amount": data["owed"]},
                               styles["small"]))
    url = settings.SITE_URL + reverse("insurance:statement-verify")
    story += [Spacer(1, 6 * mm),
              Paragraph(_("Verification code: %(code)s") % {"code": format_code(code)}, styles["heading"]),
              Paragraph(_("Check that this statement is genuine at %(url)s with the code above.") % {"url": url},
                        styles["small"]),
              Paragraph(_("Issued %(at)s by the Dongying Social Insurance Centre.")
                        % {"at": f"{issued_at:%Y-%m-%d %H:%M}"}, styles["small"])]
    doc.build(story)
    return buffer.getvalue()
