"""Test images made on the spot: real JPEG/PNG/GIF files, with EXIF where asked."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw

EXIF_ORIENTATION = 0x0112


def photo(width: int, height: int) -> Image.Image:
    """A photo-like RGB picture: gradients and shapes, so JPEG has real work to do."""
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge(
        "RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_90).resize((width, height)), gradient)
    )
    draw = ImageDraw.Draw(image)
    step = max(8, min(width, height) // 12)
    for i in range(0, max(width, height), step):
        draw.ellipse((i, i // 2, i + step * 2, i // 2 + step * 2), outline=(255 - i % 255, i % 255, 128), width=3)
    # A marker in the top-left corner, to tell where "up" ended after rotation.
    draw.rectangle((0, 0, width // 4, height // 8), fill=(255, 0, 0))
    return image


def jpeg(width: int, height: int, orientation: int | None = None, quality: int = 90) -> bytes:
    image = photo(width, height)
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[EXIF_ORIENTATION] = orientation
    image.save(out, "JPEG", quality=quality, exif=exif.tobytes())
    return out.getvalue()


def png(width: int, height: int, transparent: bool = False) -> bytes:
    image = photo(width, height).convert("RGBA" if transparent else "RGB")
    if transparent:
        image.putalpha(128)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def gif(width: int, height: int, frames: int = 1) -> bytes:
    images = [photo(width, height).rotate(i * 30).convert("P") for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=frames > 1, append_images=images[1:])
    return out.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims huge dimensions: a decompression bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def jpeg_header_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF0) is patched to claim other dimensions."""
    data = bytearray(jpeg(64, 64))
    marker = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, marker + 5, height, width)
    return bytes(data)
