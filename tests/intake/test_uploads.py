"""intake.uploads: files are judged by their bytes, cleaned of metadata, the original sealed."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import replace

import pytest
from PIL import Image

from intake.settings import Settings
from intake.uploads import (
    AttachmentTooLarge,
    DecompressionBomb,
    EmptyAttachment,
    TruncatedAttachment,
    UnsupportedAttachment,
    open_original,
    prepare_attachment,
)

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(size: tuple[int, int] = (64, 48), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMakerMarker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (31.0, 14.0, 5.0), 3: "E", 4: (121.0, 28.0, 1.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"CommentMarker")
    return out.getvalue()


def png_bytes(size: tuple[int, int], mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format="PNG")
    return out.getvalue()


def with_png_dimensions(data: bytes, width: int, height: int) -> bytes:
    """A PNG whose header claims other dimensions (with a valid CRC): a bomb's shape."""
    ihdr_start = 8 + 4  # signature, then the IHDR chunk's length field
    body = b"IHDR" + struct.pack(">II", width, height) + data[ihdr_start + 12 : ihdr_start + 17]
    crc = struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    return data[:ihdr_start] + body + crc + data[ihdr_start + 4 + 13 + 4 :]


def test_a_photo_is_reencoded_without_exif_gps_or_comment(settings: Settings) -> None:
    original = jpeg_with_gps()
    assert b"CameraMakerMarker" in original

    prepared = prepare_attachment(settings=settings, data=original)

    assert prepared.content_type == "image/jpeg"
    assert b"CameraMakerMarker" not in prepared.data
    assert b"CommentMarker" not in prepared.data
    with Image.open(io.BytesIO(prepared.data)) as cleaned:
        assert dict(cleaned.getexif()) == {}
        assert cleaned.size == (64, 48)


def test_the_original_is_sealed_and_opens_only_with_the_key(settings: Settings) -> None:
    original = jpeg_with_gps()
    prepared = prepare_attachment(settings=settings, data=original)

    assert b"CameraMakerMarker" not in prepared.original_ciphertext
    assert prepared.original_size == len(original)
    assert open_original(settings=settings, sealed=prepared.original_ciphertext) == original
    other = replace(settings, keys=type(settings.keys).generate())
    with pytest.raises(Exception):  # noqa: B017 - cryptography's InvalidTag
        open_original(settings=other, sealed=prepared.original_ciphertext)


def test_the_exif_orientation_is_applied_before_it_is_dropped(settings: Settings) -> None:
    prepared = prepare_attachment(settings=settings, data=jpeg_with_gps((64, 48), orientation=6))
    assert (prepared.width, prepared.height) == (48, 64)


def test_bytes_appended_after_the_image_do_not_survive(settings: Settings) -> None:
    polyglot = jpeg_with_gps() + b"<script>alert(1)</script>PayloadMarker"
    prepared = prepare_attachment(settings=settings, data=polyglot)
    assert b"PayloadMarker" not in prepared.data


def test_a_transparent_png_stays_a_png(settings: Settings) -> None:
    prepared = prepare_attachment(settings=settings, data=png_bytes((10, 10), "RGBA"))
    assert prepared.content_type == "image/png"
    assert prepared.sha256 and len(prepared.sha256) == 64


@pytest.mark.parametrize(
    "data",
    [b"<html><script>alert(1)</script></html>", b"MZ\x90\x00 executable", b"GIF89a-not-really"],
    ids=["html", "exe", "fake-gif-header"],
)
def test_a_file_that_is_not_an_image_or_pdf_is_refused(settings: Settings, data: bytes) -> None:
    with pytest.raises(UnsupportedAttachment):
        prepare_attachment(settings=settings, data=data)


def test_an_image_claiming_huge_dimensions_is_a_decompression_bomb(settings: Settings) -> None:
    bomb = with_png_dimensions(png_bytes((8, 8)), 30_000, 30_000)
    with pytest.raises(DecompressionBomb):
        prepare_attachment(settings=settings, data=bomb)


def test_a_cut_off_photo_is_refused_as_truncated(settings: Settings) -> None:
    image = Image.effect_noise((256, 256), 64).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG")
    with pytest.raises(TruncatedAttachment):
        prepare_attachment(settings=settings, data=out.getvalue()[: len(out.getvalue()) // 2])


def test_an_empty_or_oversized_file_is_refused(settings: Settings) -> None:
    with pytest.raises(EmptyAttachment):
        prepare_attachment(settings=settings, data=b"")
    small = replace(settings, max_upload_bytes=100)
    with pytest.raises(AttachmentTooLarge):
        prepare_attachment(settings=small, data=jpeg_with_gps())


def test_a_pdf_is_kept_only_when_complete(settings: Settings) -> None:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    prepared = prepare_attachment(settings=settings, data=pdf)
    assert prepared.content_type == "application/pdf"
    assert prepared.data == pdf
    with pytest.raises(TruncatedAttachment):
        prepare_attachment(settings=settings, data=pdf[:20])
