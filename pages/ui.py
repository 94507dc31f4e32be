"""What every page shares: language, who is acting, the open workshop, error display.

Pages read and write only through `planning`; this module holds no domain logic.
"""
from __future__ import annotations

import copy
import functools
import math
import runpy
import secrets
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
import streamlit.components.v2 as components_v2
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from planning import addresses, limits, live, participants, qr, sign_ins, text, workshops
from planning.errors import NotFound, PlanningError
from planning.roles import FACILITATOR, PARTICIPANT, REVIEWER, Actor
from planning.store import SchemaTooNew, Store, StoreLost, StoreUnreachable, get_store


# Navigation is built by app.py with st.navigation. Because the page files live in a folder named
# pages/, Streamlit starts in its older pages-folder mode and, until some run has called
# st.navigation, runs a requested page file directly without app.py. Switch that mode off as soon
# as this module loads, and send any run that bypassed app.py through it again.
PagesManager.uses_pages_directory = False
_run = threading.local()  # Streamlit starts a new thread for every script run


ENTRY_PAGES = ("join", "sign_in")  # url paths of the pages for people not yet signed in


def serve_default_at_its_address(nav: dict) -> None:
    """Called by app.py before st.navigation, to point the run at the page it should run:

    - Streamlit serves the default page only at the app root, so its own address (a participant's
      /positioning?p=... after a reload, a bookmark) showed "Page not found" over the page; such a
      request is pointed at the page itself.
    - Someone signed in who asks for the join or sign-in page (the join button is pressed there,
      the sign-in form reruns there) gets their first page in this same run. Before, the entry page
      ran and then sent them on (`leave_entry_page`), one more full run per phone when a room
      joins at once (docs/BENCHMARKS.md)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    manager = ctx.pages_manager
    name, page_hash = manager.intended_page_name, manager.intended_page_script_hash
    pages = [p for section in nav.values() for p in section]
    if role() is not None and (name or page_hash):  # Streamlit keeps these page attributes private
        asked = next((p for p in pages if (p._script_hash == page_hash if page_hash else p._url_path == name)), None)
        home = next((p for p in pages if p._default), None)
        if asked is not None and asked._url_path in ENTRY_PAGES and home is not None:
            manager.set_script_intent(home._script_hash, home._url_path)
            return
    if not name or page_hash:
        return
    for page in pages:
        if page._default and page._url_path == name:
            manager.set_script_intent(page._script_hash, name)


_PAGES: dict[tuple, st.Page] = {}
_PAGES_LOCK = threading.Lock()


def nav_page(path: str, title: str, url: str, default: bool = False, hidden: bool = False) -> st.Page:
    """A page for app.py's navigation. Building an st.Page checks its file on disk (a few system
    calls each, a dozen pages on every run of every phone), so a built page is kept per process and
    each run gets its own copy: st.navigation marks the copy it chose as the one to run."""
    ctx = get_script_run_ctx()
    if ctx is None:  # outside a run Streamlit builds a stub: not kept
        return st.Page(path, title=title, url_path=url, default=default,
                       visibility="hidden" if hidden else "visible")
    key = (str(ctx.pages_manager.main_script_parent), path, title, url, default, hidden)
    kept = _PAGES.get(key)
    if kept is None:
        kept = st.Page(path, title=title, url_path=url, default=default,
                       visibility="hidden" if hidden else "visible")
        with _PAGES_LOCK:
            if len(_PAGES) > 500:  # bounded: pages × languages × default/hidden
                _PAGES.clear()
            _PAGES[key] = kept
    return copy.copy(kept)


def mark_navigated() -> None:
    """Called by app.py before it runs the chosen page."""
    _run.navigated = True


def _ensure_navigated() -> None:
    """Run app.py in place when this page was started without it; app.py's navigation resolves the
    same page and runs it within this run (so the click that started the run is not lost)."""
    ctx = get_script_run_ctx()
    page_on_its_own = ctx is None or Path(ctx.main_script_path).name != "app.py"  # as in a unit test
    if not page_on_its_own and not getattr(_run, "navigated", False):
        PagesManager.uses_pages_directory = False  # AppTest sets it again before each run
        runpy.run_path(ctx.main_script_path, run_name="__main__")
        st.stop()


# Participants use phones: every choice gets a finger-sized row (about 44 px, WCAG 2.5.5).
_TOUCH_CSS = """<style>
[data-testid="stRadio"] label, [data-testid="stCheckbox"] label {min-height: 44px; align-items: center;}
[data-testid="stRadio"] [role="radiogroup"] {gap: .25rem;}
.stButton button, .stFormSubmitButton button, [data-testid="stPageLink"] a {min-height: 48px;}
</style>"""


def touch_targets() -> None:
    if role() == PARTICIPANT:
        st.html(_TOUCH_CSS)


def _css_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def file_field(label: str, key: str, types: list[str], max_bytes: int):
    """A file uploader that speaks the reader's language: Streamlit's own button and instructions
    are English only, so they are drawn from the catalogue over the original (which stays for
    screen readers of the input's own label)."""
    button = t("upload.button")
    hint = t("upload.hint", max_mb=f"{max_bytes / 1_000_000:g}", types=", ".join(x.upper() for x in types))
    st.html(f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{font-size: 0;}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {_css_text(button)}; font-size: 1rem;}}
[data-testid="stFileUploaderDropzoneInstructions"] span {{font-size: 0;}}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{content: {_css_text(hint)}; font-size: .875rem;}}
</style>""")
    return st.file_uploader(label, type=types, key=key)


def session_key() -> str | None:
    """This browser session's id (rate limits count per session)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else None


_PROXIES = limits.trusted_proxies()  # SMARTCITY_TRUSTED_PROXIES; a bad value stops the start
_PUBLIC_URL = addresses.public_url()   # SMARTCITY_PUBLIC_URL; a bad value stops the start


def client_address() -> str:
    """The network address limits count under (X-Forwarded-For only from a configured proxy)."""
    peer, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    return limits.client_address(peer if isinstance(peer, str) else None,
                                 forwarded if isinstance(forwarded, str) else None, _PROXIES)


def fragment_rerun() -> bool:
    """True in a run that reruns only a fragment (something in it was used), not the page."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


def lang() -> str:
    return st.session_state.get("lang", text.DEFAULT_LANG)


def t(key: str, **params) -> str:
    return text.t(key, lang(), **params)


def store() -> Store:
    try:
        return get_store()
    except StoreUnreachable as exc:  # one clear message, no traceback; the next run asks again
        st.error(t("error.store_unreachable", setting=exc.setting, where=exc.where))
        st.stop()
    except SchemaTooNew as exc:
        st.error(t("error.schema_too_new", found=exc.found, known=exc.known))
        st.stop()


# ---- a database lost mid-workshop ------------------------------------------------------------
# On PostgreSQL the server can go away (a restart, a network cut). Whatever met it wrote nothing:
# the page says so in one banner at its top, asks again every few seconds and reloads itself
# when the database answers, so no input is acknowledged and then dropped.
RETRY_SECONDS = 3
_UNSAVED = "_store_lost_unsaved"  # a button's action met the lost database: say so once
_BANNER = "_banner_slot"          # the top of this run's page, for the banner
_LOST_SHOWN = "_store_lost_shown"  # the banner is on the page now
_LOST_BY_POLL = "_store_lost_by_poll"  # a fragment's own rerun found it, not something the user did
_SERVED = "_store_served"          # this session has had a page from the database


@contextmanager
def store_guard(stop: bool = False):
    """Around a run or a fragment: StoreLost becomes the banner instead of a traceback. A fragment
    rerunning on its own (a phone's poll in the hidden sidebar, the projector's refresh) turns it
    into a run of the whole page, so the banner is at the page's top, once. With stop (a fragment
    met it during a run of the whole page), the page ends under the banner."""
    try:
        yield
    except StoreLost as exc:
        if not fragment_rerun():
            _store_lost(exc)
            if stop:
                st.stop()
        elif not st.session_state.get(_LOST_SHOWN):
            st.session_state[_LOST_BY_POLL] = True
            st.rerun(scope="app")
    else:
        if st.session_state.pop(_UNSAVED, False):  # the database came back before this run
            _top().warning(t("error.store_lost_unsaved"))
        if not fragment_rerun():
            st.session_state.pop(_LOST_SHOWN, None)
            st.session_state.pop(_LOST_BY_POLL, None)
            st.session_state[_SERVED] = True


def guarded(callback, restore: dict | None = None):
    """A button's callback: if the database is lost while it writes, the page says it was not
    saved, and the widgets named in `restore` go back to the values given (what is stored), so a
    toggle or a choice never shows what was not saved."""
    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except StoreLost:
            st.session_state[_UNSAVED] = True
            st.session_state.update(restore or {})
    return run


def unsaved_pending() -> bool:
    """A send met the lost database in this run's callbacks (the banner will say so)."""
    return bool(st.session_state.get(_UNSAVED))


def fragment(func=None, *, run_every=None):
    """st.fragment with the lost-database banner inside it (a fragment reruns on its own)."""
    def wrap(f):
        @functools.wraps(f)
        def run(*args, **kwargs):
            with store_guard(stop=True):
                return f(*args, **kwargs)
        return st.fragment(run, run_every=run_every)
    return wrap(func) if func is not None else wrap


def _top():
    slot = st.session_state.get(_BANNER) if not fragment_rerun() else None
    return slot.container() if slot is not None else st


def _store_lost(exc: StoreLost) -> None:
    state = st.session_state
    by_poll = state.pop(_LOST_BY_POLL, False)
    # A callback that met it says so (_UNSAVED). Otherwise, the first run to meet it, in a session
    # that had its page and not by a poll, came from the user (a form sent, a click): what it
    # carried was written in the page's body, which stopped before it, so it was not saved.
    unsaved = state.pop(_UNSAVED, False) or (state.get(_SERVED) and not state.get(_LOST_SHOWN) and not by_poll)
    state[_LOST_SHOWN] = True
    where = _top()
    where.error(t("error.store_lost", setting=exc.setting, where=exc.where, seconds=RETRY_SECONDS))
    if unsaved:
        where.warning(t("error.store_lost_unsaved"))
    _wait_for_store()


@st.fragment(run_every=RETRY_SECONDS)
def _wait_for_store() -> None:
    if fragment_rerun() and store().answers():
        st.rerun(scope="app")


def actor() -> Actor | None:
    return st.session_state.get("actor")


def role() -> str | None:
    a = actor()
    return a.role if a else None


esc = text.escape_markdown  # user text into anything Streamlit renders as markdown (labels included)


def md(user_text: str) -> None:
    """Participant (or any user) text: always escaped before it reaches markdown."""
    st.markdown(esc(user_text))


def swot_ranking(items, authors: bool = True) -> None:
    """SWOT items, ranked, as one markdown element (a rerun's cost grows with element count);
    participant text and names are escaped. authors=False: nobody named (the projector's setting)."""
    esc = text.escape_markdown
    lines = []
    for item in items:
        author = t("swot.by", name=item.author) if item.author else t("swot.by_facilitator")
        by = f" :gray[· {esc(author)}]" if authors else ""
        lines.append(f"**{t('swot.votes', n=item.votes)}** · {item.number}\\. {esc(item.text)}{by}")
    st.markdown("  \n".join(lines))


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


@st.cache_data(ttl=2, show_spinner=False, max_entries=50)
def results_so_far(activity_id: str):
    """Phones share one reading of the results for two seconds: 60 phones voting would otherwise
    each run the results query on every vote, for a list most never open. Defined here, once per
    process: a cached function defined in a page is built again on every run of the page."""
    from planning import activities

    return activities.results(store(), activity_id)


def activity_results(res, key: str, chart: bool = True, large: bool = False) -> None:
    """Results of a live activity with counts and percentages, or a note that they are hidden
    until voting closes. Phones get a ranked list (chart=False): a chart costs more per rerun than
    a vote does. large: sized for the projector in presenter mode."""
    from pages import charts

    activity = res.activity
    st.caption(t("activity.respondents", n=res.respondents))
    if not activity.results_visible:
        st.info(t("activity.hidden_until_closed"), icon="🙈")
        return
    tallies = [x for x in res.tallies if x.total > 0] if activity.kind == "text" else list(res.tallies)
    if not tallies:
        st.caption(t("activity.no_results"))
        return
    if activity.kind == "rating":
        rating_results(res, key, chart)
        return
    st.caption(t("activity.share_of_dots" if activity.kind == "dots" else "activity.share_of_people"))
    if not chart:
        st.markdown("  \n".join(f"**{x.total}** ({percent(x.share)}) · {text.escape_markdown(x.label)}"
                                 for x in tallies))
    elif activity.kind == "text" and activity.display == "cloud":
        top = max(x.total for x in tallies)
        scale = 2.0 if large else 1.0
        words = " ".join(
            f'<span style="font-size:{scale * (1 + 1.8 * x.total / top):.2f}rem;margin:0 .6rem;'
            f'color:{charts.SECTOR_COLOURS[n % len(charts.SECTOR_COLOURS)]}">{text.escape_html(x.label)}'
            f'<sup style="font-size:.45em;color:#475569;margin-left:.15em">{x.total}</sup></span>'
            for n, x in enumerate(tallies[:40]))
        st.html(f'<div style="line-height:2.6;text-align:center">{words}</div>')
    else:
        value = t("activity.dots" if activity.kind == "dots" else "activity.answers" if activity.kind == "text"
                  else "activity.votes")
        # large (the projector): the title is the heading above, not repeated on the chart
        fig = charts.activity_bars([x.label for x in tallies], [x.total for x in tallies],
                                   "" if large else activity.title, value, shares=[x.share for x in tallies],
                                   large=large)
        st.plotly_chart(fig, width="stretch", key=key, config={"displayModeBar": False})
    if not activity.anonymous:
        lines = [f"**{text.escape_markdown(x.label)}**: {text.escape_markdown(', '.join(x.names))}"
                 for x in tallies if x.names]
        if lines:
            with st.expander(t("activity.who")):
                st.markdown("  \n".join(lines))


def option_label(activity, option_label_text: str, ref_id: str | None) -> str:
    """An option as the reader sees it: a health check's components in the reader's language."""
    if activity.source == "health":
        from planning import health

        found = health.component(ref_id or "")
        return found.name(lang()) if found else option_label_text
    return option_label_text


def option_statement(activity, ref_id: str | None) -> str | None:
    """What a health check's component means, as a sentence the participant rates."""
    if activity.source != "health":
        return None
    from planning import health

    found = health.component(ref_id or "")
    return found.statement(lang()) if found else None


def rating_results(res, key: str, chart: bool) -> None:
    """Mean rating per option; a network health check as a radar by sector with its weakest
    component and what strengthens it (seed 001)."""
    from pages import charts
    from planning import activities, health, participants

    activity = res.activity
    refs = {o.id: o.ref_id for o in activities.options(store(), activity.id)}
    labels = [option_label(activity, x.label, refs.get(x.key)) for x in res.tallies]
    means = [x.mean for x in res.tallies]
    if not chart:
        st.markdown("  \n".join(f"**{m:.1f}** · {esc(label)}" if m is not None else f"– · {esc(label)}"
                                for label, m in zip(labels, means)))
        return
    if activity.source != "health":
        fig = charts.activity_bars(labels, [round(m or 0, 2) for m in means], activity.title, t("activity.mean"))
        st.plotly_chart(fig, width="stretch", key=key, config={"displayModeBar": False})
        return
    hr = health.result(store(), activity.id)
    axis = {c.id: c.name(lang()) for c in health.components()}
    series = {t("health.everyone", n=hr.people[health.ALL]): hr.means.get(health.ALL, {})}
    for sector in participants.SECTORS:
        if hr.means.get(sector):
            series[t("health.sector", sector=t(f"sector.{sector}"), n=hr.people[sector])] = hr.means[sector]
    st.plotly_chart(charts.maturity_radar(series, axis, t("health.radar_title")), width="stretch", key=key,
                    config={"displayModeBar": False})
    weakest = hr.weakest()
    if weakest:
        st.warning(t("health.weakest", name=weakest.name(lang()), mean=f"{hr.means[health.ALL][weakest.id]:.1f}"),
                   icon="🩺")
        st.caption(t("health.advice", advice=weakest.advice(lang())))


# ---- phones follow the facilitator --------------------------------------------------------------
# When the facilitator opens a vote, question or capacity-session phase, every phone goes to the
# live page by itself within FOLLOW_SECONDS, whatever page it is on; when everything is closed
# again, a phone still on the live page goes back to the page it was taken from. Switching (rather
# than a banner to tap) is what lets the facilitator say "vote now" to 60 people at once; a phone
# that leaves the live page while something is open keeps a banner back to it on every page.
FOLLOW_SECONDS = 3
LIVE_PAGE = "live"
LIVE_OUTCOME = "_live_outcome"  # what became of the live page's last send, shown once
_SEEN, _CAME_FROM, _ON_PAGE = "_live_seen", "_live_came_from", "_live_on_page"


def _follow(now: live.NowOpen, page: str | None) -> str | None:
    """The page to switch to, if what is open changed since this phone last looked."""
    state = st.session_state
    seen = state.get(_SEEN)
    state[_SEEN], state[_ON_PAGE] = now.signature, page
    if seen is None or seen == now.signature:
        return None
    if now.anything and page != LIVE_PAGE:
        state[_CAME_FROM] = page
        return "pages/live.py"
    if not now.anything and page == LIVE_PAGE:
        return f"pages/{state.pop(_CAME_FROM, None) or 'positioning'}.py"
    return None


def follow_facilitator(page: str) -> None:
    """Called by app.py for participants on every full run, before the page (`page` is its
    address): switch if the room moved on, show the way back to an open vote, keep polling."""
    workshop_id = st.session_state.get("workshop_id")
    if role() != PARTICIPANT or not workshop_id:
        return
    now = live.now_open(store(), workshop_id)
    target = _follow(now, page)
    if target:
        st.switch_page(target)
    if page != LIVE_PAGE:
        # A send the live page could not show before the phone left it (voting closed meanwhile).
        kind, message = st.session_state.pop(LIVE_OUTCOME, (None, None))
        if kind == "error":
            st.error(message, icon="⚠️")
        elif kind == "saved":
            st.toast(message, icon="✅")
    if now.anything and page != LIVE_PAGE:
        st.page_link("pages/live.py", icon="🗳️", width="stretch",
                     label=t("live.open_now", title=esc(" · ".join(now.titles))))
    with st.sidebar:  # out of the way: the poll draws nothing on the page
        _poll(workshop_id)


@fragment(run_every=FOLLOW_SECONDS)
def _poll(workshop_id: str) -> None:
    """One small (shared, see planning.live) question every few seconds; a full run only when
    the answer changed."""
    _render_joined_cookie()
    if not fragment_rerun():  # the full run around it has just looked
        return
    now = live.now_open(store(), workshop_id)
    if now.signature == st.session_state.get(_SEEN):
        return
    page = st.session_state.get(_ON_PAGE)
    target = _follow(now, page)
    if target:
        st.switch_page(target)
    elif page == LIVE_PAGE:
        st.rerun(scope="app")  # the live page shows the new question


def number(value) -> float | None:
    """A table cell as a number (empty cells arrive as None or NaN)."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def text_or_none(value) -> str | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == "" \
        else str(value).strip()


def show_cell_errors(exc) -> None:
    """A CellErrors: the summary and one line per row and column."""
    st.error(error_text(exc) + "\n\n" + "\n".join(f"- {m}" for m in exc.messages(lang(), esc)))


def error_text(exc: PlanningError) -> str:
    """An error for markdown: its parameters may be user text (a title, a cell value)."""
    return exc.message(lang(), esc)


def show_error(exc: PlanningError) -> None:
    st.error(error_text(exc), icon="⚠️")


def act(action, success=None, rerun: bool = False) -> bool:
    """Run a planning call: on a PlanningError show it in the user's language and return False;
    otherwise confirm with `success` (a text, or a function of the call's result) and, with
    rerun=True, rerun so the page shows the new state."""
    try:
        result = action()
    except PlanningError as exc:
        show_error(exc)
        return False
    except StoreLost:  # the banner above the page says what was sent may not have been saved
        st.session_state[_UNSAVED] = True
        raise
    message = success(result) if callable(success) else success
    if rerun:
        if message:
            flash(message)
        st.rerun()
    elif message:
        st.success(message)
    return True


def keep_choice(key: str, options: list, default=None) -> None:
    """Call before a select box keyed `key` whose option labels carry a status. The choice is the
    one the page asked for (kept under "_" + key, e.g. what was just created), else the current
    one, else `default` (else the first option). It is assigned even when unchanged: the browser
    keeps showing the label it drew for a choice until the value is sent again, so a status an
    action just changed ("open" after closing) would otherwise stay on the screen."""
    state = st.session_state
    if state.get("_" + key) in options:
        state[key] = state.pop("_" + key)
    current = state.get(key)
    state[key] = current if current in options else (default if default in options else options[0])


def date_field(label: str, key: str, value=None, box=None) -> str:
    """A date typed as people here write it (25/11/2569 in Thai, B.E.). The page passes the text to
    `typed_date` inside its planning call, so an unreadable date is refused with a message there,
    never replaced by today."""
    import datetime as dt

    from planning import dates

    box = box or st
    typed = box.text_input(label, value=dates.format_date_typed(value or dates.today(), lang()), key=key,
                           max_chars=40, help=t("common.date_hint",
                                                example=dates.format_date_typed(dt.date(2026, 11, 25), lang())))
    try:
        box.caption(dates.format_date(dates.parse_date(typed, lang()), lang(), long=True))
    except PlanningError:
        pass  # said when it is saved
    return typed


def typed_date(typed: str):
    """The date a `date_field` holds; a ValidationError (shown by `act`) when it cannot be read."""
    from planning import dates

    return dates.parse_date(typed, lang())


def change_from_chooser(action, pick_key: str, done_key: str, confirm_key: str | None = None) -> None:
    """An edit or delete chosen under a board or list (a callback, so the list read after it shows
    the change in the same run): a delete needs its confirmation box ticked; success closes the
    chooser."""
    if confirm_key is not None and not st.session_state.get(confirm_key):
        flash(t("common.confirm_first"), "error")
        return
    try:
        action()
    except PlanningError as exc:
        flash(error_text(exc), "error")
    else:
        st.session_state[pick_key] = None
        flash(t(done_key))


def view_switch(key: str, views: list[str], labels: dict[str, str]) -> str:
    """Which part of a page to show. Unlike st.tabs, only the chosen view runs, so a vote on a
    phone does not rebuild the map and charts of the other views."""
    choice = st.radio(" ", views, key=key, horizontal=True, label_visibility="collapsed",
                      format_func=lambda v: labels[v])
    return choice or views[0]


def flash(message: str, kind: str = "success") -> None:
    """A message that survives the rerun a callback or st.rerun causes."""
    st.session_state["_flash"] = (kind, message)


def show_flash() -> None:
    """Confirmations are toasts: an inline message would shift the page when it goes away on the
    next rerun, and remount widgets (a half-edited table loses its edit)."""
    kind, message = st.session_state.pop("_flash", (None, None))
    if message:
        if kind == "error":
            st.error(message)
        else:
            st.toast(message, icon="✅")


def sign_in(new_actor: Actor, workshop_id: str | None = None) -> None:
    """Act as new_actor in workshop_id. A facilitator or reviewer who has just given the password
    starts a resumable sign-in (kept in a cookie); later calls remember the open workshop."""
    st.session_state["actor"] = new_actor
    if workshop_id:
        st.session_state["workshop_id"] = workshop_id
    if new_actor.role not in (FACILITATOR, REVIEWER):
        return
    token = st.session_state.get(_SIGN_IN_TOKEN)
    if token is None:
        token = sign_ins.start(store(), new_actor, workshop_id)
        st.session_state[_SIGN_IN_TOKEN] = token
        _write_cookie(token)
    elif workshop_id:
        sign_ins.set_workshop(store(), token, workshop_id)


def _forget_actor() -> None:
    for key in ("actor", "workshop_id", "participant", "participant_token", _SIGN_IN_TOKEN):
        st.session_state.pop(key, None)


def sign_out() -> None:
    token = st.session_state.get(_SIGN_IN_TOKEN)
    if token:
        sign_ins.end(store(), token)  # ends it server-side: the cookie is worthless from now on
        _write_cookie("")
    _forget_actor()
    st.query_params.clear()


# ---- resumable sign-in for the facilitator and reviewers ----------------------------------------
# The secret lives in a cookie, never in the address: the facilitator's screen is on a projector.
# Streamlit reads cookies (st.context.cookies) but cannot set them, so a tiny component does,
# in the browser, and reports back so it is written once.
SIGN_IN_COOKIE = "smartcity_sign_in"
_SIGN_IN_TOKEN = "sign_in_token"
_COOKIE_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  if (!data || !data.name) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = data.name + "=" + data.value + "; Path=/; Max-Age=" + data.maxAge + "; SameSite=Strict" + secure;
  setStateValue("written", data.nonce);
}
"""
_cookie_writer = components_v2.component("smartcity_sign_in_cookie", js=_COOKIE_JS)


def _write_cookie(value: str) -> None:
    """Ask the browser to keep (or, with "", drop) the sign-in cookie on the next render."""
    st.session_state["_cookie"] = (value, secrets.token_hex(8))


def _render_cookie() -> None:
    pending = st.session_state.get("_cookie")
    if pending is None:
        return
    value, nonce = pending
    max_age = int(sign_ins.idle_limit().total_seconds()) if value else 0
    result = _cookie_writer(key="sign_in_cookie", height=0, on_written_change=lambda: None,
                            data={"name": SIGN_IN_COOKIE, "value": value, "maxAge": max_age, "nonce": nonce})
    if getattr(result, "written", None) == nonce:
        st.session_state.pop("_cookie", None)


def keep_signed_in() -> None:
    """Called by app.py before it builds the navigation. A signed-in facilitator or reviewer whose
    sign-in was ended elsewhere (or lapsed) is signed out here; someone not yet signed in, and not
    coming back as a participant, is signed in again from the cookie."""
    token = st.session_state.get(_SIGN_IN_TOKEN)
    if token and role() in (FACILITATOR, REVIEWER):
        if sign_ins.resume(store(), token) is None:
            _forget_actor()
            _write_cookie("")
        return
    if actor() is not None or st.query_params.get(PARTICIPANT_PARAM):
        return
    token = st.context.cookies.get(SIGN_IN_COOKIE)
    if not isinstance(token, str) or not token:
        return
    found = sign_ins.resume(store(), token)
    if found is None:
        _write_cookie("")  # revoked or lapsed: drop it
        return
    who, workshop_id = found
    st.session_state[_SIGN_IN_TOKEN] = token
    st.session_state["actor"] = who
    if workshop_id:
        st.session_state["workshop_id"] = workshop_id


# ---- the phone remembers whom it joined as -------------------------------------------------------
# Leaving (sign out) and joining again on the same phone must not count the person twice: the
# tokens this phone was given are kept in a cookie and the join page offers to continue as that
# participant. Written like the sign-in cookie, from inside the participants' poll fragment, so
# the browser's acknowledgement reruns only that fragment, not the page (60 phones join at once).
JOINED_COOKIE = "smartcity_joined"
JOINED_DAYS = 30
_JOINED, _JOINED_PENDING = "_joined_tokens", "_joined_cookie"
_TOKEN_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def device_tokens() -> list[str]:
    """Participant tokens this phone was given, newest first (this session's and the cookie's)."""
    raw = st.context.cookies.get(JOINED_COOKIE)
    found = [x for x in raw.split(".") if x and set(x) <= _TOKEN_CHARS] if isinstance(raw, str) else []
    tokens = list(dict.fromkeys(st.session_state.get(_JOINED, []) + found))
    return tokens[:participants.DEVICE_TOKENS_MAX]


def remember_joined(token: str) -> None:
    tokens = [token] + [x for x in device_tokens() if x != token]
    st.session_state[_JOINED] = tokens[:participants.DEVICE_TOKENS_MAX]
    st.session_state[_JOINED_PENDING] = (".".join(st.session_state[_JOINED]), secrets.token_hex(8))


def _render_joined_cookie() -> None:
    pending = st.session_state.get(_JOINED_PENDING)
    if pending is None:
        return
    value, nonce = pending
    result = _cookie_writer(key="joined_cookie", height=0, on_written_change=lambda: None,
                            data={"name": JOINED_COOKIE, "value": value, "maxAge": JOINED_DAYS * 86_400,
                                  "nonce": nonce})
    if getattr(result, "written", None) == nonce:
        st.session_state.pop(_JOINED_PENDING, None)


PARTICIPANT_PARAM = "p"


def keep_participant() -> None:
    """A participant's join token rides in the address, so a reload or a dropped connection brings
    back the same participant instead of a new one (only a hash of the token is stored)."""
    token = st.session_state.get("participant_token")
    if actor() is None:
        token = st.query_params.get(PARTICIPANT_PARAM)
        participant = participants.by_token(store(), token) if token else None
        if participant is None:
            return
        st.session_state["participant"] = participant
        st.session_state["participant_token"] = token
        sign_in(participant.actor(), participant.workshop_id)
    if role() == PARTICIPANT and token and st.query_params.get(PARTICIPANT_PARAM) != token:
        st.query_params[PARTICIPANT_PARAM] = token


HOME = {FACILITATOR: "pages/workshops.py", PARTICIPANT: "pages/positioning.py", REVIEWER: "pages/review.py"}


def leave_entry_page() -> None:
    """Join and sign-in are for people not yet signed in: send anyone else to their first page."""
    _ensure_navigated()
    if role() in HOME:
        st.switch_page(st.session_state.get(_RUN_LANDING) or HOME[role()])


_RUN_WORKSHOP = "_workshop_this_run"
_LANDING, _RUN_LANDING = "_landing", "_landing_this_run"


def begin_run() -> None:
    """Called by app.py at the start of every run: what is read once per run is read again."""
    st.session_state.pop(_RUN_WORKSHOP, None)
    st.session_state.pop(_RUN_LANDING, None)
    st.session_state[_BANNER] = st.empty()  # where a lost database is reported, above the page
    store()  # a database that does not answer stops the run here with one message


def land_on(page_path: str) -> None:
    """The page a user lands on right after signing in or joining (once), instead of their home."""
    st.session_state[_LANDING] = page_path


def landing() -> str | None:
    """Called by app.py: the page to land on in this run, if one was set (then forgotten)."""
    page_path = st.session_state.pop(_LANDING, None) or st.session_state.get(_RUN_LANDING)
    if page_path:
        st.session_state[_RUN_LANDING] = page_path
    return page_path


def current_workshop() -> workshops.Workshop | None:
    """The open workshop, read once per run (the sidebar and the page both need it)."""
    workshop_id = st.session_state.get("workshop_id")
    if not workshop_id:
        return None
    cached = st.session_state.get(_RUN_WORKSHOP)
    if cached is not None and cached.id == workshop_id:
        return cached
    try:
        w = workshops.recent_workshop(store(), workshop_id)  # one reading shared by the room
    except NotFound:
        st.session_state.pop("workshop_id", None)
        return None
    st.session_state[_RUN_WORKSHOP] = w
    return w


def require_role(*roles: str) -> Actor:
    """Stops the page for anyone else (navigation already hides it; this guards direct use)."""
    _ensure_navigated()
    a = actor()
    if a is None or a.role not in roles:
        st.error(t("error.facilitator_only") if roles == (FACILITATOR,) else t("error.sign_in_first"))
        st.stop()
    return a


def require_workshop() -> workshops.Workshop:
    w = current_workshop()
    if w is None:
        st.info(t("common.no_workshop"))
        st.stop()
    if w.is_sample:
        st.warning(t("sample.banner"), icon="🧪")
    return w


def sidebar() -> None:
    with st.sidebar:
        _render_cookie()
        # The choice is kept under its own key: widget state is dropped in a run that skips the widget.
        st.radio(t("lang.label"), options=text.LANGS, key="lang_choice", horizontal=True,
                 index=text.LANGS.index(lang()),
                 on_change=lambda: st.session_state.update(lang=st.session_state["lang_choice"]),
                 format_func=lambda code: {"th": "ไทย", "en": "English"}[code])
        a = actor()
        if a is None:
            return
        if a.role == PARTICIPANT:
            p = st.session_state.get("participant")
            if p:
                st.caption(t("sidebar.participant_as", name=esc(p.display_name), sector=t(f"sector.{p.sector}")))
                organisation = st.session_state.get("_my_organisation")   # kept by pages/partner_views.py
                if organisation and organisation[1]:
                    st.caption(t("sidebar.organisation", name=esc(organisation[1])))
        else:
            st.caption(t("sidebar.signed_in_as", role=t(f"role.{a.role}")))
        w = current_workshop()
        if w:
            st.caption(t("sidebar.workshop", name=esc(w.name)))
        if st.button(t("sidebar.sign_out"), key="sign_out"):
            sign_out()
            st.switch_page("pages/join.py")


def participant_of(token: str | None) -> participants.Participant | None:
    return participants.by_token(store(), token)


def follow(key: str, stored) -> None:
    """Keep a keyed widget showing what is stored: when the stored value changes (saved by another
    form on the page), the widget takes it; in between it keeps what the person is typing. Create
    the widget without `value` after this (Streamlit would otherwise keep its own old state)."""
    seen = f"_stored_{key}"
    if key not in st.session_state or seen not in st.session_state or st.session_state[seen] != stored:
        st.session_state[key] = stored
        st.session_state[seen] = stored


# ---- the join address, the countdown and presenter mode ------------------------------------------
_JOIN_BASE = "_join_base"



def join_address(advise: bool = True) -> addresses.JoinAddress:
    """Where the join link and QR code point (see planning.addresses). With advise, a facilitator
    on this machine's own address is warned and picks one of its network addresses for the QR."""
    url = st.context.url if isinstance(st.context.url, str) else None
    page_host = urlsplit(url or "http://localhost").hostname
    found = addresses.recent_machine_addresses() if not _PUBLIC_URL and addresses.is_loopback(page_host) else ()
    address = addresses.join_address(url, _PUBLIC_URL, st.get_option("server.address"), found,
                                   chosen=st.session_state.get(_JOIN_BASE))
    if not advise:
        return address
    if address.listening_here_only:
        st.error(t("join_address.listening_here_only"), icon="📵")
    if address.loopback and address.alternatives:
        st.warning(t("join_address.loopback"), icon="📶")
        # The choice is read from the radio's value, not in an on_change callback: a callback that
        # arrives after the options changed (an interface went away) finds no value and fails.
        picked = st.radio(t("join_address.pick"), address.alternatives, horizontal=True, key="join_base_pick",
                          format_func=esc, index=address.alternatives.index(address.base))
        if picked is not None and picked != address.base:
            st.session_state[_JOIN_BASE] = picked
            address = addresses.join_address(url, _PUBLIC_URL, st.get_option("server.address"), found, chosen=picked)
    elif address.loopback:
        st.warning(t("join_address.loopback_none"), icon="📶")
    return address


def join_panel(join_code: str, link: str, large: bool = False, shrink: bool = False) -> None:
    """The join code and QR code. Large (presenter mode): readable from the back of a room on a
    1920×1080 projector; shrink: smaller QR once results share the screen."""
    # Presenter mode sets 22 px per rem: a 154 px code, or as large as six characters fit in the
    # column (26 % of its width per character height) once the column narrows for results.
    size = "min(7rem, 26cqw)" if large else "min(3.2rem, 26cqw)"
    st.html(f'<div style="container-type:inline-size">'
            f'<div class="sc-join-label" style="font-size:{"1.6rem" if large else "1rem"};font-weight:600">'
            f'{text.escape_html(t("workshops.join_code"))}</div>'
            f'<div class="sc-join-code" style="font-size:{size};line-height:1.05;font-weight:800;'
            f'letter-spacing:.06em;font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap">'
            f'{text.escape_html(join_code)}</div></div>')
    width = (300 if shrink else 480) if large else (180 if shrink else 260)
    st.image(qr.png(link, scale=12), caption=t("workshops.qr_caption"), width=width)
    st.html(f'<div class="sc-join-link" style="font-size:{"1.1rem" if large else ".85rem"};'
            f'word-break:break-all;color:#334155">{text.escape_html(link)}</div>')


_COUNTDOWN_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let box = parentElement.querySelector(".countdown");
  if (!box) {
    box = document.createElement("div");
    parentElement.appendChild(box);
  }
  box.className = "countdown" + (data.large ? " large" : "");
  const deadline = Date.now() + data.remainingMs;
  const tick = () => {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    const clock = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    box.textContent = left > 0 ? data.label + " " + clock : data.done;
    box.classList.toggle("soon", left > 0 && left <= 10);
    box.classList.toggle("done", left === 0);
  };
  tick();
  const timer = setInterval(tick, 250);
  return () => clearInterval(timer);
}
"""
_COUNTDOWN_CSS = """
.countdown { font-weight: 700; font-size: 1.4rem; font-variant-numeric: tabular-nums; color: #0f172a; white-space: nowrap; }
.countdown.large { font-size: 2.6rem; }
.countdown.soon { color: #b45309; }
.countdown.done { color: #b91c1c; }
"""
_countdown = components_v2.component("smartcity_countdown", js=_COUNTDOWN_JS, css=_COUNTDOWN_CSS)


def countdown(activity, key: str, large: bool = False) -> None:
    """The activity's countdown, ticking in the browser (no rerun per second); display only:
    reaching zero closes nothing."""
    left = activity.seconds_left()
    if left is None:
        return
    _countdown(key=key, data={"remainingMs": int(left * 1000), "large": large,
                              "label": t("timer.left"), "done": t("timer.done")})


_PRESENTER_CSS = """<style>
html { font-size: 22px; }
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stMainMenu"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 1rem 2rem .5rem !important; max-width: 100% !important; }
[data-testid="stAppViewContainer"] > section { margin-left: 0 !important; }
[data-testid="stMetricValue"] { font-size: 3rem !important; }
</style>"""
_PRESENTER_KEYS_JS = """
export default function (component) {
  const { setTriggerValue } = component;
  const onKey = (event) => { if (event.key === "Escape") setTriggerValue("leave", true); };
  window.addEventListener("keydown", onKey);
  return () => window.removeEventListener("keydown", onKey);
}
"""
_presenter_keys = components_v2.component("smartcity_presenter_keys", js=_PRESENTER_KEYS_JS)
PRESENT_PARAM = "present"


def presenting() -> bool:
    return st.query_params.get(PRESENT_PARAM) == "1"


def enter_presenter() -> None:
    st.query_params[PRESENT_PARAM] = "1"  # in the address: a reload stays in presenter mode


def leave_presenter() -> None:
    st.query_params.pop(PRESENT_PARAM, None)


def presenter_chrome() -> None:
    """Presenter mode: no sidebar, header or toolbar, larger type; Esc leaves."""
    st.html(_PRESENTER_CSS)
    _presenter_keys(key="presenter_keys", height=0, on_leave_change=leave_presenter)
