"""Which drafter the 起草 buttons use: offline, or a model the visitor (or the server) names.
The settings are widgets on the 起草 page; ``drafter`` is the one place the choice becomes a
drafter, through the library's own functions for a web visitor's model."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from shuzhi.config import ConfigError, is_local_endpoint, same_endpoint, server_endpoint, visitor_model_config
from shuzhi.display import SERVER, endpoint_label, providers
from shuzhi.drafting import Drafter, backends, get_drafter, model_drafter
from shuzhi.errors import InputError
from webapp.state import AppState

OFFLINE_MODE, MODEL_MODE = "离线起草（无需模型）", "大模型起草"


@dataclass(frozen=True)
class ModelChoice:
    provider: str | None
    base_url: str
    model: str
    api_key: str | None  # the visitor's own key, from its widget; None: none typed
    mask: bool  # send 涉密 markings and personal data as XX rather than be refused
    ready: bool = True  # False: something is missing, the 起草 buttons wait for it


INCOMPLETE = ModelChoice(None, "", "", None, False, ready=False)


def drafter(choice: ModelChoice | None) -> Drafter:
    if choice is None:
        return get_drafter("offline")
    if not choice.ready:
        raise InputError("模型未配置完整，请补全上方设置或改用离线起草")
    config = visitor_model_config(provider=choice.provider, base_url=choice.base_url,
                                  model=choice.model, api_key=choice.api_key)
    return model_drafter(config, mask_sensitive=choice.mask)


def where_label(choice: ModelChoice | None) -> str:
    """本地模型 / 云端模型, beside every 起草 button (nothing while the model is incomplete)."""
    if choice is not None and not choice.ready:
        return ""
    return endpoint_label(choice.base_url if choice else None)


def model_server():
    """The model endpoint configured on the server, or None (also when its settings are broken:
    a visitor can still use an endpoint of their own, with their own key)."""
    try:
        return server_endpoint()
    except ConfigError:
        return None


def model_settings(state: AppState) -> ModelChoice | None:
    """The drafter choice on the 起草 page, kept in ``state.model``; None: offline."""
    state.model = _settings(state)
    return state.model


def _settings(state: AppState) -> ModelChoice | None:
    mode = st.radio("起草方式", [OFFLINE_MODE, MODEL_MODE], horizontal=True, key="mode")
    if mode == OFFLINE_MODE:
        st.info("未使用模型：按模板结构和您填写的事实起草，缺少的信息标为【待补充：…】，不会编造数字。"
                "配置大模型后，文字会更完整流畅。", icon=":material/info:")
        return None
    if "openai" not in backends():
        st.warning("模型起草功能暂不可用（本版本未安装模型接口），请先使用离线起草。", icon=":material/error:")
        return INCOMPLETE
    server = model_server()
    presets = {p.id: p for p in providers(server)}
    choice = st.selectbox("服务商", list(presets), format_func=lambda i: presets[i].name, key="preset")
    preset = presets[choice]
    if state.preset != choice:  # a new preset fills the address and the model
        st.session_state["base_url"], st.session_state["model"] = preset.base_url, preset.model
        state.preset = choice
    c1, c2 = st.columns(2)
    base_url = c1.text_input("接口地址（Base URL）", key="base_url").strip()
    model = c2.text_input("模型名称", key="model").strip()
    api_key = st.text_input("API Key", type="password", key="api_key",
                            help="只保存在本次浏览器会话的内存中，不写入数据库、链接或日志。").strip()
    if not base_url or not model:
        st.warning("请填写接口地址和模型名称。", icon=":material/edit:")
        return INCOMPLETE
    servers_key = server is not None and same_endpoint(base_url, server.base_url)
    if preset.needs_key and not api_key and not servers_key:
        st.warning("该服务需要 API Key（服务器上配置的密钥只用于服务器配置的模型服务）。", icon=":material/key:")
        return INCOMPLETE
    if servers_key and not api_key:
        st.caption("将使用服务器配置的密钥。")
    mask = False
    if not is_local_endpoint(base_url):
        mask = st.checkbox("发往云端前，把密级标注、内部资料标注、身份证号、手机号替换为 XX 后发送",
                           key="mask-sensitive", help="不勾选时，发现这些内容即拒绝发送，并指出在哪里。")
    provider = {"custom": None, SERVER: server.provider if server else None}.get(choice, choice)
    return ModelChoice(provider, base_url, model, api_key or None, mask)
