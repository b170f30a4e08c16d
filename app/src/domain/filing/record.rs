//! What the filer and the reviewer see of a filing's documents and returned items (shared
//! with the browser).

use serde::{Deserialize, Serialize};

use super::materials::{FilingItem, MaterialType};
use crate::domain::calendar::Timestamp;

/// One uploaded version of a document (without its bytes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaterialVersion {
    pub item: FilingItem,
    pub version: i64,
    pub file_name: String,
    pub mime: MaterialType,
    pub size: i64,
    pub uploaded_at: Timestamp,
}

/// An item a reviewer sent back in a round, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnedItem {
    pub round: i64,
    pub item: FilingItem,
    pub reason: String,
    pub returned_at: Timestamp,
}

