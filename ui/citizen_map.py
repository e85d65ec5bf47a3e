"""The services map and list: public places as coloured dots over the city's communities.

The map draws without basemap tiles: the platform runs on a city network that
may not reach a tile server, and the dots plus community markers still say where things are.
Names appear in tooltips (the browser renders Thai there), never as WebGL text, which cannot
place Thai vowel marks correctly.
"""

from __future__ import annotations

import html

import pandas as pd
import pydeck as pdk
import streamlit as st

from data_sources.city import profile
from metrics.citizen_services import SERVICE_COLOURS, SERVICE_TYPES
from ui.i18n import lang, t
from ui.maps import TOOLTIP_STYLE, backdrop_layer
from ui.plain import plain

_COMMUNITY_COLOUR = [150, 160, 158, 110]
# deck.gl's zoom counts 512 px tiles: at 12.5 a pixel is about 13 m here, so the municipality's
# places (about 4 x 5 km) fit a phone-wide (360 px), 460 px high map with a margin.
_ZOOM = 12.5


def type_picker() -> tuple[str, ...]:
    """The service types to show (pills, all chosen at first)."""
    chosen = st.pills(
        t("services.types"),
        options=list(SERVICE_TYPES),
        default=list(SERVICE_TYPES),
        selection_mode="multi",
        format_func=lambda key: t(f"services.type.{key}"),
        key="services_map_types",
    )
    return tuple(chosen or ())


def _service_points(places: pd.DataFrame) -> pd.DataFrame:
    language = lang()
    tooltips = [
        "\n".join(part for part in (_text(name), _text(kind), _text(hours), _text(phone)) if part)
        for name, kind, hours, phone in zip(
            places["name"], places[f"label_{language}"], places["opening_hours"], places["phone"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "tooltip": tooltips,
            "lat": places["latitude"].astype("float64"),
            "lon": places["longitude"].astype("float64"),
            "colour": places["colour"],
        }
    )


def _community_points() -> pd.DataFrame:
    language = lang()
    communities = profile()["communities"]
    return pd.DataFrame(
        {
            "tooltip": [
                f"{t('services.community')} {c['name_th'] if language == 'th' else c['name_en']}" for c in communities
            ],  # fmt: skip
            "lat": [c["lat"] for c in communities],
            "lon": [c["lon"] for c in communities],
        }
    )


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) else str(value)


def _centre(places: pd.DataFrame) -> tuple[float, float]:
    """The middle of everything drawn: the communities and the places shown."""
    communities = profile()["communities"]
    lats = [c["lat"] for c in communities] + places["latitude"].astype("float64").tolist()
    lons = [c["lon"] for c in communities] + places["longitude"].astype("float64").tolist()
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def services_deck(places: pd.DataFrame) -> pdk.Deck:
    """Community markers (grey) under the chosen services (coloured by type), on the city map's
    pale backdrop (ui/maps.py), so the dots do not float on white."""
    centre = _centre(places)
    communities = pdk.Layer(
        "ScatterplotLayer", _community_points(), id="communities", get_position=["lon", "lat"],
        get_fill_color=_COMMUNITY_COLOUR, get_radius=35, radius_min_pixels=3, pickable=True, stroked=False,
    )  # fmt: skip
    points = pdk.Layer(
        "ScatterplotLayer", _service_points(places), id="services", get_position=["lon", "lat"],
        get_fill_color="colour", get_line_color=[255, 255, 255], line_width_min_pixels=1.5, stroked=True,
        get_radius=60, radius_min_pixels=7, radius_max_pixels=16, pickable=True,
    )  # fmt: skip
    # Plain-text tooltips, styled as the city map's: Streamlit escapes the data it fills in.
    tooltip = {"text": "{tooltip}", "style": TOOLTIP_STYLE}
    view = pdk.ViewState(latitude=centre[0], longitude=centre[1], zoom=_ZOOM)
    # map_provider=None and pydeck's own placeholder style (not map_style=None, which asks Streamlit
    # for its default Carto tiles) is what makes the frontend draw no basemap at all.
    return pdk.Deck(layers=[backdrop_layer(), communities, points], initial_view_state=view, map_provider=None,
                    tooltip=tooltip)  # fmt: skip


def legend(counts: dict[str, int]) -> None:
    """Each shown type's dot colour, name and count."""
    items = []
    for key, count in counts.items():
        red, green, blue = SERVICE_COLOURS[key]
        label = html.escape(t(f"services.type.{key}"))
        items.append(f'<span style="white-space:nowrap;margin-right:14px"><span style="color:rgb({red},{green},{blue});'
                     f'font-size:1.2em">●</span> {label} ({count})</span>')  # fmt: skip
    items.append(f'<span style="white-space:nowrap"><span style="color:rgb(150,160,158)">●</span> '
                 f"{html.escape(t('services.community'))}</span>")  # fmt: skip
    st.html(f'<div style="line-height:1.9">{" ".join(items)}</div>')


def _phone_link(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch in "+0123456789")
    return f"[{plain(phone)}](tel:{digits})" if digits else plain(phone)


def place_list(places: pd.DataFrame) -> None:
    """One expander per type: each place with its opening hours, public phone and address."""
    for key, group in places.groupby("facility_type", sort=False):
        with st.expander(f"{t(f'services.type.{key}')} ({len(group)})", key=f"services_map_list_{key}"):
            for row in group.itertuples(index=False):
                parts = [f"**{plain(row.name)}**"]
                if _text(row.opening_hours):
                    parts.append(f":material/schedule: {plain(row.opening_hours)}")
                if _text(row.phone):
                    parts.append(f":material/call: {_phone_link(str(row.phone))}")
                if _text(row.address):
                    parts.append(f":material/location_on: {plain(row.address)}")
                st.markdown("  \n".join(parts))
