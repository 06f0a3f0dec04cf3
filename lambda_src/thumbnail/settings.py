"""The handler's configuration, read from the function's environment (lib/function_settings)."""

from __future__ import annotations

from dataclasses import dataclass

from function_settings import ConfigurationError, variable


@dataclass(frozen=True)
class Settings:
    source_prefix: str = variable("SOURCE_PREFIX", "images/")
    thumbnail_prefix: str = variable("THUMBNAIL_PREFIX", "thumbnails/")
    max_dimension: int = variable("THUMBNAIL_MAX_DIMENSION", 256)
    # Refuse to download objects larger than this.
    max_object_bytes: int = variable("MAX_OBJECT_BYTES", 25 * 1024 * 1024)
    # Pixels actually decoded (JPEGs are decoded at 1/2..1/8 scale first): bounds memory.
    max_decoded_pixels: int = variable("MAX_DECODED_PIXELS", 40_000_000)
    # Pixels the header may claim; beyond this the object is treated as a decompression bomb.
    max_source_pixels: int = variable("MAX_SOURCE_PIXELS", 250_000_000)
    jpeg_quality: int = variable("JPEG_QUALITY", 85)

    def __post_init__(self) -> None:
        for name in ("source_prefix", "thumbnail_prefix"):
            value = getattr(self, name)
            if not value or not value.endswith("/"):
                raise ConfigurationError(f"{name} must be a non-empty prefix ending in '/', got {value!r}")
        if self.thumbnail_prefix.startswith(self.source_prefix) or self.source_prefix.startswith(self.thumbnail_prefix):
            raise ConfigurationError(
                f"thumbnail_prefix {self.thumbnail_prefix!r} and source_prefix {self.source_prefix!r} overlap: "
                "thumbnails would trigger the function again"
            )
        if not 16 <= self.max_dimension <= 2048:
            raise ConfigurationError(f"max_dimension must be 16-2048 pixels, got {self.max_dimension}")
        if not 1 <= self.jpeg_quality <= 95:
            raise ConfigurationError(f"jpeg_quality must be 1-95, got {self.jpeg_quality}")
        for name in ("max_object_bytes", "max_decoded_pixels", "max_source_pixels"):
            if getattr(self, name) <= 0:
                raise ConfigurationError(f"{name} must be positive, got {getattr(self, name)}")


__all__ = ["ConfigurationError", "Settings"]
