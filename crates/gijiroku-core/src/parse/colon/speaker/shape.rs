//! The shape of a colon label and its value: what rules a line out as a turn whatever the file
//! says (sentence punctuation, code, a link or number as the value, a PR title), and what makes
//! a label a speaker on sight (a full name, a Japanese position word).

use crate::parse::colon::blocks::has_cjk;
use crate::parse::colon::speaker::Candidate;
use crate::parse::colon::words::is_stopword;
use crate::parse::label::ends_with_position_word;

/// Values longer than this are words, not a number or a date (`2020-07-15`, `23 (was 20)`).
const MAX_NUMBER_BYTES: usize = 40;

/// Labels longer than this are sentences, not names.
pub(crate) const MAX_LABEL_CHARS: usize = 30;

/// `Lucas Pardue (as individual)` → `Lucas Pardue` and `as individual`; `Ana [remote]` too.
pub(crate) fn split_qualifier(label: &str) -> (&str, Option<&str>) {
    let label = label.trim();
    for (open, close) in [('(', ')'), ('[', ']'), ('（', '）')] {
        if let Some(inner) = label.strip_suffix(close)
            && let Some(at) = inner.rfind(open)
            && at > 0
        {
            return (inner[..at].trim(), Some(inner[at + open.len_utf8()..].trim()));
        }
    }
    (label, None)
}

/// Everything about one line that rules out a turn, whatever the label.
pub(crate) fn could_speak(c: Candidate<'_>) -> bool {
    !c.text.is_empty() && label_could_speak(c.label) && !is_value_not_speech(c.label, c.text)
}

/// The part of [`could_speak`] that depends on the label alone.
pub(crate) fn label_could_speak(label: &str) -> bool {
    well_shaped(label) && !is_stopword(label)
}

/// Values that are data, not words: a link alone, a number or date, an issue title's reference.
pub(crate) fn is_value_not_speech(label: &str, text: &str) -> bool {
    let t = text.trim().trim_matches(['*', '_']).trim();
    let link_only = {
        let stripped = t.trim_start_matches('<').trim_end_matches('>');
        let bare_url =
            (stripped.starts_with("http://") || stripped.starts_with("https://") || stripped.starts_with("www."))
                && !stripped.contains(char::is_whitespace);
        let markdown_link = t.starts_with('[') && t.ends_with(')') && t.contains("](");
        bare_url || markdown_link
    };
    let number_only = t.len() <= MAX_NUMBER_BYTES
        && t.is_ascii()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.split_whitespace().all(|w| w.chars().filter(char::is_ascii_alphabetic).count() < 3);
    // `stream: fix … [#40773](…)`: a subsystem prefix of a PR or issue title.
    let lowercase_label = label.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    link_only || number_only || (lowercase_label && ends_with_reference(t))
}

/// `… #40773`, `… (#40773)`, `… [#40773](https://…)` at the end of a value.
fn ends_with_reference(t: &str) -> bool {
    fn number_after_hash(s: &str) -> Option<&str> {
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        (digits > 0).then(|| &s[digits..])
    }
    if t.ends_with(')')
        && let Some(at) = t.rfind("[#")
        && let Some(rest) = number_after_hash(&t[at + 2..])
    {
        return rest.starts_with("](");
    }
    let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches('(').trim_end_matches([')', '.']);
    last.strip_prefix('#').and_then(number_after_hash).is_some_and(str::is_empty)
}

/// Short and name-like: no sentence punctuation or code; Japanese without spaces; Latin names
/// of one to three words with letters (several joined by `/` or `&`), a bracketed qualifier
/// allowed after them.
pub(crate) fn well_shaped(label: &str) -> bool {
    let n = label.chars().count();
    if n == 0
        || n > MAX_LABEL_CHARS
        || label
            .contains(['。', '、', '「', '」', '！', '？', '!', '?', ',', ';', '"', '“', '”', '`', '<', '>', '=', '{'])
    {
        return false;
    }
    if !has_cjk(label) {
        let (names, _) = split_qualifier(label);
        return !names.is_empty()
            && !names.contains(['(', ')', '[', ']', '#'])
            && names.chars().count() > 1
            && names.split(['/', '&']).all(|name| {
                let count = name.split_whitespace().count();
                (1..=3).contains(&count)
                    && name.trim_start().starts_with(char::is_alphabetic)
                    && name.split_whitespace().all(|w| {
                        w.chars().all(|c| c.is_alphanumeric() || "-'.’".contains(c))
                            && w.chars().any(char::is_alphabetic)
                    })
            });
    }
    !label.contains(char::is_whitespace) && !label.contains(['[', ']'])
}

/// Labels that are speakers on sight: Latin full names (`Ted Hardie`, `Antoine du Hamel`),
/// Japanese labels with a position word, an honorific or a bracketed name.
pub(crate) fn sure_shape(label: &str) -> bool {
    if !has_cjk(label) {
        let (names, _) = split_qualifier(label);
        return names.split(['/', '&']).all(|name| {
            let words: Vec<&str> = name.split_whitespace().collect();
            let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
            let lower_inside = |w: &&str| w.chars().skip(1).any(char::is_lowercase);
            words.len() >= 2
                && words.first().is_some_and(capital)
                && words.last().is_some_and(capital)
                && words.iter().all(|w| capital(w) && lower_inside(w) || w.len() <= 3)
        });
    }
    let honorific = ["君", "さん", "氏", "様"].iter().any(|h| label.ends_with(h));
    let bracketed = label.strip_suffix(['）', ')']).and_then(|l| l.rfind(['（', '(']).map(|at| (&l[..at], &l[at..])));
    let bracketed_name =
        bracketed.is_some_and(|(outside, inside)| ends_with_position_word(outside) || inside.ends_with('君'));
    honorific || bracketed_name || ends_with_position_word(label)
}
