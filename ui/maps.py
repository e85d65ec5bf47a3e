"""The city map (pydeck): complaint hexagons by status, incidents, river stations coloured by level
status, facilities and communities, each a layer the executive can switch off; Thai tooltips.

No basemap tiles: `map_provider=None` with pydeck's default style leaves Streamlit no tile style
to fetch (it only picks a Carto style when the deck names none), so nothing needs the network;
a pale backdrop and the communities give the layers their place. An offline demo looks the
same as an online one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import pydeck as pdk
import streamlit as st

from data_sources.city import profile
from ui.format import format_date, format_number
from ui.i18n import lang, t
from ui.labels import option_labels
from ui.strings import Lang, translate

LAYERS = ("complaints", "incidents", "river", "facilities", "communities")
STATUS_GROUPS = ("all", "open", "resolved")
# Streamlit's own palette, so the legend's coloured dots (:red[●]) match the map.
RGB = {"red": (255, 75, 75), "orange": (255, 164, 33), "green": (33, 195, 84), "blue": (28, 131, 225),
       "violet": (128, 61, 245), "gray": (163, 168, 184), "yellow": (250, 202, 43)}  # fmt: skip
SEVERITY_COLOUR = {"low": "yellow", "medium": "orange", "high": "red", "critical": "violet"}
STATION_COLOUR = {"normal": "blue", "watch": "yellow", "warning": "orange", "critical": "red", "no_data": "gray"}
MAP_HEIGHT_PX = 560
MAP_WIDTH_PX = 640  # a typical map width on a laptop; a phone sees the centre and can pan
COMMUNITY_ZOOM = 14.6
METRES_PER_PIXEL_AT_ZOOM_0 = 78_271.5  # deck.gl's 512-pixel tiles at the equator
TOOLTIP_STYLE = {
    "fontFamily": "Sarabun, sans-serif",
    "fontSize": "14px",
    "backgroundColor": "#1C2B28",
    "color": "white",
}


def _rgba(colour: str, alpha: int = 220) -> list[int]:
    return [*RGB[colour], alpha]


def _tip(title: str, *lines: str) -> str:
    """Tooltip text, one line each. Plain text: Streamlit escapes HTML in the data it fills in."""
    return "\n".join([title, *(line for line in lines if line)])


def layer_toggles() -> list[str]:
    # wrap=True: five layer names do not fit one line on a phone.
    return st.pills(t("citymap.layers"), LAYERS, selection_mode="multi", default=list(LAYERS),
                    format_func=lambda key: t(f"citymap.layer.{key}"), key="map_layers", persist_state="session",
                    wrap=True) or []  # fmt: skip


def status_choice() -> str:
    picked = st.segmented_control(t("citymap.complaint_status"), STATUS_GROUPS, default="all", required=True,
                                  format_func=lambda key: t(f"citymap.status.{key}"), key="map_status",
                                  persist_state="session")  # fmt: skip
    return picked or "all"


def hexagon_colours(counts: pd.Series) -> list[list[int]]:
    """Light yellow for the quietest cell to deep red for the busiest (relative to this map)."""
    busiest = max(int(counts.max()), 1) if len(counts) else 1
    low, high = (254, 224, 139), (192, 57, 43)
    colours = []
    for count in counts:
        share = count / busiest
        colours.append([round(low[i] + (high[i] - low[i]) * share) for i in range(3)] + [170])
    return colours


def complaint_layer(cells: pd.DataFrame, language: Lang) -> pdk.Layer:
    table = cells.assign(
        colour=hexagon_colours(cells["complaints"]),
        tooltip=[
            _tip(translate("citymap.tip.complaints", language, count=format_number(row.complaints)),
                 translate("citymap.tip.complaint_split", language, resolved=format_number(row.resolved),
                           open=format_number(row.open), cancelled=format_number(row.cancelled)))
            for row in cells.itertuples()
        ],
    )  # fmt: skip
    return pdk.Layer("PolygonLayer", table, id="complaints", get_polygon="polygon", get_fill_color="colour",
                     get_line_color=[255, 255, 255, 200], line_width_min_pixels=1, pickable=True, stroked=True)  # fmt: skip


def incident_layer(points: pd.DataFrame, language: Lang) -> pdk.Layer:
    types = option_labels("incidents", "incident_type", language)
    severities = option_labels("incidents", "severity", language)
    table = points.assign(
        colour=[_rgba(SEVERITY_COLOUR.get(s, "gray")) for s in points["severity"]],
        tooltip=[
            _tip(types.get(row.incident_type, row.incident_type),
                 translate("citymap.tip.severity", language, severity=severities.get(row.severity, row.severity)),
                 format_date(row.occurred_at, language, with_time=True), str(row.community or ""),
                 translate("citymap.tip.households", language, count=format_number(row.households_affected)))
            for row in points.itertuples()
        ],
    )  # fmt: skip
    return pdk.Layer("ScatterplotLayer", table, id="incidents", get_position=["longitude", "latitude"],
                     get_fill_color="colour", get_radius=70, radius_min_pixels=5, stroked=True,
                     get_line_color=[40, 40, 40, 220], line_width_min_pixels=1, pickable=True)  # fmt: skip


def _station_tip(row: pd.Series, language: Lang) -> str:
    name = row["name_th"] if language == "th" else row["name_en"]
    status = translate(f"citymap.station.{row['status']}", language)
    if row["level_m"] is None or pd.isna(row["level_m"]):
        return _tip(name, status)
    return _tip(
        name, status,
        translate("citymap.tip.level", language, level=format_number(row["level_m"], decimals=2),
                  when=format_date(row["measured_at"], language, with_time=True)),
        translate("citymap.tip.levels", language, warning=format_number(row["warning_level_m"], decimals=2),
                  critical=format_number(row["critical_level_m"], decimals=2)),
        translate("citymap.tip.period_max", language, level=format_number(row["period_max_m"], decimals=2)),
    )  # fmt: skip


def river_layer(stations: pd.DataFrame, language: Lang) -> pdk.Layer:
    table = stations.assign(
        colour=[_rgba(STATION_COLOUR[s], 240) for s in stations["status"]],
        tooltip=[_station_tip(row, language) for _, row in stations.iterrows()],
    )
    return pdk.Layer("ScatterplotLayer", table, id="river", get_position=["longitude", "latitude"],
                     get_fill_color="colour", get_radius=110, radius_min_pixels=9, stroked=True,
                     get_line_color=[255, 255, 255, 255], line_width_min_pixels=3, pickable=True)  # fmt: skip


def facility_layer(points: pd.DataFrame, language: Lang) -> pdk.Layer:
    types = option_labels("facilities", "facility_type", language)
    capacity = [translate("citymap.tip.capacity", language, count=format_number(c)) if pd.notna(c) else ""
                for c in points["capacity"]]  # fmt: skip
    table = points.assign(
        colour=[_rgba("green" if kind == "shelter" else "violet", 230) for kind in points["facility_type"]],
        tooltip=[_tip(str(row.name), types.get(row.facility_type, row.facility_type), str(row.community or ""), cap)
                 for row, cap in zip(points.itertuples(), capacity, strict=True)],
    )  # fmt: skip
    return pdk.Layer("ScatterplotLayer", table, id="facilities", get_position=["longitude", "latitude"],
                     get_fill_color="colour", get_radius=30, radius_min_pixels=3, pickable=True)  # fmt: skip


def community_layer(points: pd.DataFrame, language: Lang) -> pdk.Layer:
    table = points.assign(
        colour=[_rgba("blue", 45) if flood else [120, 120, 120, 30] for flood in points["flood_prone"]],
        tooltip=[
            _tip(translate("citymap.tip.community", language, name=row.name_th if language == "th" else row.name_en),
                 translate("citymap.tip.flood_prone", language) if row.flood_prone else "",
                 translate("citymap.tip.community_counts", language, complaints=format_number(row.complaints),
                           incidents=format_number(row.incidents)))
            for row in points.itertuples()
        ],
    )  # fmt: skip
    return pdk.Layer("ScatterplotLayer", table, id="communities", get_position=["longitude", "latitude"],
                     get_fill_color="colour", get_radius=260, stroked=True, get_line_color=[28, 131, 225, 160],
                     line_width_min_pixels=1, pickable=True)  # fmt: skip


def community_names_layer(points: pd.DataFrame, language: Lang) -> pdk.Layer:
    """Each community's name on the map, so a flooded street can be found without hovering.
    `character_set="auto"` makes deck.gl build its glyph atlas from the Thai names themselves."""
    table = points.assign(label=points["name_th"] if language == "th" else points["name_en"])
    return pdk.Layer("TextLayer", table, id="community_names", get_position=["longitude", "latitude"],
                     get_text="label", get_size=12, size_units="pixels", get_color=[28, 43, 40, 230],
                     font_family="Sarabun, sans-serif", character_set="auto", get_alignment_baseline="'top'",
                     get_pixel_offset=[0, 8], outline_width=2, outline_color=[255, 255, 255, 220],
                     font_settings={"sdf": True}, pickable=False)  # fmt: skip


def backdrop_layer(extra_degrees: float = 0.08) -> pdk.Layer:
    """A pale ground around the city, wider than any view of it: with no basemap, the layers
    would otherwise float on white. It has no edge line, so it claims no boundary."""
    bounds = profile()["bounds"]
    south, north = bounds["lat_min"] - extra_degrees, bounds["lat_max"] + extra_degrees
    west, east = bounds["lon_min"] - extra_degrees, bounds["lon_max"] + extra_degrees
    ring = [[west, south], [east, south], [east, north], [west, north]]
    return pdk.Layer("PolygonLayer", [{"polygon": ring}], id="backdrop", get_polygon="polygon",
                     get_fill_color=[232, 238, 236, 255], stroked=False, pickable=False)  # fmt: skip


def city_view(margin: float = 1.25) -> pdk.ViewState:
    """Centred on the communities, zoomed so all of them fit the map with a margin around."""
    communities = profile()["communities"]
    lats, lons = [c["lat"] for c in communities], [c["lon"] for c in communities]
    centre_lat, centre_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    scale = METRES_PER_PIXEL_AT_ZOOM_0 * math.cos(math.radians(centre_lat))
    tall_m = max((max(lats) - min(lats)) * 110_574, 500) * margin
    wide_m = max((max(lons) - min(lons)) * 111_320 * math.cos(math.radians(centre_lat)), 500) * margin
    zoom = min(math.log2(scale * MAP_HEIGHT_PX / tall_m), math.log2(scale * MAP_WIDTH_PX / wide_m))
    return pdk.ViewState(latitude=centre_lat, longitude=centre_lon, zoom=round(zoom, 2), pitch=0)


BUILDERS = {
    "communities": community_layer,
    "complaints": complaint_layer,
    "facilities": facility_layer,
    "incidents": incident_layer,
    "river": river_layer,
}


def build_deck(
    tables: Mapping[str, pd.DataFrame], shown: Sequence[str], *, community: str | None, language: Lang
) -> pdk.Deck:
    """The deck: the backdrop, then the chosen layers, drawn bottom to top in BUILDERS order."""
    layers = [backdrop_layer()]
    layers += [
        build(tables[key], language) for key, build in BUILDERS.items() if key in shown and not tables[key].empty
    ]
    if "communities" in shown and not tables["communities"].empty:
        layers.append(community_names_layer(tables["communities"], language))
    place = next((c for c in profile()["communities"] if c["name_th"] == community), None)
    if place is None:
        view = city_view()
    else:
        view = pdk.ViewState(latitude=place["lat"], longitude=place["lon"], zoom=COMMUNITY_ZOOM, pitch=0)
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None,
                    tooltip={"text": "{tooltip}", "style": TOOLTIP_STYLE})  # fmt: skip


def city_map(tables: Mapping[str, pd.DataFrame], shown: Sequence[str], community: str | None) -> None:
    deck = build_deck(tables, shown, community=community, language=lang())
    st.pydeck_chart(deck, height=MAP_HEIGHT_PX, alt=t("citymap.alt"), key="map_deck")


def legend(shown: Sequence[str]) -> None:
    """What each colour means, for the layers on the map."""
    parts = {
        "complaints": t("citymap.legend.complaints"),
        "incidents": t("citymap.legend.incidents"),
        "river": t("citymap.legend.river"),
        "facilities": t("citymap.legend.facilities"),
        "communities": t("citymap.legend.communities"),
    }
    st.caption("  \n".join(parts[key] for key in LAYERS if key in shown))
