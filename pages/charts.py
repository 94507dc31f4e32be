"""Plotly figures shared by pages; labels built from participant text are HTML-escaped."""
from __future__ import annotations

import plotly.graph_objects as go

from planning.text import escape_html

FONT = dict(family="Sarabun, Loma, Garuda, sans-serif")
SECTOR_COLOURS = ["#2563eb", "#16a34a", "#ea580c", "#9333ea", "#0891b2"]


def layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(title=title, height=height, font=FONT, margin=dict(l=10, r=10, t=50, b=10),
                      legend=dict(orientation="h", y=-0.15))
    return fig


def impact_feasibility(points: list[dict], title: str, x_label: str, y_label: str,
                       kind_labels: dict[str, str]) -> go.Figure:
    """points: text, kind, impact, feasibility, scores."""
    fig = go.Figure()
    for kind, colour in (("pain", "#dc2626"), ("solution", "#16a34a")):
        chosen = [p for p in points if p["kind"] == kind]
        if not chosen:
            continue
        fig.add_trace(go.Scatter(
            x=[p["feasibility"] for p in chosen], y=[p["impact"] for p in chosen], mode="markers",
            name=kind_labels[kind], marker=dict(size=[10 + 4 * p["scores"] for p in chosen],
                                                color=colour, opacity=0.7, line=dict(width=1)),
            text=[escape_html(p["text"][:80]) for p in chosen],
            hovertemplate="%{text}<br>" + x_label + ": %{x:.1f}<br>" + y_label + ": %{y:.1f}<extra></extra>"))
    fig.add_shape(type="line", x0=3, x1=3, y0=0.5, y1=5.5, line=dict(dash="dot", color="#94a3b8"))
    fig.add_shape(type="line", x0=0.5, x1=5.5, y0=3, y1=3, line=dict(dash="dot", color="#94a3b8"))
    fig.update_xaxes(title=x_label, range=[0.5, 5.5], dtick=1)
    fig.update_yaxes(title=y_label, range=[0.5, 5.5], dtick=1)
    return layout(fig, title)


def maturity_radar(series: dict[str, dict[str, float]], axis_labels: dict[str, str], title: str) -> go.Figure:
    """series: line name -> {dimension code: mean level}; the first series is drawn boldest."""
    fig = go.Figure()
    codes = list(axis_labels)
    for n, (name, values) in enumerate(series.items()):
        r = [values.get(c) for c in codes]
        fig.add_trace(go.Scatterpolar(
            r=r + r[:1], theta=[axis_labels[c] for c in codes] + [axis_labels[codes[0]]], name=name,
            fill="toself" if n == 0 else None, connectgaps=True,
            line=dict(width=3 if n == 0 else 1.5,
                      color="#0f172a" if n == 0 else SECTOR_COLOURS[(n - 1) % len(SECTOR_COLOURS)])))
    fig.update_layout(polar=dict(radialaxis=dict(range=[0, 5], dtick=1)))
    return layout(fig, title, height=460)


def activity_bars(labels: list[str], totals: list[int], title: str, value_label: str) -> go.Figure:
    """Results of a vote or poll, best on top; labels are participant or facilitator text."""
    short = [escape_html(x if len(x) <= 60 else x[:59] + "…") for x in labels]
    fig = go.Figure(go.Bar(x=totals[::-1], y=short[::-1], orientation="h", text=totals[::-1],
                           textposition="auto", marker_color="#2563eb",
                           hovertemplate="%{y}<br>" + value_label + ": %{x}<extra></extra>"))
    fig.update_xaxes(title=value_label, rangemode="tozero", dtick=1 if max(totals or [0]) <= 10 else None)
    return layout(fig, escape_html(title), height=max(260, 60 + 36 * len(labels)))


def sector_attendance(counts: dict[str, int], labels: dict[str, str], target: int, title: str,
                      target_label: str) -> go.Figure:
    """Attendance stacked by sector in one bar against the cohort target."""
    fig = go.Figure()
    for n, (sector, count) in enumerate(counts.items()):
        fig.add_trace(go.Bar(x=[count], y=[""], orientation="h", name=f"{labels[sector]} ({count})",
                             marker_color=SECTOR_COLOURS[n % len(SECTOR_COLOURS)]))
    fig.add_vline(x=target, line=dict(color="#dc2626", dash="dash", width=2),
                  annotation_text=target_label, annotation_position="top")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, max(target, sum(counts.values())) * 1.1])
    return layout(fig, title, height=220)


def pre_post(sectors: list[str], pre: list[float | None], post: list[float | None], title: str,
             pre_label: str, post_label: str) -> go.Figure:
    fig = go.Figure([go.Bar(x=sectors, y=pre, name=pre_label, marker_color="#94a3b8"),
                     go.Bar(x=sectors, y=post, name=post_label, marker_color="#16a34a")])
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 5], dtick=1)
    return layout(fig, title, height=360)
