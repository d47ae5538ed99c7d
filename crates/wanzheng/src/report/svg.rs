//! A small SVG writer for the report's figures: presentation attributes only (no CSS, no ids,
//! no scripts), so a figure is the same inline in a page, in a notebook cell or on its own.
//! Coordinates are written with one decimal: the output is deterministic.

use std::fmt::Write as _;

/// The page and figure font stack: installed fonts only (no web fonts), CJK faces first.
pub(crate) const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei',\
'PingFang SC','Hiragino Sans GB','DejaVu Sans',Arial,sans-serif";

/// Colours shared by the figures and the page.
pub(crate) mod colour {
    pub const INK: &str = "#1f2328";
    pub const MUTED: &str = "#59636e";
    pub const GRID: &str = "#d0d7de";
    pub const EDGE: &str = "#b6bec8";
    pub const PATH: &str = "#1f6feb";
    pub const VISITED: &str = "#dbeafe";
    pub const CURRENT: &str = "#fde68a";
    pub const CURRENT_STROKE: &str = "#b45309";
    pub const NEXT: &str = "#c2410c";
    pub const OK: &str = "#1a7f37";
    pub const BAD: &str = "#cf222e";
    pub const WARN: &str = "#bf8700";
    pub const PROVISIONAL: &str = "#8250df";
}

/// Escapes text for HTML and XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls other than tab and newline are not allowed in XML 1.0 text.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The estimated advance of `s` at font size `size`: CJK and full-width characters one em,
/// others 0.6 em (a sans face's average, rounded up so labels are placed with room to spare).
pub(crate) fn text_width(s: &str, size: f32) -> f32 {
    s.chars().map(|c| if wide_char(c) { 1.0 } else { 0.6 }).sum::<f32>() * size
}

fn wide_char(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// Text anchor.
#[derive(Clone, Copy)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One figure being written.
pub(crate) struct Svg {
    out: String,
}

/// A point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct P {
    pub x: f32,
    pub y: f32,
}

impl Svg {
    /// A figure `w` × `h` user units wide that scales to its container; `label` is its
    /// accessible name (`<title>`).
    pub fn new(w: f32, h: f32, label: &str) -> Svg {
        let mut out = String::with_capacity(4096);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" \
             role=\"img\" font-family=\"{}\"><title>{}</title>",
            FONT.replace('\'', "&#39;"),
            esc(label)
        );
        Svg { out }
    }

    /// A rectangle; `dash` draws the outline dashed.
    #[allow(clippy::too_many_arguments)] // the attributes of one rectangle
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, rx: f32, fill: &str, stroke: &str, sw: f32, dash: bool) {
        let _ = write!(
            self.out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"{rx:.1}\" fill=\"{fill}\" \
             stroke=\"{stroke}\" stroke-width=\"{sw:.1}\"{}/>",
            if dash { " stroke-dasharray=\"4 3\"" } else { "" }
        );
    }

    /// A circle.
    pub fn circle(&mut self, c: P, r: f32, fill: &str, stroke: &str) {
        let _ = write!(
            self.out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"{fill}\" stroke=\"{stroke}\"/>",
            c.x, c.y
        );
    }

    /// A straight line.
    pub fn line(&mut self, a: P, b: P, stroke: &str, sw: f32, dash: bool) {
        let _ = write!(
            self.out,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{stroke}\" stroke-width=\"{sw:.1}\"{}/>",
            a.x,
            a.y,
            b.x,
            b.y,
            if dash { " stroke-dasharray=\"3 3\"" } else { "" }
        );
    }

    /// A path from raw `d` data (built by the callers from numbers only).
    pub fn path(&mut self, d: &str, stroke: &str, sw: f32, dash: bool) {
        let _ = write!(
            self.out,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{sw:.1}\"{}/>",
            if dash { " stroke-dasharray=\"5 3\"" } else { "" }
        );
    }

    /// A quadratic curve from `s` through control `c` to `e`, with an arrowhead at `e`.
    pub fn arrow_curve(&mut self, (s, c, e): (P, P, P), stroke: &str, sw: f32, dash: bool, head: f32) {
        self.path(&format!("M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}", s.x, s.y, c.x, c.y, e.x, e.y), stroke, sw, dash);
        self.arrowhead(c, e, head, stroke);
    }

    /// A filled polygon.
    pub fn polygon(&mut self, pts: &[P], fill: &str) {
        let mut s = String::new();
        for p in pts {
            let _ = write!(s, "{:.1},{:.1} ", p.x, p.y);
        }
        let _ = write!(self.out, "<polygon points=\"{}\" fill=\"{fill}\"/>", s.trim_end());
    }

    /// An arrowhead at `tip` pointing away from `from`.
    pub fn arrowhead(&mut self, from: P, tip: P, size: f32, fill: &str) {
        let (dx, dy) = (tip.x - from.x, tip.y - from.y);
        let len = (dx * dx + dy * dy).sqrt().max(0.001);
        let (ux, uy) = (dx / len, dy / len);
        let base = P { x: tip.x - ux * size, y: tip.y - uy * size };
        let half = size * 0.45;
        self.polygon(
            &[
                tip,
                P { x: base.x - uy * half, y: base.y + ux * half },
                P { x: base.x + uy * half, y: base.y - ux * half },
            ],
            fill,
        );
    }

    /// Text (escaped here); `bold` for weight 600.
    #[allow(clippy::too_many_arguments)] // the attributes of one text run
    pub fn text(&mut self, x: f32, y: f32, s: &str, size: f32, fill: &str, anchor: Anchor, bold: bool) {
        let _ = write!(
            self.out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size:.1}\" fill=\"{fill}\" text-anchor=\"{}\"{}>{}</text>",
            anchor.as_str(),
            if bold { " font-weight=\"600\"" } else { "" },
            esc(s)
        );
    }

    /// A tooltip for the element group that follows until [`Svg::end_group`].
    pub fn group_with_title(&mut self, title: &str) {
        let _ = write!(self.out, "<g><title>{}</title>", esc(title));
    }

    /// Closes a group.
    pub fn end_group(&mut self) {
        self.out.push_str("</g>");
    }

    /// The figure's markup.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("a\u{1}b"), "a\u{fffd}b");
        assert_eq!(esc("南阳\n"), "南阳\n");
    }

    #[test]
    fn text_in_a_figure_is_escaped() {
        let mut s = Svg::new(10.0, 10.0, "<t>");
        s.text(0.0, 0.0, "</text><script>", 10.0, colour::INK, Anchor::Start, false);
        let out = s.finish();
        assert!(!out.contains("<script>") && !out.contains("<t>"), "{out}");
        assert!(out.starts_with("<svg ") && out.ends_with("</svg>"));
    }

    #[test]
    fn widths_count_cjk_as_one_em() {
        assert_eq!(text_width("ab", 10.0), 12.0);
        assert_eq!(text_width("南阳", 10.0), 20.0);
    }
}
