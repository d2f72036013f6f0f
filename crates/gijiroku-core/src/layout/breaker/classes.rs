//! Per-grapheme facts the breaker needs: width, space/tab, kinsoku sets, and whether a break is
//! allowed before the grapheme (UAX #14 plus the Japanese tailorings of wrapping.md §5.3).
//!
//! Opportunities are computed in one forward pass with at most two graphemes of look-back, so the
//! breaker can stream over a paragraph of any length.

use std::iter::Peekable;

use super::cells::{Segments, segments};
use unicode_linebreak::{BreakClass, BreakOpportunity, break_property, linebreaks};

use crate::width::{AmbiguousWidth, grapheme_width};

const SPACE: u8 = 1 << 0;
const TAB: u8 = 1 << 1;
const NO_START: u8 = 1 << 2;
const NO_END: u8 = 1 << 3;
const BREAK_BEFORE: u8 = 1 << 4;
const INDENT: u8 = 1 << 5;
const VISIBLE: u8 = 1 << 6;

/// One grapheme cluster of the paragraph being broken.
#[derive(Clone, Copy, Debug)]
pub(super) struct Grapheme {
    pub start: usize,
    pub end: usize,
    /// Width from `grapheme_width`; a tab's real width depends on its column.
    width: u8,
    flags: u8,
    /// Members of `……`, `‥‥`, `——`, `――`, `──` carry a kind; two equal kinds side by side must not
    /// be split.
    inseparable: u8,
}

impl Grapheme {
    pub fn width(&self) -> usize {
        usize::from(self.width)
    }
    /// U+0020 or U+3000: hangs past the edge and is dropped at a break.
    pub fn is_space(&self) -> bool {
        self.flags & SPACE != 0
    }
    pub(crate) fn is_tab(&self) -> bool {
        self.flags & TAB != 0
    }
    /// A space before any visible text of the paragraph: an indent, which is content.
    pub(crate) fn is_indent(&self) -> bool {
        self.flags & INDENT != 0
    }
    /// Takes at least one column (a tab counts) and is not a space: what a reader sees at a row
    /// edge, so what kinsoku is judged on.
    pub(crate) fn is_mark(&self) -> bool {
        self.flags & (VISIBLE | SPACE) == VISIBLE
    }
    pub(crate) fn no_start(&self) -> bool {
        self.flags & NO_START != 0
    }
    pub(crate) fn no_end(&self) -> bool {
        self.flags & NO_END != 0
    }
    pub(crate) fn break_before(&self) -> bool {
        self.flags & BREAK_BEFORE != 0
    }
}

/// Whether a row may end with `before` and the next start with `after`, `adjacent` meaning
/// nothing (no dropped space) lies between them.
pub(super) fn may_separate(before: &Grapheme, after: &Grapheme, adjacent: bool) -> bool {
    let splits_pair = adjacent && before.inseparable != 0 && before.inseparable == after.inseparable;
    !(before.no_end() || after.no_start() || splits_pair)
}

/// Line-start prohibited (JLREQ cl-02..cl-07, cl-09..cl-11 and the halfwidth forms, which share
/// these classes), plus hyphens, the Windows wave dash and closing quotes that UAX #14 files
/// elsewhere. Used to filter opportunities and to judge emergency splits.
pub fn is_line_start_prohibited(c: char) -> bool {
    no_start(c, break_property(u32::from(c)))
}

/// Line-end prohibited: opening brackets (JLREQ cl-01) and opening quotes.
pub fn is_line_end_prohibited(c: char) -> bool {
    no_end(c, break_property(u32::from(c)))
}

fn no_start(c: char, class: BreakClass) -> bool {
    use BreakClass::*;
    matches!(
        class,
        ClosePunctuation
            | CloseParenthesis
            | Exclamation
            | InfixSeparator
            | NonStarter
            | ConditionalJapaneseStarter
            | Inseparable
    ) || matches!(c, '‐' | '–' | '～' | '’' | '”' | '»')
}

fn no_end(c: char, class: BreakClass) -> bool {
    class == BreakClass::OpenPunctuation || matches!(c, '‘' | '“' | '«')
}

fn inseparable_kind(c: char) -> u8 {
    match c {
        '…' => 1,
        '‥' => 2,
        '—' => 3,
        '―' => 4,
        '─' => 5,
        _ => 0,
    }
}

fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// The little we remember about a previous grapheme for the tailorings.
#[derive(Clone, Copy)]
struct Seen {
    index: usize,
    first: char,
    class: BreakClass,
    grapheme: Grapheme,
}

/// Iterator over the graphemes of a paragraph with their facts and tailored opportunities.
pub(super) struct Classifier<'a, B: Iterator<Item = (usize, BreakOpportunity)>> {
    text: &'a str,
    ambiguous: AmbiguousWidth,
    graphemes: Segments<'a>,
    breaks: Peekable<B>,
    index: usize,
    prev: Option<Seen>,
    prev2: Option<Seen>,
    /// The last grapheme that is a visible non-space, for line-end kinsoku across spaces.
    last_mark: Option<Seen>,
}

pub(super) fn classify(
    text: &str,
    ambiguous: AmbiguousWidth,
) -> Classifier<'_, impl Iterator<Item = (usize, BreakOpportunity)> + '_> {
    Classifier {
        text,
        ambiguous,
        graphemes: segments(text),
        breaks: linebreaks(text).peekable(),
        index: 0,
        prev: None,
        prev2: None,
        last_mark: None,
    }
}

impl<B: Iterator<Item = (usize, BreakOpportunity)>> Classifier<'_, B> {
    /// Whether the grapheme is two columns in East Asian terms, whatever the ambiguous setting:
    /// the quote tailoring must not change with the terminal.
    fn east_asian_wide(&self, g: &Grapheme) -> bool {
        let s = self.text.get(g.start..g.end).unwrap_or("");
        grapheme_width(s, AmbiguousWidth::Narrow) == 2
    }

    /// UAX #14 says a break is allowed at `offset` (mandatory breaks inside a paragraph are only
    /// opportunities here: the caller has already split paragraphs).
    fn uax14_allows(&mut self, offset: usize) -> bool {
        while let Some(&(at, _)) = self.breaks.peek() {
            if at >= offset {
                return at == offset;
            }
            self.breaks.next();
        }
        false
    }

    /// The tailored opportunity before `g` (wrapping.md §5.3), before the kinsoku filter.
    fn tailored(&mut self, g: &Grapheme, first: char, class: BreakClass) -> bool {
        let uax = self.uax14_allows(g.start);
        let Some(prev) = self.prev else {
            return false;
        };
        // T1: the Windows wave dash behaves like 〜 (NS).
        if first == '～' {
            return false;
        }
        // T2: fullwidth numbers hold together like ASCII ones, separators included.
        if is_fullwidth_digit(first) {
            if is_fullwidth_digit(prev.first) {
                return false;
            }
            if matches!(prev.first, '．' | '，' | '：') && self.prev2.is_some_and(|p| is_fullwidth_digit(p.first)) {
                return false;
            }
        }
        // T3: UAX #14 LB25 glues CL×PR (meant for `)$`), which makes `、$100、¥1,000` one run.
        if class == BreakClass::Prefix && prev.class == BreakClass::ClosePunctuation {
            return true;
        }
        // T4: “ ” behave like 「」 next to wide text; the apostrophe in don’t is untouched.
        if matches!(first, '“' | '‘')
            && prev.class != BreakClass::OpenPunctuation
            && self.east_asian_wide(&prev.grapheme)
        {
            return true;
        }
        if matches!(prev.first, '”' | '’') && !g.no_start() && self.east_asian_wide(g) {
            return true;
        }
        uax
    }
}

impl<B: Iterator<Item = (usize, BreakOpportunity)>> Iterator for Classifier<'_, B> {
    type Item = Grapheme;

    fn next(&mut self) -> Option<Grapheme> {
        let (start, s) = self.graphemes.next()?;
        let first = s.chars().next().unwrap_or('\0');
        let class = break_property(u32::from(first));
        let width = grapheme_width(s, self.ambiguous);
        let mut flags = 0;
        if s == " " || s == "\u{3000}" {
            flags |= SPACE;
            if self.last_mark.is_none() {
                flags |= INDENT;
            }
        }
        if s == "\t" {
            flags |= TAB;
        }
        if width > 0 || flags & TAB != 0 {
            flags |= VISIBLE;
        }
        if no_start(first, class) {
            flags |= NO_START;
        }
        if no_end(first, class) {
            flags |= NO_END;
        }
        let mut g = Grapheme {
            start,
            end: start + s.len(),
            // grapheme_width is at most 2.
            width: u8::try_from(width).unwrap_or(2),
            flags,
            inseparable: inseparable_kind(first),
        };

        let tailored = self.tailored(&g, first, class);
        // Kinsoku filter: never break before a space (spaces belong to the row they follow) or an
        // invisible grapheme, before a line-start-prohibited one, after a line-end-prohibited one
        // (looking through spaces), or inside …… and ――. UAX #14 already forbids nearly all of
        // these; the filter catches what follows hard breaks and spaces, and the tailorings.
        let allowed = tailored
            && g.is_mark()
            && !g.no_start()
            && self.last_mark.is_none_or(|p| may_separate(&p.grapheme, &g, p.index + 1 == self.index));
        if allowed {
            g.flags |= BREAK_BEFORE;
        }

        let seen = Seen { index: self.index, first, class, grapheme: g };
        if g.is_mark() {
            self.last_mark = Some(seen);
        }
        self.prev2 = self.prev.replace(seen);
        self.index += 1;
        Some(g)
    }
}
