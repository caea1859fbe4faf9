"""The eleven bureaus of the routing guide: fixed codes and exact names (a public contract)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bureau:
    code: str
    name_zh: str
    name_en: str


BUREAUS: dict[str, Bureau] = {
    b.code: b
    for b in (
        Bureau("samr", "区市场监管局", "District Market Regulation Bureau"),
        Bureau("agri", "区农业农村局", "District Agriculture and Rural Affairs Bureau"),
        Bureau("health", "区卫健局", "District Health Commission"),
        Bureau("edu", "区教体局", "District Education and Sports Bureau"),
        Bureau("police", "区公安分局", "District Public Security Sub-bureau"),
        Bureau("eco", "区生态环境分局", "District Ecology and Environment Sub-bureau"),
        Bureau("cle", "区综合执法局", "District Comprehensive Law Enforcement Bureau"),
        Bureau("grain", "区粮食和物资储备局", "District Grain and Material Reserves Bureau"),
        Bureau("commerce", "区商务局", "District Commerce Bureau"),
        Bureau("township", "乡镇政府", "Township Government"),
        Bureau("fso", "区食安办", "District Food Safety Office"),
    )
}

COORDINATOR_BUREAU = "fso"


def bureau_name(code: str) -> str:
    """The exact Chinese name for a bureau code; KeyError for an unknown code."""
    return BUREAUS[code].name_zh
