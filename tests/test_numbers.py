"""The quantity extractor: numbers, units, subjects and markers (facts/numbers.py)."""

from __future__ import annotations

import pytest

from reportlint.facts.numbers import extract, parse_cn_number, subject_key


def quantities(text: str):
    return extract(text)[1]


def one(text: str):
    qs = quantities(text)
    assert len(qs) == 1, [(q.text, q.kind) for q in qs]
    return qs[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("全年共召开局务会33次。", 33, "次"),
        ("共受理劳动人事争议案件32,014件。", 32014, "件"),
        ("累计服务企业1.3万家。", 13000, "家"),
        ("共组织旁听庭审活动二十三次。", 23, "次"),
        ("覆盖群众两万人次。", 20000, "人次"),
        ("累计发放补贴1.2亿元。", 120_000_000, "元"),
        ("开展普法培训 20 场。", 20, "场"),
        ("共办理案件一百零五件。", 105, "件"),
    ],
)
def test_counts(text, value, unit):
    q = one(text)
    assert (q.kind, q.value, q.unit) == ("count", value, unit)


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("办结率96.25%。", 96.25, 2),
        ("满意率达百分之九十五。", 95, 0),
        ("满意率达百分之九十五点五。", 95.5, 1),
        ("出庭应诉率100％。", 100, 0),
        ("满意率达百分之99.5。", 99.5, 1),
    ],
)
def test_percentages(text, value, decimals):
    q = one(text)
    assert (q.kind, q.value, q.decimals) == ("percent", value, decimals)


def test_ratio_and_points_are_not_counts():
    kinds = [q.kind for q in quantities("调解、仲裁结案比达到1.3比1，结案比为3∶1，较上年提高5个百分点。")]
    assert kinds == ["ratio", "ratio", "points"]


def test_growth_marked():
    qs = quantities("共受理申请320件，同比增长12%，较上年减少3件，办结率98%。")
    assert [(q.text, q.growth) for q in qs] == [
        ("320件", False),
        ("12%", True),
        ("3件", True),
        ("98%", False),
    ]


def test_range_ends_are_not_counts():
    qs = quantities("办理时限压缩至3-5个工作日，每期培训20至30人。")
    assert all(q.kind == "range" for q in qs)


@pytest.mark.parametrize(
    "text",
    [
        "全面贯彻党的十九大和十九届二中、三中、四中、五中、六中全会精神。",
        "执行“三重一大”事项集体决策制度，形成1+4联调中心模式。",
        "落实“十四五”规划和“八五”普法规划。",
        "根据《行政处罚法》第二十四条和沪府规〔2021〕35号文件。",
        "2023年3月1日起施行，二〇二三年十二月三十一日止。",
        "推进行政执法“三项制度”，落实“四个责任制”。",
        "打造“一件事”主题页面，实现解决一个问题、完善一项制度。",
        "千方百计为群众办实事，万人以上的社区。",
    ],
)
def test_not_counts(text):
    assert [q.text for q in quantities(text) if q.kind == "count"] == []


def test_subject_and_markers():
    qs = quantities("共办结市、区人大代表建议、政协提案32件，其中主办8件，会办24件。")
    total, a, b = qs
    assert total.total_marker and not total.in_qizhong
    assert (a.key, a.in_qizhong) == ("主办", True)
    assert (b.key, b.in_qizhong) == ("会办", True)
    assert a.qizhong_at == b.qizhong_at


def test_fenbie_assigns_names():
    qs = quantities("全年受理和办结分别为120件和118件。")
    assert [(q.key, q.value, q.fenbie) for q in qs] == [("受理", 120, True), ("办结", 118, True)]


def test_fenbie_after_qizhong():
    qs = quantities("共制发文件15件，其中局机关、下属单位分别为9件、8件。")
    assert [(q.subject, q.in_qizhong) for q in qs[1:]] == [("局机关", True), ("下属单位", True)]


def test_statements_split_on_full_stop_and_semicolon():
    sts, _ = extract("共受理120件，办结118件。其中调解60件；判决50件。")
    assert [len(s.quantities) for s in sts] == [2, 1, 1]


@pytest.mark.parametrize(
    ("subject", "key"),
    [
        ("全年共召开局务会", "召开局务会"),
        ("2021年年内共出台行政规范性文件", "出台行政规范性文件"),
        ("其中主办", "主办"),
        ("累计开展普法讲座达", "开展普法讲座"),
        ("计划开展普法活动", "计划开展普法活动"),
        ("约谈企业", "约谈企业"),
        ("共有一审行政诉讼案件", "一审行政诉讼案件"),
    ],
)
def test_subject_key(subject, key):
    assert subject_key(subject) == key


@pytest.mark.parametrize(
    ("cn", "value"),
    [("三十三", 33), ("两万", 20000), ("一百零二", 102), ("一亿二千万", 120_000_000), ("九十五点五", 95.5)],
)
def test_parse_cn_number(cn, value):
    assert parse_cn_number(cn) == value


def test_period_of_statement():
    sts, _ = extract("一季度共受理投诉80件。2022年共受理投诉300件。全年共受理投诉360件。力争受理400件。")
    assert [s.period(2023) for s in sts] == ["sub", "2022", "Y", "other"]


def test_qizhong_in_a_bracket_scopes_the_bracket():
    qs = quantities("不予受理9件（其中移送7件，退回2件），受理47件。")
    assert [(q.text, q.in_qizhong, q.qizhong_at is not None, q.in_note) for q in qs] == [
        ("9件", False, False, False),
        ("7件", True, True, True),
        ("2件", True, True, True),
        ("47件", False, False, False),
    ]


def test_note_on_a_part_is_not_a_part():
    qs = quantities("共受理120件，其中简易程序80件（含当场办结30件），普通程序40件。")
    assert [(q.text, q.in_qizhong, q.qizhong_at is not None) for q in qs] == [
        ("120件", False, False),
        ("80件", True, True),
        ("30件", True, False),
        ("40件", True, True),
    ]


@pytest.mark.parametrize(
    ("text", "average", "approx"),
    [
        ("年均新增市场主体3200户。", True, False),
        ("每千人开展抽检5.2批次。", True, False),
        ("受理量为12件/人。", True, False),
        ("共受理申请约50件。", False, True),
        ("培训超过5000人次。", False, True),
        ("办结50余件。", False, True),
        ("参加人员200人以上。", False, True),
        ("共受理申请50件。", False, False),
    ],
)
def test_average_and_approx(text, average, approx):
    q = one(text)
    assert (q.average, q.approx) == (average, approx)


def test_step_is_the_written_precision():
    assert [q.step for q in quantities("服务企业1.2万家、3万户、12,580个、两万人次。")] == [
        1000,
        10000,
        1,
        10000,
    ]


def test_period_of_plans_spans_and_running_totals():
    sts, _ = extract("今年新建阵地30个。五年来共建成阵地120个。截至年底累计建成阵地150个。全年建成阵地40个。")
    assert [s.period(2023) for s in sts] == ["other", "other", "cum", "Y"]
