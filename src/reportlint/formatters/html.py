"""``--format html``: one self-contained review page (inline CSS and script, no network loads).

For every file: the report's text with each finding highlighted in place (a numbered badge where it starts),
a side list of the findings grouped by section and severity, the required-parts checklist, and filters by
severity and rule code. Filters can be preset in the address: ``review.html#sev=error,warning&code=FZ003``.
Without the script the page still shows everything; the script only filters and counts.
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import Any, TextIO

import msgspec

from reportlint import __version__
from reportlint.findings import SEVERITIES, FileResult, Finding, RunResult, TextParagraph

SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
YEAR_SOURCE_ZH = {
    "title": "据标题",
    "cover-title": "据报送文标题",
    "attachment-note": "据附件说明",
    "heading": "据章节标题",
    "period": "据统计期限推断",
    "intro": "据开头推断",
    "plan-heading": "据下一年度安排标题推断",
}
SEV_RANK = {"error": 2, "warning": 1, "info": 0}
NO_SECTION = "标题与开头部分"
WHOLE_FILE = "全文"


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


class _Placed(msgspec.Struct):
    """A finding with its id on the page and its character range in its paragraph."""

    fid: str
    number: int
    finding: Finding
    start: int
    end: int


def _placed(r: FileResult, file_no: int) -> tuple[dict[int, list[_Placed]], list[_Placed], list[_Placed]]:
    """Findings by paragraph index, findings with no paragraph, and all of them in order."""
    by_par: dict[int, list[_Placed]] = defaultdict(list)
    loose: list[_Placed] = []
    every: list[_Placed] = []
    texts = {p.index: p.text for p in r.paragraphs}
    for n, f in enumerate(r.findings, 1):
        fid = f"f{file_no}-{n}"
        length = f.span[1] - f.span[0] if f.span else 0
        if f.paragraph_index is not None and f.paragraph_index in texts:
            size = len(texts[f.paragraph_index])
            start = min(max(f.offset, 0), size)
            pl = _Placed(fid, n, f, start, min(start + length, size))
            by_par[f.paragraph_index].append(pl)
        else:
            pl = _Placed(fid, n, f, 0, 0)
            loose.append(pl)
        every.append(pl)
    return by_par, loose, every


def _badge(pl: _Placed) -> str:
    f = pl.finding
    tip = f"{f.code} {SEV_ZH[f.severity]}：{f.message}"
    return (
        f'<a class="badge sev-{f.severity}" id="{pl.fid}" href="#li-{pl.fid}" data-fid="{pl.fid}" '
        f'data-sev="{f.severity}" data-code="{_e(f.code)}" title="{_e(tip)}">{pl.number}</a>'
    )


def _marked_text(text: str, found: list[_Placed]) -> str:
    """The paragraph text with a badge at each finding's start and ``<mark>`` over each finding's range."""
    cuts = {0, len(text)}
    for pl in found:
        cuts.update((pl.start, pl.end))
    points = sorted(cuts)
    out: list[str] = []
    for i, a in enumerate(points):
        out.extend(_badge(pl) for pl in found if pl.start == a)
        if i + 1 == len(points):
            break
        b = points[i + 1]
        covering = [pl for pl in found if pl.start <= a and pl.end >= b and pl.end > pl.start]
        piece = _e(text[a:b])
        if covering:
            top = max(covering, key=lambda pl: SEV_RANK[pl.finding.severity]).finding.severity
            ids = " ".join(pl.fid for pl in covering)
            sevs = " ".join(pl.finding.severity for pl in covering)
            codes = " ".join(pl.finding.code for pl in covering)
            out.append(
                f'<mark class="hl sev-{top}" data-fids="{ids}" data-sevs="{sevs}" data-codes="{_e(codes)}">'
                f"{piece}</mark>"
            )
        else:
            out.append(piece)
    return "".join(out)


def _where(p: TextParagraph) -> str:
    loc = p.location
    if loc.paragraph is not None:
        return f"¶{loc.paragraph}"
    if loc.page is not None:
        return f"p.{loc.page}"
    if loc.line is not None:
        return f"L{loc.line}"
    return ""


def _paragraph_html(p: TextParagraph, pid: str, found: list[_Placed]) -> str:
    cls = f"para k-{p.kind}" + (f" l{min(p.level, 4)}" if p.kind == "heading" else "")
    if found:
        cls += " has-f"
    if not p.text.strip() and not found:
        return ""
    where = _where(p)
    gutter = f'<span class="where">{_e(where)}</span>' if where else ""
    return f'<p class="{cls}" id="{pid}">{gutter}{_marked_text(p.text, found)}</p>'


def _table_html(cells: list[TextParagraph], file_no: int, by_par: dict[int, list[_Placed]]) -> str:
    rows: dict[int, list[TextParagraph]] = defaultdict(list)
    for i, c in enumerate(cells):
        rows[c.location.row if c.location.row is not None else i].append(c)
    out = ['<div class="tablewrap"><table>']
    for key in sorted(rows):
        out.append("<tr>")
        for c in sorted(rows[key], key=lambda c: c.location.col or 0):
            found = by_par.get(c.index, [])
            cls = ' class="has-f"' if found else ""
            out.append(f'<td id="p{file_no}-{c.index}"{cls}>{_marked_text(c.text, found)}</td>')
        out.append("</tr>")
    out.append("</table></div>")
    return "".join(out)


def _document_html(r: FileResult, file_no: int, by_par: dict[int, list[_Placed]]) -> str:
    out: list[str] = []
    paras = r.paragraphs
    i = 0
    while i < len(paras):
        p = paras[i]
        if p.kind == "cell":
            j = i
            key = (p.location.table, p.section)
            while (
                j < len(paras)
                and paras[j].kind == "cell"
                and (paras[j].location.table, paras[j].section) == key
            ):
                j += 1
            out.append(_table_html(paras[i:j], file_no, by_par))
            i = j
            continue
        out.append(_paragraph_html(p, f"p{file_no}-{p.index}", by_par.get(p.index, [])))
        i += 1
    return "\n".join(x for x in out if x)


def _item_html(pl: _Placed, r: FileResult) -> str:
    f = pl.finding
    flagged = f.excerpt[f.span[0] : f.span[1]] if f.span else ""
    where = f.location.describe() if f.paragraph_index is not None else WHOLE_FILE
    bits = [
        f'<li class="item sev-{f.severity}" id="li-{pl.fid}" data-fid="{pl.fid}" data-sev="{f.severity}" '
        f'data-code="{_e(f.code)}">',
        f'<a class="jump" href="#{pl.fid}"><span class="num sev-{f.severity}">{pl.number}</span>'
        f'<span class="code">{_e(f.code)}</span><span class="where">{_e(where)}</span></a>',
        f'<div class="msg">{_e(f.message)}</div>',
    ]
    if flagged:
        bits.append(f'<div class="flag">“{_e(flagged)}”</div>')
    if f.evidence:
        bits.append(f'<div class="evi"><b>依据</b>{_e(f.evidence)}</div>')
    if f.suggestion:
        bits.append(f'<div class="sugg"><b>建议</b>{_e(f.suggestion)}</div>')
    elif f.code in r.rules and r.rules[f.code].use_instead:
        bits.append(f'<div class="sugg generic"><b>参考</b>{_e(r.rules[f.code].use_instead)}</div>')
    bits.append(f'<div class="rule">{_e(f.name)}</div></li>')
    return "".join(bits)


def _side_list(r: FileResult, every: list[_Placed]) -> str:
    groups: dict[str, list[_Placed]] = {}
    for pl in every:
        f = pl.finding
        key = WHOLE_FILE if f.paragraph_index is None else (f.section.split(" / ")[0] or NO_SECTION)
        groups.setdefault(key, []).append(pl)
    out: list[str] = []
    for name, items in groups.items():
        out.append(
            f'<details class="group" open><summary>{_e(name)} <span class="cnt">{len(items)}</span></summary>'
        )
        for sev in SEVERITIES:
            these = [pl for pl in items if pl.finding.severity == sev]
            if not these:
                continue
            out.append(f'<div class="sevgroup" data-sev="{sev}"><h4 class="sev-{sev}">{SEV_ZH[sev]}</h4><ol>')
            out.extend(_item_html(pl, r) for pl in these)
            out.append("</ol></div>")
        out.append("</details>")
    if not every:
        out.append('<p class="clean">未发现问题。</p>')
    return "\n".join(out)


def _parts_html(r: FileResult, file_no: int) -> str:
    if not r.parts:
        return ""
    out = ['<h3>必备内容</h3><ul class="parts">']
    for p in r.parts:
        if p.found:
            mark, cls = "✓", "ok"
        elif p.required:
            mark, cls = "✗", "missing"
        else:
            mark, cls = "–", "optional"
        label = _e(p.label)
        if p.found and p.heading and p.paragraph_index is not None:
            label += f' <a href="#p{file_no}-{p.paragraph_index}" class="heading">{_e(p.heading)}</a>'
        elif not p.found:
            label += (
                " <span class=note>（缺少）</span>" if p.required else " <span class=note>（可选）</span>"
            )
        out.append(f'<li class="{cls}"><span class="mark">{mark}</span>{label}</li>')
    out.append("</ul>")
    return "".join(out)


def _file_html(r: FileResult, file_no: int) -> str:
    head = f'<section class="file" id="file{file_no}"><h2>{_e(r.path)}</h2>'
    if r.error:
        return head + f'<p class="fileerror">无法读取：{_e(r.error[0])}：{_e(r.error[1])}</p></section>'
    meta = [f"文种 {r.genre.label}"] if r.genre is not None else []
    meta.append(f"规则包 {r.pack}" + ("（指定）" if r.pack_forced else ""))
    if r.profile:
        meta.append(f"类型 {r.profile}")
    meta.append(
        f"年度 {r.year}"
        + (f"（{YEAR_SOURCE_ZH.get(r.year_source, r.year_source)}）" if r.year_source else "")
        if r.year
        else "年度 未识别"
    )
    counts = " · ".join(f'<span class="sev-{s}">{SEV_ZH[s]} {r.count(s)}</span>' for s in SEVERITIES)
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in r.notes)
    by_par, loose, every = _placed(r, file_no)
    loose_html = ""
    if loose:
        loose_html = (
            '<p class="para k-whole has-f">' + "".join(_badge(pl) for pl in loose) + f"{WHOLE_FILE}</p>"
        )
    body = _document_html(r, file_no, by_par)
    if not r.paragraphs:
        body = '<p class="note">（没有可显示的正文）</p>'
    return (
        f'{head}<p class="meta">{_e(" · ".join(meta))} · {counts}</p>{notes}'
        f'<div class="layout"><article class="doc">{loose_html}{body}</article>'
        f'<aside class="side">{_parts_html(r, file_no)}<h3>问题清单</h3>{_side_list(r, every)}</aside></div>'
        "</section>"
    )


def _filters(run: RunResult) -> str:
    sev_boxes = "".join(
        f'<label class="chip sev-{s}"><input type="checkbox" name="sev" value="{s}" checked>'
        f"{SEV_ZH[s]} <b>{run.count(s)}</b></label>"
        for s in SEVERITIES
    )
    codes: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for r in run.files:
        for f in r.findings:
            codes[f.code] += 1
            info = r.rules.get(f.code)
            names[f.code] = f"{f.name}: {info.summary}" if info else f.name
    code_boxes = "".join(
        f'<label class="chip" title="{_e(names[c])}"><input type="checkbox" name="code" value="{_e(c)}" checked>'
        f"{_e(c)} <b>{n}</b></label>"
        for c, n in sorted(codes.items())
    )
    total = sum(codes.values())
    return (
        '<form class="filters" onsubmit="return false">'
        f'<div class="row"><span class="lbl">严重程度</span>{sev_boxes}</div>'
        f'<div class="row"><span class="lbl">规则</span>{code_boxes or "<span class=note>无</span>"}</div>'
        f'<div class="row shown">显示 <b id="shown">{total}</b> / <b id="total">{total}</b> 条</div>'
        "</form>"
    )


CSS = """
:root{--err:#b3261e;--err-bg:#fde3e0;--warn:#8a5a00;--warn-bg:#ffefc2;--info:#1f5fae;--info-bg:#e2ecfb;
--ink:#1d1d1f;--mute:#6b6f76;--line:#e3e5e8;--paper:#fff;--bg:#f4f5f7}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:14px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
header.top{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:10px 24px}
header.top h1{font-size:18px;margin:0 0 4px}
header.top .sum{color:var(--mute);margin:0 0 6px}
.filters .row{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:3px 0}
.filters .lbl{color:var(--mute);width:64px}
.chip{border:1px solid var(--line);border-radius:14px;padding:1px 10px 1px 6px;cursor:pointer;user-select:none;background:#fafafa}
.chip input{vertical-align:-2px;margin-right:4px}
.chip.sev-error{border-color:var(--err)}.chip.sev-warning{border-color:var(--warn)}.chip.sev-info{border-color:var(--info)}
.shown{color:var(--mute)}
section.file{padding:12px 24px 40px}
section.file h2{font-size:16px;margin:8px 0 2px;word-break:break-all}
.meta{color:var(--mute);margin:0 0 10px}.note{color:var(--mute);font-size:13px;margin:2px 0}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 400px;gap:20px;align-items:start}
article.doc{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:36px 48px;
font:16px/1.9 "Noto Serif CJK SC","Source Han Serif SC","Songti SC","SimSun",serif}
.para{margin:0 0 6px;text-indent:2em;position:relative}
.para .where{position:absolute;left:-46px;width:40px;text-align:right;text-indent:0;font:11px/2.6 sans-serif;color:#b0b3b8}
.k-title{text-align:center;text-indent:0;font-size:22px;font-weight:bold;margin:10px 0 18px}
.k-heading.l1{text-indent:0;font-weight:bold;font-family:"Noto Sans CJK SC","SimHei",sans-serif;margin-top:14px}
.k-heading.l2{font-family:"KaiTi","STKaiti","AR PL UKai CN",serif}
.k-cover{color:#44474c}.k-whole{text-indent:0;color:var(--mute)}
.tablewrap{overflow-x:auto;margin:8px 0 12px}
table{border-collapse:collapse;font-size:14px}td{border:1px solid #c9ccd1;padding:3px 8px;vertical-align:top}
mark.hl{background:transparent;color:inherit;border-bottom:2px solid;padding:1px 0}
mark.hl.sev-error{background:var(--err-bg);border-color:var(--err)}
mark.hl.sev-warning{background:var(--warn-bg);border-color:var(--warn)}
mark.hl.sev-info{background:var(--info-bg);border-color:var(--info)}
mark.hl.off{background:transparent;border-color:transparent}
a.badge{display:inline-block;min-width:17px;height:17px;padding:0 4px;margin:0 1px;border-radius:9px;
font:bold 11px/17px sans-serif;text-align:center;text-indent:0;color:#fff;text-decoration:none;vertical-align:3px}
.sev-error.badge,.num.sev-error{background:var(--err)}.sev-warning.badge,.num.sev-warning{background:var(--warn)}
.sev-info.badge,.num.sev-info{background:var(--info)}
a.badge:target,li.item:target{outline:3px solid #5b8def;outline-offset:2px}
aside.side{position:sticky;top:var(--head,120px);max-height:calc(100vh - var(--head,120px) - 16px);overflow:auto;
background:#fff;border:1px solid var(--line);border-radius:6px;padding:4px 14px 14px}
aside h3{font-size:14px;margin:12px 0 6px;color:#33363b}
ul.parts{list-style:none;padding:0;margin:0}ul.parts li{padding:2px 0}
ul.parts .mark{display:inline-block;width:20px;font-weight:bold}
ul.parts .ok .mark{color:#2e7d32}ul.parts .missing{color:var(--err)}ul.parts .optional{color:var(--mute)}
ul.parts a.heading{color:var(--mute);font-size:12px;margin-left:4px}
details.group{border-top:1px solid var(--line);padding:4px 0}
details.group summary{cursor:pointer;font-weight:bold}
.cnt{display:inline-block;background:#eceef1;border-radius:8px;padding:0 6px;font-size:12px;color:var(--mute)}
h4{font-size:12px;margin:6px 0 2px}h4.sev-error{color:var(--err)}h4.sev-warning{color:var(--warn)}h4.sev-info{color:var(--info)}
ol{list-style:none;margin:0;padding:0}
li.item{border-left:3px solid;padding:4px 8px;margin:4px 0;background:#fbfbfc;border-radius:0 4px 4px 0}
li.item.sev-error{border-color:var(--err)}li.item.sev-warning{border-color:var(--warn)}li.item.sev-info{border-color:var(--info)}
li.item a.jump{text-decoration:none;color:inherit;display:flex;gap:6px;align-items:center}
.num{color:#fff;border-radius:9px;min-width:18px;text-align:center;font:bold 11px/17px sans-serif}
.code{font:bold 12px monospace}.item .where{color:var(--mute);font-size:12px}
.msg{margin:2px 0}.flag{color:#44474c;font-size:13px}.evi,.sugg{font-size:12.5px;color:#44474c}
.evi b,.sugg b{display:inline-block;margin-right:6px;color:var(--mute);font-weight:normal}
.sugg{color:#2e6b30}.sugg.generic{color:#55606b}.rule{color:#a0a4aa;font:11px monospace}
.hidden{display:none!important}.clean{color:#2e7d32}
.fileerror{color:var(--err);font-weight:bold}
footer{color:var(--mute);font-size:12px;padding:0 24px 24px}
@media (max-width:1000px){.layout{grid-template-columns:1fr}aside.side{position:static;max-height:none}}
@media print{header.top{position:static}aside.side{position:static;max-height:none}.filters{display:none}}
"""

SCRIPT = """
(function(){
var form=document.querySelector('form.filters');if(!form)return;
function on(name){var s={};form.querySelectorAll('input[name='+name+']').forEach(function(i){if(i.checked)s[i.value]=1;});return s;}
function apply(){
 var sev=on('sev'),code=on('code'),shown=0;
 document.querySelectorAll('[data-fid]').forEach(function(el){
  var vis=sev[el.dataset.sev]&&code[el.dataset.code];el.classList.toggle('hidden',!vis);});
 document.querySelectorAll('mark.hl').forEach(function(m){
  var s=m.dataset.sevs.split(' '),c=m.dataset.codes.split(' '),best=null,rank={error:2,warning:1,info:0};
  for(var i=0;i<s.length;i++){if(sev[s[i]]&&code[c[i]]&&(best===null||rank[s[i]]>rank[best]))best=s[i];}
  m.className='hl '+(best?'sev-'+best:'off');});
 document.querySelectorAll('.sevgroup').forEach(function(g){g.classList.toggle('hidden',!g.querySelector('li.item:not(.hidden)'));});
 document.querySelectorAll('details.group').forEach(function(g){g.classList.toggle('hidden',!g.querySelector('li.item:not(.hidden)'));});
 document.querySelectorAll('a.badge').forEach(function(b){if(!b.classList.contains('hidden')&&b.getClientRects().length)shown++;});
 document.getElementById('shown').textContent=shown;
}
var h=location.hash.replace(/^#/,'');
if(h.indexOf('=')>0){h.split('&').forEach(function(kv){var p=kv.split('='),vals=decodeURIComponent(p[1]||'').split(',');
 form.querySelectorAll('input[name='+p[0]+']').forEach(function(i){i.checked=vals.indexOf(i.value)>=0;});});}
form.addEventListener('change',apply);
var head=document.querySelector('header.top');if(head)document.documentElement.style.setProperty('--head',(head.offsetHeight+8)+'px');
apply();
})();
"""


def page(run: RunResult, title: str | None = None) -> str:
    names = ", ".join(r.path.rsplit("/", 1)[-1] for r in run.files) or "—"
    heading = title or f"reportlint 审阅 · {names}"
    summary = (
        f"{len(run.files)} 个文件 · 错误 {run.count('error')} · 警告 {run.count('warning')} · "
        f"提示 {run.count('info')}" + (f" · 无法读取 {run.unreadable}" if run.unreadable else "")
    )
    files = "\n".join(_file_html(r, i) for i, r in enumerate(run.files, 1))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(heading)}</title><style>{CSS}</style></head><body>"
        f'<header class="top"><h1>{_e(heading)}</h1><p class="sum">{_e(summary)}</p>{_filters(run)}</header>'
        f"{files}"
        f"<footer>reportlint {_e(__version__)} 生成。点击编号在正文与清单之间跳转；地址后加 "
        "<code>#sev=error,warning&amp;code=FZ001</code> 可预设筛选。</footer>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def render(run: RunResult, stream: TextIO, **options: Any) -> None:
    stream.write(page(run, title=options.get("title")))
