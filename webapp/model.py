"""Which drafter the 起草 buttons use: offline, or a model the visitor (or the server) names.

The settings stay: provider, base URL and model are saved with the draft (``Store.
save_model_settings``, never the key) and kept in ``AppState.model_form`` for every page of
this browser session; the key the visitor types lives only in ``AppState.api_key`` (this
session's memory). ``choice_of`` turns them into a ``ModelChoice`` on any page (按指令重写
uses the same model as 起草), and ``drafter`` is the one place a choice becomes a drafter.
A server with its own endpoint (``config.server_endpoint``) offers it first, preselected for
a new draft, so a cadre only clicks 起草; its key goes only to that endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from shuzhi.config import ConfigError, is_local_endpoint, same_endpoint, server_endpoint, visitor_model_config
from shuzhi.display import SERVER, endpoint_label, literal_markdown, providers
from shuzhi.drafting import Drafter, backends, get_drafter, model_drafter
from shuzhi.errors import InputError
from webapp.errors import attempt

if TYPE_CHECKING:
    from shuzhi.session import DraftSession
    from webapp.state import AppState

OFFLINE_MODE, MODEL_MODE = "离线起草（无需模型）", "大模型起草"
WIDGETS = {"mode": "mode", "preset": "preset", "base_url": "base_url", "model": "model", "mask": "mask-sensitive"}


@dataclass(frozen=True)
class ModelChoice:
    provider: str | None
    base_url: str
    model: str
    api_key: str | None  # the visitor's own key, from its widget; None: none typed
    mask: bool  # send 涉密 markings and personal data as XX rather than be refused
    ready: bool = True  # False: something is missing, the 起草 buttons wait for it
    problem: str = ""  # what is missing, when not ready
    servers_key: bool = False  # the server's own endpoint, with no key typed: the server's key

    def saved(self) -> dict:
        """What a job records of its model (never the key)."""
        return {"provider": self.provider, "base_url": self.base_url, "model": self.model}


def incomplete(problem: str) -> ModelChoice:
    return ModelChoice(None, "", "", None, False, ready=False, problem=problem)


def model_server():
    """The model endpoint configured on the server, or None (also when its settings are broken:
    a visitor can still use an endpoint of their own, with their own key)."""
    try:
        return server_endpoint()
    except ConfigError:
        return None


def default_form() -> dict:
    """A draft with no saved settings: the server's own model when it has one, else offline."""
    server = model_server()
    if server is None or "openai" not in backends():
        return {"mode": OFFLINE_MODE}
    return {"mode": MODEL_MODE, "preset": SERVER, "base_url": server.base_url, "model": server.model or ""}


def saved_form(session: DraftSession) -> dict:
    """The settings saved with the draft, as the form holds them."""
    saved = session.store.model_settings(session.draft.id) if session.store is not None else None
    if saved is None:
        return default_form()
    if not saved:  # {}: offline, chosen
        return {"mode": OFFLINE_MODE}
    return {"mode": MODEL_MODE, **saved}


def choice_of(form: dict, api_key: str | None) -> ModelChoice | None:
    """The drafter chosen, from the form's values; None: offline."""
    if form.get("mode") != MODEL_MODE:
        return None
    if "openai" not in backends():
        return incomplete("模型起草功能暂不可用（本版本未安装模型接口），请先使用离线起草。")
    server = model_server()
    presets = {p.id: p for p in providers(server)}
    pid = form.get("preset") if form.get("preset") in presets else "custom"
    base_url, model = (form.get("base_url") or "").strip(), (form.get("model") or "").strip()
    if not base_url or not model:
        return incomplete("请填写接口地址和模型名称。")
    servers_key = server is not None and same_endpoint(base_url, server.base_url) and not api_key
    if presets[pid].needs_key and not api_key and not servers_key:
        return incomplete("该服务需要 API Key（服务器上配置的密钥只用于服务器配置的模型服务）。")
    provider = {"custom": None, SERVER: server.provider if server else None}.get(pid, pid)
    mask = bool(form.get("mask")) and not is_local_endpoint(base_url)
    return ModelChoice(provider, base_url, model, api_key or None, mask, servers_key=servers_key)


def drafter(choice: ModelChoice | None) -> Drafter:
    if choice is None:
        return get_drafter("offline")
    if not choice.ready:
        raise InputError("模型未配置完整，请补全“起草”页的模型设置或改用离线起草")
    return model_drafter(model_config(choice), mask_sensitive=choice.mask)


def model_config(choice: ModelChoice):
    return visitor_model_config(provider=choice.provider, base_url=choice.base_url,
                                model=choice.model, api_key=choice.api_key)


def where_label(choice: ModelChoice | None) -> str:
    """本地模型 / 云端模型, beside every 起草 button (nothing while the model is incomplete)."""
    if choice is not None and not choice.ready:
        return ""
    return endpoint_label(choice.base_url if choice else None)


# -- the settings form on the 起草 page --------------------------------------------------


def model_settings(state: AppState) -> ModelChoice | None:
    """The settings widgets. Streamlit forgets a widget's value once a page without it is
    shown, so ``state`` holds them: each widget starts from it, and its change is copied back
    (and saved with the draft) by its callback, before the page is drawn again."""
    _widgets(state)
    choice = state.model
    if choice is not None and not choice.ready:
        st.warning(choice.problem, icon=":material/edit:")
    elif choice is not None and choice.servers_key:
        st.caption("将使用服务器配置的密钥。")
    if choice is not None and choice.ready:
        connection_test(choice)
    return choice


def _changed(state: AppState, name: str) -> None:
    """A settings widget's callback: its value into ``state``, the form saved with the draft."""
    value = st.session_state[WIDGETS.get(name, name)]
    if name == "api_key":
        state.api_key = value.strip() or None
        return
    form = state.model_form
    form[name] = value.strip() if isinstance(value, str) else value
    if name == "preset":  # a new preset fills the address and the model
        preset = {p.id: p for p in providers(model_server())}[value]
        form["base_url"], form["model"] = preset.base_url, preset.model
    with attempt("保存模型设置"):
        save_form(state)


def save_form(state: AppState) -> None:
    """The form saved with the draft ({}: offline); the key is not part of it."""
    form = state.model_form
    kept = {k: v for k, v in form.items() if k != "mode"} if form.get("mode") == MODEL_MODE else {}
    state.session.store.save_model_settings(state.session.draft.id, kept)


def _widget(state: AppState, name: str, draw, label: str, value, **options):
    key = WIDGETS.get(name, name)
    st.session_state[key] = value
    return draw(label, key=key, on_change=_changed, args=(state, name), **options)


def _widgets(state: AppState) -> None:
    form = state.model_form
    mode = _widget(state, "mode", st.radio, "起草方式", form.get("mode", OFFLINE_MODE),
                   options=[OFFLINE_MODE, MODEL_MODE], horizontal=True)
    if mode == OFFLINE_MODE:
        st.info("未使用模型：按模板结构和您填写的事实起草，缺少的信息标为【待补充：…】，不会编造数字。"
                "配置大模型后，文字会更完整流畅。", icon=":material/info:")
        return
    if "openai" not in backends():
        return
    presets = {p.id: p for p in providers(model_server())}
    if form.get("preset") not in presets:  # model mode just chosen: the first preset fills the fields
        first = next(iter(presets.values()))
        form.update(preset=first.id, base_url=first.base_url, model=first.model)
    _widget(state, "preset", st.selectbox, "服务商", form["preset"], options=list(presets),
            format_func=lambda i: presets[i].name)
    c1, c2 = st.columns(2)
    _widget(state, "base_url", c1.text_input, "接口地址（Base URL）", form.get("base_url", ""))
    _widget(state, "model", c2.text_input, "模型名称", form.get("model", ""))
    _widget(state, "api_key", st.text_input, "API Key", state.api_key or "", type="password",
            help="只保存在本次浏览器会话的内存中，不写入数据库、链接或日志；切换页面后仍然有效。")
    base_url = form.get("base_url", "")
    if base_url and not is_local_endpoint(base_url):
        _widget(state, "mask", st.checkbox, "发往云端前，把密级标注、内部资料标注、身份证号、手机号替换为 XX 后发送",
                bool(form.get("mask")), help="不勾选时，发现这些内容即拒绝发送，并指出在哪里。")


def connection_test(choice: ModelChoice) -> None:
    """测试连接: the endpoint's models, the chosen one among them, time to first token."""
    if not st.button("测试连接", key="test-connection", icon=":material/network_check:"):
        return
    from shuzhi.drafting.connection import check_connection

    with attempt("测试连接"), st.spinner("正在连接模型服务…"):
        report = check_connection(model_config(choice))
        lines = "  \n".join(literal_markdown(line) for line in report.lines())
        (st.success if report.ok else st.warning)(lines, icon=":material/network_check:")
