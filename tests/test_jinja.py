"""shuzhi.jinja: the one sandboxed renderer, and user text made literal."""

from __future__ import annotations

import pytest

from shuzhi.jinja import literal, render
from shuzhi.templates import TemplateError


def test_renders_only_the_variables_given():
    assert render("{{ year }}年{{ '述职' }}报告", "标题", year=2024) == "2024年述职报告"
    with pytest.raises(TemplateError) as caught:
        render("{{ year }}年{{ unit }}", "模板“x”的标题（title）", year=2024)
    assert str(caught.value) == "模板“x”的标题（title）：引用了未定义的变量“unit”"


@pytest.mark.parametrize("source", ["{{ lipsum() }}", "{{ cycler }}", "{{ joiner }}"])
def test_no_globals_beyond_plain_data_helpers(source):
    with pytest.raises(TemplateError, match="未定义的变量"):
        render(source, "t")
    assert render("{% for i in range(3) %}{{ i }}{% endfor %}", "t") == "012"


def test_mutating_calls_and_private_attributes_are_refused():
    with pytest.raises(TemplateError, match="安全沙箱"):
        render("{{ items.append(1) }}", "t", items=[])
    with pytest.raises(TemplateError, match="“__class__”"):
        render("{{ x.__class__ }}", "t", x="")


def test_a_syntax_error_names_its_line():
    with pytest.raises(TemplateError) as caught:
        render("第一行\n{% if x %}", "模板“x”的 system.md", "prompt")
    assert str(caught.value) == "模板“x”的 system.md第2行：模板语法错误"


def test_a_templates_own_bug_is_one_line():
    with pytest.raises(TemplateError, match="渲染出错（TypeError）"):
        render("{{ 1 + 'a' }}", "t")


@pytest.mark.parametrize("text", [
    "{{ lipsum.__globals__.os.popen('id') }}年述职报告", "{% raw %}{{ x }}{% endraw %}",
    "{# 注释 #}{%- if -%}", "{{{{", "}}%}#}{", "{% endraw %}{{ '{' }}", "普通标题，无花括号",
])
def test_literal_renders_as_itself(text):
    assert render(literal(text), "t") == text
    assert render("{{ year }}年" + literal(text), "t", year=2024) == "2024年" + text
