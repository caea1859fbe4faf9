"""GeoReport v2's XML: the same records as the JSON, with the spec's element names."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

# A list under this key holds elements of this name (GeoReport v2's own vocabulary).
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
    "keywords": "keyword",
}


def _fill(parent: Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(SubElement(parent, key), item)
    elif isinstance(value, list):
        child_name = ITEM_NAMES.get(parent.tag, "item")
        for item in value:
            _fill(SubElement(parent, child_name), item)
    elif value is None:
        return
    elif isinstance(value, bool):
        parent.text = "true" if value else "false"
    else:
        parent.text = str(value)


def to_xml(root: str, value: Any) -> bytes:
    """``value`` (a list or a mapping) as an XML document whose root element is ``root``."""
    element = Element(root)
    _fill(element, value)
    body = tostring(element, encoding="unicode").encode()
    return b'<?xml version="1.0" encoding="utf-8"?>' + body
