"""Command-line usage errors in Chinese, on one line: ``错误：--year: 不能大于 2100（…--help…）``.

Click (which typer builds on) prints four English lines — usage, a hint, a blank, ``Error:
Invalid value for '--year': …`` — for a mistyped option or value. The top-level group below
turns every usage error raised while parsing or running a command into one Chinese line and
exit 2; the help that ``shuzhi`` alone prints is left as it is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

# typer ≥ 0.2x vendors its own click; the classes are found through the one it exports.
if TYPE_CHECKING:
    from typer._click.exceptions import UsageError
else:
    UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")

# pydantic's error types (typer ≥ 0.2x converts values with pydantic) → what was expected.
_VALUE_ERRORS = {
    "int_parsing": "应为整数", "int_from_float": "应为整数", "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false", "less_than_equal": "不能大于 {le}",
    "greater_than_equal": "不能小于 {ge}", "less_than": "应小于 {lt}", "greater_than": "应大于 {gt}",
    "enum": "应为 {expected} 之一", "literal_error": "应为 {expected} 之一",
}
# typer checks a path option before our readers see it ("path '/x' is not readable.").
_PATH_PROBLEMS = {"is not readable": "没有读取权限", "is not writable": "没有写入权限",
                  "does not exist": "文件不存在", "is a directory": "这是一个目录，不是文件",
                  "is a file": "这是一个文件，不是目录"}


# Every `shuzhi check` imports this module, so nothing here is compiled before a usage error is
# shown (re takes a millisecond to compile a class of Chinese characters alone).
@cache
def _path_message() -> re.Pattern[str]:
    return re.compile(r"^\w+ (['\"])(.*)\1 (" + "|".join(_PATH_PROBLEMS) + r")\.?$")


def _chinese(message: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in message)


class ChineseUsageError(UsageError):
    def show(self, file=None) -> None:
        print(f"错误：{self.message}", file=file or sys.stderr)


def _hint(exc) -> str:
    """``--year`` for an option, ``FILE`` for an argument."""
    if getattr(exc, "param_hint", None):
        hint = exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint)
        return hint.strip("'\"")
    param = getattr(exc, "param", None)
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return (param.name or "").upper()
    return param.opts[0] if param.opts else param.name or ""


def _value_problem(exc) -> str:
    cause = exc.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    if errors and errors[0]["type"] in _VALUE_ERRORS:
        return _VALUE_ERRORS[errors[0]["type"]].format(**errors[0].get("ctx", {}))
    return "取值无效"


def chinese(exc) -> str:
    """The Chinese line for one of click's usage errors."""
    kind, message = type(exc).__name__, exc.message or ""
    if kind == "MissingParameter":
        what = "参数" if getattr(exc.param, "param_type_name", "") == "argument" else "选项"
        line = f"缺少{what} {_hint(exc)}"
    elif kind == "NoSuchOption":
        line = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            line += f"（是否想用 {'、'.join(sorted(exc.possibilities))}？）"
    elif kind == "BadOptionUsage":
        line = f"选项 {exc.option_name} " + ("后面缺少取值" if "requires" in message else "用法有误")
    elif kind == "BadParameter" and (match := _path_message().match(message)):
        return f"{match.group(2)}: {_PATH_PROBLEMS[match.group(3)]}"  # as our readers put it
    elif kind == "BadParameter":
        line = f"{_hint(exc)}: {message if _chinese(message) else _value_problem(exc)}"
    elif match := re.match(r"No such command '(.+?)'", message):
        line = f"没有命令 {match.group(1)}"
    elif match := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message):
        line = f"多余的参数：{match.group(1)}"
    else:
        line = message if _chinese(message) else "命令行用法有误"
    command = exc.ctx.command_path if getattr(exc, "ctx", None) is not None else "shuzhi"
    return f"{line}（用 {command} --help 查看用法）"


@contextmanager
def _in_chinese() -> Iterator[None]:
    try:
        yield
    except ChineseUsageError:
        raise
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # `shuzhi` alone: the help, as is
            raise
        raise ChineseUsageError(chinese(exc), ctx=exc.ctx) from None


class ChineseGroup(TyperGroup):
    """The ``shuzhi`` group: usage errors of any command below it in Chinese (see above)."""

    def make_context(self, *args, **kwargs):
        with _in_chinese():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _in_chinese():
            return super().invoke(ctx)
