"""The thumbnail maker on its own: pure Pillow, no AWS."""

from __future__ import annotations

import io
import math

import pytest
from PIL import Image, ImageChops, ImageStat

from function_settings import from_env
from harness.runtime import images
from thumbnail.imaging import ImageRejected, make_thumbnail
from thumbnail.settings import ConfigurationError, Settings

pytestmark = pytest.mark.unit

SETTINGS = Settings()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_jpeg_is_decoded_at_reduced_scale_and_stays_jpeg():
    thumb = make_thumbnail(images.jpeg(4000, 3000), SETTINGS)
    assert (thumb.format, thumb.width, thumb.height) == ("JPEG", 256, 192)
    # 4000x3000 to 256 wide: the decoder picks the coarsest DCT scale still at least
    # the target, 1/8; the full 12 MP is never decoded.
    assert (thumb.decoded_width, thumb.decoded_height) == (500, 375)
    out = opened(thumb.data)
    assert out.format == "JPEG" and out.size == (256, 192)
    assert thumb.content_type == "image/jpeg" and thumb.extension == ".jpg"


@pytest.mark.parametrize(
    ("orientation", "expected_size"),
    [(1, (256, 128)), (3, (256, 128)), (6, (128, 256)), (8, (128, 256))],
)
def test_exif_orientation_is_applied(orientation, expected_size):
    thumb = make_thumbnail(images.jpeg(1600, 800, orientation=orientation), SETTINGS)
    out = opened(thumb.data)
    assert out.size == expected_size
    # The orientation is in the pixels now, so the thumbnail carries no EXIF to apply it twice.
    assert out.getexif().get(images.EXIF_ORIENTATION) is None


def test_rotated_thumbnail_keeps_the_top_left_marker_where_the_viewer_sees_it():
    # The red marker is drawn at the stored top-left; orientation 3 (180°) moves it bottom-right.
    out = opened(make_thumbnail(images.jpeg(1600, 800, orientation=3), SETTINGS).data).convert("RGB")
    red = (255, 0, 0)

    def near(pixel, colour):
        return all(abs(a - b) < 60 for a, b in zip(pixel, colour, strict=True))

    assert near(out.getpixel((out.width - 5, out.height - 3)), red)
    assert not near(out.getpixel((3, 3)), red)


def test_png_with_transparency_stays_png_with_alpha():
    thumb = make_thumbnail(images.png(1024, 512, transparent=True), SETTINGS)
    out = opened(thumb.data)
    assert (thumb.format, out.mode, out.size) == ("PNG", "RGBA", (256, 128))
    assert out.getpixel((10, 10))[3] == 128


def test_animated_gif_gives_a_gif_of_the_first_frame():
    thumb = make_thumbnail(images.gif(600, 600, frames=3), SETTINGS)
    out = opened(thumb.data)
    assert (thumb.format, out.size, getattr(out, "n_frames", 1)) == ("GIF", (256, 256), 1)


def psnr(a: Image.Image, b: Image.Image) -> float:
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    mse = sum(channel * channel for channel in ImageStat.Stat(diff).rms) / 3
    return 10 * math.log10(255 * 255 / mse) if mse else math.inf


def test_shrink_on_load_looks_like_a_full_decode():
    data = images.jpeg(4000, 3000, quality=95)
    reference = opened(data).resize((256, 192), Image.Resampling.LANCZOS)  # full 12 MP decode
    thumb = make_thumbnail(data, Settings(jpeg_quality=95))
    # 40 dB is already indistinguishable to the eye; JPEG re-encoding alone costs some.
    assert psnr(opened(thumb.data), reference) > 40


def test_small_image_is_not_enlarged():
    thumb = make_thumbnail(images.jpeg(120, 80), SETTINGS)
    assert (thumb.width, thumb.height) == (120, 80)


def test_header_claiming_a_huge_png_is_refused_before_decoding():
    with pytest.raises(ImageRejected, match="decompression bomb: 100000x100000"):
        make_thumbnail(images.png_header_claiming(100_000, 100_000), SETTINGS)


def test_png_too_large_to_decode_is_refused():
    # 8000x8000 passes the bomb limit, but PNG cannot be decoded at reduced scale.
    with pytest.raises(ImageRejected, match="too large to decode: 8000x8000"):
        make_thumbnail(images.png_header_claiming(8000, 8000), SETTINGS)


def test_huge_jpeg_is_judged_by_its_reduced_decode():
    # 60000x40000 (2.4 GP) is refused as a bomb before anything else.
    with pytest.raises(ImageRejected, match="decompression bomb"):
        make_thumbnail(images.jpeg_header_claiming(60_000, 40_000), SETTINGS)
    # With the bomb limit out of the way, the decode limit judges the size the
    # decoder would really produce: 20000x15000 at 1/8 scale is 2500x1875.
    strict = Settings(max_source_pixels=10**12, max_decoded_pixels=1_000_000)
    with pytest.raises(ImageRejected, match="too large to decode: 2500x1875"):
        make_thumbnail(images.jpeg_header_claiming(20_000, 15_000), strict)
    # A PNG cannot be decoded at reduced scale: it is judged at full size.
    with pytest.raises(ImageRejected, match="too large to decode: 20000x15000"):
        make_thumbnail(images.png_header_claiming(20_000, 15_000), strict)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"definitely not an image", "not an image in a supported format"),
        (b"", "not an image in a supported format"),
        (images.jpeg(800, 600)[:600], "corrupt image"),
        (b"%PDF-1.4\n" + b"0" * 100, "not an image in a supported format"),
    ],
    ids=["text", "empty", "truncated-jpeg", "pdf"],
)
def test_unusable_data_is_rejected_with_a_reason(data, reason):
    with pytest.raises(ImageRejected, match=reason):
        make_thumbnail(data, SETTINGS)


def test_settings_from_env_reads_and_checks_values():
    settings = from_env(
        Settings, {"THUMBNAIL_MAX_DIMENSION": "128", "SOURCE_PREFIX": "in/", "THUMBNAIL_PREFIX": "out/"}
    )
    assert (settings.max_dimension, settings.source_prefix, settings.thumbnail_prefix) == (128, "in/", "out/")
    with pytest.raises(ConfigurationError, match="THUMBNAIL_MAX_DIMENSION must be a whole number"):
        from_env(Settings, {"THUMBNAIL_MAX_DIMENSION": "big"})


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("images/", "images/thumbs/", "overlap"),
        ("images/", "images/", "overlap"),
        ("images", "thumbnails/", "ending in '/'"),
        ("", "thumbnails/", "ending in '/'"),
    ],
)
def test_settings_refuse_prefixes_that_would_retrigger(source, target, message):
    with pytest.raises(ConfigurationError, match=message):
        Settings(source_prefix=source, thumbnail_prefix=target)


def test_a_jpeg_of_more_scans_than_any_encoder_writes_is_refused_before_decoding():
    """2,000 scans that code nothing: 240 KB that kept libjpeg busy 4 s (issue 31)."""
    with pytest.raises(ImageRejected, match="too costly to decode: 2006 scans"):
        make_thumbnail(images.progressive_scan_bomb(4000, 3000, 2000), Settings())


def test_a_progressive_jpeg_as_encoders_write_it_still_gets_its_thumbnail():
    out = io.BytesIO()
    images.photo(1200, 900).save(out, "JPEG", progressive=True)
    assert make_thumbnail(out.getvalue(), Settings()).format == "JPEG"
