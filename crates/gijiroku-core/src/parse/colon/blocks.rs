//! Markdown structure that must be known before any line is judged a speaker: fenced and
//! indented code (never a speaker, shown verbatim), YAML front matter, bullets and their depth.
//!
//! Notes written in Markdown quote code (`HC: HealthCheck<check(): Send>`), and a code line has
//! the shape of a speaker line; only the block structure tells them apart.

/// What a source line is, structurally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Text,
    /// Inside a fenced or indented code block, fences included.
    Code,
    /// Inside the YAML front matter, its `---` delimiters included.
    FrontMatter,
}

/// The structure of a whole file: one kind per line.
#[derive(Clone, Debug, Default)]
pub struct Blocks {
    pub kinds: Vec<LineKind>,
}

impl Blocks {
    /// Reads the structure of `lines` in one pass.
    pub fn new(lines: &[&str]) -> Self {
        let mut kinds = vec![LineKind::Text; lines.len()];
        let body_start = match front_matter_end(lines) {
            Some(end) => {
                for kind in kinds.iter_mut().take(end + 1) {
                    *kind = LineKind::FrontMatter;
                }
                end + 1
            }
            None => 0,
        };
        let markdown = looks_like_markdown(lines);
        let mut fence: Option<(char, usize)> = None;
        // Indented code needs a blank line before it and no list around it: list items and
        // their continuation paragraphs are indented too.
        let mut previous_blank = true;
        let mut previous_code = false;
        let mut in_list = false;
        for (index, line) in lines.iter().enumerate().skip(body_start) {
            let trimmed = line.trim_start();
            if let Some((c, n)) = fence {
                kinds[index] = LineKind::Code;
                if closes_fence(trimmed, c, n) {
                    fence = None;
                }
                previous_blank = false;
                previous_code = true;
                continue;
            }
            if let Some(open) = opens_fence(trimmed) {
                fence = Some(open);
                kinds[index] = LineKind::Code;
                previous_blank = false;
                previous_code = true;
                continue;
            }
            if trimmed.is_empty() {
                previous_blank = true;
                continue;
            }
            let indent = indent_columns(line);
            if markdown && indent >= 4 && !in_list && (previous_blank || previous_code) && !has_cjk(trimmed) {
                kinds[index] = LineKind::Code;
                previous_code = true;
                previous_blank = false;
                continue;
            }
            if bullet(line).is_some() {
                in_list = true;
            } else if indent == 0 {
                // A paragraph at the margin ends any list (a lazy continuation line follows its
                // item directly, so only after a blank line does it end one).
                if previous_blank || trimmed.starts_with('#') {
                    in_list = false;
                }
            }
            previous_code = false;
            previous_blank = false;
        }
        Blocks { kinds }
    }

    pub fn kind(&self, index: usize) -> LineKind {
        self.kinds.get(index).copied().unwrap_or(LineKind::Text)
    }

    pub(crate) fn is_text(&self, index: usize) -> bool {
        self.kind(index) == LineKind::Text
    }
}

/// A Markdown document: a `#` heading, a fence or a link. Only then is an indented line code.
pub(crate) fn looks_like_markdown(lines: &[&str]) -> bool {
    lines.iter().take(3000).any(|l| {
        let t = l.trim_start();
        (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
            || opens_fence(t).is_some()
            || (t.contains("](") && t.contains('['))
    })
}

pub(crate) fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}'))
}

/// ```` ``` ````, ```` ```rust ````, `~~~`: the fence character and its length.
fn opens_fence(trimmed: &str) -> Option<(char, usize)> {
    let c = trimmed.chars().next().filter(|&c| c == '`' || c == '~')?;
    let n = trimmed.chars().take_while(|&x| x == c).count();
    let info = &trimmed[n..];
    // A backtick fence's info string holds no backtick (```` ```a``` ```` is inline code).
    (n >= 3 && !(c == '`' && info.contains('`'))).then_some((c, n))
}

fn closes_fence(trimmed: &str, c: char, n: usize) -> bool {
    let t = trimmed.trim_end();
    t.chars().count() >= n && t.chars().all(|x| x == c)
}

/// The index of the closing `---`/`...` of YAML front matter that opens the file.
fn front_matter_end(lines: &[&str]) -> Option<usize> {
    if lines.first()?.trim_end() != "---" {
        return None;
    }
    for (index, line) in lines.iter().enumerate().skip(1).take(200) {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return (index > 1).then_some(index);
        }
        // Front matter is `key: value`, `- item`, indented continuations and comments.
        let yaml_like = t.is_empty()
            || t.starts_with([' ', '\t', '-', '#'])
            || t.split_once(':').is_some_and(|(key, _)| {
                !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || "_- ".contains(c))
            });
        if !yaml_like {
            return None;
        }
    }
    None
}

/// Leading whitespace in columns (a tab counts four; U+3000 is not Markdown indentation).
pub(crate) fn indent_columns(line: &str) -> usize {
    let mut columns = 0;
    for c in line.chars() {
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4 - columns % 4,
            _ => break,
        }
    }
    columns
}

/// A list item: its indent in columns and the text after the marker (`*`, `-`, `+`, `•`, `・`,
/// `1.`, `1)`).
pub fn bullet(line: &str) -> Option<(usize, &str)> {
    let indent = indent_columns(line);
    let t = line.trim_start_matches([' ', '\t']);
    for marker in ["* ", "- ", "+ ", "• ", "-\t", "*\t"] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some((indent, rest.trim_start()));
        }
    }
    if let Some(rest) = t.strip_prefix('・') {
        return Some((indent, rest.trim_start()));
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((indent, rest.trim_start()));
        }
    }
    None
}

/// A YAML front-matter line `key: value` split, key lowercased.
pub(crate) fn yaml_key_value(line: &str) -> Option<(String, &str)> {
    if line.starts_with([' ', '\t', '-']) {
        return None;
    }
    let (key, value) = line.split_once(':')?;
    let value = value.trim().trim_matches(['"', '\'']);
    Some((key.trim().to_ascii_lowercase(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        let lines: Vec<&str> = text.split('\n').collect();
        Blocks::new(&lines).kinds
    }

    #[test]
    fn fenced_code_is_code_fences_included() {
        use LineKind::{Code, Text};
        let k = kinds("# T\nAnn: hi\n```rust\nT: Trait,\n```\nBo: ok");
        assert_eq!(k, [Text, Text, Code, Code, Code, Text]);
        let k = kinds("~~~~\nx: y\n~~~\n~~~~\nz");
        assert_eq!(k, [Code, Code, Code, Code, Text]);
    }

    #[test]
    fn indented_code_needs_a_blank_line_and_no_list() {
        use LineKind::{Code, Text};
        let k = kinds("# T\n\nprose\n\n    let x: u32 = 1;\n    y: z\n\nAnn: hi");
        assert_eq!(k, [Text, Text, Text, Text, Code, Code, Text, Text]);
        let k = kinds("# T\n\n* item\n\n    continuation: of the item");
        assert_eq!(k, [Text, Text, Text, Text, Text]);
    }

    #[test]
    fn plain_text_has_no_indented_code() {
        assert!(kinds("山田：はい\n\n    田中：いいえ").iter().all(|k| *k == LineKind::Text));
    }

    #[test]
    fn front_matter_at_the_top_only() {
        use LineKind::{FrontMatter, Text};
        let k = kinds("---\ntitle: Notes\ntags: x\n---\n# Notes");
        assert_eq!(k, [FrontMatter, FrontMatter, FrontMatter, FrontMatter, Text]);
        // A rule followed by prose is no front matter.
        assert!(kinds("---\nWe met today. It went well!\n---").iter().all(|k| *k == LineKind::Text));
    }

    #[test]
    fn bullets_at_any_depth() {
        assert_eq!(bullet("  * ronag: yes"), Some((2, "ronag: yes")));
        assert_eq!(bullet("\t- a"), Some((4, "a")));
        assert_eq!(bullet("12. item"), Some((0, "item")));
        assert_eq!(bullet("2024-05-14"), None);
        assert_eq!(bullet("**bold**"), None);
    }
}
