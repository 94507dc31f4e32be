"""Guessing benchmark: how many join codes or passwords an attacker gets checked per minute.

Starts `streamlit run app.py` on 127.0.0.1 with a fresh database and drives T browser tabs through
Streamlit's websocket protocol for S seconds, each submitting wrong guesses as fast as answers
come back. A tab that is refused opens a new one (a new session), as a script would; with
--forwarded every tab also claims its own X-Forwarded-For address. At the end one fresh tab tries
the right code or password: it must get in (a room is never locked out by someone else's guessing).

    .venv/bin/python bench/guessing.py --target join --tabs 4 --seconds 60
    .venv/bin/python bench/guessing.py --target join --tabs 4 --seconds 60 --forwarded
    .venv/bin/python bench/guessing.py --target facilitator --tabs 4 --seconds 60
    .venv/bin/python bench/guessing.py --target reviewer --tabs 4 --seconds 60

"checked" counts the guesses the app actually checked (answered "wrong code" / "wrong password");
"refused" the ones it turned away unchecked (wait messages). Loopback only; bounded in time.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.load import text, trigger  # noqa: E402  (widget states as a browser sends them)
from tests.e2e.conftest import PASSWORD, free_port  # noqa: E402

WRONG = {"join": "รหัสเข้าร่วมไม่ถูกต้อง", "facilitator": "รหัสผ่านไม่ถูกต้อง", "reviewer": "รหัสผ่านไม่ถูกต้อง"}
REVIEWER_PASSWORD = "committee-pass-1"
RUN_TIMEOUT = 120.0


class Tab:
    """One browser tab: rerun with widget states, collect widget ids and alert texts."""

    def __init__(self, url: str, forwarded: str | None = None):
        self.url, self.forwarded = url, forwarded
        self.widgets: dict[str, str] = {}
        self.alerts: list[str] = []
        self.metrics: list[str] = []
        self.page_hash = ""

    async def open(self) -> None:
        headers = {"X-Forwarded-For": self.forwarded} if self.forwarded else None
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None, open_timeout=30,
                                           ping_interval=None, additional_headers=headers)

    async def close(self) -> None:
        await self.ws.close()

    async def rerun(self, states: list[WidgetState], query_string: str = "", page_name: str = "") -> None:
        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        msg.rerun_script.page_name = page_name
        if not page_name:
            msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.widget_states.widgets.extend(states)
        await self.ws.send(msg.SerializeToString())
        self.widgets, self.alerts, self.metrics = {}, [], []
        deadline = time.monotonic() + RUN_TIMEOUT
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout=max(0.1, deadline - time.monotonic())))
            kind = fwd.WhichOneof("type")
            if kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which in ("text_input", "button", "radio"):
                    self.widgets[getattr(element, which).id] = which
                elif which == "alert":
                    self.alerts.append(element.alert.body)
                elif which == "metric":
                    self.metrics.append(element.metric.body)
            elif kind == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return

    def widget(self, part: str) -> str:
        found = [w for w in self.widgets if part in w]
        if not found:
            raise LookupError(f"no widget {part!r} among {list(self.widgets)}")
        return found[0]


async def new_tab(url: str, target: str, n: int, forwarded: bool) -> Tab:
    tab = Tab(url, f"198.51.{n // 250 % 250}.{n % 250 + 1}" if forwarded else None)
    await tab.open()
    if target == "join":
        await tab.rerun([])
    else:
        await tab.rerun([], page_name="sign_in")
        if target == "reviewer":
            radio = tab.widget("sign_in_role")
            await tab.rerun([WidgetState(id=radio, string_value="คณะกรรมการจังหวัด (ผู้พิจารณา)")])
    return tab


async def guess(tab: Tab, target: str, value: str) -> str:
    if target == "join":
        states = [text(tab.widget("-join_code"), value), text(tab.widget("-join_name"), "guess"),
                  trigger(tab.widget("FormSubmitter:join_form"))]
    elif target == "facilitator":
        states = [text(tab.widget("-password"), value), trigger(tab.widget("FormSubmitter:sign_in_form"))]
    else:
        states = [text(tab.widget("-reviewer_name"), "guess"), text(tab.widget("-reviewer_password"), value),
                  trigger(tab.widget("FormSubmitter:reviewer_sign_in"))]
    await tab.rerun(states)
    return " ".join(tab.alerts)


async def attacker(n: int, url: str, args, stop: float, counts: dict) -> None:
    tabs_opened = 0
    tab = await new_tab(url, args.target, n * 10_000, args.forwarded)
    i = 0
    while time.monotonic() < stop:
        i += 1
        value = f"Z0{n % 10}{i % 1000:03d}" if args.target == "join" else f"wrong-guess-{n}-{i}"  # 0: never in a code
        answer = await guess(tab, args.target, value)
        if WRONG[args.target] in answer:
            counts["checked"] += 1
        else:
            counts["refused"] += 1
            counts["messages"].add(answer[:80])
            await tab.close()  # refused: an attacker simply opens a new tab
            tabs_opened += 1
            tab = await new_tab(url, args.target, n * 10_000 + tabs_opened, args.forwarded)
    await tab.close()
    counts["tabs"] += tabs_opened + 1


async def join_code(url: str) -> str:
    """The demo workshop's join code, as the facilitator's screen shows it (this also warms up)."""
    tab = await new_tab(url, "facilitator", 0, False)
    await guess(tab, "facilitator", PASSWORD)
    await tab.close()
    return tab.metrics[0]


async def right_one(url: str, target: str, code: str) -> tuple[bool, float, str]:
    """A fresh tab with the right code or password, after the guessing; told to wait, it waits as
    long as the message says (at most 20 minutes) and tries once more."""
    value = code if target == "join" else (PASSWORD if target == "facilitator" else REVIEWER_PASSWORD)
    started = time.monotonic()
    told = ""
    for attempt in range(2):
        tab = await new_tab(url, target, 999_999 + attempt, False)
        answer = await guess(tab, target, value)
        await tab.close()
        wait = re.search(r"โปรดรอ(?:ประมาณ)? (\d+) (วินาที|นาที)", answer)
        if not wait:
            return WRONG[target] not in answer, time.monotonic() - started, told
        told = answer[:80]
        await asyncio.sleep(min(1200, int(wait.group(1)) * (60 if wait.group(2) == "นาที" else 1)))
    return False, time.monotonic() - started, told


def start(root: Path, db: Path, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, SMARTCITY_DB=str(db), SMARTCITY_FACILITATOR_PASSWORD=PASSWORD,
               SMARTCITY_REVIEWER_PASSWORD=REVIEWER_PASSWORD)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
                             "--server.port", str(port), "--server.headless", "true",
                             "--browser.gatherUsageStats", "false"],
                            cwd=root, env=env, stdout=open(log, "ab"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"streamlit did not start, see {log}")


async def main_async(args) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="smartcity-guess-"))
    db = tmp / "guess.duckdb"
    port = free_port()
    proc = start(Path(args.root), db, port, tmp / "streamlit.log")
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    try:
        code = await join_code(url)
        counts = {"checked": 0, "refused": 0, "tabs": 0, "messages": set()}
        started = time.monotonic()
        await asyncio.gather(*(attacker(n, url, args, started + args.seconds, counts) for n in range(args.tabs)))
        minutes = (time.monotonic() - started) / 60
        ok, elapsed, answer = await right_one(url, args.target, code)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    return {"target": args.target, "tabs": args.tabs, "forwarded": args.forwarded, "seconds": args.seconds,
            "checked_per_minute": round(counts["checked"] / minutes, 1),
            "refused_per_minute": round(counts["refused"] / minutes, 1), "tabs_opened": counts["tabs"],
            "right_one_gets_in": ok, "right_one_seconds": round(elapsed, 2), "right_one_told": answer,
            "refusals": sorted(counts["messages"])[:3]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", choices=sorted(WRONG), default="join")
    parser.add_argument("--tabs", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--forwarded", action="store_true", help="every tab claims its own X-Forwarded-For")
    parser.add_argument("--root", default=str(ROOT), help="the app to start (another checkout to compare)")
    print(json.dumps(asyncio.run(main_async(parser.parse_args())), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
