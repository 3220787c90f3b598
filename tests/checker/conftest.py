"""Helpers for the checker's table-driven tests."""

from __future__ import annotations

import pytest

from shuzhi.checker import check_text


@pytest.fixture
def run():
    """``run(text, rule, **options)`` → the findings of that one rule."""

    def run_rule(text: str, rule: str, **options):
        return check_text(text, rules=[rule], **options)

    return run_rule
