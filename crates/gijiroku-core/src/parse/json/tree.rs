//! A JSON tree that borrows from the text it was parsed from: strings without escapes and
//! every object key point into the source, objects are one sorted vector rather than a tree of
//! nodes. The readers of minutes only walk the tree once; `serde_json::Value`'s owned strings and
//! B-tree maps spent about a third of a large file's parse in the allocator and in freeing it.
//!
//! The methods mirror `serde_json::Value`'s (`get`, `as_array`, `as_str`…), and objects keep its
//! semantics: keys in sorted order, a repeated key keeps its last value. Nesting depth is bounded
//! by `serde_json`'s recursion limit, as for `Value`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

/// Any JSON value, its strings borrowed from the source where they have no escapes.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Map<'a>),
}

/// A JSON object: its fields sorted by key, one value per key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map<'a> {
    fields: Vec<(Cow<'a, str>, Value<'a>)>,
}

impl<'a> Value<'a> {
    /// Parses JSON text, borrowing from it.
    pub fn parse(text: &'a str) -> serde_json::Result<Value<'a>> {
        serde_json::from_str(text)
    }

    /// The field of an object; `None` for other values.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.as_object()?.get(key)
    }

    pub fn as_object(&self) -> Option<&Map<'a>> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value<'a>>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub(crate) fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    pub(crate) fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    pub(crate) fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// The same value owning all its strings, for a tree parsed from a temporary text.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Number(n) => Value::Number(n),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Value::Object(map) => Value::Object(Map {
                fields: map.fields.into_iter().map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned())).collect(),
            }),
        }
    }
}

impl<'a> Map<'a> {
    /// Builds an object from fields in source order: sorted by key, the last of a repeated key kept.
    fn from_fields(mut fields: Vec<(Cow<'a, str>, Value<'a>)>) -> Self {
        if !fields.is_sorted_by(|a, b| a.0 < b.0) {
            // Stable, so that among equal keys the last written stays last.
            fields.sort_by(|a, b| a.0.cmp(&b.0));
            let mut kept: Vec<(Cow<'a, str>, Value<'a>)> = Vec::with_capacity(fields.len());
            for field in fields {
                match kept.last_mut() {
                    Some(last) if last.0 == field.0 => *last = field,
                    _ => kept.push(field),
                }
            }
            fields = kept;
        }
        Map { fields }
    }

    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        // Objects in minutes are small: a binary search over a few keys beats hashing.
        let at = self.fields.binary_search_by(|(k, _)| k.as_ref().cmp(key)).ok()?;
        self.fields.get(at).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The fields, sorted by key.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, &Value<'a>)> {
        self.fields.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value<'a>> {
        self.fields.iter().map(|(_, v)| v)
    }
}

impl<'de> Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value<'de>, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value<'de>, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value<'de>, E> {
        // As `serde_json::Value`: a number JSON cannot hold becomes null.
        Ok(Number::from_f64(n).map_or(Value::Null, Value::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s)))
    }

    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value<'de>, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4_096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(Key(key)) = map.next_key()? {
            fields.push((key, map.next_value()?));
        }
        Ok(Value::Object(Map::from_fields(fields)))
    }
}

/// An object key, borrowed when it has no escapes (`Cow<str>`'s own impl always copies).
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_without_escapes_borrow_from_the_text() {
        let text = r#"{"speaker":"北村","text":"一行目\n二行目"}"#;
        let value = Value::parse(text).expect("json");
        assert!(matches!(value.get("speaker"), Some(Value::String(Cow::Borrowed("北村")))));
        assert!(matches!(value.get("text"), Some(Value::String(Cow::Owned(s))) if s == "一行目\n二行目"));
    }

    #[test]
    fn objects_read_like_serde_json_values() {
        let text = r#"{"b":1,"a":[true,null,2.5,"x"],"b":{"c":-3},"é":"\u00e9"}"#;
        let ours = Value::parse(text).expect("json");
        let theirs: serde_json::Value = serde_json::from_str(text).expect("json");
        let keys: Vec<&str> = ours.as_object().expect("object").iter().map(|(k, _)| k).collect();
        let their_keys: Vec<&str> = theirs.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys, their_keys);
        assert_eq!(ours.get("b").and_then(|b| b.get("c")), Some(&Value::Number((-3).into())));
        assert_eq!(ours.get("a").and_then(Value::as_array).map(Vec::len), Some(4));
        assert_eq!(ours.get("é").and_then(Value::as_str), Some("é"));
    }

    #[test]
    fn nesting_past_the_recursion_limit_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(Value::parse(&text).is_err());
    }

    #[test]
    fn a_tree_from_a_temporary_text_can_outlive_it() {
        let owned = {
            let text = String::from(r#"{"k":["v"]}"#);
            Value::parse(&text).expect("json").into_owned()
        };
        assert_eq!(owned.get("k").and_then(Value::as_array).and_then(|a| a[0].as_str()), Some("v"));
    }
}
