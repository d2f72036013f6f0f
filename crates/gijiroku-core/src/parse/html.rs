//! HTML pages of minutes: the text taken out of the markup, block by block.
//!
//! A WHATWG tokenizer (html5gum) reads the page; no tree is built, so tag soup, unclosed tags and
//! 10,000 nested `<div>`s cost a bounded stack of open blocks, never recursion. Block elements,
//! `<br>`, `<p>`, `<div>`, `<tr>` end lines; `<pre>` keeps its lines; inline markup (search-hit
//! `<span>`s, `<font>`, `<b>`) never splits a word; entities are decoded by the tokenizer;
//! `<script>`, `<style>`, navigation and form chrome are dropped. Each block keeps its class and
//! a leading `<cite>`, which is how pages that name speakers in their markup are recognised
//! ([`scribe`], [`speaker_blocks`]).

pub mod scribe;
pub mod speaker_blocks;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

/// Blocks deeper than this are flattened into their ancestor (tag soup that never closes).
const MAX_OPEN_BLOCKS: usize = 512;

/// Characters of an attribute kept (a class, a charset); a 50 MB attribute is cut here.
const MAX_ATTRIBUTE_CHARS: usize = 256;

/// The text of a page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The `<title>`, whitespace collapsed.
    pub title: Option<String>,
    /// The charset the page declares (`<meta charset>`, `Content-Type`), lower-cased.
    pub declared_charset: Option<String>,
    pub blocks: Vec<Block>,
}

/// One block of text: a paragraph, a table row, a list item, a `<pre>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// Lines of the block (a `<br>` or a newline in `<pre>` starts a new one), trimmed of ASCII
    /// spaces but not of U+3000, which indents Japanese paragraphs.
    pub lines: Vec<String>,
    /// The element that opened the block (`p`, `div`, `h3`, `pre`…).
    pub tag: String,
    /// Its class attribute, or the nearest enclosing block's.
    pub class: String,
    /// The text of a `<cite>` that opens the block (`NW:` in scribe minutes).
    pub cite: Option<String>,
    /// Source line of the block's first text (1-based).
    pub line: usize,
}

impl Block {
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// `h1`…`h6` → 1…6.
    pub(crate) fn heading_level(&self) -> Option<u8> {
        let mut chars = self.tag.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some('h'), Some(d @ '1'..='6'), None) => Some(d as u8 - b'0'),
            _ => None,
        }
    }

    pub(crate) fn has_class(&self, word: &str) -> bool {
        self.class.split_ascii_whitespace().any(|c| c.eq_ignore_ascii_case(word))
    }
}

/// Elements whose content is never minutes text.
fn is_dropped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "form"
            | "select"
            | "button"
            | "textarea"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "head"
            | "footer"
            | "aside"
    )
}

/// Site furniture named by class or id (`<div id="footer">`, `<ul class="breadcrumb">`): dropped
/// like `<nav>`. Only words that never name minutes text; `header` is not one of them (pages
/// put the meeting's title there).
fn is_chrome(names: &str) -> bool {
    names.split(|c: char| c.is_ascii_whitespace() || c == '_' || c == '-').any(|word| {
        let w = word.to_ascii_lowercase();
        matches!(
            w.as_str(),
            "footer"
                | "nav"
                | "navi"
                | "navigation"
                | "gnav"
                | "menu"
                | "breadcrumb"
                | "breadcrumbs"
                | "sidebar"
                | "pagetop"
                | "skip"
                | "copyright"
        )
    })
}

/// Elements that start and end a block of text.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "tr"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "blockquote"
            | "dd"
            | "dt"
            | "dl"
            | "ul"
            | "ol"
            | "table"
            | "thead"
            | "tbody"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "hr"
            | "body"
            | "html"
            | "caption"
            | "figure"
            | "figcaption"
            | "address"
            | "center"
            | "fieldset"
            | "details"
            | "summary"
    )
}

/// Elements with no end tag.
fn is_void(tag: &str) -> bool {
    matches!(tag, "br" | "hr" | "img" | "input" | "meta" | "link" | "wbr" | "area" | "base" | "col" | "source")
}

/// Whether the text is an HTML page: judged on its head only, so a library scan stays cheap.
/// A page starts with a doctype, `<html`, `<head`, `<body` or `<pre>`, or its head is dense
/// with tags that minutes text never holds.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head = head_of(text, 8 * 1024);
    let start = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let lower_start: String = start.chars().take(16).flat_map(char::to_lowercase).collect();
    if ["<!doctype html", "<html", "<head", "<body", "<pre", "<?xml", "<!--"].iter().any(|p| lower_start.starts_with(p))
        && (lower_start.starts_with("<!doctype") || lower_start.starts_with("<html") || has_html_tags(head, 3))
    {
        return true;
    }
    has_html_tags(head, 12) && tag_density(head) > 0.02
}

/// The charset a page declares in its head (`<meta charset="…">`, `content="…; charset=…"`),
/// lower-cased; found without reading the whole page.
pub(crate) fn declared_charset(text: &str) -> Option<String> {
    let head = head_of(text, 8 * 1024).to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = head[from..].find("charset=").map(|a| from + a) {
        from = at + 8;
        let inside_meta = head[..at].rfind('<').is_some_and(|open| head[open..].starts_with("<meta"));
        let value: String = head[from..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        if inside_meta && !value.is_empty() {
            return Some(value);
        }
    }
    None
}

/// Whether a field's text (a JSON `body`) holds HTML markup.
pub(crate) fn looks_like_fragment(text: &str) -> bool {
    has_html_tags(head_of(text, 4096), 1)
}

fn head_of(text: &str, max: usize) -> &str {
    let mut cut = text.len().min(max);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// Known HTML tags (open or close) in the text, at least `needed` of them.
fn has_html_tags(head: &str, needed: usize) -> bool {
    const TAGS: &[&str] = &[
        "p", "div", "br", "span", "a", "h1", "h2", "h3", "h4", "li", "ul", "ol", "table", "tr", "td", "pre", "body",
        "html", "head", "title", "meta", "font", "b", "cite", "dl", "dt", "dd", "hr", "script", "style", "link",
    ];
    let bytes = head.as_bytes();
    let mut found = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let after = rest.get(name_len).copied();
        if name_len > 0
            && matches!(after, Some(b'>' | b' ' | b'/' | b'\n' | b'\t' | b'\r'))
            && TAGS.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(&rest[..name_len]))
        {
            found += 1;
            if found >= needed {
                return true;
            }
        }
    }
    false
}

/// Share of the head's bytes that sit inside `<…>`.
fn tag_density(head: &str) -> f64 {
    let mut inside = 0usize;
    let mut depth = false;
    for b in head.bytes() {
        match b {
            b'<' => depth = true,
            b'>' => depth = false,
            _ if depth => inside += 1,
            _ => {}
        }
    }
    inside as f64 / head.len().max(1) as f64
}

/// Newline offsets, for turning a byte offset into a 1-based line.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        LineIndex(memchr::memchr_iter(b'\n', text.as_bytes()).collect())
    }

    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

/// An element whose end closes the block it opened.
struct Open {
    tag: String,
    class: String,
}

/// Collects blocks while the tokens stream by.
struct Extractor {
    index: LineIndex,
    page: Page,
    open: Vec<Open>,
    current: Block,
    /// The line being filled (whitespace collapsed outside `<pre>`).
    line: String,
    pending_space: bool,
    /// Elements being skipped, each with how many elements of its name opened inside it.
    dropped: Vec<(String, usize)>,
    pre_depth: usize,
    in_title: bool,
    title: String,
    in_cite: bool,
    cite: String,
}

/// A start tag being read: its name and the attributes the extractor looks at.
#[derive(Default)]
struct OpenTag {
    name: String,
    start: usize,
    /// The attribute whose value comes next, if it is one of those kept.
    attribute: Option<Kept>,
    class: String,
    id: String,
    charset: String,
    content: String,
}

#[derive(Clone, Copy)]
enum Kept {
    Class,
    Id,
    Charset,
    Content,
}

/// Reads a page's text. Never fails: whatever the tokenizer recovers is kept.
pub fn extract(text: &str) -> Page {
    let mut x = Extractor {
        index: LineIndex::new(text),
        page: Page::default(),
        open: Vec::new(),
        current: Block::default(),
        line: String::new(),
        pending_space: false,
        dropped: Vec::new(),
        pre_depth: 0,
        in_title: false,
        title: String::new(),
        in_cite: false,
        cite: String::new(),
    };
    let mut tag = OpenTag::default();
    let mut end_name = String::new();
    {
        // The callback API hands out borrowed slices: no allocation per token.
        let callback = |event: CallbackEvent<'_>, span: Span<usize>| -> Option<()> {
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    tag.name.clear();
                    tag.name.push_str(&lossy(name));
                    tag.name.make_ascii_lowercase();
                    tag.start = span.start;
                    tag.attribute = None;
                    for kept in [&mut tag.class, &mut tag.id, &mut tag.charset, &mut tag.content] {
                        kept.clear();
                    }
                }
                CallbackEvent::AttributeName { name } => {
                    tag.attribute = match name.to_ascii_lowercase().as_slice() {
                        b"class" => Some(Kept::Class),
                        b"id" => Some(Kept::Id),
                        b"charset" => Some(Kept::Charset),
                        b"content" if tag.name == "meta" => Some(Kept::Content),
                        _ => None,
                    };
                }
                CallbackEvent::AttributeValue { value } => {
                    let slot = match tag.attribute.take() {
                        Some(Kept::Class) => &mut tag.class,
                        Some(Kept::Id) => &mut tag.id,
                        Some(Kept::Charset) => &mut tag.charset,
                        Some(Kept::Content) => &mut tag.content,
                        None => return None,
                    };
                    slot.push_str(bounded(&lossy(value)));
                }
                CallbackEvent::CloseStartTag { self_closing } => {
                    let chrome = is_chrome(&tag.class) || is_chrome(&tag.id);
                    let class = std::mem::take(&mut tag.class);
                    x.start(&tag.name, class, chrome, tag.start, self_closing);
                    if tag.name == "meta" {
                        x.note_charset(&tag.charset, &tag.content);
                    }
                }
                CallbackEvent::EndTag { name } => {
                    end_name.clear();
                    end_name.push_str(&lossy(name));
                    end_name.make_ascii_lowercase();
                    x.end(&end_name, span.start);
                }
                CallbackEvent::String { value } => x.string(&lossy(value), span.start),
                _ => {}
            }
            None
        };
        let mut emitter = CallbackEmitter::<_, (), usize>::new(callback);
        // Switches to raw text for <script>, <style>, <title>, <textarea>, so that their content
        // is never taken for tags.
        emitter.naively_switch_states(true);
        for _ in Tokenizer::new_with_emitter(text, emitter) {}
    }
    x.flush_block();
    let title = collapse(&clean_line(&x.title));
    x.page.title = (!title.is_empty()).then_some(title);
    // Text between tags may hold any character: every line is sanitised here, so that pages
    // read from their markup (scribe, speaker blocks) are as clean as text (found by fuzzing).
    for block in &mut x.page.blocks {
        for line in &mut block.lines {
            *line = clean_line(line);
        }
        if let Some(cite) = &mut block.cite {
            *cite = clean_line(cite);
        }
    }
    x.page
}

/// One line sanitised; a line separator inside it becomes a space.
fn clean_line(line: &str) -> String {
    let clean = crate::sanitize::sanitize(line).text;
    if clean.contains('\n') { clean.replace('\n', " ") } else { clean }
}

/// UTF-8 as it is (it always is: the tokenizer reads a `str` and splits at ASCII), else lossy.
fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// The first [`MAX_ATTRIBUTE_CHARS`] characters.
fn bounded(value: &str) -> &str {
    match value.char_indices().nth(MAX_ATTRIBUTE_CHARS) {
        Some((at, _)) => &value[..at],
        None => value,
    }
}

/// ASCII whitespace runs as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

impl Extractor {
    /// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
    fn note_charset(&mut self, charset: &str, content: &str) {
        let from_content = || {
            let content = content.to_ascii_lowercase();
            let at = content.find("charset=")?;
            Some(content[at + 8..].trim_matches(|c: char| c == '"' || c == '\'' || c == ';').trim().to_owned())
        };
        let charset = if charset.is_empty() { from_content() } else { Some(charset.trim().to_owned()) };
        if let Some(charset) = charset.filter(|c| !c.is_empty()) {
            self.page.declared_charset.get_or_insert(charset.to_ascii_lowercase());
        }
    }

    fn start(&mut self, name: &str, class: String, chrome: bool, at: usize, self_closing: bool) {
        if name == "title" && self.dropped.iter().all(|(d, _)| d == "head") {
            self.in_title = !self_closing;
            return;
        }
        if name == "body" && self.dropped.first().is_some_and(|(d, _)| d == "head") {
            // `<head>` left open: the body ends it.
            self.dropped.clear();
        }
        if let Some((top, nested)) = self.dropped.last_mut()
            && top == name
        {
            *nested += 1;
            return;
        }
        let drop = is_dropped(name) || chrome;
        if drop && !self_closing && !is_void(name) {
            self.dropped.push((name.to_owned(), 0));
        }
        if drop || !self.dropped.is_empty() {
            return;
        }
        match name {
            "br" => self.break_line(),
            "cite" if self.current.lines.is_empty() && self.line.trim_matches(['<', ' ']).is_empty() => {
                self.in_cite = true;
                self.cite.clear();
            }
            "td" | "th" => self.pending_space = !self.line.is_empty(),
            _ if is_block(name) => {
                self.flush_block();
                if name == "pre" {
                    self.pre_depth += 1;
                }
                if !is_void(name) && !self_closing {
                    let class = if class.is_empty() {
                        self.open.last().map(|o| o.class.clone()).unwrap_or_default()
                    } else {
                        class
                    };
                    if self.open.len() < MAX_OPEN_BLOCKS {
                        self.open.push(Open { tag: name.to_owned(), class });
                    }
                }
                self.current.tag = name.to_owned();
                self.current.class = self.open.last().map(|o| o.class.clone()).unwrap_or_default();
                self.current.line = self.index.line_of(at);
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str, _at: usize) {
        if name == "title" && self.in_title {
            self.in_title = false;
            return;
        }
        if let Some((top, nested)) = self.dropped.last_mut() {
            if top == name {
                if *nested > 0 {
                    *nested -= 1;
                } else {
                    self.dropped.pop();
                }
            }
            return;
        }
        if name == "cite" && self.in_cite {
            self.in_cite = false;
            let cite = collapse(&self.cite);
            if !cite.is_empty() {
                self.current.cite = Some(cite);
            }
            return;
        }
        if name == "br" {
            // `</br>` is a line break in every browser.
            self.break_line();
            return;
        }
        if is_block(name) {
            self.flush_block();
            if name == "pre" {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
            // Close the nearest open element of that name; an end tag that closes nothing open
            // (tag soup) changes nothing.
            if let Some(at) = self.open.iter().rposition(|o| o.tag == name) {
                self.open.truncate(at);
            }
            self.current.class = self.open.last().map(|o| o.class.clone()).unwrap_or_default();
            self.current.tag = self.open.last().map(|o| o.tag.clone()).unwrap_or_default();
        }
    }

    fn string(&mut self, s: &str, at: usize) {
        if self.in_title {
            self.title.push_str(s);
            return;
        }
        if !self.dropped.is_empty() {
            return;
        }
        if self.in_cite {
            self.cite.push_str(s);
        }
        if self.current.lines.is_empty() && self.line.is_empty() && !s.trim().is_empty() {
            // The block's line is where its first text is, not where its tag was.
            let lead = s.len() - s.trim_start().len();
            self.current.line = self.index.line_of(at + lead);
        }
        if self.pre_depth > 0 {
            let mut first = true;
            for part in s.split('\n') {
                if !first {
                    self.break_line_verbatim();
                }
                first = false;
                self.line.push_str(part.strip_suffix('\r').unwrap_or(part));
            }
            return;
        }
        // Whitespace runs (NBSP included) collapse to one space; the words between are copied
        // whole rather than character by character.
        let mut rest = s;
        while !rest.is_empty() {
            let word_len = rest.find(|c: char| c.is_ascii_whitespace() || c == '\u{a0}').unwrap_or(rest.len());
            if word_len > 0 {
                if self.pending_space {
                    self.line.push(' ');
                    self.pending_space = false;
                }
                self.line.push_str(&rest[..word_len]);
            }
            rest = &rest[word_len..];
            let space_len = rest.find(|c: char| !(c.is_ascii_whitespace() || c == '\u{a0}')).unwrap_or(rest.len());
            if space_len > 0 {
                self.pending_space = !self.line.is_empty();
            }
            rest = &rest[space_len..];
        }
    }

    fn break_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.pending_space = false;
        self.current.lines.push(line.trim_end_matches(' ').to_owned());
    }

    /// A newline inside `<pre>`: the line is kept as it is, blank lines included.
    fn break_line_verbatim(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.current.lines.push(line);
    }

    fn flush_block(&mut self) {
        if !self.line.is_empty() || self.pre_depth > 0 && !self.current.lines.is_empty() {
            self.break_line();
        }
        let mut block = std::mem::take(&mut self.current);
        self.pending_space = false;
        while block.lines.first().is_some_and(|l| l.trim().is_empty()) {
            block.lines.remove(0);
        }
        while block.lines.last().is_some_and(|l| l.trim().is_empty()) {
            block.lines.pop();
        }
        if !block.lines.is_empty() {
            self.page.blocks.push(block.clone());
        }
        self.current.tag = block.tag;
        self.current.class = block.class;
        self.current.line = block.line;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        extract(html).blocks.iter().flat_map(|b| b.lines.clone()).collect()
    }

    #[test]
    fn inline_markup_never_splits_a_word() {
        assert_eq!(
            lines("<p>予<span class=\"hitkeyword\">算</span>案<b>に</b>つ<font>い</font>て</p>"),
            ["予算案について"]
        );
    }

    #[test]
    fn blocks_and_breaks_end_lines() {
        let html = "<div>一行目<br>二行目</div><p>三行目</p><table><tr><td>１番</td><td>山田</td></tr></table>";
        assert_eq!(lines(html), ["一行目", "二行目", "三行目", "１番 山田"]);
    }

    #[test]
    fn pre_keeps_its_lines() {
        assert_eq!(lines("<pre>\n○議長　開会します。\n\n　本日は…\n</pre>"), ["○議長　開会します。", "", "　本日は…"]);
    }

    #[test]
    fn scripts_styles_and_navigation_are_dropped() {
        let html =
            "<script>document.write('\u{1b}[2J<p>x</p>')</script><style>p{}</style><nav><a>Home</a></nav><p>本文</p>";
        assert_eq!(lines(html), ["本文"]);
    }

    #[test]
    fn entities_are_decoded_and_title_kept() {
        let page = extract(
            "<html><head><title> 会議録 &amp; 資料 </title></head><body><p>&lt;nick&gt; a&nbsp;b</p></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("会議録 & 資料"));
        assert_eq!(page.blocks[0].lines, ["<nick> a b"]);
    }

    #[test]
    fn cite_opens_a_block() {
        let page = extract("<p class=\"phone\"><cite>NW:</cite> text<br>... more</p>");
        assert_eq!(page.blocks[0].cite.as_deref(), Some("NW:"));
        assert!(page.blocks[0].has_class("phone"));
        assert_eq!(page.blocks[0].lines, ["NW: text", "... more"]);
    }

    #[test]
    fn controls_in_page_text_are_removed_at_extraction() {
        let page = extract("<div class=\"speaker\">\u{1b}[31m○委員長</div><p>開会\u{1c}します。\u{9b}2J</p>");
        for line in page.blocks.iter().flat_map(|b| &b.lines) {
            assert!(!line.chars().any(char::is_control), "{line:?}");
        }
    }

    #[test]
    fn declared_charset_is_read() {
        let page = extract("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>x</p>");
        assert_eq!(page.declared_charset.as_deref(), Some("shift_jis"));
    }

    #[test]
    fn chrome_named_by_class_or_id_is_dropped_with_what_it_nests() {
        let html = "<div id=\"footer\"><div>Copyright</div><div>x</div></div><p>本文</p><ul class=\"breadcrumb\"><li>Top</li></ul>";
        assert_eq!(lines(html), ["本文"]);
        assert_eq!(lines("<head><title>t</title><body><p>本文</p>"), ["本文"], "an unclosed head");
    }

    #[test]
    fn deep_nesting_and_soup_do_not_hurt() {
        let html = format!("{}本文{}", "<div>".repeat(10_000), "</span></p>".repeat(100));
        assert_eq!(lines(&html), ["本文"]);
    }

    #[test]
    fn detection() {
        assert!(looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>"));
        assert!(looks_like_html(
            "  <h2><a name=\"a\">Attendees</a></h2>\n<div class=\"intro\"><dl><dt>Present</dt><dd>x</dd></dl></div><p>a</p><p>b</p><p>c</p><ul><li>x</li></ul>"
        ));
        assert!(!looks_like_html("○議長（山田太郎君）　<注>を参照。"));
        assert!(!looks_like_html("# Notes\n\n* Rod: we use <br> in the docs\n"));
    }
}
