"""Domain package of the smart-city masterplan workshop.

Never imports Streamlit: everything here runs and is tested without a browser.
"""
