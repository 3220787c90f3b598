"""Model settings: presets, precedence (flags > environment > config file > preset), the key."""

from __future__ import annotations

import pytest

from shuzhi.config import ConfigError, config_path, load_settings, model_config, resolve_backend

SECRET = "sk-test-SECRET-0123456789"
KEY_VARS = ("DEEPSEEK_API_KEY", "DASHSCOPE_API_KEY", "ZHIPUAI_API_KEY", "MOONSHOT_API_KEY",
            "SHUZHI_API_KEY", "SHUZHI_PROVIDER", "SHUZHI_MODEL", "SHUZHI_BASE_URL", "SHUZHI_API_KEY_ENV")


@pytest.fixture(autouse=True)
def no_model_in_environment(monkeypatch):
    """The developer's own keys and settings must not change what these tests see."""
    for var in KEY_VARS:
        monkeypatch.delenv(var, raising=False)


@pytest.mark.parametrize("provider, base_url, model, key_env", [
    ("deepseek", "https://api.deepseek.com/v1", "deepseek-chat", "DEEPSEEK_API_KEY"),
    ("qwen", "https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus", "DASHSCOPE_API_KEY"),
    ("dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus", "DASHSCOPE_API_KEY"),
    ("glm", "https://open.bigmodel.cn/api/paas/v4", "glm-4-plus", "ZHIPUAI_API_KEY"),
    ("zhipu", "https://open.bigmodel.cn/api/paas/v4", "glm-4-plus", "ZHIPUAI_API_KEY"),
    ("kimi", "https://api.moonshot.cn/v1", "moonshot-v1-32k", "MOONSHOT_API_KEY"),
    ("Moonshot", "https://api.moonshot.cn/v1", "moonshot-v1-32k", "MOONSHOT_API_KEY"),
    ("openai", "https://api.openai.com/v1", "gpt-4o-mini", "OPENAI_API_KEY"),
])
def test_a_provider_name_and_its_key_are_enough(monkeypatch, provider, base_url, model, key_env):
    monkeypatch.setenv(key_env, SECRET)
    backend = resolve_backend(load_settings(provider=provider))
    assert backend.name == "openai"
    assert (backend.model.base_url, backend.model.model) == (base_url, model)
    assert backend.model.api_key.get_secret_value() == SECRET


@pytest.mark.parametrize("provider, base_url", [("ollama", "http://127.0.0.1:11434/v1"),
                                                ("vllm", "http://127.0.0.1:8000/v1")])
def test_local_servers_need_no_key(provider, base_url):
    config = model_config(load_settings(provider=provider))
    assert config.base_url == base_url and config.api_key.get_secret_value() == "not-needed"


def test_missing_key_names_the_variable_to_set():
    with pytest.raises(ConfigError, match="DEEPSEEK_API_KEY"):
        resolve_backend(load_settings(provider="deepseek"))


def test_api_key_env_names_the_variable_holding_the_key(monkeypatch):
    monkeypatch.setenv("MY_UNIT_KEY", SECRET)
    monkeypatch.setenv("DEEPSEEK_API_KEY", "sk-other")
    config = model_config(load_settings(provider="deepseek", api_key_env="MY_UNIT_KEY"))
    assert config.api_key.get_secret_value() == SECRET
    with pytest.raises(ConfigError, match="NOT_SET_VAR") as caught:
        model_config(load_settings(provider="deepseek", api_key_env="NOT_SET_VAR"))
    assert SECRET not in str(caught.value)


def test_provider_key_wins_over_a_generic_openai_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    monkeypatch.setenv("DASHSCOPE_API_KEY", SECRET)
    assert model_config(load_settings(provider="qwen")).api_key.get_secret_value() == SECRET


def test_unknown_provider_lists_the_known_ones():
    with pytest.raises(ConfigError, match="未知的模型服务商“foo”.*deepseek"):
        resolve_backend(load_settings(provider="foo"))


def test_offline_by_default_with_a_note(monkeypatch):
    backend = resolve_backend(load_settings())
    assert backend.name == "offline" and "未配置模型" in backend.note
    # A key alone does not send the report to a public cloud.
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    backend = resolve_backend(load_settings())
    assert backend.name == "offline" and "已检测到 API 密钥" in backend.note
    assert SECRET not in backend.note


def test_explicit_offline_wins_over_a_configured_model(monkeypatch):
    monkeypatch.setenv("SHUZHI_PROVIDER", "ollama")
    assert resolve_backend(load_settings(backend="offline")).name == "offline"
    assert resolve_backend(load_settings()).name == "openai"


def test_precedence_flag_over_environment_over_config_file(monkeypatch):
    config_path().write_text('provider = "ollama"\nmodel = "from-file"\nconcurrency = 3\n'
                             f'api_key = "{SECRET}"\n', encoding="utf-8")
    settings = load_settings()
    assert (settings.provider, settings.model, settings.concurrency) == ("ollama", "from-file", 3)
    assert settings.api_key is None, "a key written in the config file is ignored"
    monkeypatch.setenv("SHUZHI_MODEL", "from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://10.0.0.5:8000/v1")
    settings = load_settings()
    assert settings.model == "from-env" and settings.base_url == "http://10.0.0.5:8000/v1"
    settings = load_settings(model="from-flag", concurrency=None)
    assert settings.model == "from-flag" and settings.concurrency == 3
    assert model_config(settings).base_url == "http://10.0.0.5:8000/v1"


@pytest.mark.parametrize("flags, message", [
    ({"concurrency": 0}, "concurrency"),
    ({"temperature": 5}, "temperature"),
    ({"backend": "gpt"}, "backend"),
    ({"base_url": "api.deepseek.com", "model": "x"}, "http://"),
])
def test_bad_settings_give_one_chinese_line(flags, message):
    with pytest.raises(ConfigError, match=message) as caught:
        resolve_backend(load_settings(**flags))
    assert "\n" not in str(caught.value)


def test_the_key_never_shows_in_repr_str_or_dumps(monkeypatch):
    monkeypatch.setenv("SHUZHI_API_KEY", SECRET)
    settings = load_settings(provider="deepseek")
    config = model_config(settings)
    for shown in (repr(settings), str(settings), settings.model_dump_json(), repr(config), str(config),
                  config.label, str(resolve_backend(settings))):
        assert SECRET not in shown


# -- a web visitor's choice: the server's key only for the server's endpoint -------------------

@pytest.mark.parametrize("a, b, same", [
    ("https://api.deepseek.com/v1", "https://api.deepseek.com/v1/", True),
    ("https://API.deepseek.com:443/v1", "https://api.deepseek.com/v1", True),
    ("http://10.0.0.5:8000/v1", "http://10.0.0.5/v1", False),  # another port
    ("http://api.deepseek.com/v1", "https://api.deepseek.com/v1", False),  # another scheme
    ("https://api.deepseek.com/v1/x", "https://api.deepseek.com/v1", False),
    ("https://api.deepseek.com@evil.example/v1", "https://api.deepseek.com/v1", False),
    ("https://api.deepseek.com.evil.example/v1", "https://api.deepseek.com/v1", False),
    ("https://api.deepseek.com:99999/v1", "https://api.deepseek.com/v1", False),
    ("", "", False),
])
def test_same_endpoint_compares_parsed_urls(a, b, same):
    from shuzhi.config import same_endpoint

    assert same_endpoint(a, b) is same


@pytest.mark.parametrize("server_env", [
    {"SHUZHI_BASE_URL": "http://10.1.1.1:8000/v1", "SHUZHI_API_KEY": SECRET},
    {"SHUZHI_PROVIDER": "deepseek", "DEEPSEEK_API_KEY": SECRET},
    {"SHUZHI_PROVIDER": "qwen", "SHUZHI_API_KEY_ENV": "UNIT_KEY", "UNIT_KEY": SECRET},
    {"OPENAI_API_KEY": SECRET},  # a key but no endpoint: the server configured none
])
@pytest.mark.parametrize("visitor", [
    {"provider": None, "base_url": "https://evil.example/v1"},
    {"provider": None, "base_url": "http://127.0.0.1:9/v1"},
    {"provider": "deepseek", "base_url": "https://evil.example/v1"},
    {"provider": "kimi", "base_url": None},
])
def test_a_visitors_endpoint_never_gets_the_servers_key(monkeypatch, server_env, visitor):
    from shuzhi.config import visitor_model_config

    for name, value in server_env.items():
        monkeypatch.setenv(name, value)
    try:
        config = visitor_model_config(model="m", **visitor)
    except ConfigError as exc:
        assert "API Key" in str(exc) and SECRET not in str(exc)
        return
    assert config.api_key.get_secret_value() == "not-needed"
    assert visitor_model_config(model="m", api_key="sk-mine", **visitor).api_key.get_secret_value() == "sk-mine"


@pytest.mark.parametrize("server_env, visitor", [
    ({"SHUZHI_BASE_URL": "http://10.1.1.1:8000/v1", "SHUZHI_API_KEY": SECRET},
     {"provider": None, "base_url": "http://10.1.1.1:8000/v1/"}),
    ({"SHUZHI_PROVIDER": "deepseek", "DEEPSEEK_API_KEY": SECRET}, {"provider": "deepseek", "base_url": None}),
    ({"SHUZHI_PROVIDER": "qwen", "SHUZHI_API_KEY_ENV": "UNIT_KEY", "UNIT_KEY": SECRET},
     {"provider": None, "base_url": "https://dashscope.aliyuncs.com/compatible-mode/v1"}),
])
def test_the_servers_endpoint_gets_the_servers_key(monkeypatch, server_env, visitor):
    from shuzhi.config import server_endpoint, visitor_model_config

    for name, value in server_env.items():
        monkeypatch.setenv(name, value)
    assert server_endpoint() is not None
    assert visitor_model_config(model="m", **visitor).api_key.get_secret_value() == SECRET


@pytest.mark.parametrize("url, local", [
    ("http://127.0.0.1:11434/v1", True), ("http://localhost:8000/v1", True), ("http://[::1]:8000/v1", True),
    ("http://10.0.0.5/v1", True), ("http://172.16.3.4/v1", True), ("http://172.32.0.1/v1", False),
    ("http://192.168.1.10/v1", True), ("http://[fd00::5]/v1", True), ("http://[::ffff:10.0.0.1]/v1", True),
    ("https://api.deepseek.com/v1", False), ("http://100.64.0.1/v1", False), ("http://8.8.8.8/v1", False),
    ("http://llm.unit.cn/v1", False), ("http://localhost.evil.example/v1", False),
    ("http://10.0.0.5.nip.io/v1", False), ("", False), ("not a url", False),
])
def test_local_is_loopback_and_the_private_ranges(url, local):
    from shuzhi.config import is_local_endpoint

    assert is_local_endpoint(url) is local


def test_the_administrator_declares_more_internal_hosts(monkeypatch):
    from shuzhi.config import is_local_endpoint

    monkeypatch.setenv("SHUZHI_INTERNAL_HOSTS", "unit.cn, 100.64.0.0/10")
    assert is_local_endpoint("http://llm.unit.cn/v1") and is_local_endpoint("https://unit.cn/v1")
    assert is_local_endpoint("http://100.64.0.1/v1")
    assert not is_local_endpoint("http://evilunit.cn/v1") and not is_local_endpoint("http://unit.cn.evil.example/v1")
    monkeypatch.delenv("SHUZHI_INTERNAL_HOSTS")
    config_path().write_text('internal_hosts = ["gpu.lan"]\n', encoding="utf-8")
    assert is_local_endpoint("http://gpu.lan:8000/v1")


# -- the one function every client calls: settings (or a visitor's choice) → the drafter ------

def test_resolve_drafter_follows_the_settings(monkeypatch):
    from shuzhi.drafting import resolve_drafter

    drafter, backend = resolve_drafter(load_settings())
    assert drafter.name == "offline" and "未配置模型" in backend.note
    monkeypatch.setenv("DEEPSEEK_API_KEY", SECRET)
    drafter, backend = resolve_drafter(load_settings(provider="deepseek"), mask_sensitive=True)
    assert drafter.name == "openai" and backend.model.base_url == "https://api.deepseek.com/v1"
    assert drafter.outbound.cloud and drafter.outbound.mask  # screened, and masked as asked
    assert resolve_drafter(load_settings(provider="ollama")).drafter.outbound.cloud is False


def test_resolve_drafter_keeps_the_servers_key_for_the_servers_endpoint(monkeypatch):
    """A web visitor's choice goes through the same function, under the same key rule."""
    from shuzhi.config import VisitorChoice
    from shuzhi.drafting import resolve_drafter

    monkeypatch.setenv("SHUZHI_PROVIDER", "deepseek")
    monkeypatch.setenv("DEEPSEEK_API_KEY", SECRET)
    own = resolve_drafter(visitor=VisitorChoice(provider="deepseek", model="deepseek-chat")).backend
    assert own.model.api_key.get_secret_value() == SECRET
    with pytest.raises(ConfigError, match="API Key"):
        resolve_drafter(visitor=VisitorChoice(provider="deepseek", base_url="https://evil.example/v1", model="m"))
    mine = VisitorChoice(base_url="https://evil.example/v1", model="m", api_key="sk-mine")
    assert resolve_drafter(visitor=mine).backend.model.api_key.get_secret_value() == "sk-mine"
    assert "sk-mine" not in repr(mine)
    assert resolve_drafter(visitor=VisitorChoice(offline=True)).drafter.name == "offline"
