"""Input sent from a screen that changed meanwhile, over Streamlit's own protocol against a real
server (as bench/load.py drives it): the vote is applied to what the phone showed, or the phone is
told it was not; an acknowledged send is never dropped without a word."""
import asyncio
import signal
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.load import Session, WidgetState, first_sector, text, trigger
from planning import activities, demo, positioning, workshops
from planning.roles import FACILITATOR, Actor
from planning.store import Store
from tests.e2e.conftest import PASSWORD, free_port, start_server

pytestmark = pytest.mark.e2e
NOT_OPEN = "ไม่ได้บันทึกสิ่งที่คุณส่งสำหรับ “{}”: กิจกรรมนี้ไม่ได้เปิดรับคำตอบ"
SAVED = "บันทึกคำตอบแล้ว ส่งใหม่ได้จนกว่าจะปิดโหวต"
CHANGED = ("ไม่ได้บันทึกสิ่งที่คุณส่ง เพราะคำถามบนหน้าจอเปลี่ยนไปแล้ว ดูคำถามด้านล่างแล้วส่งใหม่อีกครั้ง")


def run(coro):
    # Its own thread: Playwright's sync API may already run an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=240)


@pytest.fixture
def served(tmp_path):
    """A fresh database with two dot votes (X open, Y draft), then a server on it."""
    db = tmp_path / "stale.duckdb"
    store = Store(db)
    demo.ensure_demo(store)
    w = workshops.list_workshops(store)[0]
    fac = Actor(FACILITATOR)
    x = activities.create_activity(store, fac, w.id, kind="dots", title="X vote", options=["x1", "x2", "x3"],
                                   allowance=3)
    y = activities.create_activity(store, fac, w.id, kind="dots", title="Y vote", options=["y1", "y2"], allowance=2)
    activities.open_activity(store, fac, w.id, x.id)
    ids = {"code": w.join_code, "workshop": w.id, "x": x.id, "y": y.id,
           "xo": [o.id for o in activities.options(store, x.id)], "yo": [o.id for o in activities.options(store, y.id)]}
    store.close()
    port = free_port()
    proc = start_server(db, port, tmp_path / "streamlit.log")
    stopped = []

    def stop() -> Store:
        if not stopped:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
            stopped.append(Store(db))
        return stopped[0]

    yield f"ws://127.0.0.1:{port}/_stcore/stream", ids, stop
    if not stopped:
        proc.kill()
        proc.wait(timeout=30)
    else:
        stopped[0].close()


async def phone_joins(url: str, code: str, name: str) -> Session:
    s = Session(url)
    await s.open()
    await s.rerun([], query_string=f"code={code}")
    await s.rerun([text(s.widget("-join_code"), code), text(s.widget("-join_name"), name),
                   first_sector(s), trigger(s.widget("FormSubmitter:join_form"))])
    return s


async def facilitator(url: str) -> Session:
    s = Session(url)
    await s.open()
    await s.rerun([], page_name="sign_in")
    await s.rerun([text(s.widget("-password"), PASSWORD), trigger(s.widget("FormSubmitter:sign_in_form"))])
    await s.rerun([], page_name="activities")
    return s


async def open_activity(fac: Session, title: str) -> None:
    pick = WidgetState(id=fac.widget("-activity_pick"))
    for state in ("ร่าง", "ปิดแล้ว"):
        if f"{state} · {title}" not in fac.options[pick.id]:
            continue
        pick.string_value = f"{state} · {title}"
        await fac.rerun([pick])
        await fac.rerun([pick, trigger(fac.widget("-activity_open"))])
        assert ("toast", "เปิดกิจกรรมแล้ว ผู้เข้าร่วมเห็นบนมือถือ") in fac.shown, fac.shown
        return
    raise AssertionError(f"{title} cannot be opened: {fac.options[pick.id]}")


def ballot(phone: Session, activity_id: str, dots: dict[str, int]) -> tuple[list[WidgetState], str]:
    """The states a browser sends when this ballot's button is pressed, and the fragment it reruns."""
    states = [WidgetState(id=phone.widget(f"dots_{activity_id}_{o}"), int_value=n) for o, n in dots.items()]
    send = trigger(phone.widget(f"FormSubmitter:ballot_{activity_id}"))
    return states + [send], phone.fragment[send.id]


def test_a_ballot_for_a_question_replaced_under_the_phone_is_refused_with_a_message(served):
    url, ids, stop = served

    async def scenario():
        phone = await phone_joins(url, ids["code"], "โทรศัพท์")
        await phone.rerun([], page_name="live")
        x_send, fragment = ballot(phone, ids["x"], {ids["xo"][0]: 2, ids["xo"][1]: 1})
        (watch,) = phone.ticking
        fac = await facilitator(url)
        await open_activity(fac, "Y vote")       # X closes
        await phone.rerun([], fragment_id=watch)  # the phone's own 4-second check redraws the page with Y
        assert f"FormSubmitter:ballot_{ids['y']}" in " ".join(phone.widgets)
        await phone.rerun(x_send, fragment_id=fragment)  # X's button, pressed before Y appeared
        assert phone.shown == [("error", NOT_OPEN.format("X vote"))]
        y_send, fragment = ballot(phone, ids["y"], {ids["yo"][1]: 2})
        await phone.rerun(y_send, fragment_id=fragment)
        assert phone.shown == [("toast", SAVED)]
        await phone.close()
        await fac.close()

    run(scenario())
    store = stop()
    with store.cursor() as cur:
        rows = cur.execute("SELECT activity_id, option_ids, dots FROM activity_ballot WHERE activity_id IN (?, ?)",
                           [ids["x"], ids["y"]]).fetchall()
    assert rows == [(ids["y"], [ids["yo"][1]], [2])]


def test_a_ballot_for_a_reopened_question_is_applied_to_what_the_phone_showed(served):
    url, ids, stop = served

    async def scenario():
        phone = await phone_joins(url, ids["code"], "โทรศัพท์")
        await phone.rerun([], page_name="live")
        x_send, fragment = ballot(phone, ids["x"], {ids["xo"][2]: 3})
        fac = await facilitator(url)
        await open_activity(fac, "Y vote")  # X closes ...
        await open_activity(fac, "X vote")  # ... and is opened again, the phone still showing X
        await phone.rerun(x_send, fragment_id=fragment)
        assert phone.shown == [("toast", SAVED)]
        await phone.close()
        await fac.close()

    run(scenario())
    store = stop()
    with store.cursor() as cur:
        rows = cur.execute("SELECT activity_id, option_ids, dots FROM activity_ballot WHERE activity_id IN (?, ?)",
                           [ids["x"], ids["y"]]).fetchall()
    assert rows == [(ids["x"], [ids["xo"][2]], [3])]


def test_a_send_from_a_form_this_session_never_drew_is_reported(served):
    """A browser that kept an old screen across a reconnect sends a button its new server session
    has never drawn (the question changed meanwhile): nothing can be applied, and the phone is told."""
    url, ids, stop = served

    async def scenario():
        old = await phone_joins(url, ids["code"], "โทรศัพท์")
        await old.rerun([], page_name="live")
        x_send, fragment = ballot(old, ids["x"], {ids["xo"][0]: 1})
        await old.close()
        fac = await facilitator(url)
        await open_activity(fac, "Y vote")
        phone = await phone_joins(url, ids["code"], "โทรศัพท์ อีกครั้ง")  # a new session
        await phone.rerun([], page_name="live")
        assert ballot(phone, ids["y"], {})[1] == fragment  # the same part of the same page
        await phone.rerun(x_send, fragment_id=fragment)
        assert phone.shown == [("warning", CHANGED)]
        await phone.close()
        await fac.close()

    run(scenario())
    store = stop()
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM activity_ballot WHERE activity_id IN (?, ?)",
                           [ids["x"], ids["y"]]).fetchone()[0] == 0


def test_a_swot_vote_lands_on_the_item_shown_while_another_phone_adds_one(served):
    url, ids, stop = served
    seen = {}

    async def scenario():
        a = await phone_joins(url, ids["code"], "โทรศัพท์ A")
        b = await phone_joins(url, ids["code"], "โทรศัพท์ B")
        for phone in (a, b):  # they land on the open vote; the board is on the first page
            await phone.rerun([], page_name="positioning")
        pills = a.widget("-votes_S")
        seen["labels"] = list(a.options[pills])
        await b.rerun([text(b.widget("-swot_text"), "ข้อใหม่ของ B"), trigger(b.widget("FormSubmitter:add_swot"))])
        state = WidgetState(id=pills)
        state.string_array_value.data.append(seen["labels"][-1])  # A's last item, as A drew it
        await a.rerun([state])
        assert not [m for m in a.shown if m[0] in ("error", "exception")], a.shown
        seen["after"] = list(a.options[pills])
        await a.close()
        await b.close()

    run(scenario())
    assert seen["after"][:len(seen["labels"])] == seen["labels"]  # nothing renumbered
    assert seen["after"][-1].startswith(f"{len(seen['labels']) + 1}\\. ข้อใหม่ของ B")
    store = stop()
    board = positioning.swot_board(store, ids["workshop"])["S"]
    with store.cursor() as cur:
        voted = cur.execute("SELECT v.item_id FROM swot_vote v JOIN participant p ON p.id = v.participant_id"
                            " WHERE p.display_name = 'โทรศัพท์ A'").fetchall()
    assert [positioning.choice_label(i) for i in board if i.id == voted[0][0]] == [seen["labels"][-1]]
    assert len(voted) == 1
