"""Step 7: exports: the plan document (Word and PDF), the action plan workbook (Excel), every
table as CSV."""
import logging
import subprocess

import streamlit as st

from pages import ui
from planning import criteria, exports, pdf, plan_document, workbooks
from planning.roles import FACILITATOR

ui.require_role(FACILITATOR)
workshop = ui.require_workshop()
store = ui.store()
lang = ui.lang()
st.title(ui.t("exports.title"))
st.write(ui.t("exports.intro"))
stem = f"smartcity_{workshop.province_code}_{workshop.start_date:%Y%m%d}"

st.subheader(ui.t("exports.plan_title"), anchor=False)
st.caption(ui.t("exports.plan_help"))
results = criteria.checklist(store, workshop.id)
met = sum(r.met for r in results)
st.progress(criteria.completeness(results), text=ui.t("criteria.met_count", met=met, total=len(results),
                                                        pct=round(criteria.completeness(results) * 100)))
has_pdf = pdf.available()
if not has_pdf:
    st.info(ui.t("exports.no_libreoffice"))

key = f"plan_files_{workshop.id}_{lang}"
if st.button(ui.t("exports.prepare"), key="prepare_plan", type="primary"):
    with st.spinner(ui.t("exports.preparing")):
        try:
            docx, pdf_bytes = plan_document.plan_files(store, workshop.id, lang, want_pdf=has_pdf)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            # LibreOffice failed: the Word file alone still helps; the server log keeps the reason
            logging.getLogger(__name__).warning("plan document PDF failed: %s", exc)
            st.warning(ui.t("exports.pdf_failed"))
            docx, pdf_bytes = plan_document.word_document(store, workshop.id, lang, layout=False), None
    st.session_state[key] = (docx, pdf_bytes, pdf.page_count(pdf_bytes) if pdf_bytes else None)

if key in st.session_state:
    docx, pdf_bytes, pages = st.session_state[key]
    if pages:
        st.caption(ui.t("exports.prepared", pages=pages))
    c1, c2 = st.columns(2)
    c1.download_button(ui.t("exports.word"), data=docx, file_name=f"{stem}_plan.docx", key="download_word",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       width="stretch")
    if pdf_bytes:
        c2.download_button(ui.t("exports.pdf"), data=pdf_bytes, file_name=f"{stem}_plan.pdf", key="download_pdf",
                           mime="application/pdf", width="stretch")

st.subheader(ui.t("exports.data_title"), anchor=False)
# Built when a button is pressed (deferred data), not on every rerun of the page.
st.download_button(ui.t("exports.excel"), data=lambda: workbooks.action_plan(store, workshop.id, lang),
                   file_name=f"{stem}_actionplan.xlsx", key="download_excel",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
st.download_button(ui.t("exports.csv"), data=lambda: exports.csv_zip(store, workshop.id),
                   file_name=f"{stem}_tables.zip", key="download_csv", mime="application/zip")
