"""GeoReport v2 XML: the same documents as the JSON, as the spec's element trees.

A list becomes repeated child elements named for its root (<services><service>...,
<service_requests><request>..., <errors><error>...); None is an empty element; booleans are
"true"/"false"; a definition's attributes and values nest as <attributes><attribute>.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

_ITEM = {"services": "service", "service_requests": "request", "errors": "error", "endpoints": "endpoint",
         "formats": "format", "attributes": "attribute", "values": "value"}  # fmt: skip


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ET.SubElement(element, key), inner)
    elif isinstance(value, list):
        for inner in value:
            _fill(ET.SubElement(element, _ITEM.get(element.tag, "item")), inner)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def to_xml(document: Any, root: str) -> bytes:
    element = ET.Element(root)
    _fill(element, document)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)
