"""Load benchmark: N participants act at once through Streamlit's own websocket protocol.

Starts `streamlit run app.py` on 127.0.0.1 with a fresh database, opens N real sessions, and in
each one joins the demo workshop through the join form, then performs A actions (adding a SWOT
item and voting, alternately). An action's time runs from sending the browser's message to the
server's "script finished". Afterwards it stops the server and checks in the database that every
acknowledged action is stored exactly once, each vote on the item whose text the phone showed
(`votes_renumbered` counts numbers shown that the board no longer gives that item). With
--dot-vote, "ready" times a phone from pressing join until the ballot is on its screen; --health
does the same with a network health check (each action rates all seven components 1-5, replacing
the phone's last ratings).

    .venv/bin/python bench/load.py --participants 60 --actions 10               # arrive over 30 s, think 1-3 s
    .venv/bin/python bench/load.py --participants 60 --actions 10 --arrival 0   # all join at the same instant
    .venv/bin/python bench/load.py --participants 60 --actions 0 --dot-vote --arrival 0 --pages-open  # pages open, join together
    .venv/bin/python bench/load.py --participants 60 --actions 10 --dot-vote --arrival 0 --processes 2  # behind nginx
    .venv/bin/python bench/load.py --participants 60 --actions 10 --think 0     # no pauses: stress
    .venv/bin/python bench/load.py --participants 60 --actions 3 --health       # the health check
    .venv/bin/python bench/load.py --participants 300 --workshops 5 --processes 4  # five workshops at once

Before the participants, one warm-up session joins (as the facilitator's own test would), so
first-import costs are not charged to them; it is left out of the counts. One more session stays
connected throughout, as the projector does in a workshop.

Loopback only; every loop is bounded in count and time.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.conftest import free_port, start_proxy, start_server  # noqa: E402

WIDGET_KINDS = ("text_input", "text_area", "button", "radio", "selectbox", "number_input", "button_group")
RUN_TIMEOUT = 60.0


class Barrier:
    """Released when `n` phones have arrived (asyncio.Barrier is Python 3.11+ only in name)."""

    def __init__(self, n: int):
        self.n, self.event = n, asyncio.Event()

    async def wait(self) -> None:
        self.n -= 1
        if self.n <= 0:
            self.event.set()
        await asyncio.wait_for(self.event.wait(), RUN_TIMEOUT)  # a phone that failed before it never arrives


class Session:
    """One browser tab's worth of protocol: send a rerun with widget states, read until done."""

    def __init__(self, url: str):
        self.url = url
        self.widgets: dict[str, str] = {}   # widget id -> label
        self.options: dict[str, list[str]] = {}  # pills id -> option labels
        self.fragment: dict[str, str] = {}  # widget id -> id of the fragment it is drawn in
        self.page_hash = ""                 # the page this tab is on: a browser sends it with every rerun
        self.shown: list[tuple[str, str]] = []  # messages of the last run: ("error", text), ("toast", text)...
        self.ticking: dict[str, float] = {}  # fragments the browser reruns by itself (run_every): id -> seconds
        self.ws = None

    async def open(self) -> None:
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=30, ping_interval=None)

    async def close(self) -> None:
        await self.ws.close()

    async def rerun(self, states: list[WidgetState], query_string: str = "", page_name: str = "",
                    fragment_id: str = "") -> float:
        """As a browser does: a widget drawn in a fragment reruns only that fragment (or the
        fragment given, as a browser sends a run_every fragment's own reruns)."""
        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        msg.rerun_script.page_name = page_name
        if not page_name:
            msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.widget_states.widgets.extend(states)
        fragment = {self.fragment.get(s.id) for s in states} - {None}
        if fragment_id:
            msg.rerun_script.fragment_id = fragment_id
        elif len(fragment) == 1:
            msg.rerun_script.fragment_id = fragment.pop()
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        if not msg.rerun_script.fragment_id:  # a fragment run redraws only the fragment's widgets
            self.widgets, self.options, self.fragment = {}, {}, {}
        self.shown = []
        deadline = started + RUN_TIMEOUT
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(0.1, deadline - time.perf_counter()))
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "navigation":  # st.navigation names the page that ran
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "auto_rerun":
                self.ticking[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "alert":
                    self.shown.append((Alert.Format.Name(element.alert.format).lower(), element.alert.body))
                elif which in ("toast", "exception"):
                    self.shown.append((which, element.toast.body if which == "toast" else element.exception.message))
                if which in WIDGET_KINDS:
                    proto = getattr(element, which)
                    self.widgets[proto.id] = proto.label
                    if fwd.delta.fragment_id:
                        self.fragment[proto.id] = fwd.delta.fragment_id
                    if which == "button_group":
                        self.options[proto.id] = [o.content for o in proto.options]
                    elif which in ("selectbox", "radio"):
                        self.options[proto.id] = list(proto.options)
            elif kind == "script_finished":
                if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    if fwd.script_finished not in (ForwardMsg.FINISHED_SUCCESSFULLY,
                                                   ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                        raise RuntimeError(f"script ended with status {fwd.script_finished}")
                    return time.perf_counter() - started

    def widget(self, key_part: str) -> str:
        found = [w for w in self.widgets if key_part in w]
        if not found:
            raise LookupError(f"no widget {key_part!r}")
        return found[0]


def text(widget_id: str, value: str) -> WidgetState:
    return WidgetState(id=widget_id, string_value=value)


def trigger(widget_id: str) -> WidgetState:
    return WidgetState(id=widget_id, trigger_value=True)


def first_sector(s: Session) -> WidgetState:
    """The join form's sector (it starts empty): its first choice, as a browser sends it."""
    widget = s.widget("-join_sector")
    return WidgetState(id=widget, string_value=s.options[widget][0])


async def participant(n: int, url: str, code: str, actions: int, think: float, record: dict,
                      arrival: float = 0.0, name: str | None = None, dot_vote: tuple | None = None,
                      loaded: "Barrier | None" = None) -> None:
    rng = random.Random(n)
    await asyncio.sleep(rng.uniform(0, arrival))
    s = Session(url)
    await s.open()
    name = name or f"bench-{n:03d}"
    try:
        await s.rerun([], query_string=f"code={code}")
        if loaded is not None:  # everyone has the join page open; all press join together
            await loaded.wait()
        elapsed = await s.rerun([text(s.widget("-join_code"), code), text(s.widget("-join_name"), name),
                                 first_sector(s), trigger(s.widget("FormSubmitter:join_form"))])
        record["times"].append(("join", elapsed))
        record["joined"].append(name)
        if dot_vote:
            await dot_voter(s, rng, name, actions, think, record, *dot_vote, joined_in=elapsed)
            return
        voted: dict[str, list[str]] = {}  # pills id -> my selected labels
        for i in range(actions):
            if think:
                await asyncio.sleep(rng.uniform(think / 2, think * 1.5))
            if i % 2 == 0:
                item = f"{name}-item-{i}"
                elapsed = await s.rerun([text(s.widget("-swot_text"), item),
                                         trigger(s.widget("FormSubmitter:add_swot"))])
                record["items"].append(item)
                record["times"].append(("swot", elapsed))
            else:
                # One pills widget per SWOT quadrant holds my whole selection: add one label to it.
                choices = [(pid, label) for pid, labels in s.options.items() if "-votes_" in pid
                           for label in labels if label not in voted.get(pid, [])]
                if not choices:
                    continue
                pid, label = rng.choice(choices)
                selection = voted.setdefault(pid, []) + [label]
                state = WidgetState(id=pid)
                state.string_array_value.data.extend(selection)
                elapsed = await s.rerun([state])
                voted[pid] = selection
                record["votes"].append((name, pid.split("-votes_")[1], label))
                record["times"].append(("vote", elapsed))
    except Exception as exc:  # reported in the summary; the run goes on for the others
        record["errors"].append(f"{name}: {type(exc).__name__}: {exc}")
    finally:
        await s.close()


async def dot_voter(s: Session, rng: random.Random, name: str, actions: int, think: float, record: dict,
                    activity_id: str, option_ids: list[str], dots: int, kind: str = "dots",
                    joined_in: float = 0.0) -> None:
    """On the live page: every action sends a new dot allocation (which replaces the last).
    "ready" times a phone from pressing join until the ballot is on its screen."""
    to_live = 0.0
    if not any(f"FormSubmitter:ballot_{activity_id}" in w for w in s.widgets):  # not landed on it
        to_live = await s.rerun([], page_name="live")
    record["times"].append(("ready", joined_in + to_live))
    for _ in range(actions):
        if think:
            await asyncio.sleep(rng.uniform(think / 2, think * 1.5))
        if kind == "rating":  # every component rated; a radio sends its option as shown ("1".."5")
            allocation = {o: rng.randint(1, dots) for o in option_ids}
            states = [text(s.widget(f"rate_{activity_id}_{o}"), str(allocation[o])) for o in option_ids]
        else:
            allocation = dict.fromkeys(option_ids, 0)
            for _ in range(rng.randint(1, dots)):
                allocation[rng.choice(option_ids)] += 1
            states = [WidgetState(id=s.widget(f"dots_{activity_id}_{o}"), int_value=allocation[o])
                      for o in option_ids]
        elapsed = await s.rerun(states + [trigger(s.widget(f"FormSubmitter:ballot_{activity_id}"))])
        record["ballots"].append((name, {o: d for o, d in allocation.items() if d}))
        record["times"].append(("ballot", elapsed))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a server and its children so far, exited ones included (PostgreSQL's postmaster
    and its backends): the parent's own and reaped children's time, plus the living children's."""
    tick = os.sysconf("SC_CLK_TCK")
    own = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    total = sum(int(own[i]) for i in (11, 12, 13, 14)) / tick
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # exited meanwhile
            continue
        if int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def sample_memory(pids: list[int], peak: list[float], stop: asyncio.Event) -> None:
    """The peak of the app processes' memory together."""
    while not stop.is_set():
        peak[0] = max(peak[0], sum(rss_mb(pid) for pid in pids))
        await asyncio.sleep(0.2)


def verify(db: Path, record: dict) -> dict:
    from planning import positioning, workshops
    from planning.store import Store

    store = Store(db)
    with store.cursor() as cur:
        items = dict(cur.execute("SELECT text, count(*) FROM swot_item WHERE text LIKE 'bench-%' GROUP BY text").fetchall())
        people = dict(cur.execute("SELECT display_name, count(*) FROM participant WHERE display_name LIKE 'bench-%'"
                                  " GROUP BY display_name").fetchall())
        votes = cur.execute(
            "SELECT p.display_name, v.item_id, count(*), bool_and(v.active) FROM swot_vote v"
            " JOIN participant p ON p.id = v.participant_id"
            " WHERE p.display_name LIKE 'bench-%' GROUP BY p.display_name, v.item_id").fetchall()
    # A vote names the item by the label the phone showed ("12\\. text", positioning.choice_label):
    # find the item by the text part, then check its number is still the one the phone showed.
    by_text: dict[tuple[str, str], list] = {}
    for w in workshops.list_workshops(store):
        for q, board in positioning.swot_board(store, w.id).items():
            for item in board:
                by_text.setdefault((q, label_text(positioning.choice_label(item))), []).append(item)
    store.close()
    vote_rows = {(name, item_id): (count, active) for name, item_id, count, active in votes}
    seen = [(name, by_text.get((q, label_text(label)), []), label) for name, q, label in record["votes"]]
    return {
        "participants_expected": len(record["joined"]), "participants_stored_once": sum(people.get(p) == 1 for p in record["joined"]),
        "items_expected": len(record["items"]), "items_stored_once": sum(items.get(i) == 1 for i in record["items"]),
        "votes_expected": len(record["votes"]),
        "votes_stored_once": sum(len(found) == 1 and vote_rows.get((name, found[0].id)) == (1, True)
                                 for name, found, _ in seen),
        # numbers shown on a phone that the board no longer gives the same item
        "votes_renumbered": sum(len(found) == 1 and positioning.choice_label(found[0]) != label
                                for _, found, label in seen),
        "ballots_expected": len(record["ballots"]),
        "ballots_stored_once": ballots_stored_once(db, record),
        "unexpected_items": sorted(set(items) - set(record["items"]))[:5],
        "duplicated": [i for i, n in items.items() if n > 1][:5],
    }


def label_text(label: str) -> str:
    """The text part of a vote choice's label, without the item's number."""
    return label.split("\\. ", 1)[-1]


def ballots_stored_once(db: Path, record: dict) -> int:
    """Each participant's ballots are stored in the order sent, one row each, the last one counting."""
    from planning.store import Store

    store = Store(db)
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT p.display_name, b.option_ids, b.dots FROM activity_ballot b"
            " JOIN participant p ON p.id = b.participant_id WHERE p.display_name LIKE 'bench-%'"
            " ORDER BY b.created_at").fetchall()
    store.close()
    stored: dict[str, list[dict]] = {}
    for name, ids, dots in rows:
        stored.setdefault(name, []).append(dict(zip(ids, dots)))
    sent: dict[str, list[dict]] = {}
    for name, allocation in record["ballots"]:
        sent.setdefault(name, []).append(allocation)
    return sum(len(v) for k, v in sent.items() if stored.get(k) == v)


PROVINCES = ("50", "40", "90", "83", "34", "65", "30", "20")  # more workshops: other provinces


def more_workshop(store, n: int):
    """Another workshop beside the demo (an empty board), as other provinces plan the same day."""
    import datetime as dt

    from planning import workshops
    from planning.roles import FACILITATOR, Actor

    return workshops.create_workshop(store, Actor(FACILITATOR), name=f"bench workshop {n}",
                                     province_code=PROVINCES[(n - 1) % len(PROVINCES)], target_area=f"area {n}",
                                     level="city", city_type="livable", horizon_years=5,
                                     start_date=dt.date(2026, 10, 1))


def new_record() -> dict:
    """What the sessions acknowledged, filled as they go and checked against the database."""
    return {"times": [], "joined": [], "items": [], "votes": [], "ballots": [], "errors": []}


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


async def main_async(args) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="smartcity-bench-"))
    cluster = None
    if args.processes:  # scripts/venue.sh's set-up: PostgreSQL, N processes, nginx in front
        from tests.postgres import Cluster

        cluster = Cluster()
        db = cluster.new_database()
    else:
        db = tmp / "bench.duckdb"
    from planning import demo, workshops
    from planning.store import Store

    store = Store(db)  # seed the demo first so the server starts warm and we know the join code
    demo.ensure_demo(store)
    code = workshops.list_workshops(store)[0].join_code
    codes = [code] + [more_workshop(store, n).join_code for n in range(1, args.workshops)]
    dot_vote = None
    if args.dot_vote:  # the facilitator opens a dot vote over five options before the room arrives
        from planning import activities
        from planning.roles import FACILITATOR, Actor

        w = workshops.list_workshops(store)[0]
        a = activities.create_activity(store, Actor(FACILITATOR), w.id, kind="dots", title="bench dots",
                                       options=[f"option {n}" for n in range(1, 6)], allowance=3)
        activities.open_activity(store, Actor(FACILITATOR), w.id, a.id)
        dot_vote = (a.id, [o.id for o in activities.options(store, a.id)], a.allowance, "dots")
    if args.health:  # the facilitator opens a network health check (seven components rated 1-5)
        from planning import activities
        from planning.roles import FACILITATOR, Actor

        w = workshops.list_workshops(store)[0]
        a = activities.create_activity(store, Actor(FACILITATOR), w.id, kind="rating", title="bench health",
                                       source="health")
        activities.open_activity(store, Actor(FACILITATOR), w.id, a.id)
        dot_vote = (a.id, [o.id for o in activities.options(store, a.id)], a.allowance, "rating")
    store.close()
    ports = [free_port() for _ in range(max(1, args.processes))]
    procs = [start_server(db, p, tmp / f"streamlit-{p}.log", extra_env={"SMARTCITY_TRUSTED_PROXIES": "127.0.0.1"})
             for p in ports]
    proxy = None
    record = new_record()
    peak = [sum(rss_mb(p.pid) for p in procs)]
    idle_rss = peak[0]
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_memory([p.pid for p in procs], peak, stop))
    started = time.perf_counter()
    projectors = []
    try:
        # One projector per process stays connected through a workshop: with no session left
        # Streamlit empties its script cache and the storm would recompile app.py and the pages.
        # Each process is warmed by one joining phone of its own before the room arrives.
        for n, p in enumerate(ports):
            direct = f"ws://127.0.0.1:{p}/_stcore/stream"
            projectors.append(Session(direct))
            await projectors[-1].open()
            await projectors[-1].rerun([])
            await participant(-1 - n, direct, code, 2, 0, new_record(), name=f"warmup-{n}", dot_vote=dot_vote)
        url = f"ws://127.0.0.1:{ports[0]}/_stcore/stream"
        if args.processes:  # the room comes through nginx (no route cookie yet: spread over the processes)
            proxy, listen = start_proxy(ports, tmp)
            url = f"ws://127.0.0.1:{listen}/_stcore/stream"
        started = time.perf_counter()
        cpu_before = sum(cpu_seconds(p.pid) for p in procs)
        client_cpu_before = time.process_time()  # this load generator's own share of the machine
        db_cpu_before = tree_cpu_seconds(cluster.postmaster()) if cluster else 0.0
        loaded = Barrier(args.participants) if args.pages_open else None
        await asyncio.gather(*(participant(n, url, codes[n % len(codes)], args.actions, args.think, record, args.arrival,
                                           loaded=loaded,
                                           dot_vote=dot_vote) for n in range(args.participants)))
    finally:
        wall = time.perf_counter() - started
        for projector in projectors:
            await projector.close()
        server_cpu = sum(cpu_seconds(p.pid) for p in procs) - cpu_before
        client_cpu = time.process_time() - client_cpu_before
        db_cpu = tree_cpu_seconds(cluster.postmaster()) - db_cpu_before if cluster else 0.0
        stop.set()
        await sampler
        for proc in procs + ([proxy] if proxy else []):
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    result = verify(db, record)
    db_mb = None
    if cluster is not None:
        import psycopg

        with psycopg.connect(db) as conn:  # the whole database: demo, workshops, the run's rows
            db_mb = round(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20, 1)
        cluster.stop()
    times = [t for kind, t in record["times"] if kind != "ready"]  # "ready" overlaps "join"
    by_kind = {k: [t for kind, t in record["times"] if kind == k] for k in ("join", "ready", "swot", "vote", "ballot")}
    return {
        "participants": args.participants, "workshops": len(codes), "actions_per_participant": args.actions,
        "think_s": args.think,
        "arrival_s": args.arrival,
        "pages_open": args.pages_open,
        "processes": args.processes or 1, "store": "postgresql" if args.processes else "duckdb",
        "wall_s": round(wall, 1), "actions_timed": len(times), "actions_per_s": round(len(times) / wall, 1),
        "p50_ms": round(statistics.median(times) * 1000), "p95_ms": round(percentile(times, 0.95) * 1000),
        "max_ms": round(max(times) * 1000),
        "by_action": {k: {"n": len(v), "p50_ms": round(statistics.median(v) * 1000),
                          "p95_ms": round(percentile(v, 0.95) * 1000)} for k, v in by_kind.items() if v},
        "server_rss_mb": {"idle": round(idle_rss), "peak": round(peak[0])},
        "server_cpu": {"seconds": round(server_cpu, 1), "busy_share_of_one_core": round(server_cpu / wall, 2),
                       "ms_per_action": round(server_cpu / max(1, len(times)) * 1000, 1)},
        "load_generator_cpu": {"seconds": round(client_cpu, 1), "busy_share_of_one_core": round(client_cpu / wall, 2)},
        "database_mb": db_mb,
        "database_cpu": {"seconds": round(db_cpu, 1),  # PostgreSQL's processes; DuckDB's is in the app's
                         "ms_per_action": round(db_cpu / max(1, len(times)) * 1000, 1)},
        "errors": record["errors"][:5], "error_count": len(record["errors"]),
        "stored": result,
        "lost": (result["items_expected"] - result["items_stored_once"])
                + (result["votes_expected"] - result["votes_stored_once"])
                + (result["ballots_expected"] - result["ballots_stored_once"])
                + (result["participants_expected"] - result["participants_stored_once"]),
        "cpu_count": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--actions", type=int, default=10)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between a participant's actions")
    parser.add_argument("--processes", type=int, default=0,
                        help="N app processes on one PostgreSQL behind nginx (scripts/venue.sh); default one process on a DuckDB file")
    parser.add_argument("--workshops", type=int, default=1,
                        help="participants spread over this many workshops (the demo and W-1 more), as on a day when several provinces plan")
    parser.add_argument("--pages-open", action="store_true",
                        help="every phone opens the join page first; then all press join at once (the facilitator's 'join now')")
    parser.add_argument("--arrival", type=float, default=30.0, help="participants join within this many seconds")
    parser.add_argument("--dot-vote", action="store_true",
                        help="instead of SWOT items and votes, send dot-vote ballots on the live page")
    parser.add_argument("--health", action="store_true",
                        help="instead of SWOT items and votes, rate a network health check on the live page")
    args = parser.parse_args()
    result = asyncio.run(main_async(args))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if result["lost"] or result["error_count"] or result["stored"]["votes_renumbered"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
