"""Files that lie: through the complaint form, each is refused with a clear 4xx and nothing
stored, or stored only as a re-encoded, metadata-free image or document; never a 5xx."""

from __future__ import annotations

import io
import struct
import zlib
from collections import Counter
from pathlib import Path

import pytest
from documents import pdf_document
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from web_factories import form_token, photo_bytes

from intake.models import Attachment, Case
from intake.settings import Settings

COMPLAINT = "老王饭店的凉菜里有苍蝇，全家腹泻，要求赔偿。"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(side: int = 30_000) -> bytes:
    """A valid 1-bit PNG of side x side pixels (900 megapixels) in a few hundred KB."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", data)
            + png_chunk(b"IEND", b""))


def gif_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, format="GIF")
    return out.getvalue()


REFUSED = {
    "html-as-jpeg": b"<html><script>alert(1)</script></html>",
    "svg-with-script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "exe-as-png": b"MZ\x90\x00" + b"\x00" * 200,
    "zip-as-jpeg": b"PK\x03\x04" + b"\x00" * 200,
    "truncated-jpeg": photo_bytes(size=(400, 300))[:300],
    "truncated-png": photo_bytes("PNG", size=(400, 300))[:120],
    "jpeg-magic-only": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
    "decompression-bomb": png_bomb(),
    "pdf-header-then-junk": b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"\n%%EOF\n",
    "pdf-cut-off": pdf_document()[:-200],
    "pdf-locked-by-password": pdf_document(password="only-i-know"),
}
ACCEPTED = {
    "png-named-jpg": photo_bytes("PNG"),
    "jpeg-with-html-appended": photo_bytes() + b"<script>alert(1)</script>",
    "jpeg-with-exif": photo_bytes(),
}


def count(factory: sessionmaker[Session], model: type) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def file_with(client: FlaskClient, data: bytes, name: str, mimetype: str = "image/jpeg"):
    page = client.get("/complaint")
    return client.post("/complaint", content_type="multipart/form-data", data={
        "csrf_token": form_token(page.data), "text": COMPLAINT, "phone": "13800000000",
        "attachments": [(io.BytesIO(data), name, mimetype)],
    })


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_file_that_lies_is_refused_with_a_clear_4xx_and_nothing_is_stored(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
    name: str, tried: Counter[str],
) -> None:
    response = file_with(client, REFUSED[name], f"{name}.jpg")
    tried["files: lying, truncated, bombs"] += 1
    page = response.data.decode()
    assert response.status_code == 422, (name, response.status_code)
    assert 'id="receipt"' not in page and "Traceback" not in page
    assert COMPLAINT in page  # what the person wrote is kept for the retry
    assert count(session_factory, Case) == 0 and count(session_factory, Attachment) == 0


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_a_real_image_under_any_name_is_stored_re_encoded_without_trailing_data(
    client: FlaskClient, session_factory: sessionmaker[Session], web_settings: Settings,
    name: str, tried: Counter[str],
) -> None:
    response = file_with(client, ACCEPTED[name], "IMG_0001.jpg", "image/jpeg")
    tried["files: real images under lying names"] += 1
    assert response.status_code == 200
    with session_factory() as session:
        attachment = session.scalars(select(Attachment)).one()
    cleaned = (Path(web_settings.upload_dir) / attachment.cleaned_path).read_bytes()
    # The stored type is what the re-encoded bytes are, whatever the name or header said.
    assert Image.open(io.BytesIO(cleaned)).get_format_mimetype() == attachment.content_type
    assert b"<script>" not in cleaned and b"PhoneMakerMarker" not in cleaned
    assert "IMG_0001" not in str(attachment.cleaned_path) + str(attachment.original_path)


def test_an_upload_over_the_request_limit_is_a_413(
    client: FlaskClient, web_settings: Settings, tried: Counter[str]
) -> None:
    too_big = b"\xff\xd8\xff" + b"\x00" * (web_settings.max_upload_bytes * 3 + 2 * 1024 * 1024)
    response = file_with(client, too_big, "huge.jpg")
    tried["files: oversized"] += 1
    assert response.status_code == 413
    assert "Traceback" not in response.data.decode()


def test_a_file_over_the_per_file_limit_is_a_clear_422(
    client: FlaskClient, web_settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    big = b"\xff\xd8\xff" + b"\x00" * (web_settings.max_upload_bytes + 10)
    response = file_with(client, big, "big.jpg")
    assert response.status_code == 422
    assert count(session_factory, Case) == 0


def test_a_gif_is_accepted_as_an_image(client: FlaskClient) -> None:
    assert file_with(client, gif_bytes(), "anim.gif", "image/gif").status_code == 200
