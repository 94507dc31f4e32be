"""The province map as a picture for documents: Thailand with the province marked, beside the
province with its neighbours and the target point. Drawn with Pillow from the province shapes in
data/ (Natural Earth, public domain), so it needs no network or basemap. Labels are left to the
document's caption: Pillow without a text-shaping library would misplace Thai marks."""
from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw

from planning import catalogue

WIDTH, HEIGHT = 1800, 1000
PROVINCE_FILL = (191, 219, 254)
PROVINCE_LINE = (30, 64, 175)
OTHER_FILL = (229, 231, 235)
OTHER_LINE = (255, 255, 255)
POINT = (220, 38, 38)


def _rings(geometry: dict) -> list[list[tuple[float, float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[(float(x), float(y)) for x, y in polygon[0]] for polygon in polygons]


def _projector(bounds, box):
    """lon/lat -> pixel inside box (x0, y0, x1, y1), equirectangular scaled by cos(latitude)."""
    west, south, east, north = bounds
    k = math.cos(math.radians((south + north) / 2))
    x0, y0, x1, y1 = box
    scale = min((x1 - x0) / ((east - west) * k), (y1 - y0) / (north - south))
    off_x = x0 + ((x1 - x0) - (east - west) * k * scale) / 2
    off_y = y0 + ((y1 - y0) - (north - south) * scale) / 2
    return lambda lon, lat: (off_x + (lon - west) * k * scale, off_y + (north - lat) * scale)


def _bounds(rings) -> tuple[float, float, float, float]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def province_map(province_code: str, point: tuple[float, float] | None) -> bytes:
    """PNG: left, Thailand with the province filled; right, the province and its surroundings with
    the target point (lat, lon) when it is set."""
    shapes = {f["properties"]["code"]: _rings(f["geometry"]) for f in catalogue.province_shapes()["features"]}
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    panels = ((20, 20, WIDTH * 0.36, HEIGHT - 20), (WIDTH * 0.40, 20, WIDTH - 20, HEIGHT - 20))
    draw.rectangle(panels[1], outline=(148, 163, 184), width=3)

    def paint(box, bounds, outline_width):
        project = _projector(bounds, box)
        for code, rings in shapes.items():
            mine = code == province_code
            for ring in rings:
                draw.polygon([project(x, y) for x, y in ring], fill=PROVINCE_FILL if mine else OTHER_FILL,
                             outline=OTHER_LINE)
        for ring in shapes.get(province_code, []):
            pts = [project(x, y) for x, y in ring]
            draw.line(pts + pts[:1], fill=PROVINCE_LINE, width=outline_width, joint="curve")
        return project

    paint(panels[0], _bounds([r for rings in shapes.values() for r in rings]), 3)
    own = shapes.get(province_code)
    if own:
        west, south, east, north = _bounds(own)
        pad_x, pad_y = (east - west) * 0.25, (north - south) * 0.25
        inner = (panels[1][0] + 6, panels[1][1] + 6, panels[1][2] - 6, panels[1][3] - 6)
        image_with_clip = Image.new("RGB", (WIDTH, HEIGHT), "white")
        draw = ImageDraw.Draw(image_with_clip)
        project = paint(inner, (west - pad_x, south - pad_y, east + pad_x, north + pad_y), 6)
        if point is not None:
            x, y = project(point[1], point[0])
            r = 22
            draw.ellipse((x - r, y - r, x + r, y + r), fill=POINT, outline="white", width=6)
        crop = tuple(int(v) for v in inner)
        image.paste(image_with_clip.crop(crop), crop[:2])
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()
