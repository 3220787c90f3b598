"""登录: the only page a visitor of a shared instance sees before signing in."""

import streamlit as st

st.title("述职助手", anchor=False)
st.markdown("本服务由多人共用，请先登录。登录后只能看到和打开自己的报告。")
st.button("登录", type="primary", on_click=st.login)
