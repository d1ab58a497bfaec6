"""Quarter close: freeze, reprint byte for byte after an edit, recompute, compare, refuse."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date

import pytest
from brief_sample import EPOCH, add_sample
from sqlalchemy import func, select

from desktop_app.db.database import open_database
from desktop_app.db.models import Milestone, Project, QuarterClose
from desktop_app.errors import UserError
from desktop_app.i18n import set_language
from desktop_app.reports import quarter_close as RQ
from desktop_app.services import quarter_brief as B
from desktop_app.services import quarters as Q
from desktop_app.services.disbursements import add_disbursement
from desktop_app.snapshots.funding import DisbursementDraft


@pytest.fixture
def sample(db, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # 2026-11-20: Q3 has ended, Q4 has not
    set_language("en")  # refusals in English; briefs are built in their own language
    add_sample(db)
    return db


def _closes(db) -> int:
    with db.reader() as s:
        return int(s.scalar(select(func.count()).select_from(QuarterClose)))


def _pid(db, no: int) -> int:
    with db.reader() as s:
        return int(s.scalar(select(Project.id).where(Project.no == no)))


@pytest.mark.parametrize(
    ("text", "why"),
    [("2026Q4", "not ended"), ("2019Q4", "before any data"), ("2026Q9", "not a quarter")],
)
def test_bad_quarters_are_refused_and_nothing_is_written(sample, text, why):
    with pytest.raises(UserError) as info:
        RQ.close_quarter(sample, text)
    assert why in str(info.value) and "\n" not in str(info.value)
    assert _closes(sample) == 0


def test_close_twice_is_refused(sample):
    RQ.close_quarter(sample, "2026Q2", officer="张三")
    with pytest.raises(UserError, match="already closed"):
        RQ.close_quarter(sample, "2026Q2")
    assert _closes(sample) == 1
    (row,) = Q.list_quarters(sample)
    assert (row.quarter, row.closed_by, row.as_of) == ("2026Q2", "张三", date(2026, 6, 30))


# sha256 of the figures JSON the sample's quarters froze before the brief read with Core.
# Closed quarters in users' databases hold this JSON and are compared with it byte for
# byte: a change here (not a change of tests/brief_sample.py) would flag every one of them.
# Changed on purpose once (issue 26): a project with nothing recorded is "none" (grey), not
# green, and health lists its policy warnings; `--live` names each figure that moved.
FROZEN_SHA = {
    "2026Q1": "2866db29bd4b0ff516e547dc0f09ab7fec622184ef5a52f9f307d6011211f938",
    "2026Q2": "dc19db7b09f208d0bc7e53b3bf5da5a3a0c51d5249aa3800511ccaf35767c071",
    "2026Q3": "b4e6f744581d6a326a1bc63f50ba21bc116702cba6d3164bba0cf61b1c97f986",
}


@pytest.mark.parametrize("quarter", sorted(FROZEN_SHA))
def test_frozen_figures_keep_their_bytes(sample, quarter):
    text = B.figures_json(sample, quarter)
    assert hashlib.sha256(text.encode()).hexdigest() == FROZEN_SHA[quarter], text


def test_archived_brief_survives_edits_and_live_differs(sample):
    closed = RQ.close_quarter(sample, "2026Q2")
    pdf = B.archived_pdf(sample, "2026Q2")
    assert pdf and hashlib.sha256(pdf).hexdigest() == closed.sha256
    assert B.brief_for(sample, "2026Q2").banner == ""  # nothing changed yet
    # a backdated payment: allowed, but it corrects the closed quarter
    add_disbursement(sample, _pid(sample, 2), DisbursementDraft("2026-05-20", "12.5", "fixed"))
    assert Q.closed_quarter_touched(sample, date(2026, 5, 20)) == "2026Q2"
    assert Q.closed_quarter_touched(sample, date(2026, 7, 1)) is None
    assert B.archived_pdf(sample, "2026Q2") == pdf
    live = B.brief_for(sample, "2026Q2")
    assert "differs" in live.banner or "不一致" in live.banner
    nxt = B.brief_for(sample, "2026Q3")
    assert nxt.changes is not None and nxt.changes.closed
    lines = dict(nxt.changes.lines)
    (fix,) = [v for k, v in lines.items() if "2026Q2" in k][0]
    assert "2026-05-20" in fix and "12.50" in fix


def test_changes_since_a_closed_quarter(sample):
    first = B.brief_for(sample, "2026Q3")
    assert first.changes is not None and not first.changes.closed  # Q2 not closed: one line
    RQ.close_quarter(sample, "2026Q2")
    with sample.session() as s:
        m = s.scalars(select(Milestone).where(Milestone.code == "M03")).first()
        m.status, m.percent_complete, m.actual_end = "done", 100, date(2026, 8, 30)
    data = B.brief_for(sample, "2026Q3")
    groups = [lines for _head, lines in data.changes.lines]
    health, done, overdue, baselines, payments, scores, fixes = groups
    assert any("M03" in line for line in done)
    assert payments == (
        "1. 国产移动平台操作系统开发者应用创新中心:固定扶持经费 120.00 万元",
        "2. 数字供应链创新赋能中心:固定扶持经费 30.00 万元",
    )
    assert fixes == ()
    assert health == () or all("→" in line for line in health)
    assert overdue == () or all("→" not in line for line in overdue)
    assert baselines == () and scores is not None


def test_reopen_needs_a_reason_and_allows_a_new_close(sample):
    with pytest.raises(UserError, match="not closed"):
        Q.reopen_quarter(sample, "2026Q2", "typo")
    RQ.close_quarter(sample, "2026Q2")
    with pytest.raises(UserError, match="reason"):
        Q.reopen_quarter(sample, "2026Q2", "  ")
    Q.reopen_quarter(sample, "2026Q2", "拨付补录", officer="李四")
    assert B.closed_quarter(sample, "2026Q2") is None
    RQ.close_quarter(sample, "2026Q2")
    rows = Q.list_quarters(sample)
    assert [r.reopen_reason for r in rows] == ["拨付补录", ""]


def test_cli_close_report_identical_and_check_detects_tampering(run_cli, tmp_path):
    path = tmp_path / "s.sqlite"
    db = open_database(path)
    add_sample(db)
    db.dispose()
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    done = run_cli("close-quarter", "2026Q2", "--officer", "王五", "--db", str(path), env=env)
    assert done.returncode == 0, done.stderr
    again = run_cli("close-quarter", "2026Q2", "--db", str(path), env=env)
    assert again.returncode == 2 and len(again.stderr.strip().splitlines()) == 1
    listed = run_cli("quarters", "--db", str(path), env=env)
    assert "2026Q2" in listed.stdout and "王五" in listed.stdout
    out1, out2 = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (out1, out2):
        r = run_cli("report", "--quarter", "2026Q2", "--db", str(path), "-o", str(out), env=env)
        assert r.returncode == 0, r.stderr
    assert out1.read_bytes() == out2.read_bytes()
    assert run_cli("check", "--db", str(path)).returncode == 0
    conn = sqlite3.connect(path)
    conn.execute("UPDATE quarter_close SET pdf = pdf || x'00'")
    conn.commit()
    conn.close()
    bad = run_cli("check", "--db", str(path))
    assert bad.returncode == 2 and "2026Q2" in bad.stderr


@pytest.mark.postgres
def test_close_and_reprint_on_postgresql(pg_db, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    set_language("en")
    add_sample(pg_db)
    closed = RQ.close_quarter(pg_db, "2026Q2")
    pdf = B.archived_pdf(pg_db, "2026Q2")
    assert pdf and hashlib.sha256(pdf).hexdigest() == closed.sha256
    assert Q.check_archives(pg_db) == []
    add_disbursement(pg_db, _pid(pg_db, 2), DisbursementDraft("2026-05-20", "1", "fixed"))
    assert B.archived_pdf(pg_db, "2026Q2") == pdf
    assert B.brief_for(pg_db, "2026Q2").banner


def test_quarters_close_in_order_once_the_first_is_closed(sample):
    RQ.close_quarter(sample, "2026Q1")  # the first close starts the sequence
    with pytest.raises(UserError, match="2026Q2 is not closed") as info:
        RQ.close_quarter(sample, "2026Q3")
    assert "--out-of-order" in str(info.value) and _closes(sample) == 1
    RQ.close_quarter(sample, "2026Q2")
    RQ.close_quarter(sample, "2026Q3")
    assert _closes(sample) == 3


def test_out_of_order_close_says_so_in_its_brief(sample):
    RQ.close_quarter(sample, "2026Q1")
    RQ.close_quarter(sample, "2026Q3", out_of_order=True)
    import io

    from pypdf import PdfReader

    for lang in ("zh", "en"):
        pdf = B.archived_pdf(sample, "2026Q3", lang)
        assert pdf is not None
        first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert ("非顺序关账" if lang == "zh" else "Closed out of order") in first
        assert "2026Q2" in first


def test_close_archives_both_languages_and_reprints_each_byte_identical(run_cli, tmp_path):
    path = tmp_path / "s.sqlite"
    db = open_database(path)
    add_sample(db)
    db.dispose()
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    assert run_cli("close-quarter", "2026Q2", "--db", str(path), env=env).returncode == 0
    conn = sqlite3.connect(path)
    zh, sha, en, sha_en = conn.execute(
        "SELECT pdf, sha256, pdf_en, sha256_en FROM quarter_close"
    ).fetchone()
    conn.close()
    assert en and hashlib.sha256(en).hexdigest() == sha_en
    assert hashlib.sha256(zh).hexdigest() == sha and zh != en
    for lang, want in (("zh", zh), ("en", en)):
        out = tmp_path / f"{lang}.pdf"
        args = ("report", "--quarter", "2026Q2", "--lang", lang, "--db", str(path), "-o", str(out))
        r = run_cli(*args, env=env)
        assert r.returncode == 0, r.stderr
        assert out.read_bytes() == want


def test_a_close_from_before_0007_has_no_english_archive_and_says_so(sample, tmp_path):
    RQ.close_quarter(sample, "2026Q2")
    with sample.session() as s:  # as a close made by 0006 left it: Chinese only
        row = s.scalars(select(QuarterClose)).one()
        row.pdf_en, row.sha256_en = None, None
    with pytest.raises(UserError, match="--live") as info:
        RQ.write_quarter_brief(sample, "2026Q2", "en", tmp_path / "en.pdf")
    assert "Chinese" in str(info.value) and "\n" not in str(info.value)
    assert not (tmp_path / "en.pdf").exists()
    RQ.write_quarter_brief(sample, "2026Q2", "en", tmp_path / "en.pdf", live=True)
    assert (tmp_path / "en.pdf").exists()


def test_live_lists_the_figures_that_differ_old_to_new(sample):
    RQ.close_quarter(sample, "2026Q2")
    add_disbursement(sample, _pid(sample, 2), DisbursementDraft("2026-05-20", "12.5", "fixed"))
    live = B.brief_for(sample, "2026Q2", "en")
    assert live.differences
    text = "\n".join(live.differences)
    assert "Paid (cash basis) 120.00 → 132.50" in text
    assert "2. " in text and "0.00 → 12.50" in text
    zh = B.brief_for(sample, "2026Q2", "zh")
    assert any("已拨付(现金口径) 120.00 → 132.50" in line for line in zh.differences)


def test_corrected_values_print_with_one_precision() -> None:
    assert B.same_places("3.7000", "4.5000") == ["3.7", "4.5"]
    assert B.same_places("3.0000", "4.2500") == ["3.00", "4.25"]
    assert B.same_places(None, "12.0000") == ["—", "12"]


def test_a_projected_grade_change_is_listed_with_the_score(sample):
    import json

    RQ.close_quarter(sample, "2026Q2")
    with sample.session() as s:  # as if project 1 had been projected at 75.0 (中) then
        row = s.scalars(select(QuarterClose)).one()
        figures = json.loads(row.figures)
        figures["projects"]["1"]["score"] = "75.0"
        row.figures = json.dumps(figures, ensure_ascii=False, sort_keys=True)
    data = B.brief_for(sample, "2026Q3", "zh")
    scores = dict(data.changes.lines)["得分与评级"]
    assert any("预计得分 75.0 → 88.0" in line for line in scores)
    assert any("预计等级 中 → 良" in line for line in scores)
