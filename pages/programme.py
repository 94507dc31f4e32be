"""The programme: every province's workshop side by side — where each stands in the walk, the
criteria checklist, the latest checkpoint per dimension and the budget by source and fiscal year."""
import pandas as pd
import plotly.express as px
import pydeck as pdk
import streamlit as st

from pages import charts, ui
from planning import catalogue, dates, programme, rules
from planning.projects import baht
from planning.roles import FACILITATOR
from planning.text import escape_plotly

ui.require_role(FACILITATOR)
store = ui.store()
lang = ui.lang()
dims = catalogue.dimensions()
st.title(ui.t("programme.title"))
st.caption(ui.t("programme.intro"))

regions = programme.regions()
c1, c2, c3 = st.columns(3)
picked_regions = c1.multiselect(ui.t("programme.region"), [en for en, _ in regions], key="programme_regions",
                                format_func=lambda en: dict(regions)[en] if lang == "th" else en,
                                placeholder=ui.t("programme.all"))
levels = c2.multiselect(ui.t("field.level"), ["province", "city", "block"], key="programme_levels",
                        format_func=lambda v: ui.t(f"level.{v}"), placeholder=ui.t("programme.all"))
city_types = c3.multiselect(ui.t("field.city_type"), ["livable", "new"], key="programme_city_types",
                            format_func=lambda v: ui.t(f"city_type.{v}"), placeholder=ui.t("programme.all"))
samples = st.checkbox(ui.t("programme.include_samples"), value=True, key="programme_samples")
rows = programme.overview(store, picked_regions, levels, city_types, include_samples=samples)
if not rows:
    st.info(ui.t("programme.none"))
    st.stop()


def province_name(s: programme.WorkshopStatus) -> str:
    return s.workshop.province.name(lang)


def region_name(s: programme.WorkshopStatus) -> str:
    p = s.workshop.province
    return p.region_th if lang == "th" else p.region_en


m1, m2, m3, m4 = st.columns(4)
m1.metric(ui.t("programme.workshops"), len(rows))
m2.metric(ui.t("programme.provinces"), len({s.workshop.province_code for s in rows}))
m3.metric(ui.t("programme.approved"), sum(s.stage == "approved" for s in rows))
m4.metric(ui.t("programme.budget_total"), ui.t("read.baht", amount=baht(sum(s.total_budget for s in rows))))

# The map: each province with a workshop coloured by how far its walk has come.
STAGE_COLOURS = {n: [int(255 - 200 * n / (len(programme.STAGES) - 1)), int(200 - 90 * n / (len(programme.STAGES) - 1)),
                     235, 200] for n in range(len(programme.STAGES))}
furthest = {}
for s in rows:
    code = s.workshop.province_code
    furthest[code] = max(furthest.get(code, -1), s.stage_number)
shapes = catalogue.province_shapes()
coloured = {"type": "FeatureCollection", "features": [
    {**f, "properties": {**f["properties"], "fill": STAGE_COLOURS[furthest[f["properties"]["code"]]],
                         "stage": ui.t(f"programme.stage.{programme.STAGES[furthest[f['properties']['code']]]}")}}
    for f in shapes["features"] if f["properties"]["code"] in furthest]}
points = [{"lat": s.workshop.province.lat, "lon": s.workshop.province.lon, "name": s.workshop.name,
           "province": province_name(s), "stage": ui.t(f"programme.stage.{s.stage}")} for s in rows]
st.pydeck_chart(pdk.Deck(
    layers=[pdk.Layer("GeoJsonLayer", shapes, stroked=True, filled=True, get_fill_color=[241, 245, 249],
                      get_line_color=[203, 213, 225], line_width_min_pixels=1),
            pdk.Layer("GeoJsonLayer", coloured, stroked=True, filled=True, get_fill_color="properties.fill",
                      get_line_color=[30, 64, 175], line_width_min_pixels=1),
            pdk.Layer("ScatterplotLayer", points, get_position=["lon", "lat"], get_radius=6000, radius_min_pixels=5,
                      get_fill_color=[220, 38, 38], pickable=True)],
    initial_view_state=pdk.ViewState(latitude=13.0, longitude=101.0, zoom=4.9), map_style=None,
    tooltip={"text": "{name}\n{province} · {stage}"}), height=520)
st.caption(ui.t("programme.map_caption"))

# The table: one row per workshop, statuses in words (never by colour or emoji alone).
table = []
for s in rows:
    w = s.workshop
    row = {ui.t("programme.col.workshop"): w.name, ui.t("programme.col.province"): province_name(s),
           ui.t("programme.region"): region_name(s), ui.t("field.level"): ui.t(f"level.{w.level}"),
           ui.t("field.city_type"): ui.t(f"city_type.{w.city_type}"),
           ui.t("programme.col.stage"): ui.t(f"programme.stage.{s.stage}"),
           ui.t("programme.col.criteria"): ui.t("programme.criteria", met=s.criteria_met, total=s.criteria_total),
           ui.t("programme.col.checkpoint"): (ui.t("programme.months", months=s.checkpoint_months)
                                              if s.checkpoint_months else "–"),
           ui.t("programme.col.plan_status"): ui.t(f"status.{s.dimension_status['plan']}")
           if s.dimension_status else "–"}
    for code, d in dims.items():
        row[d.name(lang)] = ui.t(f"status.{s.dimension_status[code]}") if code in s.dimension_status else "–"
    row[ui.t("programme.col.projects")] = s.projects
    row[ui.t("programme.col.budget")] = baht(s.total_budget)
    table.append(row)
st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch", placeholder="–")
st.caption(ui.t("programme.status_rule", on_track=ui.t(f"status.{rules.ON_TRACK}")))

# Budget by source and fiscal year, per province, comparable across the programme.
budget = [{"workshop": escape_plotly(f"{province_name(s)} · {charts.cut(s.workshop.name)}"),
           "source": ui.t(f"source.{source}"),
           "fy": str(year) if lang == "th" else str(dates.ce_year(year)), "amount": float(amount)}
          for s in rows for (source, year), amount in sorted(s.budget.items()) if amount > 0]
if budget:
    frame = pd.DataFrame(budget)
    years = sorted(set(frame["fy"]))
    st.plotly_chart(charts.budget_by_year(frame, years, ui.t("programme.chart_years"), {
        "fy": ui.t("field.fiscal_year"), "amount": ui.t("col.amount"), "source": ui.t("field.budget_source")}),
        width="stretch", key="programme_years")
    by_workshop = frame.groupby(["workshop", "source"], as_index=False, sort=False)["amount"].sum()
    fig = px.bar(by_workshop, x="amount", y="workshop", color="source", orientation="h",
                 labels={"amount": ui.t("col.amount"), "workshop": ui.t("programme.col.workshop"),
                         "source": ui.t("field.budget_source")})
    fig.update_xaxes(tickformat=",.0f")
    st.plotly_chart(charts.layout(fig, ui.t("programme.chart_workshops"),
                                  height=180 + 48 * len(set(by_workshop["workshop"]))),
                    width="stretch", key="programme_workshops")
else:
    st.caption(ui.t("programme.no_budget"))
