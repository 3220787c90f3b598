"""Extraction by a model: structured output (a pydantic schema through langchain's
``with_structured_output``), then every figure checked against the record it names.

The model sees one record at a time, its lines numbered, and the template's sections. A
figure it returns is kept only when its quote is in that record verbatim and the quote holds
the number with its unit; otherwise it is dropped and listed (``Dropped``), never used.
Spreadsheets are read by the rules whatever the backend: a table says what it holds. Before
anything goes to a model outside the unit's network it is screened (``shuzhi.screening``).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from shuzhi.extract.found import Found
from shuzhi.extract.records import Record
from shuzhi.extract.sections import Sections
from shuzhi.facts import Figure, Source
from shuzhi.templates import Template

CHUNK_CHARS = 12_000  # record text per request: a month's summary is 1–3 K, a year's ledger ~10 K
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class ModelFigure(BaseModel):
    name: str = Field(description="数字指什么，用记录原话，如“召开支委会”")
    value: float = Field(description="数值，只能是记录中写出的数字")
    unit: str = Field("", description="数字后的单位，如 次、名、人次、%")
    section: str = Field(description="归属的章节 id")
    line: int = Field(description="数字所在行的行号")
    quote: str = Field(description="记录中包含该数字和单位的原文，逐字照抄")


class ModelItem(BaseModel):
    text: str = Field(description="一项工作，用记录原话")
    section: str = Field(description="归属的章节 id")
    line: int = Field(description="所在行的行号")


class ModelAnswer(BaseModel):
    figures: list[ModelFigure] = Field(default_factory=list)
    items: list[ModelItem] = Field(default_factory=list)


SYSTEM = ("你从单位的工作记录（台账、总结、会议记录）中摘录年度述职报告用得上的事实。只摘录记录中明确写出、"
          "已经完成的工作和数字：不要计算、不要推测、不要改写数字；计划数、上年度数据、日期、文号、电话、"
          "会议届次和序号都不是数字事实。每个数字给出所在行号和包含它的原文（逐字照抄）。")


def _prompt(record: Record, lines: list[tuple[int, str]], sections: Sections, year: int | None) -> str:
    specs = {s.id: s for s in sections.template.walk()}
    listing = "\n".join(f"- {sid}：{specs[sid].heading}（{specs[sid].purpose}）" for sid in sections.ids if sid in specs)
    body = "\n".join(f"{n}: {text}" for n, text in lines)
    return (f"述职年度：{year or '未知'}\n可归属的章节（id：标题）：\n{listing}\n\n"
            f"记录文件：{record.name}\n{body}")


def _chunks(record: Record) -> list[list[tuple[int, str]]]:
    chunks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    size = 0
    for n, line in enumerate(record.lines, 1):
        if line.strip():
            if size + len(line) > CHUNK_CHARS and current:
                chunks.append(current)
                current, size = [], 0
            current.append((n, line))
            size += len(line)
    return [*chunks, current] if current else chunks


def verify(figure: ModelFigure, record: Record) -> tuple[int, str] | str:
    """(line, quote) when the figure is in the record verbatim; else why not."""
    quote = figure.quote.strip()
    if not quote:
        return "没有给出原文"
    at = [n for n, line in enumerate(record.lines, 1) if quote in line]
    if not at:
        return "原文在记录中找不到"
    for number in _NUMBER.finditer(quote):
        if float(number.group()) == figure.value and quote[number.end():].lstrip().startswith(figure.unit):
            line = figure.line if figure.line in at else at[0]
            return line, quote
    return "原文中没有这个数字（或单位不符）"


def model_found(records: list[Record], template: Template, sections: Sections, year: int | None,
                config, mask: bool = False):
    """(found, dropped) for ``records`` by the model ``config`` names."""
    from shuzhi.extract import Dropped
    from shuzhi.extract.tables import table_found

    found: list[Found] = []
    dropped: list[Dropped] = []
    requests: list[tuple[Record, list[tuple[int, str]]]] = []
    for record in records:
        for table in record.tables:
            found.extend(table_found(table, record.name, sections))
        requests.extend((record, chunk) for chunk in _chunks(record))
    if not requests:
        return found, dropped
    texts = _screened([(r.name, "\n".join(t for _, t in chunk)) for r, chunk in requests], config, mask)
    chat = _chat(config)
    for (record, chunk), text in zip(requests, texts):
        lines = list(zip([n for n, _ in chunk], text.split("\n")))
        answer = _ask(chat, _prompt(record, lines, sections, year))
        sent = Record(record.name, lines=_lines_as_sent(record, lines))
        for figure in answer.figures:
            checked = verify(figure, sent)
            value = int(figure.value) if figure.value.is_integer() else figure.value
            if isinstance(checked, str):
                dropped.append(Dropped(figure.name, f"{value}{figure.unit}", f"{record.name}：{checked}"))
                continue
            line, quote = checked
            section = figure.section if figure.section in sections.ids else sections.assign(quote)
            source = Source(file=record.name, line=line, quote=quote[:500])
            found.append(Found(section, figure=Figure(name=figure.name[:200] or quote[:40], value=value,
                                                      unit=figure.unit[:20], source=source)))
        for item in answer.items:
            item_line = item.line if 1 <= item.line <= len(record.lines) else None
            section = item.section if item.section in sections.ids else sections.assign(item.text)
            found.append(Found(section, item=item.text.strip(), source=Source(file=record.name, line=item_line)))
    return found, dropped


def _lines_as_sent(record: Record, lines: list[tuple[int, str]]) -> list[str]:
    out = [""] * len(record.lines)
    for n, text in lines:
        out[n - 1] = text
    return out


def _screened(material: list[tuple[str, str]], config, mask: bool) -> list[str]:
    """The texts as they may leave the unit: screened when the model is outside its network."""
    from shuzhi.config import is_local_endpoint

    if is_local_endpoint(config.base_url):
        return [text for _, text in material]
    from shuzhi import screening

    hits = [h for h in screening.screen(material) if h.severity == "block"]
    if hits and not mask:
        raise screening.SensitiveContent(hits)
    return [screening.mask(text) for _, text in material]


def _chat(config):
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(base_url=config.base_url, model=config.model, api_key=config.api_key.get_secret_value(),
                      temperature=0, timeout=config.timeout, max_retries=1) \
        .with_structured_output(ModelAnswer, method="json_schema")


_FAILURES = (("Timeout", "模型服务无响应（超时）"), ("RateLimit", "模型服务限流（请求过多），请稍后再试"),
             ("Authentication", "密钥无效或没有权限"), ("PermissionDenied", "密钥无效或没有权限"),
             ("NotFound", "模型服务上没有这个模型"), ("Connection", "连不上模型服务"),
             ("Validation", "模型没有按要求的格式回答"), ("OutputParser", "模型没有按要求的格式回答"),
             ("JSONDecode", "模型没有按要求的格式回答"))


def _ask(chat, prompt: str) -> ModelAnswer:
    from shuzhi.errors import InputError

    try:
        answer = chat.invoke([("system", SYSTEM), ("human", prompt)])
    except Exception as exc:  # the SDK's and the parser's errors: one line, never the server's text or key
        reason = next((words for kind, words in _FAILURES if kind in type(exc).__name__), "模型服务出错或回答无法解析")
        raise InputError(f"模型摘录失败：{reason}；可不指定模型，按规则离线摘录") from None
    if not isinstance(answer, ModelAnswer):
        raise InputError("模型没有按要求的格式回答，可不指定模型、按规则离线摘录")
    return answer
