import pytest

from shuzhi.checker import check_text

# (text, the placeholder texts that must be reported)
FOUND = [
    ("理论学习组集中学习**次。", ["**"]),
    ("开展专题研讨*次。", ["*"]),
    ("学习率达到***%。", ["***"]),
    ("严格按照“*+*”要求组织党日活动。", ["*+*"]),
    ("全体教职工*月*日顺利开馆。", ["*月*日"]),
    ("学习贯彻**省第十五次党代会精神。", ["**"]),
    ("争做建设“**”先行军。", ["**"]),
    ("全角星号＊＊次。", ["＊＊"]),
    ("研究党建工作X次，发展党员X人。", ["X", "X"]),
    ("XX同志在XXXX学院工作。", ["XX", "XXXX"]),
    ("××学院党委书记×××。", ["××", "×××"]),
    ("党成立xx周年。", ["xx"]),
    ("20XX年工作打算。", ["XX"]),
    ("第X次党代会。", ["X"]),
    # a single X for a name or a place, and a blank year
    ("受X市人大常委会委托，开展执法检查。", ["X"]),
    ("到X镇X村开展调研。", ["X", "X"]),
    ("会议由秘书长X主持。", ["X"]),
    ("x同志在××学院工作。", ["x", "××"]),
    ("202x年工作打算。", ["x"]),
    ("20xx年度述职报告", ["xx"]),
    ("202X学年第一学期。", ["X"]),
    ("某某同志在某某学院。", ["某某", "某某"]),
    ("姓名：＿＿＿＿。", ["＿＿＿＿"]),
    ("述职人：______", ["______"]),
    ("理论学习组集中学习【待补充：理论学习组集中学习（次）】。", ["【待补充：理论学习组集中学习（次）】"]),
    ("【待核实】全年共开展活动。", ["【待核实】"]),
    ("全年开展活动（此处填写具体数据）。", ["（此处填写具体数据）"]),
    ("本人（填写姓名）认真履职。", ["（填写姓名）"]),
    ("加强党建（注：此处写具体举措）。", ["（注：此处写具体举措）"]),
    ("尊敬的{{姓名}}同志。", ["{{姓名}}"]),
    ("单位：{unit}。", ["{unit}"]),
    ("单位：<单位名称>。", ["<单位名称>"]),
    ("□□省□□市。", ["□□", "□□"]),
    ("○○学院。", ["○○"]),
    ("2024年  月  日", ["年  月  日"]),
    ("一是……；二是……。", ["一是……", "二是……"]),
    ("全年工作TODO补充。", ["TODO"]),
    ("单击此处输入文字。", ["单击此处输入文字"]),
]

# Words in which these characters are real: nothing to report.
CLEAN = [
    "使用iPhone X手机拍摄，安装Windows X系统。",
    "学生X光检查和X线胸片全部完成。",
    "推进“1+X”证书制度。",
    "Excel表格中X轴为时间。",
    "推进1+X证书制度试点。",
    "配备X射线安检机和X光机。",
    "二〇二四年一月八日",
    "二〇〇〇年以来，学校持续发展。",
    "坚持不懈——这是我们的作风。",
    "房间面积为3×4米。",
    "警示教育中通报了某某案。",
    "* 第一项工作",
    "推进“两学一做”学习教育常态化制度化。",
    "学习《中国共产党纪律处分条例》（2023年修订）。",
    "使用Excel表格汇总数据，网址为www.example.cn。",
    "2022年述德述廉述职报告",
    "全年借阅量增长（注：数据截至11月底）。",
]


@pytest.mark.parametrize("text, expected", FOUND)
def test_placeholders_are_reported(run, text, expected):
    findings = run(text, "placeholder")
    assert [f.text for f in findings] == expected
    assert all(f.severity == "error" and f.suggestion is None for f in findings)
    for f in findings:
        assert text.split("\n")[f.line - 1][f.column - 1:].startswith(f.text)


@pytest.mark.parametrize("text", CLEAN)
def test_traps_are_not_placeholders(run, text):
    assert run(text, "placeholder") == []


def test_markdown_bold_is_not_a_placeholder_but_escaped_stars_are():
    text = "本人**认真履职**，学习\\*\\*次。"
    found = check_text(text, rules=["placeholder"], markdown=True)
    assert [f.text for f in found] == ["\\*\\*"]
    # in a plain-text file the same ** are masks
    assert len(check_text("学习**次，开展**次", rules=["placeholder"])) == 2


def test_message_names_the_basis(run):
    finding = run("学习**次。", "placeholder")[0]
    assert "实务惯例" in finding.message and finding.basis == "实务惯例"
