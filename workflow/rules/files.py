"""What kind of file a person handed in, by its bytes (never by its name): material for a case, a photo."""

from __future__ import annotations


def sniff_content_type(head: bytes) -> str | None:
    """The type a file's first bytes show: PDF, JPEG or PNG; None for anything else."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None
