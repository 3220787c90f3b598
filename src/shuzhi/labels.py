"""The words the CLI and the app both show for the same things: a finding's severity and
rule, a section's status, where a version came from. One place, so ``shuzhi check`` and the
review page never call the same warning two names. No imports: the checker reads it and must
start fast."""

SEVERITY_LABELS = {"error": "错误", "warning": "提醒", "info": "提示"}
RULE_LABELS = {"placeholder": "未填写的占位符", "missing-element": "缺少的必备内容", "stale-reference": "过时的提法",
               "nonstandard-term": "不规范的表述", "unsupported-number": "事实中没有的数字", "punctuation": "标点",
               "duplicate": "重复的内容", "length": "篇幅"}
STATUS_LABELS = {"pending": "待起草", "drafting": "起草中", "done": "已完成", "failed": "失败"}
SOURCE_LABELS = {"offline": "离线起草", "edit": "手工修改", "restore": "恢复", "import": "导入",
                 "update": "由去年报告更新"}


def source_label(source: str) -> str:
    """A version's source in words: "model:deepseek-chat" is 模型 deepseek-chat."""
    if source.startswith("model:"):
        return f"模型 {source.removeprefix('model:')}"
    return SOURCE_LABELS.get(source, source)
