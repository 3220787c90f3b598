"""Note markers: one definition shared by the placeholder rule, missing-element, length and
the update of last year's report (which leaves figures inside a marker alone)."""

from shuzhi.checker import check_text
from shuzhi.checker.markers import inside_marker, marker_spans, mask_markers


def test_a_figure_inside_a_gap_is_inside_a_marker_and_one_outside_is_not():
    text = "完成【待补充：整改项目3项】，走访企业12家。"
    assert inside_marker(text, text.index("3"))
    assert not inside_marker(text, text.index("12"))


def test_every_kind_of_note_marker_is_found_and_blanked_to_the_same_length():
    text = "共有{{人数}}人参加（此处填写活动名称），见<单位名称>与[TODO 补数据]。"
    assert len(marker_spans(text)) == 4
    masked = mask_markers(text)
    assert len(masked) == len(text) and "人数" not in masked and "单位名称" not in masked
    assert masked.startswith("共有") and masked.endswith("。")


def test_what_the_placeholder_rule_reports_is_what_the_markers_are():
    text = "完成【待补充：整改项目】，（此处填写数据）。"
    found = [(f.offset, f.offset + len(f.text)) for f in check_text(text, rules=["placeholder"])]
    assert found == marker_spans(text)
