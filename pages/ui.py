"""What every page shares: language, who is acting, the open workshop, error display.

Pages read and write only through `planning`; this module holds no domain logic.
"""
from __future__ import annotations

import math
import runpy
import secrets
import threading
from pathlib import Path

import streamlit as st
import streamlit.components.v2 as components_v2
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from planning import limits, participants, sign_ins, text, workshops
from planning.errors import NotFound, PlanningError
from planning.roles import FACILITATOR, PARTICIPANT, REVIEWER, Actor
from planning.store import Store, get_store


# Navigation is built by app.py with st.navigation. Because the page files live in a folder named
# pages/, Streamlit starts in its older pages-folder mode and, until some run has called
# st.navigation, runs a requested page file directly without app.py. Switch that mode off as soon
# as this module loads, and send any run that bypassed app.py through it again.
PagesManager.uses_pages_directory = False
_run = threading.local()  # Streamlit starts a new thread for every script run


def serve_default_at_its_address(nav: dict) -> None:
    """Streamlit serves the default page only at the app root, so its own address (a participant's
    /positioning?p=... after a reload, a bookmark) showed "Page not found" over the page. Called by
    app.py before st.navigation: such a request is pointed at the page itself."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    manager = ctx.pages_manager
    name = manager.intended_page_name
    if not name or manager.intended_page_script_hash:
        return
    for page in (p for pages in nav.values() for p in pages):
        if page._default and page._url_path == name:  # Streamlit keeps these private
            manager.set_script_intent(page._script_hash, name)


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


def session_key() -> str | None:
    """This browser session's id (rate limits count per session)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else None


_PROXIES = limits.trusted_proxies()  # SMARTCITY_TRUSTED_PROXIES; a bad value stops the start


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
    return get_store()


def actor() -> Actor | None:
    return st.session_state.get("actor")


def role() -> str | None:
    a = actor()
    return a.role if a else None


esc = text.escape_markdown  # user text into anything Streamlit renders as markdown (labels included)


def md(user_text: str) -> None:
    """Participant (or any user) text: always escaped before it reaches markdown."""
    st.markdown(esc(user_text))


def swot_ranking(items) -> None:
    """SWOT items, ranked, as one markdown element (a rerun's cost grows with element count);
    participant text and names are escaped."""
    esc = text.escape_markdown
    lines = []
    for item in items:
        author = t("swot.by", name=item.author) if item.author else t("swot.by_facilitator")
        lines.append(f"**{t('swot.votes', n=item.votes)}** · {item.number}\\. {esc(item.text)} :gray[· {esc(author)}]")
    st.markdown("  \n".join(lines))


def activity_results(res, key: str, chart: bool = True) -> None:
    """Results of a live activity, or a note that they are hidden until voting closes. Phones get
    a ranked list (chart=False): a chart costs more per rerun than a vote does."""
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
    if not chart:
        st.markdown("  \n".join(f"**{x.total}** · {text.escape_markdown(x.label)}" for x in tallies))
    elif activity.kind == "text" and activity.display == "cloud":
        top = max(x.total for x in tallies)
        words = " ".join(
            f'<span style="font-size:{1 + 1.8 * x.total / top:.2f}rem;margin:0 .6rem;'
            f'color:{charts.SECTOR_COLOURS[n % len(charts.SECTOR_COLOURS)]}">{text.escape_html(x.label)}</span>'
            for n, x in enumerate(tallies[:40]))
        st.html(f'<div style="line-height:2.6;text-align:center">{words}</div>')
    else:
        value = t("activity.dots" if activity.kind == "dots" else "activity.answers" if activity.kind == "text"
                  else "activity.votes")
        fig = charts.activity_bars([x.label for x in tallies], [x.total for x in tallies], activity.title, value)
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


def live_link(workshop_id: str) -> None:
    """Points a participant to the live page while a vote or session is open there."""
    from planning import activities, capacity

    now_open = [a.title for a in activities.open_activities(store(), workshop_id)]
    now_open += [s.title for s in capacity.open_sessions(store(), workshop_id)]
    if now_open:
        st.page_link("pages/live.py", icon="🗳️", width="stretch",
                     label=t("live.open_now", title=esc(" · ".join(now_open))))


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
    message = success(result) if callable(success) else success
    if rerun:
        if message:
            flash(message)
        st.rerun()
    elif message:
        st.success(message)
    return True


def date_field(label: str, key: str, value=None, box=None) -> str:
    """A date typed as people here write it (25/11/2569 in Thai, B.E.). The page passes the text to
    `typed_date` inside its planning call, so an unreadable date is refused with a message there,
    never replaced by today."""
    import datetime as dt

    from planning import dates

    box = box or st
    typed = box.text_input(label, value=dates.format_date_typed(value or dt.date.today(), lang()), key=key,
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
        w = workshops.get_workshop(store(), workshop_id)
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
