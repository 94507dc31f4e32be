"""Parts of the partner-network pages that other pages show too: the network map (also on the
projector), a participant's "my organisation", and the sustainability plan beside the checkpoints.
Reads and writes go through planning."""
from __future__ import annotations

import time

import plotly.graph_objects as go
import streamlit as st

from pages import charts, ui
from planning import network, partners, projects, sustainability
from planning.participants import SECTORS
from planning.text import escape_plotly

DIMENSION_COLOUR, PROJECT_COLOUR, ALERT_COLOUR = "#e2e8f0", "#334155", "#dc2626"


def sector_colour(sector: str) -> str:
    return charts.SECTOR_COLOURS[SECTORS.index(sector) % len(charts.SECTOR_COLOURS)]


def network_figure(net: network.Network, height: int = 620) -> go.Figure:
    """Organisations coloured by sector, projects as squares, dimensions as diamonds; lines are
    who works on which project (thicker: the lead). Organisations with no project and dimensions no
    organisation works on are ringed in red. Every name is user text: escaped for Plotly."""
    fig = go.Figure()
    for kind, colour, width in (("partner", "#cbd5e1", 1.5), ("dimension", "#e2e8f0", 1.2), ("lead", "#64748b", 3)):
        xs, ys = [], []
        for a, b, k in net.edges:
            if k == kind:
                na, nb = net.node(a), net.node(b)
                xs += [na.x, nb.x, None]
                ys += [na.y, nb.y, None]
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                                     line=dict(color=colour, width=width)))
    works_with: dict[str, list[str]] = {}
    for c in net.collaborations:
        through = ", ".join(c.projects)
        works_with.setdefault(c.a.id, []).append(f"{c.b.name(ui.lang())} ({through})")
        works_with.setdefault(c.b.id, []).append(f"{c.a.name(ui.lang())} ({through})")
    projects_of: dict[str, list[str]] = {}
    for a, b, k in net.edges:
        if k in ("lead", "partner"):
            projects_of.setdefault(a, []).append(net.node(b).label + (f" ({ui.t('network.lead')})" if k == "lead" else ""))

    def hover(n: network.Node) -> str:
        lines = [f"<b>{escape_plotly(n.label)}</b>"]
        if n.kind == "organisation":
            lines.append(ui.t(f"sector.{n.sector}"))
            lines += [ui.t("network.hover_project", name=escape_plotly(x)) for x in projects_of.get(n.id, [])]
            lines += [ui.t("network.hover_with", name=escape_plotly(x)) for x in works_with.get(n.id[2:], [])]
            if n.isolated:
                lines.append(ui.t("network.isolated_short"))
        elif n.kind == "dimension" and n.isolated:
            lines.append(ui.t("network.lonely_short"))
        return "<br>".join(lines)

    groups = [(ui.t(f"sector.{s}"), [n for n in net.nodes if n.kind == "organisation" and n.sector == s],
               dict(symbol="circle", size=20, color=sector_colour(s))) for s in SECTORS]
    groups.append((ui.t("network.projects"), [n for n in net.nodes if n.kind == "project"],
                   dict(symbol="square", size=16, color=PROJECT_COLOUR)))
    groups.append((ui.t("network.dimensions"), [n for n in net.nodes if n.kind == "dimension"],
                   dict(symbol="diamond", size=24, color=DIMENSION_COLOUR, line=dict(color="#64748b", width=1))))
    # the row of loose nodes at the bottom: every other label under its node, so they do not collide
    row = sorted((n for n in net.nodes if n.y == -1.0), key=lambda n: n.x)
    below = {n.id for i, n in enumerate(row) if i % 2}
    for name, nodes, marker in groups:
        if not nodes:
            continue
        # projects show their mark (the name is in the hover and the table): names would overlap
        labels = [escape_plotly(n.tag if n.kind == "project" else n.label) for n in nodes]
        fig.add_trace(go.Scatter(
            x=[n.x for n in nodes], y=[n.y for n in nodes], mode="markers+text", name=escape_plotly(name),
            text=labels, textposition=["bottom center" if n.id in below else "top center" for n in nodes],
            textfont=dict(size=12), marker=marker,
            hovertext=[hover(n) for n in nodes], hoverinfo="text"))
    alert = [n for n in net.nodes if n.isolated]
    if alert:
        fig.add_trace(go.Scatter(x=[n.x for n in alert], y=[n.y for n in alert], mode="markers",
                                 name=escape_plotly(ui.t("network.alert_legend")), hoverinfo="skip",
                                 marker=dict(symbol="circle-open", size=36, color=ALERT_COLOUR, line=dict(width=3))))
    xs, ys = [n.x for n in net.nodes] or [0.0], [n.y for n in net.nodes] or [0.0]
    pad_x, pad_y = 0.25 * ((max(xs) - min(xs)) or 1.0), 0.1 * ((max(ys) - min(ys)) or 1.0)
    fig.update_xaxes(visible=False, range=[min(xs) - pad_x, max(xs) + pad_x])   # room for the labels at the edges
    fig.update_yaxes(visible=False, range=[min(ys) - pad_y, max(ys) + pad_y])
    charts.layout(fig, ui.t("network.title"), height=height)
    # the legend under the map: above it, a long legend would run into the title on a narrow screen
    fig.update_layout(legend=dict(orientation="h", y=-0.02, yanchor="top", x=0, xanchor="left"))
    return fig


def network_map(workshop_id: str, key: str, height: int = 620) -> network.Network:
    net = network.build(ui.store(), workshop_id, ui.lang())
    if not any(n.kind == "organisation" for n in net.nodes):
        st.info(ui.t("network.empty"))
    st.plotly_chart(network_figure(net, height), width="stretch", key=key, config={"displayModeBar": False})
    return net


# ---- a participant's organisation -------------------------------------------------------------------

MY_ORG = "_my_organisation"     # (id, name) of the participant's organisation, read once per session


def my_organisation_name() -> str | None:
    """For the sidebar: no query, only what this session already knows."""
    found = st.session_state.get(MY_ORG)
    return found[1] if found else None


def _remember(org: partners.Partner | None) -> None:
    st.session_state[MY_ORG] = (org.id, org.name(ui.lang())) if org else ("", "")


_LIST = "_partner_list_recent"
LIST_SECONDS = 30


def _recent_list(workshop_id: str) -> list[partners.Partner]:
    """The partner list as read at most LIST_SECONDS ago by this session: the first page reruns on
    every vote, and the list changes rarely."""
    cached = st.session_state.get(_LIST)
    if cached and cached[0] == workshop_id and time.monotonic() - cached[1] < LIST_SECONDS:
        return cached[2]
    orgs = partners.list_partners(ui.store(), workshop_id)
    st.session_state[_LIST] = (workshop_id, time.monotonic(), orgs)
    return orgs


def my_organisation(workshop_id: str, prompt_only: bool = False) -> None:
    """Which organisation the participant comes from. prompt_only (their first page): asked once,
    in an expander, until they have named it."""
    participant = st.session_state.get("participant")
    if participant is None:
        return
    store = ui.store()
    if MY_ORG not in st.session_state:
        _remember(partners.my_organisation(store, workshop_id, participant.id))
    current_id = st.session_state[MY_ORG][0]
    if prompt_only and current_id:
        return
    orgs = _recent_list(workshop_id) if prompt_only else partners.list_partners(store, workshop_id)
    by_id = {p.id: p for p in orgs}
    container = st.expander(ui.t("partners.my_org_prompt"), expanded=False) if prompt_only else st.container()
    with container:
        if not orgs:
            st.caption(ui.t("partners.none_yet"))
            return
        with st.form(f"my_org_{'prompt' if prompt_only else 'page'}"):
            options = [p.id for p in orgs]
            chosen = st.selectbox(ui.t("partners.my_org"), options, key=f"my_org_pick_{int(prompt_only)}",
                                  index=options.index(current_id) if current_id in options else None,
                                  placeholder=ui.t("partners.my_org_placeholder"),
                                  format_func=lambda i: f"{by_id[i].name(ui.lang())} · {ui.t(f'sector.{by_id[i].sector}')}")
            st.caption(ui.t("partners.my_org_help"))
            if st.form_submit_button(ui.t("partners.my_org_save")) and chosen:
                if ui.act(lambda: partners.set_my_organisation(store, ui.actor(), workshop_id, chosen)):
                    _remember(by_id[chosen])
                    ui.flash(ui.t("partners.my_org_saved", name=ui.esc(by_id[chosen].name(ui.lang()))))
                    st.rerun()


# ---- the sustainability plan, beside the checkpoints ---------------------------------------------

def sustainability_section(workshop_id: str, editable: bool) -> None:
    store = ui.store()
    plan = projects.list_projects(store, workshop_id)
    names = {None: ui.t("sustain.programme"), **{p.id: p.name for p in plan}}
    scores = sustainability.current(store, workshop_id)
    st.caption(ui.t("sustain.intro"))
    rows = []
    for key, name in names.items():
        mine = scores.get(key, {})
        summary = sustainability.summarise(mine)
        rows.append({ui.t("sustain.col.for"): name,
                     **{ui.t(f"aspect.{a}"): (mine[a].score if a in mine else None) for a in sustainability.ASPECTS},
                     ui.t("sustain.col.mean"): None if summary.mean is None else round(summary.mean, 2),
                     ui.t("sustain.col.weakest"): ", ".join(ui.t(f"aspect.{a}") for a in summary.weakest)
                     if summary.mean is not None else ui.t("sustain.not_scored")})
    st.dataframe(rows, hide_index=True, width="stretch", placeholder="–")
    chosen = st.selectbox(ui.t("sustain.pick"), list(names), key="sustain_pick", format_func=lambda k: names[k])
    mine = scores.get(chosen, {})
    if not editable:
        for a in sustainability.ASPECTS:
            s = mine.get(a)
            st.markdown(f"**{ui.t(f'aspect.{a}')}**: " + (ui.t("sustain.score_of", score=s.score) + f" · {ui.esc(s.note)}"
                        + (f"  \n{ui.t('field.next_step')}: {ui.esc(s.next_step)}" if s.next_step else "")
                        if s else ui.t("sustain.not_scored")))
        return
    with st.form(f"sustain_{chosen or 'programme'}"):
        entered = {}
        for a in sustainability.ASPECTS:
            s = mine.get(a)
            st.markdown(f"**{ui.t(f'aspect.{a}')}** · {ui.t(f'aspect.{a}.help')}")
            c1, c2, c3 = st.columns([1, 2, 2])
            score = c1.selectbox(ui.t("sustain.score"), sustainability.SCORES, key=f"sus_{chosen}_{a}_score",
                                 index=sustainability.SCORES.index(s.score) if s else None,
                                 placeholder=ui.t("sustain.not_scored"))
            note = c2.text_input(ui.t("field.note"), value=s.note if s else "", key=f"sus_{chosen}_{a}_note")
            step = c3.text_input(ui.t("field.next_step"), value=s.next_step if s else "", key=f"sus_{chosen}_{a}_step")
            if score is not None:
                entered[a] = (score, note, step)
        if st.form_submit_button(ui.t("sustain.save"), type="primary"):
            ui.act(lambda: sustainability.save(store, ui.actor(), workshop_id, chosen, entered),
                   success=ui.t("sustain.saved", name=ui.esc(names[chosen])), rerun=True)
