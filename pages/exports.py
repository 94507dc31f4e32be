"""Step 7: exports: Thai Word document, Excel action plan, CSV of every table."""
import streamlit as st

from pages import ui
from planning import exports
from planning.roles import FACILITATOR

ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
st.title(ui.t("exports.title"))
st.write(ui.t("exports.intro"))
stem = f"smartcity_{workshop.province_code}_{workshop.start_date:%Y%m%d}"


# Documents are built when a button is pressed (deferred data), not on every rerun of the page.
st.download_button(ui.t("exports.word"), data=lambda: exports.word_document(store, workshop.id, lang),
                   file_name=f"{stem}_masterplan.docx", key="download_word", type="primary",
                   mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
st.download_button(ui.t("exports.excel"), data=lambda: exports.excel_action_plan(store, workshop.id, lang),
                   file_name=f"{stem}_actionplan.xlsx", key="download_excel",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
st.download_button(ui.t("exports.csv"), data=lambda: exports.csv_zip(store, workshop.id),
                   file_name=f"{stem}_tables.zip", key="download_csv", mime="application/zip")

