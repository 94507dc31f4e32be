import geothai

from planning import catalogue

EXPECTED_DIMENSIONS = ["ENV", "ECO", "MOB", "ENE", "PEO", "LIV", "GOV"]


def test_77_unique_provinces_matching_geothai():
    provinces = catalogue.provinces()
    assert len(provinces) == 77
    dopa = {p.code: p for p in geothai.provinces()}
    assert set(provinces) == set(dopa)
    for code, p in provinces.items():
        assert p.name_th == dopa[code].name_th and p.name_en == dopa[code].name_en
        assert p.region_th and p.region_en
        assert 5 < p.lat < 21 and 97 < p.lon < 106


def test_province_shapes_cover_every_province():
    features = catalogue.province_shapes()["features"]
    codes = [f["properties"]["code"] for f in features]
    assert sorted(codes) == sorted(catalogue.provinces())
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in features)


def test_seven_dimensions_in_order():
    dims = catalogue.dimensions()
    assert list(dims) == EXPECTED_DIMENSIONS
    assert all(d.name_th and d.name_en and d.goal_th and d.goal_en for d in dims.values())


def test_at_least_six_complete_indicators_per_dimension():
    indicators = catalogue.indicators()
    for dim in EXPECTED_DIMENSIONS:
        complete = [i for i in catalogue.indicators_of(dim)
                    if all([i.name_th, i.name_en, i.unit, i.definition_th, i.definition_en,
                            i.source, i.framework_code]) and i.direction in catalogue.DIRECTIONS]
        assert len(complete) >= 6, dim
    assert all(i.dimension in EXPECTED_DIMENSIONS for i in indicators.values())


def test_domain_indicators_have_the_right_direction():
    ind = catalogue.indicators()
    assert ind["ENV-PM25"].direction == "lower"
    assert "37.5" in ind["ENV-PM25D"].name_en and ind["ENV-PM25D"].direction == "lower"
    assert ind["ECO-GPPPC"].direction == "higher"
    assert ind["MOB-ROADDEATH"].direction == "lower"
    assert ind["LIV-EMS"].direction == "lower"
    assert ind["GOV-OPENDATA"].direction == "higher"
