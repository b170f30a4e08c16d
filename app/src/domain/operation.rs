//! Client operation ids: every write carries one, so a retried or replayed write is applied once.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A UUID chosen by the client for one user action, in canonical lower-case form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OperationId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("operation id must be a UUID like 123e4567-e89b-12d3-a456-426614174000")]
pub struct BadOperationId;

impl OperationId {
    /// Accepts the hyphenated 8-4-4-4-12 hex form in either case.
    pub fn parse(input: &str) -> Result<Self, BadOperationId> {
        let input = input.trim();
        let groups: Vec<&str> = input.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        if lengths != [8, 4, 4, 4, 12] || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit())) {
            return Err(BadOperationId);
        }
        Ok(OperationId(input.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OperationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uuid_in_upper_case_is_stored_in_lower_case() {
        let id = OperationId::parse("123E4567-E89B-12D3-A456-426614174000").expect("valid");
        assert_eq!(id.as_str(), "123e4567-e89b-12d3-a456-426614174000");
    }

    #[test]
    fn anything_but_a_uuid_is_refused() {
        for bad in ["", "123", "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g", "'; drop table x; --"] {
            assert!(OperationId::parse(bad).is_err(), "{bad}");
        }
    }
}
