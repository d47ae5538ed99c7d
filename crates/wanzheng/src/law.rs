//! The regulations' own words: the public texts of 宛政〔2023〕7号 and 宛政办〔2023〕12号,
//! compiled in (`data/regulations/*.txt`, also at `docs/regulations/`) and split by article
//! (第X条), so an explanation can show the article beside the rule that rests on it.
//!
//! The texts are kept as published (the notice's heading, chapter headings, the spacing of the
//! original); an article runs from its `第X条` line to the line before the next article or
//! chapter heading.

use std::sync::OnceLock;

use crate::rule::{Regulation, article_zh};

/// 南阳市政府投资项目管理实施办法 (宛政〔2023〕7号), as published.
pub const INVESTMENT_TEXT: &str = include_str!("../data/regulations/wanzheng-2023-7.txt");
/// 南阳市数字政府和新型智慧城市项目建设管理暂行办法 (宛政办〔2023〕12号), as published.
pub const DIGITAL_TEXT: &str = include_str!("../data/regulations/wanzhengban-2023-12.txt");

/// The whole published text of a regulation.
pub const fn text(regulation: Regulation) -> &'static str {
    match regulation {
        Regulation::Investment => INVESTMENT_TEXT,
        Regulation::Digital => DIGITAL_TEXT,
    }
}

/// Whether a line is a chapter heading (`第一章总则`).
fn is_chapter_heading(line: &str) -> bool {
    line.strip_prefix('第')
        .and_then(|rest| rest.split_once('章'))
        .is_some_and(|(num, _)| !num.is_empty() && num.chars().all(|c| "一二三四五六七八九十".contains(c)))
}

/// Splits a text into its articles, in order: element `n - 1` is 第n条. Articles are found in
/// sequence (第一条, 第二条, …) at the start of a line, so a reference to another article inside
/// a sentence never starts one.
fn split(text: &'static str) -> Vec<&'static str> {
    let mut articles: Vec<&'static str> = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let next = u8::try_from(articles.len() + usize::from(start.is_some()) + 1).unwrap_or(u8::MAX);
        if line.starts_with(&article_zh(next)) {
            if let Some(s) = start {
                articles.push(text[s..end].trim_end());
            }
            start = Some(at);
            end = offset;
        } else if is_chapter_heading(line.trim()) {
            if let Some(s) = start.take() {
                articles.push(text[s..end].trim_end());
            }
        } else if start.is_some() {
            end = offset;
        }
    }
    if let Some(s) = start {
        articles.push(text[s..end].trim_end());
    }
    articles
}

fn articles(regulation: Regulation) -> &'static [&'static str] {
    static INV: OnceLock<Vec<&'static str>> = OnceLock::new();
    static DIG: OnceLock<Vec<&'static str>> = OnceLock::new();
    let cell = match regulation {
        Regulation::Investment => &INV,
        Regulation::Digital => &DIG,
    };
    cell.get_or_init(|| split(text(regulation)))
}

/// The text of article `article` (第X条) of a regulation, as published, starting with `第X条`;
/// `None` for an article the regulation does not have.
///
/// # Example
/// ```
/// use wanzheng::rule::Regulation;
/// let a = wanzheng::law::article_text(Regulation::Investment, 48).unwrap();
/// assert!(a.starts_with("第四十八条因变更原因造成超投资概算的"));
/// assert!(a.contains("超投资概算幅度未超 10% 以上项目"));
/// assert!(wanzheng::law::article_text(Regulation::Investment, 61).is_none());
/// ```
pub fn article_text(regulation: Regulation, article: u8) -> Option<&'static str> {
    usize::from(article).checked_sub(1).and_then(|i| articles(regulation).get(i)).copied()
}

/// The number of articles of a regulation's text.
pub fn article_count(regulation: Regulation) -> usize {
    articles(regulation).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    #[test]
    fn both_texts_split_into_every_article_in_order() {
        assert_eq!(article_count(Regulation::Investment), 60);
        assert_eq!(article_count(Regulation::Digital), 32);
        for reg in [Regulation::Investment, Regulation::Digital] {
            for (i, a) in articles(reg).iter().enumerate() {
                let n = u8::try_from(i + 1).unwrap();
                assert!(a.starts_with(&article_zh(n)), "{reg:?} {n}: {a}");
                assert!(!a.contains("章总则") && !a.ends_with('\n'), "{reg:?} {n}");
                // No article swallows the next one.
                assert!(!a.contains(&format!("\n{}", article_zh(n + 1))), "{reg:?} {n}");
            }
        }
    }

    /// Source: INV-48.3 — the article's own words, item (三) included; a chapter heading after
    /// the last article of a chapter is not part of it.
    #[test]
    fn article_48_in_full_and_chapter_headings_left_out() {
        let a = article_text(Regulation::Investment, 48).unwrap();
        assert!(a.contains("（一）变更增加投资不超出已核定投资概算的"), "{a}");
        assert!(a.contains("（三）超投资概算幅度未超 10% 以上项目"), "{a}");
        assert!(!a.contains("第四十九条"));
        let end_of_chapter = article_text(Regulation::Investment, 58).unwrap();
        assert!(!end_of_chapter.contains("第八章"), "{end_of_chapter}");
        assert_eq!(
            article_text(Regulation::Investment, 60),
            Some("第六十条本办法自 2023 年 6 月 1 日起施行。本办法施行过程中，国家和省出台新规定的，从其规定。")
        );
        assert!(article_text(Regulation::Digital, 32).unwrap().starts_with("第三十二条本办法自发布之日起实施"));
        assert_eq!(article_text(Regulation::Digital, 0), None);
        assert_eq!(article_text(Regulation::Digital, 33), None);
    }

    #[test]
    fn every_rule_of_the_catalogue_has_its_article_text() {
        for id in RuleId::all() {
            let a = article_text(id.regulation(), id.article());
            assert!(a.is_some_and(|t| t.starts_with(&id.article_zh())), "{id}");
        }
    }
}
