"""``shuzhi facts extract``: the year's records (台账, 总结, 会议记录, 统计表) turned into a
facts file, every figure with where it came from; ``--into`` adds them to the user's own
facts without overwriting what they typed."""

from __future__ import annotations

from pathlib import Path

import typer

from shuzhi.cli import app
from shuzhi.cli.common import fail, user_errors, write_output
from shuzhi.cli.options import model_options

facts_app = typer.Typer(help="事实文件：由工作记录摘录数字和事项（extract）。", no_args_is_help=True,
                        rich_markup_mode=None)
app.add_typer(facts_app, name="facts")


@facts_app.command("extract")
@model_options
def extract_command(
    records: list[Path] = typer.Argument(..., help="工作记录：.docx .doc .wps .rtf .odt .txt .md .pdf .xlsx .csv"),
    out: str = typer.Option(..., "--out", help="写入的事实文件（.yaml 或 .json）"),
    template_id: str | None = typer.Option(None, "--template", help="按哪个模板的章节归类（默认取 --into 的事实文件或设置）"),
    year: int | None = typer.Option(None, "--year", help="述职年度（默认取 --into 的事实文件，或记录中最常出现的年份）"),
    into: Path | None = typer.Option(None, "--into", help="并入这个已有的事实文件（不覆盖其中已填的内容）"),
    *, model_flags: dict,
) -> None:
    """由工作记录摘录数字（名称、数值、单位）和事项，按模板章节归类，每个数字注明出处。"""
    from shuzhi.config import load_settings, resolve_backend
    from shuzhi.extract import extract
    from shuzhi.extract.merge import merge, new_facts
    from shuzhi.extract.records import read_record
    from shuzhi.facts import load_facts
    from shuzhi.templates import load_template

    with user_errors():
        base = load_facts(into) if into is not None else None
        flags = {k: v for k, v in model_flags.items() if k != "mask_sensitive"}
        settings = load_settings(**flags)
        template = load_template(template_id or (base.template if base else settings.template))
        read = [read_record(path) for path in records]
        backend = resolve_backend(settings)
        if backend.model is not None:
            typer.echo(f"使用模型：{backend.model.label}（{backend.model.base_url}）", err=True)
        extraction = extract(read, template, year=year or (base.year if base else None), model=backend.model,
                             mask=bool(model_flags.get("mask_sensitive")))
        if not extraction.found:
            raise fail("没有从记录中摘录到任何数字或事项（请确认记录里写有完成的工作和数字）")
        if base is None:
            if extraction.year is None:  # --year, else the year the records mention most
                raise fail("无法从记录中判断述职年度，请用 --year 指定")
            base = new_facts(template.id, template.report_type, extraction.year)
        facts, conflicts = merge(base, extraction.sections())
        text = facts.to_json() if out.lower().endswith(".json") else facts.to_yaml()
        write_output(text.encode("utf-8"), out)
    _report(extraction, conflicts, template, out, new=into is None)


def _report(extraction, conflicts, template, out: str, new: bool) -> None:
    specs = {s.id: s.heading for s in template.walk()}
    listing_to_stderr = out == "-"  # the facts went to stdout
    for found in extraction.figures:
        figure = found.figure
        typer.echo(f"{specs.get(found.section, '（未归类）')}｜{figure.name}：{figure.value_text() if figure.filled else '（空）'}"
                   f"  ← {figure.source.label()}", err=listing_to_stderr)
    for notice in extraction.notices:
        typer.echo(f"提示：{notice}", err=True)
    for dropped in extraction.dropped:
        typer.echo(f"已舍弃：{dropped.name} {dropped.value}（{dropped.reason}）", err=True)
    for found in extraction.unplaced():
        what = found.figure.name if found.figure else found.item
        typer.echo(f"未能归入章节（请在表单中手动归类）：{what}  ← {found.where.label() if found.where else ''}", err=True)
    for conflict in conflicts:
        typer.echo(f"冲突：{conflict.describe()}", err=True)
    figures = len(extraction.figures)
    items = sum(1 for f in extraction.found if f.item is not None)
    typer.echo(f"已摘录 {figures} 个数字、{items} 条事项，写入 {out}"
               + ("；请补填单位名称和述职人姓名" if new else ""), err=True)
