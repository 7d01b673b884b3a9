"""The bank file formats (docs/bank-files.md): the payment file a batch exports (DYPAY1) and the return file a
bank sends back (DYRET1). CSV in UTF-8, one record a line: a header, the details, and a trailer with the line
count, the control total and the SHA-256 of every line before it. Pure: no database."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.exports import csv_cell

PAYMENT_FORMAT = "DYPAY1"
RETURN_FORMAT = "DYRET1"
MAX_RETURN_BYTES = 4 * 1024 * 1024
MAX_RETURN_LINES = 50_000

# The bank's reason codes for a failed payment, and what they mean (the bank's own words are kept too).
REASONS = {
    "ACCOUNT_CLOSED": gettext_lazy("Account closed"),
    "NAME_MISMATCH": gettext_lazy("Account holder's name does not match"),
    "NO_SUCH_ACCOUNT": gettext_lazy("No such account"),
    "ACCOUNT_FROZEN": gettext_lazy("Account frozen"),
    "OTHER": gettext_lazy("Other reason given by the bank"),
}


class BankFileError(ValueError):
    """A file that does not hold: the message says where and why."""

    def __init__(self, message: str, line: int | None = None):
        text = _("Line %(line)d: %(message)s") % {"line": line, "message": message} if line else message
        super().__init__(text)
        self.message = text


@dataclass(frozen=True)
class PaymentRow:
    seq: int
    reference: str
    account_number: str
    payee_name: str
    payee_code: str
    amount: Decimal
    item: str


@dataclass(frozen=True)
class ReturnRow:
    line: int
    seq: int
    reference: str
    amount: Decimal
    paid: bool
    paid_at: datetime | None
    reason_code: str
    reason: str


@dataclass(frozen=True)
class ReturnFile:
    batch_number: str
    bank: str
    rows: list[ReturnRow]


def _line(fields: list[str]) -> str:
    """One record; a cell a spreadsheet would run as a formula (a hostile payee name) is neutralised as in every
    other CSV the portal hands out (accounts.exports.csv_cell): bank staff open these files too."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([csv_cell(field) for field in fields])
    return out.getvalue()


def money(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"


def payment_file(*, batch_number: str, bank: str, month: date, rows: list[PaymentRow]) -> tuple[str, str]:
    """The payment file's text and the SHA-256 that its trailer carries."""
    total = sum((row.amount for row in rows), Decimal("0.00"))
    lines = [_line(["H", PAYMENT_FORMAT, batch_number, bank, f"{month:%Y%m}", str(len(rows)), money(total)])]
    lines += [_line(["D", str(r.seq), r.reference, r.account_number, r.payee_name, r.payee_code, money(r.amount),
                     r.item]) for r in rows]
    body = "".join(lines)
    digest = hashlib.sha256(body.encode()).hexdigest()
    return body + _line(["T", str(len(rows)), money(total), digest]), digest


def return_file(*, batch_number: str, bank: str, rows: list[tuple]) -> str:
    """A return file as a bank writes it: rows of (seq, reference, amount, paid, paid_at, reason_code, reason).
    The fake bank of the tests and the demo uses it."""
    lines = [_line(["H", RETURN_FORMAT, batch_number, bank])]
    for seq, reference, amount, paid, paid_at, code, reason in rows:
        lines.append(_line(["D", str(seq), reference, money(amount), "PAID" if paid else "FAILED",
                            paid_at.isoformat() if paid_at else "", code, reason]))
    body = "".join(lines)
    total = sum((Decimal(row[2]) for row in rows), Decimal("0.00"))
    return body + _line(["T", str(len(rows)), money(total), hashlib.sha256(body.encode()).hexdigest()])


def _decode(data: bytes) -> str:
    if len(data) > MAX_RETURN_BYTES:
        raise BankFileError(_("The file is larger than %(size)d MB: it is not a return file.")
                            % {"size": MAX_RETURN_BYTES // (1024 * 1024)})
    if not data.strip():
        raise BankFileError(_("The file is empty."))
    if b"\x00" in data:
        raise BankFileError(_("The file is not text (it holds binary data): it is not a return file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BankFileError(_("The file is not in UTF-8 (byte %(position)d); ask the bank for the UTF-8 "
                              "return file.") % {"position": exc.start + 1}) from exc


def _amount(text: str, line: int) -> Decimal:
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount.as_tuple().exponent < -2 or amount <= 0:
        raise BankFileError(_("“%(value)s” is not an amount in yuan with at most two decimals.")
                            % {"value": text[:20]}, line)
    return amount.quantize(Decimal("0.01"))


def _detail(fields: list[str], line: int) -> ReturnRow:
    if len(fields) != 8:
        raise BankFileError(_("A detail line has 8 fields; this one has %(count)d.") % {"count": len(fields)}, line)
    _d, seq, reference, amount, result, paid_at, code, reason = fields
    if not seq.isdigit():
        raise BankFileError(_("The line number “%(value)s” is not a number.") % {"value": seq[:20]}, line)
    if result not in ("PAID", "FAILED"):
        raise BankFileError(_("The result must be PAID or FAILED, not “%(value)s”.") % {"value": result[:20]}, line)
    when = None
    if paid_at:
        try:
            when = datetime.fromisoformat(paid_at)
        except ValueError:
            when = None
        if when is None or when.tzinfo is None:
            raise BankFileError(_("The time of payment “%(value)s” is not a time with its UTC offset.")
                                % {"value": paid_at[:40]}, line)
    if result == "FAILED" and code not in REASONS:
        raise BankFileError(_("A failed payment needs one of the reason codes %(codes)s.")
                            % {"codes": ", ".join(REASONS)}, line)
    return ReturnRow(line=line, seq=int(seq), reference=reference.strip().upper()[:24], amount=_amount(amount, line),
                     paid=result == "PAID", paid_at=when if result == "PAID" else None,
                     reason_code=code if result == "FAILED" else "", reason=reason.strip()[:200])


def return_file_parse(data: bytes) -> ReturnFile:
    """Read a bank's return file, or raise BankFileError saying what is wrong (nothing is recorded then)."""
    text = _decode(data)
    lines = text.splitlines(keepends=True)
    if len(lines) > MAX_RETURN_LINES:
        raise BankFileError(_("The file has more than %(count)d lines.") % {"count": MAX_RETURN_LINES})
    try:
        records = [next(csv.reader([line])) if line.strip() else [] for line in lines]
    except csv.Error as exc:
        raise BankFileError(_("The file is not a CSV file.")) from exc
    if not records or records[0][:2] != ["H", RETURN_FORMAT] or len(records[0]) != 4:
        raise BankFileError(_("The first line must be the header “H,%(format)s,batch number,bank”.")
                            % {"format": RETURN_FORMAT}, 1)
    if len(records) < 2 or not records[-1] or records[-1][0] != "T" or len(records[-1]) != 4:
        raise BankFileError(_("The last line must be the trailer “T,count,total,checksum”."), len(records))
    body = "".join(lines[:-1])
    if not body.endswith("\n"):
        body += "\n"
    _t, count, total, checksum = records[-1]
    if hashlib.sha256(body.encode()).hexdigest() != checksum.strip().lower():
        raise BankFileError(_("The checksum in the trailer does not match the file: it was changed or cut short "
                              "after the bank wrote it."), len(records))
    rows = []
    for number, fields in enumerate(records[1:-1], start=2):
        if not fields or fields[0] != "D":
            raise BankFileError(_("Between the header and the trailer every line is a detail line (D)."), number)
        rows.append(_detail(fields, number))
    if count.strip() != str(len(rows)):
        raise BankFileError(_("The trailer counts %(said)s lines; the file has %(count)d.")
                            % {"said": count[:10], "count": len(rows)}, len(records))
    if _amount(total, len(records)) != sum((row.amount for row in rows), Decimal("0.00")):
        raise BankFileError(_("The control total in the trailer is not the sum of the lines."), len(records))
    return ReturnFile(batch_number=records[0][2].strip(), bank=records[0][3].strip(), rows=rows)


# How applicants write the banks' names (the benefit form takes the bank as typed): code -> words that name it.
BANK_WORDS = {
    "DYRCB": ("农商", "农村商业", "RURAL COMMERCIAL", "DYRCB"),
    "DYB": ("东营银行", "DONGYING BANK", "DYB"),
    "ICBC": ("工商", "工行", "ICBC", "INDUSTRIAL AND COMMERCIAL"),
    "ABC": ("农业银行", "农行", "ABC", "AGRICULTURAL"),
    "CCB": ("建设", "建行", "CCB", "CONSTRUCTION"),
    "BOC": ("中国银行", "中行", "BOC", "BANK OF CHINA"),
}


def bank_from_name(text: str) -> str:
    """The code of the bank a typed name means, or "" when it names none of the banks the bureau pays through
    (checked in this order: 农商 before 农业, 东营银行 and 中国银行 by their whole names)."""
    words = text.strip().upper()
    for code, names in BANK_WORDS.items():
        if any(name in words for name in names):
            return code
    return ""
