//! Duplicate JSON object keys are refused wherever untrusted JSON is read (token headers and
//! payloads, request bodies). Parsers disagree on duplicates — first wins, last wins, error —
//! and that disagreement is how one party's `{"sub":"alice","sub":"admin"}` means something
//! else to another. Refusing them makes every reading of a token the same.

use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Walks any JSON value and fails on the first object with a repeated key.
struct UniqueKeys;

impl<'de> Deserialize<'de> for UniqueKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueKeysVisitor)
    }
}

struct UniqueKeysVisitor;

impl<'de> Visitor<'de> for UniqueKeysVisitor {
    type Value = UniqueKeys;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys, A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key) {
                return Err(de::Error::custom("duplicate key in a JSON object"));
            }
            map.next_value::<UniqueKeys>()?;
        }
        Ok(UniqueKeys)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueKeys, A::Error> {
        while seq.next_element::<UniqueKeys>()?.is_some() {}
        Ok(UniqueKeys)
    }

    fn visit_bool<E>(self, _: bool) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_i64<E>(self, _: i64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_u64<E>(self, _: u64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_f64<E>(self, _: f64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_str<E>(self, _: &str) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_unit<E>(self) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
}

/// Whether `json` is valid JSON without a repeated key in any object (at any depth; serde_json's
/// nesting limit of 128 applies, so hostile depth fails too).
pub(crate) fn has_unique_keys(json: &[u8]) -> bool {
    serde_json::from_slice::<UniqueKeys>(json).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_fail_at_any_depth() {
        assert!(has_unique_keys(
            br#"{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}"#
        ));
        assert!(!has_unique_keys(br#"{"sub":"alice","sub":"admin"}"#));
        assert!(!has_unique_keys(br#"{"x":{"y":1,"y":2}}"#));
        assert!(!has_unique_keys(br#"[{"k":1,"k":1}]"#));
        assert!(
            !has_unique_keys(br#"{"\u0061":1,"a":2}"#),
            "escapes are compared decoded"
        );
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(!has_unique_keys(deep.as_bytes()));
        assert!(!has_unique_keys(b"{"));
    }
}
