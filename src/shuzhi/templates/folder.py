"""The templates folder: finding, listing and loading templates, and the prompt files they share.

``templates_dir()`` is ``SHUZHI_TEMPLATES`` or the ``prompts/`` shipped with shuzhi
(``shuzhi.bundled``). A template is a folder ``<id>/`` with a ``template.yaml``. Its prompt
files (``PROMPT_FILES``) are looked up nearest first: in its own folder, then in the folder of
the template its ``prompts_from`` names (a house template: the template it was made from),
then in the templates folder itself, which holds the files every template shares
(``section.md``). Every file is read bounded (``MAX_FILE_BYTES``) and must be UTF-8.
"""

from __future__ import annotations

import os
import re
import stat
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from shuzhi.datafiles import load_yaml, safe_loader
from shuzhi.patterns import compile as compile_pattern
from shuzhi.templates.model import Template, TemplateError

PROMPT_FILES = ("system.md", "section.md", "whole.md")
MAX_FILE_BYTES = 1024 * 1024  # a template's largest file is ~8 KB
TEMPLATE_ID = compile_pattern(r"[A-Za-z0-9_-]+")
_BRACKETED = compile_pattern(r"[（(][^）)]*[）)]")


def templates_dir() -> Path:
    """Where templates live: SHUZHI_TEMPLATES, else the ``prompts/`` folder shipped with the code."""
    override = os.environ.get("SHUZHI_TEMPLATES")
    if override:
        return Path(override)
    from shuzhi.bundled import prompts_dir

    return prompts_dir()


def list_templates() -> list[Template]:
    root = templates_dir()
    if not root.is_dir():
        return []
    return [load_template(p.name) for p in sorted(root.iterdir()) if (p / "template.yaml").is_file()]


def template_for_title(title: str) -> Template | None:
    """The template whose report type (or an alias: a regular expression) the title names;
    None if none does.

    Chinese titles end with their genre, so the name ending last wins, then the longest:
    "工作总结暨述职报告" is a 述职报告, "述德述廉述职报告" is not a bare 述职报告. Words after
    that name (会议上的讲话, 工作的通知) or a 领导班子 before it make the title another genre:
    no type (``data/genres.yaml``). Only the chosen template is loaded and validated
    (``shuzhi check`` must start fast)."""
    plain = re.sub(r"\s", "", title)
    best: tuple[tuple[int, int], str] | None = None
    for template_id, names in report_types().items():
        for name in names:
            if _plain_word(name) and name not in plain:
                continue  # most names are plain words, ruled out at once by a substring test
            for match in _pattern(name).finditer(plain):
                key = (match.end(), match.end() - match.start())
                if best is None or key > best[0]:
                    best = (key, template_id)
    if best is None:
        return None
    (end, length), template_id = best
    after, before = _other_genre()
    if after.search(_BRACKETED.sub("", plain[end:])) or before.search(plain[:end - length]):
        return None  # 在述职述廉会议上的讲话, 领导班子述职述廉报告: another genre
    return load_template(template_id)


@cache
def _other_genre() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What after or before a report type's name makes a title another genre (``data/genres.yaml``)."""
    data = load_yaml(Path(__file__).resolve().parents[1] / "data" / "genres.yaml")
    return compile_pattern(data["after_type"]), compile_pattern(data["before_type"])


def report_types() -> dict[str, list[str]]:
    """Template id → its report type and aliases, read without validating the templates."""
    out = {}
    try:
        entries = sorted(os.scandir(templates_dir()), key=lambda e: e.name)
    except OSError:
        return {}
    for entry in entries:
        path = os.path.join(entry.path, "template.yaml")
        stamp = _stamp(path)
        if stamp is None:
            continue
        names = _names(path, stamp)
        if names:
            out[entry.name] = names
    return out


@cache
def _names(path: str, stamp: int) -> list[str]:
    data: object
    try:
        data = _spec(path, stamp)  # (parsed once, and kept between runs: ``load_yaml``)
    except TemplateError:
        data = _head(path)  # malformed further down: the type may still be named before the outline
    if not isinstance(data, dict):
        return []
    names = [data.get("report_type"), *(data.get("aliases") or [])]
    return [n for n in names if isinstance(n, str) and n and _valid_pattern(n)]


def _head(path: str) -> object:
    """What a template's YAML says before its outline (``preamble:``), or None."""
    import yaml

    try:
        return yaml.load(read_file(Path(path)).split("\npreamble:", 1)[0], Loader=safe_loader())
    except (TemplateError, yaml.YAMLError):
        return None  # an unreadable template names no type; loading it says what is wrong


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return compile_pattern(name)  # compiled once: a title is matched against every template's names


@cache
def _plain_word(name: str) -> bool:
    return re.escape(name) == name  # (re.escape leaves Chinese characters as they are)


def _valid_pattern(text: str) -> bool:
    try:
        compile_pattern(text)
    except re.error:
        return False
    return True


def read_file(path: Path) -> str:
    """A template file's text: a regular file (no FIFO or device) of at most ``MAX_FILE_BYTES``,
    in UTF-8."""
    from shuzhi.errors import InputError
    from shuzhi.readers import read_bytes

    try:
        return read_bytes(path, MAX_FILE_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError(f"{path}: 不是 UTF-8 编码的文本") from None
    except InputError as exc:
        raise TemplateError(str(exc)) from None


def load_template(template_id: str) -> Template:
    root = str(templates_dir())
    spec_path = os.path.join(root, template_id, "template.yaml")
    stamp = _stamp(spec_path) if TEMPLATE_ID.fullmatch(template_id) else None
    if stamp is None:
        known = "、".join(p.parent.name for p in sorted(Path(root).glob("*/template.yaml"))) or "无"
        raise TemplateError(f"模板“{template_id}”不存在（可用：{known}）")
    # Cached, but keyed on the files' modification times, so an edited template is reread
    # (os.stat on strings: the checker loads a template for every document it checks).
    data = _spec(spec_path, stamp)
    return _build(spec_path, stamp, _prompt_files(root, template_id, data.get("prompts_from")))


def _stamp(path: str) -> int | None:
    """A regular file's modification time; None if there is no such file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns if stat.S_ISREG(found.st_mode) else None


def _prompt_files(root: str, template_id: str, prompts_from: object) -> tuple[tuple[str, str, int], ...]:
    """(key, path, modification time) of each prompt file, nearest first (see the module's
    docstring)."""
    folders = [os.path.join(root, template_id)]
    if isinstance(prompts_from, str) and TEMPLATE_ID.fullmatch(prompts_from):
        folders.append(os.path.join(root, prompts_from))
    folders.append(root)
    out = []
    for name in PROMPT_FILES:
        found = next(((path, stamp) for folder in folders
                      if (stamp := _stamp(path := os.path.join(folder, name))) is not None), None)
        if found is None:
            raise TemplateError(f"{os.path.join(root, template_id, name)}: 缺少提示词文件 {name}")
        out.append((name.removesuffix(".md"), *found))
    return tuple(out)


def prompt_paths(root: Path, template_id: str, prompts_from: object = None) -> dict[str, Path]:
    """Each prompt file's path ("system" → …/system.md), nearest first."""
    return {key: Path(path) for key, path, _ in _prompt_files(str(root), template_id, prompts_from)}


@cache
def _spec(path: str, _stamp: int) -> dict:
    data = load_yaml(path, parse=_parse_spec)  # kept between runs, keyed on the file's stamp
    if not isinstance(data, dict):
        raise TemplateError(f"{path}: 应为键值对象")
    return data


def _parse_spec(path: str) -> object:
    import yaml

    try:
        return yaml.load(read_file(Path(path)), Loader=safe_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError(f"{path}{f':{mark.line + 1}' if mark else ''}: YAML 格式错误") from None


@cache
def _build(spec_path: str, stamp: int, prompts: tuple[tuple[str, str, int], ...]) -> Template:
    texts = {key: read_file(Path(path)) for key, path, _ in prompts}
    try:
        return Template.model_validate({**_spec(spec_path, stamp), "prompts": texts})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"])
        raise TemplateError(f"{spec_path}: {field}: {error['msg'].removeprefix('Value error, ')}") from None
