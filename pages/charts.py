"""Plotly figures shared by pages. Plotly renders a subset of HTML in text, tick labels, legends,
titles and hovers: every value that can be user text (participants', facilitators', reviewers')
goes through text.escape_plotly here, so callers pass plain text."""
from __future__ import annotations

import unicodedata

import plotly.graph_objects as go

from planning.text import escape_plotly

FONT = dict(family="Sarabun, Loma, Garuda, sans-serif")
SECTOR_COLOURS = ["#2563eb", "#16a34a", "#ea580c", "#9333ea", "#0891b2"]


def layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    # the legend sits above the plot, under the title, where it cannot cover axis labels
    fig.update_layout(title=dict(text=title, y=0.98, yanchor="top"), height=height, font=FONT,
                      margin=dict(l=10, r=10, t=80, b=10),
                      legend=dict(orientation="h", y=1.0, yanchor="bottom", x=0, xanchor="left"))
    return fig


def legend_below(fig: go.Figure, rows: int = 1) -> go.Figure:
    """The legend under the plot, for charts whose top edge carries labels (a radar's top axis):
    below the plot area and its tick labels, never over them."""
    fig.update_layout(legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0, xanchor="left"),
                      margin=dict(b=20 + 22 * rows))
    return fig


def wrap_label(label: str, width: int = 14) -> str:
    """A catalogue label on two lines where it is long (at a space, or before the Thai
    "อัจฉริยะ" of a dimension's name), so a radar's axis labels fit a phone's width."""
    if len(label) <= width:
        return label
    if " " in label.strip():
        words, best = label.split(" "), None
        for n in range(1, len(words)):
            first, rest = " ".join(words[:n]), " ".join(words[n:])
            if best is None or max(len(first), len(rest)) < max(len(best[0]), len(best[1])):
                best = (first, rest)
        return "<br>".join(best)
    lines = label
    if label.endswith("อัจฉริยะ") and len(label) > len("อัจฉริยะ"):
        lines = label[:-len("อัจฉริยะ")] + "<br>อัจฉริยะ"
    head = lines.split("<br>")[0]
    if len(head) > width and "และ" in head[1:]:  # "and" starts a word: a place to break
        at = head.index("และ", 1)
        lines = head[:at] + "<br>" + lines[at:]
    return lines


def names_above_bars(fig: go.Figure, labels: list[str], row_px: int) -> go.Figure:
    """Each bar's name written above it, across the chart's whole width, instead of as a tick
    label beside it: on a phone the names would take the whole width and squeeze the bars, or
    be cut. labels are the y categories (already escaped) in order, top first."""
    fig.update_yaxes(showticklabels=False, ticks="")
    for label in labels:
        fig.add_annotation(x=0, xref="paper", xanchor="left", y=label, yref="y", yanchor="bottom",
                           yshift=row_px * 0.22, text=label, showarrow=False, align="left",
                           font=dict(size=13, color="#0f172a"))
    return fig


def impact_feasibility(points: list[dict], title: str, x_label: str, y_label: str,
                       kind_labels: dict[str, str]) -> go.Figure:
    """points: text, kind, impact, feasibility, scores, number (the idea's rank in the list beside
    the chart, written on its point so a reader finds each one)."""
    fig = go.Figure()
    for kind, colour in (("pain", "#dc2626"), ("solution", "#16a34a")):
        chosen = [p for p in points if p["kind"] == kind]
        if not chosen:
            continue
        fig.add_trace(go.Scatter(
            x=[p["feasibility"] for p in chosen], y=[p["impact"] for p in chosen], mode="markers+text",
            name=kind_labels[kind], marker=dict(size=[10 + 4 * min(p["scores"], 8) for p in chosen],
                                                color=colour, opacity=0.7, line=dict(width=1)),
            # every point carries its number; the list under the chart (same order) gives the text
            text=[str(p.get("number", "")) for p in chosen], textposition="middle center",
            textfont=dict(size=12, color="#0f172a"),
            customdata=[escape_plotly(p["text"][:80]) for p in chosen],
            hovertemplate="%{text}. %{customdata}<br>" + x_label + ": %{x:.1f}<br>" + y_label
                          + ": %{y:.1f}<extra></extra>"))
    fig.add_shape(type="line", x0=3, x1=3, y0=0.5, y1=5.5, line=dict(dash="dot", color="#94a3b8"))
    fig.add_shape(type="line", x0=0.5, x1=5.5, y0=3, y1=3, line=dict(dash="dot", color="#94a3b8"))
    fig.update_xaxes(title=x_label, range=[0.5, 5.5], dtick=1)
    fig.update_yaxes(title=y_label, range=[0.5, 5.5], dtick=1)
    return layout(fig, title)


def maturity_radar(series: dict[str, dict[str, float]], axis_labels: dict[str, str], title: str) -> go.Figure:
    """series: line name -> {dimension code: mean level}; the first series is drawn boldest."""
    fig = go.Figure()
    codes = list(axis_labels)
    theta = [wrap_label(escape_plotly(axis_labels[c]), width=10) for c in codes]
    for n, (name, values) in enumerate(series.items()):
        r = [values.get(c) for c in codes]
        fig.add_trace(go.Scatterpolar(
            r=r + r[:1], theta=theta + theta[:1], name=escape_plotly(name),
            fill="toself" if n == 0 else None, connectgaps=True,
            line=dict(width=3 if n == 0 else 1.5,
                      color="#0f172a" if n == 0 else SECTOR_COLOURS[(n - 1) % len(SECTOR_COLOURS)])))
    # Axis labels outside the circle need room on every side (a phone is 360 px wide); the
    # legend goes under the chart, where it cannot hide the top label.
    fig.update_layout(polar=dict(radialaxis=dict(range=[0, 5], dtick=1, angle=90, tickangle=90),
                                 angularaxis=dict(direction="clockwise", rotation=90, tickfont=dict(size=11))))
    fig = layout(fig, wrap_label(title, width=28), height=440 + 22 * len(series))  # two lines on a phone
    fig.update_layout(margin=dict(l=85, r=85, t=90))
    # one legend entry per row: long sector names are not cut at a phone's right edge
    fig = legend_below(fig, rows=len(series))
    fig.update_layout(legend=dict(entrywidth=300, entrywidthmode="pixels", xref="container", x=0.02))
    return fig


def activity_bars(labels: list[str], totals: list[int], title: str, value_label: str,
                  shares: list[float] | None = None, large: bool = False) -> go.Figure:
    """Results of a vote or poll, best on top, each bar with its count and percentage; labels are
    participant or facilitator text. large: type sized for a projector across a room."""
    short = [escape_plotly(x if len(x) <= 60 else x[:59] + "…") for x in labels]
    shares = shares if shares is not None else [0.0] * len(totals)
    counts = [f"{n} ({round(p * 100)}%)" for n, p in zip(totals, shares)]
    size = 22 if large else 14
    fig = go.Figure(go.Bar(x=totals[::-1], y=short[::-1], orientation="h", text=counts[::-1],
                           textposition="outside", cliponaxis=False, constraintext="none",
                           marker_color="#2563eb", textfont=dict(size=size),
                           hovertemplate="%{y}<br>" + value_label + ": %{text}<extra></extra>"))
    top = max(totals or [0])
    # room on the right for the outside labels; whole numbers on the axis
    fig.update_xaxes(title=value_label, range=[0, max(1, top) * 1.35], dtick=1 if top <= 10 else None)
    fig.update_yaxes(automargin=True, tickfont=dict(size=size))
    fig = layout(fig, escape_plotly(title), height=max(300 if large else 260, (60 if large else 110)
                                                     + (64 if large else 36) * len(labels)))
    fig.update_layout(font=dict(size=size), showlegend=False)
    if not title:  # no room kept for a title that is not there
        fig.update_layout(margin=dict(t=10))
    return fig


def sector_attendance(counts: dict[str, int], labels: dict[str, str], target: int, title: str,
                      target_label: str) -> go.Figure:
    """Attendance stacked by sector in one bar against the cohort target."""
    fig = go.Figure()
    for n, (sector, count) in enumerate(counts.items()):
        fig.add_trace(go.Bar(x=[count], y=[""], orientation="h", name=f"{labels[sector]} ({count})",
                             marker_color=SECTOR_COLOURS[n % len(SECTOR_COLOURS)]))
    fig.add_vline(x=target, line=dict(color="#dc2626", dash="dash", width=2),
                  annotation_text=target_label, annotation_position="top left")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, max(target, sum(counts.values())) * 1.1])
    # the five sectors' legend under the bar: above it, on a phone, it ran into the title
    fig = layout(fig, title, height=230 + 22 * 3)
    fig.update_layout(margin=dict(t=60), legend_traceorder="normal")
    return legend_below(fig, rows=3)


def pre_post(sectors: list[str], pre: list[float | None], post: list[float | None], title: str,
             pre_label: str, post_label: str) -> go.Figure:
    fig = go.Figure([go.Bar(x=sectors, y=pre, name=pre_label, marker_color="#94a3b8"),
                     go.Bar(x=sectors, y=post, name=post_label, marker_color="#16a34a")])
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 5], dtick=1)
    return layout(fig, title, height=360)


def indicator_over_time(points: dict, checkpoints: list[tuple[str, object]], title: str,
                        labels: dict[str, str], unit: str) -> go.Figure:
    """points: 'baseline' [(date, value)], 'target' [(date, value)], 'actual' [(date, value, colour)];
    checkpoints: (label, date) drawn as vertical markers."""
    fig = go.Figure()
    if points.get("target"):
        xs, ys = zip(*points["target"])
        fig.add_trace(go.Scatter(x=xs, y=ys, name=labels["target"], mode="lines+markers",
                                 line=dict(dash="dash", color="#64748b"), marker=dict(symbol="diamond")))
    if points.get("baseline"):
        xs, ys = zip(*points["baseline"])
        fig.add_trace(go.Scatter(x=xs, y=ys, name=labels["baseline"], mode="markers",
                                 marker=dict(size=12, color="#0f172a", symbol="square")))
    if points.get("actual"):
        xs, ys, colours = zip(*points["actual"])
        fig.add_trace(go.Scatter(x=xs, y=ys, name=labels["actual"], mode="lines+markers",
                                 line=dict(color="#2563eb"), marker=dict(size=14, color=list(colours),
                                                                         line=dict(width=1, color="#0f172a"))))
    for label, day in checkpoints:
        fig.add_vline(x=day, line=dict(color="#cbd5e1", width=1, dash="dot"))
        fig.add_annotation(x=day, y=1.02, yref="paper", text=label, showarrow=False, font=dict(size=10))
    fig.update_yaxes(title=escape_plotly(unit))
    return layout(fig, escape_plotly(title), height=380)  # a custom indicator's name and unit


def status_grid(rows: list[str], columns: list[str], statuses: list[list[str]], colours: dict[str, str],
                names: dict[str, str], title: str) -> go.Figure:
    """Dimensions down, checkpoints across, each cell coloured by its status."""
    keys = list(colours)
    z = [[keys.index(s) for s in row] for row in statuses]
    scale = []
    for n, k in enumerate(keys):
        scale += [[n / len(keys), colours[k]], [(n + 1) / len(keys), colours[k]]]
    fig = go.Figure(go.Heatmap(z=z, x=columns, y=rows, zmin=-0.5, zmax=len(keys) - 0.5, showscale=False,
                               colorscale=scale, xgap=3, ygap=3,
                               text=[[names[s] for s in row] for row in statuses], texttemplate="%{text}",
                               hovertemplate="%{y} · %{x}: %{text}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    return layout(fig, title, height=80 + 44 * len(rows))


def project_progress(names: list[str], done: list[float], expected: list[float], colours: list[str],
                     title: str, done_label: str, expected_label: str) -> go.Figure:
    short = _numbered(names)
    fig = go.Figure([
        go.Bar(y=short, x=done, orientation="h", name=done_label, marker_color=colours, width=0.45,
               text=[f"{d:.0f}%" for d in done], textposition="outside", cliponaxis=False),
        go.Scatter(y=short, x=expected, mode="markers", name=expected_label,
                   marker=dict(symbol="line-ns", size=20, line=dict(width=3, color="#0f172a")))])
    fig.update_xaxes(range=[0, 112], tickvals=[0, 25, 50, 75, 100], ticktext=["0%", "25%", "50%", "75%", "100%"])
    fig.update_yaxes(autorange="reversed", type="category")
    fig = layout(fig, title, height=130 + ROW_PX * len(names))
    return names_above_bars(fig, short, ROW_PX)


def budget_spent(names: list[str], planned: list[float], spent: list[float], title: str,
                 planned_label: str, spent_label: str) -> go.Figure:
    short = _numbered(names)
    fig = go.Figure([go.Bar(y=short, x=planned, orientation="h", name=planned_label, marker_color="#cbd5e1", width=0.45),
                     go.Bar(y=short, x=spent, orientation="h", name=spent_label, marker_color="#2563eb", width=0.3)])
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(tickformat=",.0f")
    fig.update_yaxes(autorange="reversed", type="category")
    fig = layout(fig, title, height=130 + ROW_PX * len(names))
    return names_above_bars(fig, short, ROW_PX)


ROW_PX = 46  # a bar and its name above it


NAME_WIDTH = 38  # letters of a name above its bar that fit a phone's width (360 px at 13 px)


def cut(name: str, width: int = NAME_WIDTH) -> str:
    """The name cut to `width` letters as they take room on screen (Thai vowel and tone marks
    above and below a letter take none), with "…" where cut."""
    seen = 0
    for at, char in enumerate(name):
        if unicodedata.category(char) != "Mn":
            seen += 1
            if seen > width:
                return name[:at].rstrip() + "…"
    return name


def _numbered(names: list[str]) -> list[str]:
    """Bar names numbered in order (two long names that start alike stay apart), cut, escaped."""
    return [escape_plotly(f"{n}. " + cut(name)) for n, name in enumerate(names, start=1)]


def be_date_axis(fig: go.Figure, start, end, lang: str, axis: str = "x", angle: int | None = 0) -> go.Figure:
    """Date ticks as the reader counts them: Thai month and B.E. year in Thai, every quarter of the
    fiscal year (or every year on long spans). angle=None lets Plotly tilt them where they would
    overlap (a phone)."""
    from planning import dates

    step = 3 if (end - start).days <= 3 * 366 else 12
    ticks, day = [], dates.fiscal_year_range(dates.fiscal_year_be(start))[0]
    while day <= end:
        if day >= start:
            ticks.append(day)
        day = dates.add_months(day, step)
    labels = [dates.format_month(d, lang) for d in ticks]
    fig.update_layout(**{f"{axis}axis": dict(tickmode="array", tickvals=ticks, ticktext=labels,
                                             **({} if angle is None else {"tickangle": angle}))})
    return fig


def budget_by_year(frame, years: list[str], title: str, labels: dict[str, str]) -> go.Figure:
    """Budget per fiscal year stacked by source; years in order on the axis (B.E. in Thai)."""
    import plotly.express as px

    frame = frame.groupby(["fy", "source"], as_index=False, sort=False)["amount"].sum()  # one block per source
    fig = px.bar(frame, x="fy", y="amount", color="source", labels=labels,
                 category_orders={"fy": years})
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=years)
    fig.update_yaxes(tickformat=",.0f")
    return layout(fig, title)


def project_timeline(rows: list[dict], title: str, lang: str) -> go.Figure:
    """rows: number, name, start, end, group (legend label, e.g. the strategy). One bar per project
    on a B.E. date axis, every project labelled and numbered (two long names that start alike stay
    apart), in the order given."""
    import datetime as dt

    labels = [escape_plotly(f"{r['number']}. " + cut(r["name"])) for r in rows]
    fig = go.Figure()
    groups = list(dict.fromkeys(r["group"] for r in rows))
    for n, group in enumerate(groups):
        mine = [(label, r) for label, r in zip(labels, rows) if r["group"] == group]
        fig.add_trace(go.Bar(
            y=[label for label, _ in mine], orientation="h", name=escape_plotly(group),
            base=[dt.datetime.combine(r["start"], dt.time()).isoformat() for _, r in mine],
            x=[((r["end"] - r["start"]).days + 1) * 86_400_000 for _, r in mine], width=0.45,
            marker_color=SECTOR_COLOURS[n % len(SECTOR_COLOURS)] if len(groups) <= len(SECTOR_COLOURS) else None,
            customdata=[escape_plotly(r["name"]) for _, r in mine], hovertemplate="%{customdata}<extra></extra>"))
    fig.update_xaxes(type="date")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed",
                     tickmode="array", tickvals=labels, automargin=True, title=None)
    be_date_axis(fig, min(r["start"] for r in rows), max(r["end"] for r in rows), lang, angle=None)
    legend_rows = len(groups)  # one strategy a line: their names are long
    fig = layout(fig, title, height=130 + ROW_PX * len(rows) + 22 * legend_rows)
    fig.update_layout(barmode="overlay", margin=dict(l=10, r=10, t=60, b=40 + 22 * legend_rows),
                      legend=dict(orientation="v", yref="container", y=0, yanchor="bottom", x=0, xanchor="left"))
    return names_above_bars(fig, labels, ROW_PX)
