"""Facts files in and out: YAML (aliases bounded as they expand) or JSON, each error one line
naming the file, the line and the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from shuzhi.errors import InputError
from shuzhi.facts.model import Facts
from shuzhi.readers import decode_text, read_bytes

MAX_FACTS_CHARS = 1_000_000  # characters after YAML aliases are expanded; real facts are ~10 K
MAX_FACTS_NODES = 100_000  # values after expansion; real facts have a few hundred


class FactsError(InputError):
    """A facts file that cannot be used; ``str()`` is the one line the user sees."""


def parse_facts(text: str, source: str = "<输入>") -> Facts:
    """Parse YAML or JSON text. JSON is parsed strictly by ``json``; line numbers for
    validation errors come from the YAML composer, which reads JSON too."""
    if len(text) > MAX_FACTS_CHARS:
        raise _too_large(source)
    try:
        data = _parse_json(text, source) if text.lstrip().startswith(("{", "[")) else _parse_yaml(text, source)
    except RecursionError:  # [[[[…]]]] thousands deep: a hostile or broken file, not facts
        raise FactsError(f"{source}: 事实文件嵌套层次过深，无法读取") from None
    if not isinstance(data, dict):
        raise FactsError(f"{source}: 事实文件应为一个键值对象（YAML 映射或 JSON 对象）")
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = error["loc"]
        line = _line_of(_compose(text), loc)
        field = ".".join(str(p) for p in loc) or "（根）"
        where = f"{source}:{line}" if line else source
        raise FactsError(f"{where}: 字段 {field}: {_message(dict(error))}") from None


def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FactsError(f"{source}:{exc.lineno}: 事实文件格式错误（JSON：{exc.msg}）") from None


def _too_large(source: str) -> FactsError:
    return FactsError(f"{source}: 内容过大（展开后超过 {MAX_FACTS_CHARS // 10000} 万字），"
                      "请检查是否粘贴错了内容，或是否用了大量 YAML 别名（*）")


class _Expansion(Exception):
    """A document whose aliases expand past the bounds, or refer to themselves."""


class BoundedLoader(yaml.SafeLoader):
    """``SafeLoader`` that measures the composed document as it would be once every alias is
    expanded (what validation, the database and every export would hold) and refuses it past
    ``MAX_FACTS_CHARS`` characters or ``MAX_FACTS_NODES`` values — before anything is built.
    A 300 KB file of ``&s`` and 3,000 ``*s`` is 300 M characters expanded."""

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None:
            _expanded_size(node, {}, set())
        return node


def _expanded_size(node: yaml.Node, sizes: dict[int, tuple[int, int]], open_: set[int]) -> tuple[int, int]:
    """(characters, values) of ``node`` with aliases expanded; each shared node is measured
    once, so a bomb costs no more to measure than to read."""
    if id(node) in sizes:
        return sizes[id(node)]
    if isinstance(node, yaml.ScalarNode):
        size = (len(node.value), 1)
    else:
        if id(node) in open_:  # a recursive alias: a structure without end
            raise _Expansion
        open_.add(id(node))
        children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
        chars, count = 0, 1
        for child in children:
            child_chars, child_count = _expanded_size(child, sizes, open_)
            chars, count = chars + child_chars, count + child_count
            if chars > MAX_FACTS_CHARS or count > MAX_FACTS_NODES:
                raise _Expansion
        open_.discard(id(node))
        size = (chars, count)
    sizes[id(node)] = size
    return size


def _parse_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=BoundedLoader)
    except _Expansion:
        raise _too_large(source) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "无法解析"
        raise FactsError(f"{source}{line}: 事实文件格式错误（{problem}）") from None


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=BoundedLoader)
    except yaml.YAMLError:  # valid JSON that YAML reads differently: no line numbers then
        return None


def facts_from_bytes(data: bytes, source: str) -> Facts:
    """Facts from a file's bytes: what ``load_facts`` reads from disk and the app gets from an
    upload, decoded the same way (UTF-8, GBK/GB18030, UTF-16 with a BOM)."""
    return parse_facts(decode_text(data, source), source=source)


def load_facts(path: str | Path) -> Facts:
    return facts_from_bytes(read_bytes(path), str(path))


def save_facts(facts: Facts, path: str | Path) -> None:
    path = Path(path)
    text = facts.to_json() if path.suffix.lower() == ".json" else facts.to_yaml()
    path.write_text(text, encoding="utf-8")


_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的字段",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数（不能有小数）",
    "float_parsing": "应为数字",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "dict_type": "应为键值对象",
    "model_type": "应为键值对象",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "string_too_short": "不能为空",
    "string_too_long": "内容过长",
}


def _message(error: dict[str, Any]) -> str:
    return _MESSAGES.get(error["type"], "取值无效")  # pydantic's own text is English


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at ``loc``, or of its nearest existing parent."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(key)), None)
            if match is None:  # an extra key: point at the key itself
                match = next((k for k, _ in node.value if k.value == str(key)), None)
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break  # union branches etc. add loc parts that are not in the document
        if node is None:
            break
        line = node.start_mark.line + 1
    return line
