"""The handler's configuration, read from the function's environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


class ConfigurationError(ValueError):
    """The function's environment is wrong; every invocation would fail the same way."""


@dataclass(frozen=True)
class Settings:
    source_prefix: str = "images/"
    thumbnail_prefix: str = "thumbnails/"
    max_dimension: int = 256
    # Refuse to download objects larger than this.
    max_object_bytes: int = 25 * 1024 * 1024
    # Pixels actually decoded (JPEGs are decoded at 1/2..1/8 scale first): bounds memory.
    max_decoded_pixels: int = 40_000_000
    # Pixels the header may claim; beyond this the object is treated as a decompression bomb.
    max_source_pixels: int = 250_000_000
    jpeg_quality: int = 85

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

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        def number(key: str, default: int) -> int:
            raw = env.get(key)
            if raw in (None, ""):
                return default
            try:
                return int(raw)
            except ValueError:
                raise ConfigurationError(f"{key} must be a whole number, got {raw!r}") from None

        defaults = cls()
        return cls(
            source_prefix=env.get("SOURCE_PREFIX", defaults.source_prefix),
            thumbnail_prefix=env.get("THUMBNAIL_PREFIX", defaults.thumbnail_prefix),
            max_dimension=number("THUMBNAIL_MAX_DIMENSION", defaults.max_dimension),
            max_object_bytes=number("MAX_OBJECT_BYTES", defaults.max_object_bytes),
            max_decoded_pixels=number("MAX_DECODED_PIXELS", defaults.max_decoded_pixels),
            max_source_pixels=number("MAX_SOURCE_PIXELS", defaults.max_source_pixels),
            jpeg_quality=number("JPEG_QUALITY", defaults.jpeg_quality),
        )
