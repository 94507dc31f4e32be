"""The network graph: nodes, edges and layout, who works with whom, organisations with no project,
dimensions with no partner, sector balance, and the picture for the plan document."""
import io
from decimal import Decimal

import networkx as nx
from PIL import Image

from planning import demo, masterplan, network, network_image, partners, projects
from planning.projects import BudgetLine, Project


def test_demo_network(store):
    w = demo.seed_demo(store)
    net = network.build(store, w.id)
    kinds = [n.kind for n in net.nodes]
    assert kinds.count("organisation") == 11 and kinds.count("project") == 4 and kinds.count("dimension") == 7
    assert {p.name_th for p in net.isolated} == {"กองทุนร่วมลงทุนอีสาน (ตัวอย่าง)",
                                                 "เครือข่ายอาสาสมัครชุมชนเมืองขอนแก่น (ตัวอย่าง)"}
    assert net.lonely_dimensions == ["ECO", "PEO"]
    assert all(n.isolated == (n.id in {f"o:{p.id}" for p in net.isolated} | {"d:ECO", "d:PEO"}) for n in net.nodes)
    pairs = {frozenset((c.a.name_th, c.b.name_th)): c.projects for c in net.collaborations}
    bus = "รถโดยสารไฟฟ้าวงกลมรอบเมือง (PPP)"
    assert pairs[frozenset(("บริษัท ขอนแก่นพัฒนาเมือง จำกัด", "ผู้ประกอบการเดินรถ"))] == (bus,)
    # the municipality works with the university through the PM2.5 sensors and with the company through the bus
    assert len(pairs[frozenset(("เทศบาลนครขอนแก่น", "มหาวิทยาลัยขอนแก่น"))]) == 1
    assert sum(k == "lead" for _, _, k in net.edges) == 4
    xs, ys = [n.x for n in net.nodes], [n.y for n in net.nodes]
    assert len(set(zip(xs, ys))) == len(net.nodes)
    assert {n.y for n in net.nodes if n.isolated} == {-1.0}


def test_layout_is_the_same_every_time_groups_apart_and_loose_nodes_below(store):
    w = demo.seed_demo(store)
    first, second = network.build(store, w.id), network.build(store, w.id)
    assert [(n.x, n.y) for n in first.nodes] == [(n.x, n.y) for n in second.nodes]
    g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    g.add_nodes_from(["loose1", "loose2"])
    pos = network.layout(g)
    spring = nx.spring_layout(g.subgraph(["a", "b", "c"]), k=1.8 / 3 ** 0.5, seed=network.LAYOUT_SEED, iterations=150)
    # the largest group keeps networkx's shape (only moved and scaled)
    ab = (pos["b"][0] - pos["a"][0]) / (spring["b"][0] - spring["a"][0])
    assert abs((pos["c"][0] - pos["a"][0]) - ab * (spring["c"][0] - spring["a"][0])) < 1e-9
    assert max(pos[k][0] for k in "abc") < min(pos[k][0] for k in "xy")          # groups side by side
    assert {pos["loose1"][1], pos["loose2"][1]} == {-1.0}
    assert all(pos[k][1] >= 0 for k in "abcxy")                                  # loose nodes below
    big = nx.cycle_graph(600)      # past networkx's dense solver: a circle, no scipy needed
    assert len(network.layout(big)) == 600
    assert network.layout(nx.Graph()) == {}


def test_sector_balance_against_budget_sources(store, facilitator, workshop):
    strategy = masterplan.add_strategy(store, facilitator, workshop.id, dimension="MOB", title="ส",
                                       indicator_codes=[], provincial_issue_id=None)
    company = partners.add_partner(store, facilitator, workshop.id, name_th="บริษัทเดินรถ", sector="private",
                                   kind="company")
    projects.save_project(store, facilitator, workshop.id, Project(
        name="รถ", strategy_id=strategy.id, objective="o", lead_agency="เทศบาล", target_group="g", fiscal_year_be=2570,
        budget=(BudgetLine("local", "x", Decimal(5)), BudgetLine("private", "y", Decimal(5)))))
    projects.save_project(store, facilitator, workshop.id, Project(
        name="ทาง", strategy_id=strategy.id, objective="o", lead_agency="", target_group="g", fiscal_year_be=2570,
        lead_partner_id=company.id, budget=(BudgetLine("private", "x", Decimal(5)),)))
    b = {x.sector: x for x in network.build(store, workshop.id).balance}
    assert (b["private"].projects_needing, b["private"].projects_with, b["private"].missing) == (2, 1, 1)
    assert (b["local"].projects_needing, b["local"].projects_with, b["local"].missing) == (1, 0, 1)
    assert b["government"].projects_needing == 0 and b["government"].required and b["government"].organisations == 0
    assert b["private"].organisations == 1 and not b["academic"].required


def test_empty_workshop_has_only_the_dimensions(store, workshop):
    net = network.build(store, workshop.id)
    assert [n.kind for n in net.nodes] == ["dimension"] * 7 and net.edges == [] and net.collaborations == []
    assert len(net.lonely_dimensions) == 7


def test_picture_is_a_png_with_every_node_drawn(store):
    w = demo.seed_demo(store)
    net = network.build(store, w.id)
    image = Image.open(io.BytesIO(network_image.picture(net)))
    assert image.format == "PNG" and image.size == (network_image.WIDTH, network_image.HEIGHT)
    colours = {c for _, c in image.getcolors(1 << 20)}
    for sector in ("government", "local", "private", "civil", "academic"):
        assert network_image.SECTOR_RGB[sector] in colours, sector
    assert network_image.ALERT_RGB in colours and network_image.PROJECT_RGB in colours
    assert [n.tag for n in net.nodes if n.kind == "project"] == ["P1", "P2", "P3", "P4"]
