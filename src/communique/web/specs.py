"""Vega-Lite specs of the dashboard's charts, made on the server from query rows.

Each spec carries its data inline, and every mark's datum carries what a click needs to
find the events behind it: a period's first and last day and its QuadClass, or an edge's
source and target.
"""
from __future__ import annotations

import math

from communique.analysis.dyads import QUAD_NAMES

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier; never fetched
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
               4: "material conflict"}
QUAD_COLOURS = {1: "#74c0fc", 2: "#1864ab", 3: "#ffa94d", 4: "#c92a2a"}
EDGE_KINDS = {"cooperation": "#2b8a3e", "conflict": "#c92a2a"}


def timeseries_spec(series: list[dict], by: str, title: str = "") -> dict:
    """Events per period stacked by QuadClass (bars) with the mean Goldstein score (line).

    ``series``: rows of :func:`communique.analysis.panels.quad_series`.
    """
    counts = []
    for row in series:
        for q, name in QUAD_NAMES.items():
            if row[name]:
                counts.append({"period": row["period"], "period_start": row["period_start"],
                               "period_end": row["period_end"], "quad_class": q,
                               "quad": QUAD_LABELS[q], "events": row[name]})
    goldstein = [{"period": r["period"], "period_start": r["period_start"], "period_end": r["period_end"],
                  "goldstein_mean": round(r["goldstein_mean"], 3), "events": r["events"]}
                 for r in series if r["goldstein_mean"] is not None]
    order = [r["period"] for r in series]
    x = {"field": "period", "type": "ordinal", "scale": {"domain": order}, "title": by,
         "axis": {"labelAngle": -45, "labelOverlap": "greedy"}}
    return {
        "$schema": SCHEMA, "title": title or f"Events per {by} by QuadClass, mean Goldstein",
        "width": "container", "height": 260, "autosize": {"type": "fit-x", "contains": "padding"},
        "datasets": {"counts": counts, "goldstein": goldstein},
        "layer": [
            {"data": {"name": "counts"}, "mark": {"type": "bar", "cursor": "pointer"},
             "encoding": {
                 "x": x,
                 "y": {"aggregate": "sum", "field": "events", "type": "quantitative", "title": "events",
                       "stack": "zero"},
                 "color": {"field": "quad", "type": "nominal", "title": "QuadClass",
                           "scale": {"domain": list(QUAD_LABELS.values()), "range": list(QUAD_COLOURS.values())},
                           "legend": {"orient": "bottom"}},
                 "order": {"field": "quad_class", "type": "quantitative"},
                 "tooltip": [{"field": "period", "type": "ordinal"}, {"field": "quad", "type": "nominal"},
                             {"field": "events", "type": "quantitative"}]}},
            {"data": {"name": "goldstein"},
             "mark": {"type": "line", "color": "#343a40", "point": {"filled": True, "size": 40, "color": "#343a40",
                                                                     "cursor": "pointer"}},
             "encoding": {
                 "x": x,
                 "y": {"field": "goldstein_mean", "type": "quantitative", "title": "mean Goldstein",
                       "scale": {"domain": [-10, 10]}},
                 "tooltip": [{"field": "period", "type": "ordinal"},
                             {"field": "goldstein_mean", "type": "quantitative", "title": "mean Goldstein"},
                             {"field": "events", "type": "quantitative"}]}},
        ],
        "resolve": {"scale": {"y": "independent"}},
    }


def _layout(edges: list[dict]) -> dict[str, tuple[float, float]]:
    """Nodes on a circle, the busiest first (at the top, then clockwise)."""
    volume: dict[str, int] = {}
    for e in edges:
        for node in (e["source"], e["target"]):
            volume[node] = volume.get(node, 0) + e["events"]
    nodes = sorted(volume, key=lambda n: (-volume[n], n))
    out = {}
    for i, node in enumerate(nodes):
        angle = math.pi / 2 - 2 * math.pi * i / max(len(nodes), 1)
        out[node] = (round(math.cos(angle), 4), round(math.sin(angle), 4))
    return out


def network_spec(edges: list[dict], level: str = "country", title: str = "") -> dict:
    """Who acts toward whom: actors on a circle, one arrow per directed dyad, its width by the
    number of events and its colour by whether cooperation (QuadClass 1-2) or conflict (3-4)
    dominates. ``edges``: rows of :func:`communique.analysis.panels.network`.
    """
    pos = _layout(edges)
    pairs = {(e["source"], e["target"]) for e in edges}
    lines, nodes = [], {}
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        kind = "cooperation" if e["cooperation"] >= e["conflict"] else "conflict"
        row = {"source": e["source"], "target": e["target"], "events": e["events"],
               "cooperation": e["cooperation"], "conflict": e["conflict"], "kind": kind,
               "goldstein_mean": round(e["goldstein_mean"], 3)}
        if e["source"] == e["target"]:  # domestic: a small loop mark beside the node
            lines.append({**row, "x": x1, "y": y1, "x2": x1 * 1.12, "y2": y1 * 1.12,
                          "ax": x1 * 1.12, "ay": y1 * 1.12, "angle": 0})
            continue
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        shift = 0.025 if (e["target"], e["source"]) in pairs else 0.0  # keep A->B and B->A apart
        ox, oy = -dy / length * shift, dx / length * shift
        ax, ay = x1 + dx * 0.82 + ox, y1 + dy * 0.82 + oy
        lines.append({**row, "x": round(x1 + ox, 4), "y": round(y1 + oy, 4), "x2": round(x2 + ox, 4),
                      "y2": round(y2 + oy, 4), "ax": round(ax, 4), "ay": round(ay, 4),
                      "angle": round(math.degrees(math.atan2(dx, dy)) % 360, 2)})
    for node, (x, y) in pos.items():
        n = sum(e["events"] for e in edges if node in (e["source"], e["target"]))
        nodes[node] = {"node": node, "x": x, "y": y, "events": n, "lx": round(x * 1.16, 4), "ly": round(y * 1.16, 4)}
    domain = [-1.3, 1.3]
    xs = {"type": "quantitative", "scale": {"domain": domain}, "axis": None}
    ys = {"type": "quantitative", "scale": {"domain": domain}, "axis": None}
    edge_tip = [{"field": "source"}, {"field": "target"}, {"field": "events", "type": "quantitative"},
                {"field": "cooperation", "type": "quantitative"}, {"field": "conflict", "type": "quantitative"},
                {"field": "goldstein_mean", "type": "quantitative", "title": "mean Goldstein"}]
    colour = {"field": "kind", "type": "nominal", "title": "mostly",
              "scale": {"domain": list(EDGE_KINDS), "range": list(EDGE_KINDS.values())},
              "legend": {"orient": "bottom"}}
    width = {"field": "events", "type": "quantitative", "scale": {"range": [1, 12]}, "legend": None}
    return {
        "$schema": SCHEMA, "title": title or f"Who acts toward whom ({level} level, {len(lines)} dyads)",
        "width": 420, "height": 420, "config": {"view": {"stroke": None}},
        "datasets": {"edges": lines, "nodes": list(nodes.values())},
        "layer": [
            {"data": {"name": "edges"}, "mark": {"type": "rule", "opacity": 0.65, "cursor": "pointer"},
             "encoding": {"x": {"field": "x", **xs}, "y": {"field": "y", **ys}, "x2": {"field": "x2"},
                          "y2": {"field": "y2"}, "color": colour, "strokeWidth": width, "tooltip": edge_tip}},
            {"data": {"name": "edges"}, "mark": {"type": "point", "shape": "triangle-up", "filled": True,
                                                 "size": 90, "cursor": "pointer"},
             "encoding": {"x": {"field": "ax", **xs}, "y": {"field": "ay", **ys}, "color": colour,
                          "angle": {"field": "angle", "type": "quantitative", "scale": None},
                          "tooltip": edge_tip}},
            {"data": {"name": "nodes"}, "mark": {"type": "circle", "color": "#495057", "cursor": "pointer"},
             "encoding": {"x": {"field": "x", **xs}, "y": {"field": "y", **ys},
                          "size": {"field": "events", "type": "quantitative", "scale": {"range": [60, 600]},
                                   "legend": None},
                          "tooltip": [{"field": "node", "title": "actor"},
                                      {"field": "events", "type": "quantitative"}]}},
            {"data": {"name": "nodes"}, "mark": {"type": "text", "fontWeight": "bold", "fontSize": 12},
             "encoding": {"x": {"field": "lx", **xs}, "y": {"field": "ly", **ys}, "text": {"field": "node"}}},
        ],
    }


def country_centres() -> list[dict]:
    """ISO-3 code, name and approximate centre of every country (geo/data/countries.tsv):
    faint reference dots on the map, which draws no outlines (no map data is shipped)."""
    from pathlib import Path

    import communique.geo as geo

    path = Path(geo.__file__).parent / "data" / "countries.tsv"
    if not path.is_file():
        return []
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    head = lines[0]
    out = []
    for cells in lines[1:]:
        row = dict(zip(head, cells))
        try:
            out.append({"country": row["iso3"], "name": row["name"], "lat": float(row["lat"]),
                        "lon": float(row["lon"])})
        except (KeyError, ValueError):
            continue
    return out


def map_spec(found: dict, centres: list[dict], title: str = "") -> dict:
    """Event locations on an Equal Earth projection with a graticule: one circle per place,
    its area by the number of events, green when cooperation outweighs conflict, red
    otherwise. ``found``: the answer of :func:`communique.analysis.panels.map_points`."""
    points = [{**p, "lat": round(p["lat"], 4), "lon": round(p["lon"], 4),
               "kind": "cooperation" if p["cooperation"] >= p["conflict"] else "conflict",
               "goldstein_mean": round(p["goldstein_mean"], 3)} for p in found["points"]]
    named = {p["country"] for p in points if p.get("country")}
    labels = [c for c in centres if c["country"] in named]
    events, located = found["events"], found["located"]
    subtitle = (f"{located} of {events} events have a location ({located / events:.0%}), at {len(points)} places"
                if located else "No event under these filters has a location yet")
    geo_enc = {"longitude": {"field": "lon", "type": "quantitative"},
               "latitude": {"field": "lat", "type": "quantitative"}}
    return {
        "$schema": SCHEMA, "width": "container", "height": 380,
        "title": {"text": title or "Where: event locations", "subtitle": subtitle},
        "autosize": {"type": "fit-x", "contains": "padding"},
        "projection": {"type": "equalEarth"},
        "datasets": {"points": points, "centres": centres, "labels": labels},
        "layer": [
            {"data": {"sphere": True}, "mark": {"type": "geoshape", "fill": "#f1f6fb", "stroke": "#adb5bd"}},
            {"data": {"graticule": {"step": [30, 30]}},
             "mark": {"type": "geoshape", "filled": False, "stroke": "#ced4da", "strokeWidth": 0.5}},
            {"data": {"name": "centres"}, "mark": {"type": "circle", "size": 6, "color": "#adb5bd", "opacity": 0.7},
             "encoding": {**geo_enc, "tooltip": [{"field": "name", "title": "country"}]}},
            {"data": {"name": "labels"}, "mark": {"type": "text", "dy": -9, "fontSize": 10, "color": "#868e96"},
             "encoding": {**geo_enc, "text": {"field": "country"}}},
            {"name": "places", "data": {"name": "points"},
             "mark": {"type": "circle", "opacity": 0.75, "stroke": "#212529", "strokeWidth": 0.5, "cursor": "pointer"},
             "encoding": {**geo_enc,
                          "size": {"field": "events", "type": "quantitative", "scale": {"range": [40, 900]},
                                   "legend": None},
                          "color": {"field": "kind", "type": "nominal", "title": "mostly",
                                    "scale": {"domain": list(EDGE_KINDS), "range": list(EDGE_KINDS.values())},
                                    "legend": {"orient": "bottom"}},
                          "tooltip": [{"field": "name", "title": "place"}, {"field": "precision"},
                                      {"field": "country"}, {"field": "events", "type": "quantitative"},
                                      {"field": "cooperation", "type": "quantitative"},
                                      {"field": "conflict", "type": "quantitative"},
                                      {"field": "goldstein_mean", "type": "quantitative", "title": "mean Goldstein"}]}},
        ],
    }
