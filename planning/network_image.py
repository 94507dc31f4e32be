"""The network map as a picture for the plan document, drawn with Pillow from the same layout as
the screen (planning.network). Nodes carry short marks (O1, P1, ENV); their names go in the
document's caption and table, since Pillow without a text-shaping library misplaces Thai marks."""
from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from planning.network import Network
from planning.participants import SECTORS

WIDTH, HEIGHT, MARGIN = 1800, 1200, 100
# The screen's sector colours (pages/charts.py SECTOR_COLOURS), in SECTORS order.
SECTOR_RGB = dict(zip(SECTORS, [(37, 99, 235), (22, 163, 74), (234, 88, 12), (147, 51, 234), (8, 145, 178)]))
PROJECT_RGB, DIMENSION_RGB, EDGE_RGB, LEAD_RGB = (51, 65, 85), (226, 232, 240), (203, 213, 225), (100, 116, 139)
ALERT_RGB = (220, 38, 38)


def picture(net: Network) -> bytes:
    """PNG of the network: organisations as circles in their sector's colour, projects as squares,
    dimensions as diamonds; an organisation with no project and a dimension no organisation works
    on are ringed in red."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    xs = [n.x for n in net.nodes] or [0.0]
    ys = [n.y for n in net.nodes] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def at(node_id: str) -> tuple[float, float]:
        n = net.node(node_id)
        return (MARGIN + (n.x - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
                MARGIN + (max(ys) - n.y) / span_y * (HEIGHT - 2 * MARGIN))

    for a, b, kind in net.edges:
        draw.line([at(a), at(b)], fill=LEAD_RGB if kind == "lead" else EDGE_RGB, width=7 if kind == "lead" else 4)
    for n in net.nodes:
        x, y = at(n.id)
        if n.kind == "organisation":
            r = 26
            draw.ellipse((x - r, y - r, x + r, y + r), fill=SECTOR_RGB.get(n.sector, PROJECT_RGB), outline="white",
                         width=3)
        elif n.kind == "project":
            r = 22
            draw.rectangle((x - r, y - r, x + r, y + r), fill=PROJECT_RGB, outline="white", width=3)
        else:
            r = 34
            draw.polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], fill=DIMENSION_RGB,
                         outline=(100, 116, 139), width=3)
        below = r + 8
        if n.isolated:
            ring = r + 12
            draw.ellipse((x - ring, y - ring, x + ring, y + ring), outline=ALERT_RGB, width=6)
            below = ring + 8
        draw.text((x, y + below), n.tag, fill=(15, 23, 42), font=font, anchor="mt")
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()
