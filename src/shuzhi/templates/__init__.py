"""Report templates: ``prompts/<id>/template.yaml`` (outline, elements) plus prompt texts.

Loading validates everything and names what is wrong, so a unit editing its own template
gets "prompts/x/template.yaml: sections.2.heading: 缺少必填项", not a stack trace mid-draft.

``elements``: what a report type must contain (and the shared ``data/elements.yaml``);
``model``: the template and its outline; ``folder``: where templates live and how one is
found, listed and loaded (with the prompt files they share).
"""

from shuzhi.templates.elements import Element, element_library, generic_elements
from shuzhi.templates.folder import (
    MAX_FILE_BYTES,
    PROMPT_FILES,
    list_templates,
    load_template,
    prompt_paths,
    read_file,
    report_types,
    template_for_title,
    templates_dir,
)
from shuzhi.templates.model import Indicator, SectionSpec, Template, TemplateError

DEFAULT_TEMPLATE = "shudeshulian"  # the sample report's type: what a new report starts from

__all__ = [
    "DEFAULT_TEMPLATE", "MAX_FILE_BYTES", "PROMPT_FILES", "Element", "Indicator", "SectionSpec", "Template",
    "TemplateError", "element_library", "generic_elements", "list_templates", "load_template", "prompt_paths",
    "read_file", "report_types", "template_for_title", "templates_dir",
]
