//! Truncated JSON (a download cut off): the longest prefix that ends with a complete object or
//! array, closed with the brackets still open at that point, so every record that was whole is
//! kept. One pass over the bytes, no recursion, so any depth is safe.

/// A repaired document and the byte offset where the original was cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repaired {
    pub text: String,
    /// Byte offset of the end of the last complete record kept.
    pub kept_until: usize,
}

/// Closes a truncated document after its last complete nested value; `None` when no object or
/// array inside the top-level value was ever completed.
pub(crate) fn close_truncated(text: &str) -> Option<Repaired> {
    let bytes = text.as_bytes();
    let mut stack: Vec<u8> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    // (offset just after a complete nested value, depth of the container holding it)
    let mut last_safe: Option<(usize, usize)> = None;
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => stack.push(b),
            b'}' | b']' => {
                stack.pop();
                if !stack.is_empty() {
                    last_safe = Some((i + 1, stack.len()));
                }
            }
            _ => {}
        }
    }
    let (cut, depth) = last_safe?;
    // The stack below `depth` is unchanged since the safe point: anything that closed it would
    // have completed a value and moved the safe point.
    let mut repaired = String::with_capacity(cut + depth);
    repaired.push_str(&text[..cut]);
    for &open in stack[..depth.min(stack.len())].iter().rev() {
        repaired.push(if open == b'{' { '}' } else { ']' });
    }
    Some(Repaired { text: repaired, kept_until: cut })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(text: &str) -> Option<String> {
        close_truncated(text).map(|r| r.text)
    }

    #[test]
    fn keeps_complete_records() {
        assert_eq!(fix(r#"[{"a":1},{"b":"x\"}"#).as_deref(), Some(r#"[{"a":1}]"#));
        assert_eq!(
            fix(r#"[{"Date":"d","Proceeding":[{"S":"a"},{"S":"b"},{"S":"#).as_deref(),
            Some(r#"[{"Date":"d","Proceeding":[{"S":"a"},{"S":"b"}]}]"#)
        );
        assert_eq!(fix(r#"{"speechRecord":[{"a":"}"},{"#).as_deref(), Some(r#"{"speechRecord":[{"a":"}"}]}"#));
    }

    #[test]
    fn nothing_complete_is_none() {
        assert_eq!(fix(r#"[{"a":"cut"#), None);
        assert_eq!(fix(""), None);
    }

    #[test]
    fn deep_nesting_is_fine() {
        let text = format!("{}{}", "[".repeat(100_000), "{}");
        let repaired = close_truncated(&text).expect("one complete object");
        assert_eq!(repaired.text.len(), 100_000 + 2 + 100_000);
    }
}
