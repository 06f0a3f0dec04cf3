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


def _empty_scan(blocks: int) -> bytes:
    """One progressive AC scan of component 1 that codes nothing: its blocks as EOB runs of
    16384-32767 (the EOB14 symbol, the only code of the AC table _scan_table defines, then
    14 bits), so a few bytes cost the decoder a pass over every block of the image."""
    runs = -(-blocks // 32767)
    sizes = [blocks // runs + (1 if i < blocks % runs else 0) for i in range(runs)]
    if min(sizes) < 16384:
        raise ValueError(f"{blocks} blocks are too few for EOB14 runs: make the image larger")
    bits = "".join("0" + format(size - 16384, "014b") for size in sizes)
    bits += "1" * (-len(bits) % 8)  # pad with ones, as JPEG does
    data = bytearray()
    for i in range(0, len(bits), 8):
        byte = int(bits[i : i + 8], 2)
        data.append(byte)
        if byte == 0xFF:
            data.append(0x00)  # byte stuffing
    header = bytes([0x01, 0x01, 0x01, 0x3F, 0x3F, 0x00])  # Ns=1, Cs=1, DC 0/AC 1, Ss=Se=63, Ah=Al=0
    return b"\xff\xda" + struct.pack(">H", 2 + len(header)) + header + bytes(data)


def progressive_scan_bomb(width: int, height: int, scans: int) -> bytes:
    """A valid progressive grayscale JPEG followed by `scans` scans that code nothing: a few
    hundred KB that pass every size check and make libjpeg pass over every block once per
    scan (issue 31: 17 s to validate at 531 KB). Decoders accept it, with warnings."""
    out = io.BytesIO()
    photo(width, height).convert("L").save(out, "JPEG", progressive=True, quality=85)
    base = out.getvalue()
    end = base.rindex(b"\xff\xd9")
    table = b"\xff\xc4" + struct.pack(">H", 2 + 1 + 16 + 1) + bytes([0x11, 1] + [0] * 15 + [0xE0])
    blocks = -(-width // 8) * -(-height // 8)
    return base[:end] + table + _empty_scan(blocks) * scans + b"\xff\xd9"
