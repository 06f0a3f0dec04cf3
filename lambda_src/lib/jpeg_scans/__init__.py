"""The decode work a JPEG asks for, bounded before any pixel is decoded.

A progressive JPEG is decoded scan by scan, and each scan is a pass over every block of
the image, whatever it holds: a few hundred KB of scans that code nothing (an EOB run over
the whole image is a few bytes) pass every size and pixel check and keep libjpeg busy for
minutes (measured: 2,000 such scans over a 12 MP image, 4 s; issue 31 saw 17 s at 531 KB).
Encoders write about 10 scans (libjpeg's progression) and rarely more than 30. A library,
not a function: harness.build bundles it into the zip of each function that imports it.
"""

from __future__ import annotations

MAX_SCANS = 100
SOS = b"\xff\xda"  # start of scan: in entropy-coded data 0xFF is always stuffed (FF 00)


def scan_count(data: bytes) -> int:
    """Start-of-scan markers in the bytes. An APP segment (EXIF, its thumbnail) may hold the
    two bytes too, so this can only count more than the image has, never fewer."""
    return data.count(SOS)


def too_many_scans(data: bytes, limit: int = MAX_SCANS) -> str | None:
    """Why a JPEG would cost too much to decode, or None."""
    scans = scan_count(data)
    if scans > limit:
        return f"{scans} scans (limit {limit}): a progressive JPEG that would take minutes to decode"
    return None
