"""One year's facts for one report: the model (``model``) and its files (``loading``)."""

from shuzhi.facts.loading import (
    MAX_FACTS_CHARS,
    MAX_FACTS_NODES,
    FactsError,
    facts_from_bytes,
    load_facts,
    parse_facts,
    save_facts,
)
from shuzhi.facts.model import (
    Facts,
    Figure,
    Number,
    PreviousIssue,
    SectionFacts,
    Source,
    section_source,
    source_section,
)

__all__ = ["MAX_FACTS_CHARS", "MAX_FACTS_NODES", "Facts", "FactsError", "Figure", "Number", "PreviousIssue",
           "SectionFacts", "Source", "facts_from_bytes", "load_facts", "parse_facts", "save_facts",
           "section_source", "source_section"]
