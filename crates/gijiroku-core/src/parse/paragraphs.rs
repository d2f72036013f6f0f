//! Paragraph assembly with PDF repair: hard-wrapped lines joined into their paragraph,
//! paragraphs split at a page end joined again, page footers dropped.
//!
//! The assembler sees only the lines of one turn (or one header section), so it can never
//! join across a speaker line, heading or stage direction: the parsers end the turn first.

use unicode_width::UnicodeWidthStr;

use crate::meeting::{Diagnostic, DiagnosticKind, Severity};
use crate::parse::lines::{ends_sentence, is_page_footer, leading_number};

/// A paragraph cut at a page end is joined only if it had this many characters: short lines
/// without a full stop (`【資料1】に基づき説明`, `以上です`) are complete on their own.
const MIN_SPLIT_PARAGRAPH_CHARS: usize = 20;

/// Builds the paragraphs of one turn from its lines.
#[derive(Debug)]
pub struct ParagraphAssembler {
    paragraphs: Vec<String>,
    current: String,
    last_line_width: usize,
    separation: Separation,
    wrap_width: Option<usize>,
    /// Whether paragraphs split by a blank line or a page break may be joined (only in text
    /// that shows PDF damage; see [`shows_pdf_damage`]).
    repair_pages: bool,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Separation {
    /// The next line follows the previous one directly.
    Adjacent,
    /// Blank lines came between.
    Blank,
    /// A page footer or form feed came between.
    Page,
}

impl ParagraphAssembler {
    /// `wrap_width` is the column at which the source was hard-wrapped, if it was
    /// (see [`estimate_wrap_width`]).
    pub fn new(wrap_width: Option<usize>) -> Self {
        ParagraphAssembler {
            paragraphs: Vec::new(),
            current: String::new(),
            last_line_width: 0,
            separation: Separation::Adjacent,
            wrap_width,
            repair_pages: true,
            diagnostics: Vec::new(),
        }
    }

    /// Turns the joining of page-split paragraphs on or off.
    pub(crate) fn with_page_repair(mut self, repair: bool) -> Self {
        self.repair_pages = repair;
        self
    }

    /// Adds a block shown as written (code): a paragraph of its own whose lines keep their
    /// breaks (`\n`), never joined with the text around it.
    pub fn verbatim(&mut self, text: &str) {
        if !self.current.is_empty() {
            self.paragraphs.push(std::mem::take(&mut self.current));
        }
        self.paragraphs.push(text.to_owned());
        self.separation = Separation::Blank;
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty() && self.current.is_empty()
    }

    pub fn blank(&mut self) {
        if self.separation == Separation::Adjacent {
            self.separation = Separation::Blank;
        }
    }

    pub(crate) fn page_break(&mut self) {
        self.separation = Separation::Page;
    }

    /// Adds one source line (`number` is 1-based).
    pub fn line(&mut self, number: usize, text: &str) {
        let text = text.trim_end();
        if text.trim().is_empty() {
            self.blank();
            return;
        }
        // Only hard-wrapped sources need line widths (measuring every line is a parse hot spot).
        let width = if self.wrap_width.is_some() { text.width() } else { 0 };
        if self.current.is_empty() {
            self.current.push_str(text);
        } else if self.should_join(text) {
            if self.separation != Separation::Adjacent {
                self.diagnostics.push(Diagnostic::new(
                    Severity::Info,
                    DiagnosticKind::PageBreakJoined,
                    Some(number),
                    "paragraph split at a page end joined with its continuation",
                ));
            }
            join_into(&mut self.current, text.trim_start());
        } else {
            self.paragraphs.push(std::mem::take(&mut self.current));
            self.current.push_str(text);
        }
        self.last_line_width = width;
        self.separation = Separation::Adjacent;
    }

    fn should_join(&self, next: &str) -> bool {
        if starts_new_item(next) {
            return false;
        }
        let open = !ends_sentence(&self.current);
        match self.separation {
            Separation::Adjacent => {
                if next.starts_with('\u{3000}') || next.starts_with("  ") {
                    return false;
                }
                let wrapped_at_margin = self.wrap_width.is_some_and(|w| self.last_line_width + 2 >= w);
                open || wrapped_at_margin
            }
            Separation::Blank | Separation::Page if !self.repair_pages => false,
            Separation::Blank | Separation::Page => {
                // `nth` rather than `count`: a paragraph joined many times must not be counted
                // again on every join.
                open && self.current.chars().nth(MIN_SPLIT_PARAGRAPH_CHARS - 1).is_some()
            }
        }
    }

    /// The paragraphs and the repairs made.
    pub fn finish(mut self) -> (Vec<String>, Vec<Diagnostic>) {
        if !self.current.is_empty() {
            self.paragraphs.push(self.current);
        }
        (self.paragraphs, self.diagnostics)
    }
}

/// Appends a continuation line; Latin words cut at a line end get their space back.
fn join_into(paragraph: &mut String, continuation: &str) {
    let prev = paragraph.chars().last();
    let next = continuation.chars().next();
    if let (Some(p), Some(n)) = (prev, next)
        && p.is_ascii_alphanumeric()
        && n.is_ascii_alphanumeric()
    {
        paragraph.push(' ');
    }
    paragraph.push_str(continuation);
}

/// Bullets and numbered items start a paragraph of their own.
fn starts_new_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['・', '●', '○', '◯', '■', '□', '◆', '◇', '※', '-', '*', '＊', '•', '【', '〔', '「'])
        // `1.`, `（2）`, `①`, `一、` start items; a bare number (`９月の…`, `１０日に…`, full-width
        // or not) is a hard-wrapped line that happens to start with a date.
        || leading_number(t).is_some_and(|(_, label, _)| !label.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)))
}

/// Lines of text between CJK and Latin or digits with a space inserted (`令和 6 年`, `DX の`) that
/// make a file look extracted from a PDF.
const PDF_SPACING_LINES: usize = 3;

/// Whether the text shows the damage PDF extraction does: a page footer (`－4－`, `<PAGE="2">`),
/// a form feed, spaces inserted between Japanese and Latin or digits on several lines, or lines
/// hard-wrapped at one width (`wrap_width`, from [`estimate_wrap_width`]). Paragraphs split by a blank line are joined only in such text:
/// in Markdown or text copied from web pages a blank line is a paragraph break, whatever the
/// paragraph ends with.
pub(crate) fn shows_pdf_damage(lines: &[&str], wrap_width: Option<usize>) -> bool {
    if wrap_width.is_some() {
        return true;
    }
    let mut spaced = 0usize;
    for (index, line) in lines.iter().take(WRAP_SAMPLE_LINES * 2).enumerate() {
        if line.contains('\u{c}') || is_page_footer(line) {
            return true;
        }
        // Inserted spaces show on every page: the first pages are enough to see them.
        if index < WRAP_SAMPLE_LINES / 2 && !line.is_ascii() && has_inserted_space(line) {
            spaced += 1;
            if spaced >= PDF_SPACING_LINES {
                return true;
            }
        }
    }
    false
}

/// `令和 6 年`, `DX の`: a space between a CJK character and an ASCII letter or digit.
fn has_inserted_space(line: &str) -> bool {
    let cjk = |c: char| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}');
    let mut previous: [Option<char>; 2] = [None, None];
    for c in line.chars() {
        if let [Some(a), Some(' ')] = previous
            && ((cjk(a) && c.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && cjk(c)))
        {
            return true;
        }
        previous = [previous[1], Some(c)];
    }
    false
}

/// Lines sampled to find the wrap width: a hard-wrapped source shows it on every page.
const WRAP_SAMPLE_LINES: usize = 2000;

/// The column where the source was hard-wrapped: the most common long-line width when many
/// lines end within two columns of it. Returns `None` for sources with one line per paragraph.
pub(crate) fn estimate_wrap_width<'a>(lines: impl Iterator<Item = &'a str>) -> Option<usize> {
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut total = 0usize;
    for line in lines.take(WRAP_SAMPLE_LINES) {
        let width = line.trim_end().width();
        if width >= 20 {
            total += 1;
            *counts.entry(width).or_default() += 1;
        }
    }
    let (&width, _) = counts.iter().max_by_key(|&(&w, &n)| (n, w))?;
    let near: usize = counts.iter().filter(|&(&w, _)| w + 2 >= width && w <= width).map(|(_, &n)| n).sum();
    (total >= 5 && near * 10 >= total * 4).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assemble(lines: &[&str], wrap: Option<usize>) -> (Vec<String>, usize) {
        let mut a = ParagraphAssembler::new(wrap);
        for (i, line) in lines.iter().enumerate() {
            if *line == "<PAGE>" {
                a.page_break();
            } else {
                a.line(i + 1, line);
            }
        }
        let (paragraphs, diagnostics) = a.finish();
        (paragraphs, diagnostics.len())
    }

    #[test]
    fn page_split_paragraph_is_joined() {
        let (p, joins) = assemble(
            &["委員会で出た意見を整理したうえで、次回までに具体的な案をおそ", "", "らく三つほど示すことになると思う。"],
            None,
        );
        assert_eq!(
            p,
            ["委員会で出た意見を整理したうえで、次回までに具体的な案をおそらく三つほど示すことになると思う。"]
        );
        assert_eq!(joins, 1);
    }

    #[test]
    fn page_footer_between_halves_still_joins() {
        let (p, joins) = assemble(
            &["図書館の開館時間を延ばすという案について、利用者の声を", "<PAGE>", "聞いたうえで判断したい。"],
            None,
        );
        assert_eq!(p.len(), 1);
        assert_eq!(joins, 1);
    }

    /// Regression: Markdown paragraphs ending without a full stop were joined with the next one
    /// as if a PDF page had split them.
    #[test]
    fn without_pdf_damage_a_blank_line_always_ends_a_paragraph() {
        let mut a = ParagraphAssembler::new(None).with_page_repair(false);
        a.line(1, "Older meeting notes (note that the numbers");
        a.blank();
        a.line(3, "don't line up with the current ones)");
        let (p, d) = a.finish();
        assert_eq!((p.len(), d.len()), (2, 0));
    }

    #[test]
    fn pdf_damage_is_seen_in_footers_and_spacing_only() {
        assert!(shows_pdf_damage(&["本文", "－4－", "続き"], None));
        assert!(shows_pdf_damage(&["令和 6 年度の", "DX の推進", "2 本の柱"], None));
        assert!(!shows_pdf_damage(&["# Notes", "", "- a point", "Ann: yes"], None));
        assert!(!shows_pdf_damage(&["令和6年度の予算", "DXの推進"], None));
        assert!(shows_pdf_damage(&["令和6年度の予算"], Some(40)));
    }

    #[test]
    fn verbatim_blocks_keep_their_lines() {
        let mut a = ParagraphAssembler::new(None);
        a.line(1, "Consider this:");
        a.verbatim("fn f() {\n    g();\n}");
        a.line(5, "which compiles");
        let (p, _) = a.finish();
        assert_eq!(p, ["Consider this:", "fn f() {\n    g();\n}", "which compiles"]);
    }

    #[test]
    fn complete_paragraphs_stay_apart() {
        let (p, joins) = assemble(
            &["最初の段落である。", "", "次の段落である。", "", "【資料2】に基づき説明", "", "以上です"],
            None,
        );
        assert_eq!(p.len(), 4);
        assert_eq!(joins, 0);
    }

    #[test]
    fn hard_wrapped_lines_join_and_indent_starts_a_paragraph() {
        let lines = ["　本日の会議では番号の利", "用等について審議します。", "　次の段落です。"];
        let (p, _) = assemble(&lines, None);
        assert_eq!(p, ["　本日の会議では番号の利用等について審議します。", "　次の段落です。"]);
    }

    #[test]
    fn a_wrapped_line_starting_with_a_date_joins() {
        let (p, _) = assemble(&["　１点目の避難所開設につきましては、", "９月の大雨の際、職員の参集が遅れた。"], None);
        assert_eq!(p, ["　１点目の避難所開設につきましては、９月の大雨の際、職員の参集が遅れた。"]);
        let (p, _) = assemble(&["次の項目です。", "1. 予算について"], None);
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn latin_words_cut_at_line_end_get_a_space() {
        let (p, _) = assemble(&["The committee will review the", "budget next week."], None);
        assert_eq!(p, ["The committee will review the budget next week."]);
    }

    #[test]
    fn wrap_width_is_found_for_hard_wrapped_text() {
        let lines = ["あいうえおかきくけこさしすせそたちつてと"; 8];
        assert_eq!(estimate_wrap_width(lines.iter().copied()), Some(40));
        let varied = ["短い。", "これは少し長めの一行の段落になっている文章です。", "中くらいの長さの文。"];
        assert_eq!(estimate_wrap_width(varied.iter().copied()), None);
    }
}
