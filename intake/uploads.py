"""A reporter's file made safe to keep: checked by content, cleaned, the original sealed.

Every channel (the web form, the Open311 API, Telegram photos) calls
:func:`prepare_attachment` before handing a file to the intake service, so the rules live
once: the declared name and type are never trusted, images are decoded and re-encoded
(which drops EXIF, GPS, comments and anything appended after the image data), decompression
bombs and truncated files are refused with a named error, and the untouched original is
encrypted for evidence with a key derived from ``settings.keys.encryption_key``. Staff only
ever open the cleaned copy. No Flask here: this module is domain code.

A PDF is cleaned too: an insider's document can name its author in its information
dictionary, its XMP packet and its comments, and a scanned page is often a camera's JPEG
with the camera's EXIF and GPS. The cleaned copy is the pages alone, rewritten (pypdf),
with every image re-encoded as the photos are.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import warnings
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from intake.errors import AttachmentRejected
from intake.settings import Settings

# Images larger than this many pixels are refused before decoding: a 50 KB PNG can
# otherwise inflate to gigabytes in memory (a decompression bomb).
MAX_PIXELS = 40_000_000
# Images are shrunk to this longest side when cleaned; staff need to see, not to print.
MAX_SIDE = 4096
JPEG_QUALITY = 85

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
PDF_MAGIC = b"%PDF-"
# More pages than any complaint's evidence needs; each page is rewritten and its images
# re-encoded, so the bound is on the work one upload can ask for.
MAX_PDF_PAGES = 200
# What a page may carry besides its content: comments (with their authors' names), XMP,
# an application's private data, actions and a thumbnail. None of it is kept.
_PAGE_EXTRAS = ("/Annots", "/Metadata", "/PieceInfo", "/AA", "/Thumb")
_EVIDENCE_INFO = b"foodsafe attachment evidence v1"
# Pillow's DEBUG lines quote the EXIF tags of the file it decodes (the camera's make and
# model, the GPS block): with the service's log level at DEBUG they would put a reporter's
# phone and whereabouts in the log. Held at INFO for every channel, here where files are read.
logging.getLogger("PIL").setLevel(logging.INFO)
_NONCE_BYTES = 12


class EmptyAttachment(AttachmentRejected):
    code = "attachment_empty"
    zh = "附件是空文件，请重新选择。"
    en = "The attachment is empty; please choose the file again."


class AttachmentTooLarge(AttachmentRejected):
    code = "attachment_too_large"
    zh = "附件太大，请压缩后再上传。"
    en = "The attachment is too large; please make it smaller and upload it again."


class UnsupportedAttachment(AttachmentRejected):
    code = "attachment_unsupported"
    zh = "只接受照片（JPEG、PNG、WebP、GIF）和 PDF 文件。"
    en = "Only photos (JPEG, PNG, WebP, GIF) and PDF documents are accepted."


class DecompressionBomb(AttachmentRejected):
    code = "attachment_decompression_bomb"
    zh = "图片尺寸过大，无法处理；请缩小后再上传。"
    en = "The image's dimensions are too large to process; please resize it and upload it again."


class TruncatedAttachment(AttachmentRejected):
    code = "attachment_truncated"
    zh = "文件不完整或已损坏，请重新上传。"
    en = "The file is incomplete or damaged; please upload it again."


class ProtectedDocument(AttachmentRejected):
    code = "attachment_password_protected"
    zh = "PDF 文件设有密码，请去掉密码后再上传。"
    en = "The PDF is password-protected; please remove the password and upload it again."


@dataclass(frozen=True, repr=False)
class PreparedAttachment:
    """A file ready for the intake service: the cleaned copy and the sealed original."""

    content_type: str  # of the cleaned copy, decided from the content
    data: bytes  # the cleaned copy staff open
    sha256: str  # of the cleaned copy
    original_ciphertext: bytes  # nonce + AES-GCM of the original bytes
    original_size: int
    width: int | None = None
    height: int | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def __repr__(self) -> str:
        return f"PreparedAttachment({self.content_type}, {self.size} bytes)"


def prepare_attachment(*, settings: Settings, data: bytes) -> PreparedAttachment:
    """The cleaned, sealed form of ``data``; raises an :class:`AttachmentRejected` subclass.

    The file's name and declared type are deliberately not parameters: they are the
    sender's claim, and only the bytes decide.
    """
    if not data:
        raise EmptyAttachment()
    if len(data) > settings.max_upload_bytes:
        raise AttachmentTooLarge(f"{len(data)} bytes > {settings.max_upload_bytes}")
    sealed = seal_original(settings=settings, data=data)
    if data.startswith(PDF_MAGIC):
        return _prepare_pdf(data, sealed)
    cleaned, content_type, size = _clean_image(data)
    return PreparedAttachment(
        content_type=content_type,
        data=cleaned,
        sha256=hashlib.sha256(cleaned).hexdigest(),
        original_ciphertext=sealed,
        original_size=len(data),
        width=size[0],
        height=size[1],
    )


def _prepare_pdf(data: bytes, sealed: bytes) -> PreparedAttachment:
    # A cut-off upload is refused before any parsing: it must end like a PDF.
    if b"%%EOF" not in data[-1024:]:
        raise TruncatedAttachment("PDF without %%EOF trailer")
    cleaned = _clean_pdf(data)
    return PreparedAttachment(
        content_type="application/pdf",
        data=cleaned,
        sha256=hashlib.sha256(cleaned).hexdigest(),
        original_ciphertext=sealed,
        original_size=len(data),
    )


def _clean_pdf(data: bytes) -> bytes:
    """The document's pages alone, rewritten: no information dictionary, no XMP, no
    comments, attachments, forms or scripts, and every image re-encoded without metadata."""
    try:
        reader = PdfReader(io.BytesIO(data))
        # "Encrypted" with an empty password only restricts printing or copying: readable.
        if reader.is_encrypted and not reader.decrypt(""):
            raise ProtectedDocument("PDF needs a password")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise AttachmentTooLarge(f"{len(reader.pages)} pages > {MAX_PDF_PAGES}")
        writer = PdfWriter()
        for page in reader.pages:
            for extra in _PAGE_EXTRAS:  # dropped before the copy, so never copied
                page.pop(NameObject(extra), None)
            for image in writer.add_page(page).images:
                _reencode_pdf_image(image)
        writer.metadata = None  # not even pypdf's own /Producer
        # What nothing refers to any more (the replaced images) is not written either.
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
    except AttachmentRejected:
        raise
    except Exception as exc:
        # A crafted file makes a parser fail in many ways (pypdf's own errors, but also
        # IndexError, RecursionError, struct.error …); to the reporter it is one thing.
        raise TruncatedAttachment(f"unreadable PDF ({type(exc).__name__})") from exc
    return out.getvalue()


def _reencode_pdf_image(image: Any) -> None:
    """Replace one of a page's images by its pixels alone (a camera JPEG keeps its EXIF)."""
    if image.indirect_reference is None:
        return  # an inline image is part of the page's drawing commands: no metadata
    xobject = image.indirect_reference.get_object()
    width, height = int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0))
    if width * height > MAX_PIXELS:  # before decoding, as for photos
        raise DecompressionBomb(f"{width}x{height} pixels in a PDF")
    pixels = image.image.convert("RGB")
    clean = Image.new("RGB", pixels.size)
    clean.paste(pixels)
    image.replace(clean, quality=JPEG_QUALITY)


def _clean_image(data: bytes) -> tuple[bytes, str, tuple[int, int]]:
    """Decode, check and re-encode an image; the result carries no metadata at all."""
    with warnings.catch_warnings():
        # Pillow's own bomb check only warns between 1x and 2x its limit; make it an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except UnidentifiedImageError as exc:
            raise UnsupportedAttachment("not a recognised image or PDF") from exc
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise DecompressionBomb(str(exc)) from exc
        except (OSError, SyntaxError, ValueError) as exc:
            # A file cut off inside its header fails already here ("Truncated File Read").
            raise TruncatedAttachment(str(exc)) from exc
        with image:
            if image.format not in IMAGE_FORMATS:
                raise UnsupportedAttachment(f"image format {image.format} not accepted")
            width, height = image.size
            if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
                raise DecompressionBomb(f"{width}x{height} pixels")
            try:
                image.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
                raise DecompressionBomb(str(exc)) from exc
            except (OSError, SyntaxError, ValueError) as exc:
                # Pillow reports a cut-off file as OSError("image file is truncated ...").
                raise TruncatedAttachment(str(exc)) from exc
            return _reencode(image)


def _reencode(image: Image.Image) -> tuple[bytes, str, tuple[int, int]]:
    # Apply the EXIF orientation before the EXIF is dropped, so the photo stays upright.
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    pixels = upright.convert("RGBA" if has_alpha else "RGB")
    # A fresh image holds only pixels: no EXIF, GPS, ICC, XMP or text chunks survive.
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    clean.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, format="PNG", optimize=False)
        content_type = "image/png"
    else:
        clean.save(out, format="JPEG", quality=JPEG_QUALITY)
        content_type = "image/jpeg"
    return out.getvalue(), content_type, clean.size


def _evidence_key(settings: Settings) -> bytes:
    """A key for evidence only, so a leak of one derived key exposes nothing else."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_EVIDENCE_INFO).derive(
        settings.keys.encryption_key
    )


def seal_original(*, settings: Settings, data: bytes) -> bytes:
    """``data`` encrypted for evidence (AES-GCM, random nonce prepended)."""
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(_evidence_key(settings)).encrypt(nonce, data, _EVIDENCE_INFO)


def open_original(*, settings: Settings, sealed: bytes) -> bytes:
    """The original bytes back from :func:`seal_original` (for an evidence request)."""
    nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
    return AESGCM(_evidence_key(settings)).decrypt(nonce, body, _EVIDENCE_INFO)
