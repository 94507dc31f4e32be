"""Entry point: page set-up and role-aware navigation. Pages do the work."""
import streamlit as st

from pages import ui
from planning.roles import FACILITATOR, PARTICIPANT, REVIEWER


# url_path is always the file's stem: on the first request after a start Streamlit resolves the
# address against the pages/ folder before st.navigation runs, and any other name shows "Page not found".
def page(path: str, title_key: str, url: str, default: bool = False, hidden: bool = False) -> st.Page:
    return ui.nav_page(path, ui.t(title_key), url, default=default, hidden=hidden)


st.set_page_config(page_title=ui.t("app.title"), page_icon="🏙️", layout="wide")
# A database lost mid-workshop (PostgreSQL) becomes one banner that retries, never a traceback.
with ui.store_guard():
    ui.begin_run()
    ui.keep_participant()
    ui.keep_signed_in()
    ui.sidebar()
    ui.touch_targets()

    role = ui.role()
    # Join and sign-in stay registered (hidden) once someone is signed in, so the address they were
    # on still resolves; those pages send a signed-in user to their own first page.
    entry = [page("pages/join.py", "nav.join", "join", default=role is None, hidden=role is not None),
             page("pages/sign_in.py", "nav.sign_in", "sign_in", hidden=role is not None)]
    # The walk, in order; the first page of a participant's walk is their home.
    walk = [("pages/positioning.py", "nav.positioning", "positioning"),
            ("pages/dimensions.py", "nav.dimensions", "dimensions"),
            ("pages/focus.py", "nav.focus", "focus")]
    plan = [("pages/masterplan.py", "nav.masterplan", "masterplan"),
            ("pages/partners.py", "nav.partners", "partners"),
            ("pages/network.py", "nav.network", "network"),
            ("pages/upkeep.py", "nav.upkeep", "upkeep"),
            ("pages/citylab.py", "nav.citylab", "citylab"),
            ("pages/actionplan.py", "nav.actionplan", "actionplan"),
            ("pages/checkpoints.py", "nav.checkpoints", "checkpoints"),
            ("pages/knowledge.py", "nav.knowledge", "knowledge"),
            ("pages/review.py", "nav.review", "review"),
            ("pages/exports.py", "nav.exports", "exports")]
    if role == FACILITATOR:
        steps = [page("pages/workshops.py", "nav.workshops", "workshops", default=True),
                 page("pages/projector.py", "nav.projector", "projector"),
                 page("pages/activities.py", "nav.activities", "activities"),
                 page("pages/sessions.py", "nav.sessions", "sessions")]
        steps += [page(*p) for p in walk + plan]
        nav = {ui.t("nav.section.walk"): steps,
               ui.t("nav.section.programme"): [page("pages/programme.py", "nav.programme", "programme")], "": entry}
    elif role == PARTICIPANT:
        live_first = ui.landing() == "pages/live.py"  # joined while a vote or session was open
        steps = [page(*p, default=(n == 0 and not live_first)) for n, p in enumerate(walk)]
        steps.append(page("pages/partners.py", "nav.partners", "partners"))
        steps.append(page("pages/knowledge.py", "nav.knowledge", "knowledge"))
        steps.append(page("pages/live.py", "nav.live", "live", default=live_first))
        nav = {ui.t("nav.section.walk"): steps, "": entry}
    elif role == REVIEWER:
        steps = [page("pages/review.py", "nav.review", "review", default=True),
                 page("pages/checkpoints.py", "nav.checkpoints", "checkpoints")]
        nav = {ui.t("nav.section.review"): steps, "": entry}
    else:
        nav = {ui.t("nav.section.start"): entry}
    ui.serve_default_at_its_address(nav)
    # Every step stays listed: collapsed, the walk past its tenth page hid behind "View more".
    chosen = st.navigation(nav, expanded=True)
    ui.mark_navigated()
    if role == PARTICIPANT:
        ui.follow_facilitator(chosen._url_path)  # url_path is "" for the default page; the private name is not
    chosen.run()
