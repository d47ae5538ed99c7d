//! The report's HTML: a whole page ([`page`]) and a compact notebook block ([`fragment`]).
//!
//! Every value from a project file or log (names, ids, refs, event names as written, error
//! messages) goes through [`esc`]; the markup around it is static. One stylesheet, every
//! selector under `.wzr` so that a fragment in a notebook styles nothing else; the page adds
//! `@page` (A4) and print rules. No script, no external resource.

use std::fmt::Write as _;

use crate::finding::Finding;
use crate::outcome::{Outcome, OutcomeKind};
use crate::report::svg::{FONT, esc};
use crate::report::timeline::timeline_svg;
use crate::report::{Deadline, DeadlineStatus, ProjectView, Report, StepView, group};
use crate::rule::RuleId;

const CSS: &str = r#"
.wzr{font-family:FONTS;font-size:12.5px;line-height:1.45;color:#1f2328;box-sizing:border-box;max-width:210mm;margin:0 auto;background:#fff}
.wzr *{box-sizing:border-box}
.wzr h1{font-size:20px;margin:2px 0 6px;line-height:1.3}
.wzr h2{font-size:16px;margin:18px 0 6px;padding-bottom:3px;border-bottom:2px solid #1f6feb;break-after:avoid}
.wzr h3{font-size:13.5px;margin:14px 0 4px;break-after:avoid}
.wzr .en{color:#59636e;font-weight:normal}
.wzr .kicker{font-size:11px;letter-spacing:.04em;color:#59636e;text-transform:uppercase}
.wzr .desc{margin:4px 0 8px;color:#31363c}
.wzr code,.wzr .mono{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.92em}
.wzr .hash{overflow-wrap:anywhere;word-break:break-all}
.wzr table{width:100%;border-collapse:collapse;table-layout:fixed;margin:4px 0 8px}
.wzr th,.wzr td{text-align:left;vertical-align:top;padding:3px 5px;border-bottom:1px solid #e3e6ea;overflow-wrap:anywhere}
.wzr th{font-size:11px;color:#59636e;font-weight:600;border-bottom:1px solid #b6bec8}
.wzr tr{break-inside:avoid}
.wzr td.num,.wzr th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.wzr table.kv th{width:34%;font-size:12px;color:#31363c;font-weight:600}
.wzr .chips{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
.wzr .chip{border:1px solid #d0d7de;border-radius:12px;padding:1px 9px;font-size:11.5px;background:#f6f8fa;white-space:nowrap}
.wzr .chip b{font-variant-numeric:tabular-nums}
.wzr .prov{color:#8250df}.wzr .bad{color:#cf222e}.wzr .ok{color:#1a7f37}.wzr .warn{color:#9a6700}.wzr .muted{color:#59636e}
.wzr .badge{display:inline-block;max-width:100%;border-radius:10px;padding:0 7px;font-size:11px;font-weight:600}
.wzr .b-met{background:#dafbe1;color:#1a7f37}.wzr .b-late,.wzr .b-overdue,.wzr .b-violation,.wzr .b-finding{background:#ffebe9;color:#cf222e}
.wzr .b-open{background:#eef1f4;color:#31363c}.wzr .b-default_breach{background:#fff1e5;color:#bc4c00}
.wzr .b-warning{background:#fff8c5;color:#7d4e00}.wzr .b-provisional{background:#fbefff;color:#8250df}
.wzr figure{margin:6px 0 10px;break-inside:avoid}
.wzr figure svg{display:block;width:100%;height:auto;max-width:100%}
.wzr figcaption{font-size:12px;font-weight:600;margin:0 0 4px}
.wzr .note{font-size:11px;color:#59636e;margin:3px 0}
.wzr .legend>span{display:inline-block;margin-right:10px}
.wzr .step{display:inline-block;margin:0 6px 3px 0;vertical-align:top}
.wzr .step small{display:block;color:#59636e;font-size:9.5px;line-height:1.2}
.wzr .sw{display:inline-block;width:10px;height:10px;border-radius:2px;vertical-align:-1px;margin-right:3px;border:1px solid #8c959f}
.wzr .msg-en{color:#59636e;font-size:11.5px}
.wzr .events td{font-size:10.5px;padding:2px 4px}
.wzr footer{margin-top:16px;font-size:10.5px;color:#59636e;border-top:1px solid #d0d7de;padding-top:4px}
.wzr section{margin-bottom:6px}
"#;

const PAGE_CSS: &str = r#"
@page{size:A4;margin:12mm 12mm 14mm}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#f3f4f6}
.wzr{padding:10mm 12mm 12mm}
@media print{body{background:#fff}.wzr{max-width:none;padding:0}.wzr h2{break-before:auto}.wzr figure,.wzr tr{break-inside:avoid}}
"#;

fn css() -> String {
    CSS.replace("FONTS", FONT)
}

fn kind_zh(k: OutcomeKind) -> &'static str {
    match k {
        OutcomeKind::Violation => "违反规定",
        OutcomeKind::DefaultBreach => "不符合原则性规定",
        OutcomeKind::Warning => "提示",
        OutcomeKind::Finding => "发现问题",
    }
}

fn badge(out: &mut String, class: &str, zh: &str, en: &str) {
    let _ = write!(out, "<span class=\"badge b-{}\">{} {}</span>", esc(class), esc(zh), esc(en));
}

/// `INV-35.3` with its article in Chinese and English and the regulation.
fn citation(out: &mut String, rule: RuleId) {
    let _ = write!(
        out,
        "<b class=\"mono\">{}</b><br>{}<br><span class=\"en\">{}</span>",
        esc(rule.as_str()),
        esc(&rule.citation()),
        esc(&rule.citation_en())
    );
}

fn messages(out: &mut String, o: &Outcome) {
    let _ = write!(out, "<div>{}</div><div class=\"msg-en\">{}</div>", esc(&o.message_zh()), esc(&o.message_en()));
}

fn figures(out: &mut String, p: &ProjectView) {
    out.push_str(
        "<table class=\"amounts\"><colgroup><col style=\"width:12%\"><col style=\"width:24%\"><col style=\"width:36%\">\
         <col style=\"width:28%\"></colgroup><thead><tr><th>符号</th><th>名称</th><th>term</th><th class=\"num\">金额（元）yuan</th></tr></thead><tbody>",
    );
    for a in &p.amounts {
        let v = a.value.map(group).unwrap_or_else(|| "—".into());
        let _ = write!(
            out,
            "<tr><td class=\"mono\"><b>{}</b></td><td>{}</td><td class=\"en\">{}</td><td class=\"num\">{}</td></tr>",
            esc(a.symbol),
            esc(a.zh),
            esc(a.en),
            esc(&v)
        );
    }
    out.push_str("</tbody></table>");
}

fn project_head(out: &mut String, p: &ProjectView, level: u8) {
    let _ = write!(
        out,
        "<h{level}>{} <span class=\"en mono\">{}</span></h{level}>",
        esc(if p.name.is_empty() { &p.id } else { &p.name }),
        esc(&p.stream)
    );
    out.push_str("<table class=\"kv\"><tbody>");
    let row = |out: &mut String, k: &str, v: &str| {
        let _ = write!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), v);
    };
    row(
        out,
        "规章 regulation",
        &format!(
            "{} {} <span class=\"en\">· {}</span>",
            esc(p.regulation.doc_number()),
            esc(p.regulation.title()),
            esc(p.type_name)
        ),
    );
    row(out, "项目编号 project id", &format!("<span class=\"mono\">{}</span>", esc(&p.id)));
    if let Some(c) = &p.code {
        row(out, "项目统一代码 project code", &format!("<span class=\"mono\">{}</span>", esc(c)));
    }
    row(out, "当前状态 state", &format!("<b class=\"mono\">{}</b>", esc(p.state)));
    if let Some((r, zh)) = p.route {
        let k = if p.machine == crate::log::MachineId::Inv { "审批路径 route" } else { "资金来源 funding" };
        row(out, k, &format!("<span class=\"mono\">{}</span> {}", esc(r), esc(zh)));
    }
    for (k, v) in &p.facts {
        row(out, k, &esc(v));
    }
    out.push_str("</tbody></table>");
}

fn chain(out: &mut String, stream: &str, c: &crate::report::ChainHead) {
    let _ = write!(
        out,
        "<tr><td class=\"mono\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"mono hash\">{}</td></tr>",
        esc(stream),
        c.len,
        c.last_date.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
        esc(&c.head)
    );
}

fn lifecycle(out: &mut String, p: &ProjectView, n: usize) {
    let _ = write!(
        out,
        "<figure id=\"lifecycle-{n}\"><figcaption>状态路径 Lifecycle — every state of the <span class=\"mono\">{}</span> \
         transition table; the path taken in blue</figcaption>",
        esc(p.machine_view.id.as_str())
    );
    out.push_str(&p.machine_svg());
    out.push_str(
        "<p class=\"note legend\"><span><i class=\"sw\" style=\"background:#dbeafe;border-color:#1f6feb\"></i>visited 已经过 \
         (#n: the log entries that entered it)</span><span><i class=\"sw\" style=\"background:#fde68a;border-color:#b45309\"></i>current 当前</span>\
         <span><i class=\"sw\" style=\"background:#fff7ed;border-color:#c2410c\"></i>next permitted 可进行</span>\
         <span>double border: terminal 终止</span></p>",
    );
    if !p.machine_view.wide.is_empty() {
        out.push_str("<p class=\"note\">Not drawn edge by edge (rows from or to many states): ");
        let items: Vec<String> = p
            .machine_view
            .wide
            .iter()
            .map(|(e, from, to)| {
                let to = if to.len() > 3 { format!("{} states", to.len()) } else { to.join(", ") };
                format!("<span class=\"mono\">{}</span> ({} → {})", esc(e), esc(from), esc(&to))
            })
            .collect();
        out.push_str(&items.join("; "));
        out.push_str(".</p>");
    }
    out.push_str("</figure>");
}

fn path_taken(out: &mut String, p: &ProjectView, n: usize) {
    let _ = write!(
        out,
        "<figure id=\"path-{n}\"><figcaption>实际路径与下一步 Path taken and next permitted acts</figcaption>"
    );
    out.push_str(&p.path_svg());
    let facts: Vec<&str> = p.next.iter().filter(|a| a.to.is_empty()).map(|a| a.event).collect();
    if !facts.is_empty() {
        let _ = write!(
            out,
            "<p class=\"note\">Also permitted in <span class=\"mono\">{}</span> (state kept): <span class=\"mono\">{}</span>.</p>",
            esc(p.state),
            esc(&facts.join(", "))
        );
    }
    out.push_str(
        "<p class=\"note\">Next acts are the events permitted as of the report date for some actor \
         (permitted_events: state, stage gates, suspensions, blocking changes); the facts are judged when an act is applied.</p></figure>",
    );
}

fn subs(out: &mut String, p: &ProjectView) {
    let with_path: Vec<_> = p.subs.iter().filter(|s| !s.path.is_empty()).collect();
    if with_path.is_empty() {
        return;
    }
    out.push_str(
        "<h3>子流程 Sub-machines <span class=\"en\">changes, adjustments, cases</span></h3><table><colgroup><col style=\"width:26%\">\
         <col style=\"width:66%\"><col style=\"width:8%\"></colgroup><thead><tr><th>stream</th><th>path taken</th><th class=\"num\">entries</th></tr></thead><tbody>",
    );
    for s in with_path {
        let mut path = String::new();
        for (k, st) in s.path.iter().enumerate() {
            if k == 0 && st.from != crate::event::NO_STATE {
                let _ = write!(path, "<span class=\"step\"><small>&#160;</small>{}</span>", esc(st.from));
            }
            let _ = write!(
                path,
                "<span class=\"step\"><small>#{} {}</small>→ <b>{}</b></span>",
                st.seq,
                esc(st.event),
                esc(st.to)
            );
        }
        let _ = write!(
            out,
            "<tr><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&s.stream),
            path,
            s.entries
        );
    }
    out.push_str("</tbody></table>");
}

fn finding_rows(out: &mut String, r: &Report) {
    out.push_str(
        "<table class=\"findings\"><colgroup><col style=\"width:17%\"><col style=\"width:25%\"><col style=\"width:46%\">\
         <col style=\"width:12%\"></colgroup><thead><tr><th>编号 ref</th><th>条款 article</th><th>说明 finding</th>\
         <th>日期 date</th></tr></thead><tbody>",
    );
    for (k, (stream, f)) in r.findings().enumerate() {
        finding_row(out, k + 1, stream, f);
    }
    out.push_str("</tbody></table>");
}

fn finding_row(out: &mut String, k: usize, stream: &str, f: &Finding) {
    let _ = write!(
        out,
        "<tr id=\"finding-{k}\" data-code=\"{}\"><td><b class=\"mono\">{}</b><br><span class=\"muted mono\">{}</span><br>",
        esc(&f.code),
        esc(&f.reference()),
        esc(stream)
    );
    badge(out, f.kind.as_str(), kind_zh(f.kind), f.kind.as_str());
    out.push_str("</td><td>");
    citation(out, f.rule);
    let _ = write!(
        out,
        "</td><td><div>{}</div><div class=\"msg-en\">{}</div></td><td class=\"mono\">{}</td></tr>",
        esc(&f.message_zh),
        esc(&f.message_en),
        f.date
    );
}

fn rejection_rows(out: &mut String, r: &Report) {
    out.push_str(
        "<table class=\"rejections\"><colgroup><col style=\"width:17%\"><col style=\"width:25%\"><col style=\"width:58%\">\
         </colgroup><thead><tr><th>命令 command</th><th>条款 article</th><th>拒绝理由 why refused</th></tr></thead><tbody>",
    );
    for (s, rej) in r.rejections() {
        let _ = write!(
            out,
            "<tr id=\"rejection-{}\" data-event=\"{}\"><td><b class=\"mono\">#{} {}</b><br><span class=\"mono\">{}</span><br>\
             <span class=\"mono muted\">{}</span><br>",
            s.index,
            esc(&s.event),
            s.index,
            esc(&s.event),
            s.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            esc(&s.stream)
        );
        badge(out, "violation", "已拒绝", rej.kind);
        out.push_str("</td>");
        if rej.outcomes.is_empty() {
            let _ = write!(out, "<td class=\"muted\">—</td><td>{}</td></tr>", esc(&rej.message));
            continue;
        }
        out.push_str("<td>");
        let mut rules: Vec<RuleId> = Vec::new();
        for o in &rej.outcomes {
            if !rules.contains(&o.rule) {
                rules.push(o.rule);
            }
        }
        for (i, rule) in rules.iter().enumerate() {
            if i > 0 {
                out.push_str("<hr style=\"border:0;border-top:1px dotted #d0d7de;margin:3px 0\">");
            }
            citation(out, *rule);
        }
        out.push_str("</td><td>");
        for o in &rej.outcomes {
            badge(out, o.kind.as_str(), kind_zh(o.kind), o.kind.as_str());
            messages(out, o);
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table>");
}

fn deadline_rows(out: &mut String, list: &[&Deadline]) {
    out.push_str(
        "<table class=\"deadlines\"><colgroup><col style=\"width:22%\"><col style=\"width:27%\"><col style=\"width:12%\">\
         <col style=\"width:12%\"><col style=\"width:12%\"><col style=\"width:15%\"></colgroup><thead><tr><th>条款 rule</th>\
         <th>事项 duty</th><th>起算 opened</th><th>期限 due</th><th>完成 done</th><th>状态 status</th></tr></thead><tbody>",
    );
    for d in list {
        let o = &d.obligation;
        let subject = if o.subject.is_empty() { String::new() } else { format!(" <b>{}</b>", esc(&o.subject)) };
        let _ = write!(
            out,
            "<tr><td><b class=\"mono\">{}</b> {}<br><span class=\"en\">{}</span></td><td class=\"mono\">{}{}<br>\
             <span class=\"muted\">{} #{}</span></td><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>",
            esc(o.rule.as_str()),
            esc(&o.rule.article_zh()),
            esc(&o.rule.article_en()),
            esc(&o.duty),
            subject,
            esc(&d.stream),
            o.opened_seq,
            o.opened,
            o.due,
            o.closed.map(|c| c.to_string()).unwrap_or_else(|| "—".into())
        );
        badge(out, d.status.as_str(), d.status.zh(), d.status.as_str());
        if o.provisional {
            // A working-day deadline counted past the loaded State Council notices (issue 10):
            // it follows the statutory rule and may move when the year's notice is loaded.
            out.push(' ');
            badge(out, "provisional", "临时", "provisional");
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table>");
}

fn event_rows(out: &mut String, steps: &[StepView]) {
    out.push_str(
        "<table class=\"events\"><colgroup><col style=\"width:5%\"><col style=\"width:11%\"><col style=\"width:22%\">\
         <col style=\"width:22%\"><col style=\"width:26%\"><col style=\"width:14%\"></colgroup><thead><tr><th class=\"num\">#</th>\
         <th>日期 date</th><th>流程 stream · seq</th><th>事件 event</th><th>状态 from → to</th><th>结果 outcomes</th></tr></thead><tbody>",
    );
    for s in steps {
        let seq = match s.seq {
            Some(q) if q as usize != s.index => format!(" <span class=\"muted\">· {q}</span>"),
            _ => String::new(),
        };
        let _ = write!(
            out,
            "<tr><td class=\"num\">{}</td><td class=\"mono\">{}</td><td class=\"mono\">{}{seq}</td><td class=\"mono\">{}</td>",
            s.index,
            s.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            esc(&s.stream),
            esc(&s.event)
        );
        match (&s.from_to, &s.rejection) {
            (_, Some(rej)) => {
                let rules: Vec<&str> = rej.outcomes.iter().map(|o| o.rule.as_str()).collect();
                let _ = write!(
                    out,
                    "<td class=\"bad\"><b>✘ refused</b> <span class=\"muted\">{}</span></td><td class=\"mono bad\">{}</td></tr>",
                    esc(rej.kind),
                    esc(&rules.join(" "))
                );
            }
            (Some((from, to)), None) => {
                let ft = if from == to {
                    format!("<span class=\"muted\">{}</span>", esc(to))
                } else {
                    format!("{} → <b>{}</b>", esc(from), esc(to))
                };
                let outs: Vec<String> = s
                    .outcomes
                    .iter()
                    .map(|o| {
                        format!(
                            "<span class=\"{}\">{} {}</span>",
                            kind_class(o.kind),
                            esc(o.kind.as_str()),
                            esc(o.rule.as_str())
                        )
                    })
                    .collect();
                let _ = write!(out, "<td class=\"mono\">{ft}</td><td class=\"mono\">{}</td></tr>", outs.join("<br>"));
            }
            (None, None) => out.push_str("<td></td><td></td></tr>"),
        }
    }
    out.push_str("</tbody></table>");
}

fn kind_class(k: OutcomeKind) -> &'static str {
    match k {
        OutcomeKind::Violation | OutcomeKind::Finding => "bad",
        OutcomeKind::DefaultBreach | OutcomeKind::Warning => "warn",
    }
}

fn summary_chips(out: &mut String, r: &Report) {
    let accepted = r.steps.iter().filter(|s| s.rejection.is_none()).count();
    let rejected = r.steps.len() - accepted;
    let findings = r.findings().count();
    let count = |st: DeadlineStatus| r.deadlines().filter(|d| d.status == st).count();
    out.push_str("<div class=\"chips\">");
    let _ = write!(out, "<span class=\"chip\">报告日期 as of <b class=\"mono\">{}</b></span>", r.as_of);
    let _ = write!(out, "<span class=\"chip\">已受理 accepted <b>{accepted}</b></span>");
    if r.from_file {
        let cls = if rejected > 0 { "bad" } else { "ok" };
        let _ = write!(out, "<span class=\"chip {cls}\">已拒绝 rejected <b>{rejected}</b></span>");
    }
    let cls = if findings > 0 { "bad" } else { "ok" };
    let _ = write!(out, "<span class=\"chip {cls}\">发现问题 findings <b>{findings}</b></span>");
    let provisional = r.deadlines().filter(|d| d.obligation.provisional).count();
    let _ = write!(
        out,
        "<span class=\"chip\">期限 deadlines: met <b>{}</b> · late <b>{}</b> · overdue <b>{}</b> · open <b>{}</b>{}</span>",
        count(DeadlineStatus::Met),
        count(DeadlineStatus::Late),
        count(DeadlineStatus::Overdue),
        count(DeadlineStatus::Open),
        if provisional > 0 {
            format!(" · <span class=\"prov\">provisional 临时 <b>{provisional}</b></span>")
        } else {
            String::new()
        }
    );
    out.push_str("</div>");
}

/// The whole page.
pub(crate) fn page(r: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"wanzheng {}\"><title>检查报告 {}</title><style>{}{}</style></head>\
         <body><main class=\"wzr\">",
        crate::VERSION,
        esc(&r.title),
        css(),
        PAGE_CSS
    );
    let _ = write!(
        out,
        "<header><div class=\"kicker\">检查报告 · Inspection report · 宛政〔2023〕7号 / 宛政办〔2023〕12号</div><h1>{}</h1>",
        esc(&r.title)
    );
    if let Some(d) = &r.description {
        let _ = write!(out, "<p class=\"desc\">{}</p>", esc(d));
    }
    if let Some(s) = &r.source {
        let _ = write!(out, "<p class=\"note\">来源 source: <span class=\"mono\">{}</span></p>", esc(s));
    }
    summary_chips(&mut out, r);
    out.push_str("</header>");

    for (n, p) in r.projects.iter().enumerate() {
        let _ = write!(out, "<section class=\"project\" id=\"project-{}\">", n + 1);
        project_head(&mut out, p, 2);
        figures(&mut out, p);
        lifecycle(&mut out, p, n + 1);
        path_taken(&mut out, p, n + 1);
        subs(&mut out, p);
        out.push_str("</section>");
    }

    if let Some(t) = timeline_svg(r) {
        out.push_str("<section id=\"timeline\"><h2>时间线 Timeline</h2><figure>");
        out.push_str(&t);
        out.push_str(
            "<p class=\"note legend\"><span><i class=\"sw\" style=\"background:#1f6feb;border-radius:5px\"></i>event 事件</span>\
             <span><i class=\"sw\" style=\"background:#cf222e;border-radius:5px\"></i>with a finding or violation</span>\
             <span><i class=\"sw\" style=\"background:#e16f24;border-radius:5px\"></i>default breach</span>\
             <span><i class=\"sw\" style=\"background:#bf8700;border-radius:5px\"></i>warning</span>\
             <span class=\"bad\"><b>✕</b> refused 已拒绝</span><span>bars: deadline from opening to due date (| due); \
             <span class=\"ok\">green</span> met, <span class=\"bad\">red</span> late or overdue, grey dashed open; \
             a <span class=\"prov\">purple</span> due mark and ◇: provisional 临时 (counted past the loaded holiday notices)</span></p></figure></section>",
        );
    }

    let findings = r.findings().count();
    let _ = write!(
        out,
        "<section id=\"findings\"><h2>发现问题 Findings <span class=\"en\">({findings}, as of {})</span></h2>",
        r.as_of
    );
    if findings == 0 {
        out.push_str("<p class=\"ok\">无 None.</p>");
    } else {
        finding_rows(&mut out, r);
    }
    out.push_str("</section>");

    let rejected = r.rejections().count();
    let _ = write!(
        out,
        "<section id=\"rejections\"><h2>被拒绝的命令 Rejected commands <span class=\"en\">({rejected})</span></h2>"
    );
    if !r.from_file {
        out.push_str(
            "<p class=\"note\">A refused command changes nothing and is not in any log: the report of a project \
             file lists them; this report is drawn from logs.</p>",
        );
    } else if rejected == 0 {
        out.push_str("<p class=\"ok\">无 None.</p>");
    } else {
        rejection_rows(&mut out, r);
    }
    out.push_str("</section>");

    let list: Vec<&Deadline> = r.deadlines().collect();
    let _ = write!(
        out,
        "<section id=\"deadlines\"><h2>期限 Deadlines <span class=\"en\">({}, as of {})</span></h2>",
        list.len(),
        r.as_of
    );
    if list.is_empty() {
        out.push_str("<p class=\"muted\">无 None.</p>");
    } else {
        deadline_rows(&mut out, &list);
    }
    out.push_str("</section>");

    out.push_str(
        "<section id=\"chains\"><h2>哈希链 Hash chains</h2><table><colgroup><col style=\"width:22%\"><col style=\"width:9%\">\
         <col style=\"width:14%\"><col style=\"width:55%\"></colgroup><thead><tr><th>log</th><th class=\"num\">entries</th>\
         <th>last date</th><th>head (hash of the last entry)</th></tr></thead><tbody>",
    );
    for p in &r.projects {
        chain(&mut out, &p.stream, &p.chain);
    }
    for s in &r.streams {
        chain(&mut out, &s.stream, &s.chain);
    }
    out.push_str("</tbody></table>");
    if !r.streams.is_empty() {
        out.push_str("<p class=\"note\">");
        let states: Vec<String> = r
            .streams
            .iter()
            .map(|s| format!("<span class=\"mono\">{}</span>: <b class=\"mono\">{}</b>", esc(&s.stream), esc(s.state)))
            .collect();
        out.push_str(&states.join(" · "));
        out.push_str("</p>");
    }
    out.push_str("</section>");

    let _ = write!(out, "<section id=\"events\"><h2>事件 Events <span class=\"en\">({})</span></h2>", r.steps.len());
    out.push_str(if r.from_file {
        "<p class=\"note\"># is the command's position in the file; · seq its entry in its stream's log when that \
         differs (a finding <span class=\"mono\">F-…#seq</span> cites that entry).</p>"
    } else {
        "<p class=\"note\"># is the entry's seq in its stream's log (a finding <span class=\"mono\">F-…#seq</span> cites it).</p>"
    });
    event_rows(&mut out, &r.steps);
    out.push_str("</section>");
    let _ = writeln!(
        out,
        "<footer>wanzheng {} · drawn from the transition tables and logs; rule IDs and articles per RULES.md · \
         every figure is SVG, no script, no network.</footer></main></body></html>",
        crate::VERSION
    );
    out
}

/// The compact block for a notebook cell.
pub(crate) fn fragment(r: &Report) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(out, "<div class=\"wzr\"><style>{}</style>", css());
    for (n, p) in r.projects.iter().enumerate() {
        project_head(&mut out, p, 3);
        out.push_str("<div class=\"chips\">");
        for a in p.amounts.iter().filter(|a| a.value.is_some()) {
            let _ = write!(
                out,
                "<span class=\"chip\" title=\"{}\"><b class=\"mono\">{}</b> {} ¥ {}</span>",
                esc(a.en),
                esc(a.symbol),
                esc(a.zh),
                esc(&a.value.map(group).unwrap_or_default())
            );
        }
        out.push_str("</div>");
        path_taken(&mut out, p, n + 1);
    }
    summary_chips(&mut out, r);
    if r.findings().count() > 0 {
        finding_rows(&mut out, r);
    }
    if r.from_file && r.rejections().count() > 0 {
        rejection_rows(&mut out, r);
    }
    let pending: Vec<&Deadline> = r
        .deadlines()
        .filter(|d| matches!(d.status, DeadlineStatus::Overdue | DeadlineStatus::Open | DeadlineStatus::Late))
        .collect();
    if !pending.is_empty() {
        deadline_rows(&mut out, &pending);
    }
    out.push_str("<p class=\"note\">");
    let heads: Vec<String> = r
        .projects
        .iter()
        .map(|p| (&p.stream, &p.chain))
        .chain(r.streams.iter().map(|s| (&s.stream, &s.chain)))
        .map(|(s, c)| {
            format!(
                "<span class=\"mono\">{}</span> {} entries, head <span class=\"mono\">{}…</span>",
                esc(s),
                c.len,
                esc(&c.head[..16.min(c.head.len())])
            )
        })
        .collect();
    out.push_str(&heads.join(" · "));
    out.push_str("</p></div>");
    out
}
