"""The programme page: every workshop side by side, filtered by region, level and city type."""
import pytest

from planning import text, workshops
from planning.roles import FACILITATOR, Actor
from tests.app.conftest import facilitator_on, join, new_app, titles
from tests.conftest import make_workshop


def test_the_programme_compares_every_province_and_filters(app_store):
    fac = Actor(FACILITATOR)
    demo = workshops.list_workshops(app_store)[0]                 # seeded on first start
    other = make_workshop(app_store, fac, name="**นครสวรรค์** [ลิงก์](http://x)", level="province", city_type="new")
    at = facilitator_on("pages/programme.py")
    assert titles(at) == [text.t("programme.title")]
    table = at.dataframe[0].value
    assert sorted(table[text.t("programme.col.workshop")]) == sorted([demo.name, other.name])   # names as typed
    by_name = table.set_index(text.t("programme.col.workshop"))
    assert by_name.loc[demo.name, text.t("programme.col.stage")] == text.t("programme.stage.submitted")
    assert by_name.loc[other.name, text.t("programme.col.stage")] == text.t("programme.stage.started")
    assert by_name.loc[demo.name, text.t("programme.col.checkpoint")] == "6 เดือน"
    assert by_name.loc[demo.name, text.t("programme.col.criteria")].startswith("ครบ ")
    assert by_name.loc[other.name, text.t("programme.col.budget")] == "0"
    assert by_name.loc[demo.name, "สิ่งแวดล้อมอัจฉริยะ"] in [text.t(f"status.{s}") for s in
                                                            ("on_track", "behind", "at_risk", "no_data")]
    assert [m.value for m in at.metric][:3] == ["2", "2", "0"]
    assert len(at.get("plotly_chart")) == 2 and at.get("deck_gl_json_chart")

    at.multiselect(key="programme_regions").select(demo.province.region_en).run()
    assert list(at.dataframe[0].value[text.t("programme.col.workshop")]) == [demo.name]
    at.multiselect(key="programme_regions").unselect(demo.province.region_en).run()
    at.multiselect(key="programme_levels").select("province").run()
    assert list(at.dataframe[0].value[text.t("programme.col.workshop")]) == [other.name]
    at.multiselect(key="programme_levels").unselect("province").run()
    at.checkbox(key="programme_samples").uncheck().run()
    at.multiselect(key="programme_city_types").select("livable").run()
    assert [i.value for i in at.info] == [text.t("programme.none")]
    assert not at.exception


def test_only_facilitators_see_the_programme(app_store):
    at = new_app()                                                  # not signed in: no such page
    with pytest.raises(ValueError, match="programme.py"):
        at.switch_page("pages/programme.py")
    phone = join(new_app(), workshops.list_workshops(app_store)[0].join_code, "สมหญิง")
    with pytest.raises(ValueError, match="programme.py"):
        phone.switch_page("pages/programme.py")
