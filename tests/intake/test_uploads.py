"""intake.uploads: files are judged by their bytes, cleaned of metadata, the original sealed."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import replace

import pytest
from documents import CAMERA_MARKER, camera_exif, pdf_document
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_profile
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from intake import uploads
from intake.errors import AttachmentRejected
from intake.settings import Settings
from intake.uploads import (
    AttachmentTooLarge,
    DecompressionBomb,
    EmptyAttachment,
    ProtectedDocument,
    TruncatedAttachment,
    UnsupportedAttachment,
    open_original,
    prepare_attachment,
)

SAMPLE_PDF = pdf_document(author="AuthorMarker", commenter="CommenterMarker")


def jpeg_with_gps(size: tuple[int, int] = (64, 48), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=camera_exif(orientation).tobytes(),
               comment=b"CommentMarker")
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


def test_a_pdf_keeps_its_pages_without_author_comments_or_camera_metadata(
    settings: Settings,
) -> None:
    original = pdf_document(pages=2, author="AuthorMarker Wang Wu", commenter="CommenterMarker",
                            with_file_and_script=True)
    markers = (b"AuthorMarker", b"CommenterMarker", CAMERA_MARKER.encode(), b"/EmbeddedFile",
               b"/JavaScript")
    assert all(marker in original for marker in markers)

    prepared = prepare_attachment(settings=settings, data=original)

    assert prepared.content_type == "application/pdf"
    for marker in (*markers, b"pypdf"):
        assert marker not in prepared.data
    cleaned = PdfReader(io.BytesIO(prepared.data))
    assert len(cleaned.pages) == 2 and cleaned.metadata is None
    assert all("/Annots" not in page for page in cleaned.pages)
    assert [image.image.size for image in cleaned.pages[1].images] == [(640, 480)]
    assert open_original(settings=settings, sealed=prepared.original_ciphertext) == original


def test_a_cut_off_or_unreadable_pdf_is_refused(settings: Settings) -> None:
    whole = pdf_document()
    with pytest.raises(TruncatedAttachment):
        prepare_attachment(settings=settings, data=whole[: len(whole) // 2])
    with pytest.raises(TruncatedAttachment):  # ends like a PDF, holds no document
        prepare_attachment(settings=settings, data=b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")


def test_a_pdf_locked_by_a_password_is_refused_and_an_open_one_is_cleaned(
    settings: Settings,
) -> None:
    with pytest.raises(ProtectedDocument):
        prepare_attachment(settings=settings, data=pdf_document(password="secret"))
    # An empty user password only restricts printing or copying: the document opens.
    prepared = prepare_attachment(settings=settings,
                                  data=pdf_document(password="", author="AuthorMarker"))
    assert b"AuthorMarker" not in prepared.data
    assert len(PdfReader(io.BytesIO(prepared.data)).pages) == 1


def test_a_pdf_with_too_many_pages_or_a_giant_image_is_refused(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_PDF_PAGES", 2)
    with pytest.raises(AttachmentTooLarge):
        prepare_attachment(settings=settings, data=pdf_document(pages=3))
    monkeypatch.setattr(uploads, "MAX_PIXELS", 640 * 480 - 1)
    with pytest.raises(DecompressionBomb):
        prepare_attachment(settings=settings, data=pdf_document())


@settings_profile(max_examples=60, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.tuples(st.integers(0, 10**6), st.binary(min_size=0, max_size=8)),
                     min_size=1, max_size=6))
def test_a_damaged_pdf_is_cleaned_or_refused_by_name_never_an_error(
    settings: Settings, cuts: list[tuple[int, bytes]]
) -> None:
    data = bytearray(SAMPLE_PDF)
    for at, junk in cuts:
        at %= len(data)
        data[at : at + len(junk)] = junk
    try:
        prepared = prepare_attachment(settings=settings, data=bytes(data))
    except AttachmentRejected:
        return
    assert prepared.content_type == "application/pdf"
    assert b"AuthorMarker" not in prepared.data
