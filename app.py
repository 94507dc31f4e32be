"""Entry point: page set-up and role-aware navigation. Pages do the work."""
import streamlit as st

from pages import ui
from planning.roles import FACILITATOR, PARTICIPANT

st.set_page_config(page_title=ui.t("app.title"), page_icon="🏙️", layout="wide")
ui.sidebar()


def page(path: str, title_key: str, url: str, default: bool = False) -> st.Page:
    return st.Page(path, title=ui.t(title_key), url_path=url, default=default)


role = ui.role()
if role == FACILITATOR:
    nav = {ui.t("nav.section.walk"): [
        page("pages/workshops.py", "nav.workshops", "workshops", default=True),
        page("pages/positioning.py", "nav.positioning", "positioning"),
    ]}
elif role == PARTICIPANT:
    nav = {ui.t("nav.section.walk"): [
        page("pages/positioning.py", "nav.positioning", "positioning", default=True),
    ]}
else:
    nav = {ui.t("nav.section.start"): [
        page("pages/join.py", "nav.join", "join", default=True),
        page("pages/sign_in.py", "nav.sign_in", "sign-in"),
    ]}
st.navigation(nav).run()
