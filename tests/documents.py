"""Real PDF documents for the tests, built with pypdf and Pillow, with what a reporter's
document can carry: an author, a commenter's name, a camera photo with EXIF and GPS."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.annotations import FreeText
from pypdf.generic import NameObject, TextStringObject

GPS_IFD = 0x8825
ORIENTATION = 0x0112
CAMERA_MARKER = "CameraMakerMarker"


def camera_exif(orientation: int | None = None) -> Image.Exif:
    """What a phone writes into a photo: the camera's make, a GPS position, how it was held."""
    exif = Image.Exif()
    exif[0x010F] = CAMERA_MARKER
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (31.0, 14.0, 5.0), 3: "E", 4: (121.0, 28.0, 1.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    return exif


def camera_photo(size: tuple[int, int] = (64, 48)) -> Image.Image:
    """A photo as a phone takes it, its EXIF (:func:`camera_exif`) in ``info``."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.info["exif"] = camera_exif().tobytes()
    return image


def pdf_document(
    *,
    pages: int = 1,
    author: str | None = None,
    commenter: str | None = None,
    photo_size: tuple[int, int] = (640, 480),
    password: str | None = None,
    with_file_and_script: bool = False,
) -> bytes:
    """A PDF of ``pages`` scanned pages (the camera photo, its EXIF embedded as it is)."""
    photo = camera_photo(photo_size)
    scans = io.BytesIO()
    photo.save(scans, "PDF", exif=photo.info["exif"], save_all=True,
               append_images=[photo] * (pages - 1))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(scans.getvalue())))
    if author:
        writer.add_metadata({"/Author": author})
    if commenter:
        note = FreeText(text="见此处", rect=(10, 10, 100, 50))
        note[NameObject("/T")] = TextStringObject(commenter)
        writer.add_annotation(page_number=0, annotation=note)
    if with_file_and_script:
        writer.add_attachment("名单.txt", b"EmbeddedListMarker")
        writer.add_open_action(JavaScript("app.alert('ScriptMarker');"))
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner-secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
