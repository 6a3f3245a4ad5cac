"""The NUM rules on the real seed report: every relation it states is extracted, and none is an error.

The seed (../shared/seed, not part of the project) is read, never copied; the tests skip without it.
"""

from __future__ import annotations

import pytest

from conftest import SEED, needs_seed
from reportlint.checks.num import find_rates, find_splits, intake_pairs, rate_numerator
from reportlint.facts.numbers import find_statements

pytestmark = needs_seed


@pytest.fixture(scope="module")
def statements():
    from reportlint.readers import Limits, read_document

    return find_statements(read_document(str(SEED), Limits()))


def test_no_num_error(lint_text):
    res = lint_text(SEED.read_text(encoding="utf-8"), select=["NUM"])
    assert [(f.code, f.message) for f in res.findings if f.severity == "error"] == []


@pytest.mark.parametrize(
    ("intake", "outcome"),
    [
        (29, 28),  # 共收到信息公开申请29件，答复28件
        (32014, 26509),  # 共受理劳动人事争议案件32014件，办结26509件
        (42, 39),  # 共涉及一审行政诉讼案件42件 … 审结39件
        (50, 47),  # 共收到行政复议案件50件，审结47件
    ],
)
def test_intake_outcome_pairs(statements, intake, outcome):
    pairs = {(a.value, b.value) for a, b in intake_pairs(statements)}
    assert (intake, outcome) in pairs


def test_split_of_proposals_leaves_out_the_follow_up(statements):
    from reportlint.checks.num import _exhaustive, _parallel_group

    sp = next(s for s in find_splits(statements) if s.total is not None and s.total.value == 32)
    assert [p.value for p in sp.parts] == [8, 24, 1]
    group = _parallel_group(sp.parts)
    assert [p.key for p in group] == ["主办", "会办"]
    assert _exhaustive([p.key for p in group]) == ("主办", "会办")
    assert sum(p.value for p in group) == sp.total.value


def test_split_after_sentence_is_nested_not_summed(statements):
    from reportlint.checks.num import _parallel_group

    sp = next(s for s in find_splits(statements) if [p.value for p in s.parts] == [20557, 14978])
    assert sp.total is None and sp.bound.value == 32014  # two totals precede: 受理 and 办结
    assert len(_parallel_group(sp.parts)) == 1


def test_appearance_rate_has_numerator_and_denominators(statements):
    st, r = next((st, r) for st, r in find_rates(statements) if r.name.endswith("出庭应诉率"))
    num = rate_numerator(st, r)
    assert num is not None and num.value == 37 and "出庭应诉" in num.key
    assert r.q.value == 100
    assert {c.value for c in st.counts() if c is not num} >= {42, 37, 39}


def test_clue_rates_over_their_base(statements):
    rates = {r.name: (st, r) for st, r in find_rates(statements) if r.name in ("办结率", "解决率")}
    assert set(rates) == {"办结率", "解决率"}
    for st, r in rates.values():
        assert rate_numerator(st, r) is None
        assert [c.value for c in st.counts() if c.start < r.q.start] == [4055]


def test_audit_plan_span(lint_text):
    from reportlint.checks.num import _LENGTH_SPAN

    text = SEED.read_text(encoding="utf-8")
    spans = [(m.group("len"), m.group("y1"), m.group("y2")) for m in _LENGTH_SPAN.finditer(text)]
    assert ("三", "2019", "2021") in spans


def test_meetings_stated_once(statements):
    keys = [q.key for st in statements for q in st.counts()]
    assert keys.count("召开局务会") == 1
