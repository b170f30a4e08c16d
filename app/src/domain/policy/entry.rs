//! One policy file (`content/policies/<id>.toml`), read and checked against the rules of
//! `content/policies/README.md`: an entry that breaks one never reaches a reader (the content
//! test fails first, and the server refuses to start with it).

#[cfg(feature = "ssr")]
use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::Audience;
#[cfg(feature = "ssr")]
use crate::domain::calendar::CivilDate;

/// A policy as pages and the API show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Policy {
    pub id: String,
    /// `family` or `facility`.
    pub audience: String,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
    pub gives: String,
    pub gives_en: String,
    pub who: String,
    pub who_en: String,
    pub conditions: Vec<String>,
    pub conditions_en: Vec<String>,
    pub how_to_apply: String,
    pub how_to_apply_en: String,
    /// `YYYY-MM-DD`.
    pub effective_from: String,
    /// `YYYY-MM-DD`, or empty when open-ended.
    pub effective_to: String,
    /// `family`, `facility` or empty: the calculator that applies it.
    pub calculator: String,
    pub keywords: Vec<String>,
    pub reviewed: String,
    pub sources: Vec<PolicySource>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PolicySource {
    pub document: String,
    pub article: String,
}

/// What is wrong with a policy file.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, PartialEq)]
pub enum PolicyFileError {
    Toml(String),
    IdMismatch(String),
    UnknownAudience(String),
    UnknownCalculator(String),
    TooLong { field: &'static str, max: usize },
    Empty(&'static str),
    Count { field: &'static str, count: usize },
    TranslationsDiffer,
    BadDate(&'static str),
    NoSource,
}

#[cfg(feature = "ssr")]
impl fmt::Display for PolicyFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Toml(e) => write!(f, "not valid TOML with every key: {e}"),
            Self::IdMismatch(id) => write!(f, "id {id:?} is not the file name"),
            Self::UnknownAudience(a) => write!(f, "audience {a:?} is neither family nor facility"),
            Self::UnknownCalculator(c) => write!(f, "calculator {c:?} is not family, facility or empty"),
            Self::TooLong { field, max } => write!(f, "{field} is longer than {max} characters"),
            Self::Empty(field) => write!(f, "{field} is empty"),
            Self::Count { field, count } => write!(f, "{field} has {count} items, outside its bounds"),
            Self::TranslationsDiffer => write!(f, "conditions and conditions_en differ in count"),
            Self::BadDate(field) => write!(f, "{field} is not a date YYYY-MM-DD"),
            Self::NoSource => write!(f, "an entry names at least one source"),
        }
    }
}

#[cfg(feature = "ssr")]
fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Reads one file and checks it.
#[cfg(feature = "ssr")]
pub fn read(id: &str, text: &str) -> Result<Policy, PolicyFileError> {
    let policy: Policy = toml::from_str(text).map_err(|e| PolicyFileError::Toml(e.message().to_string()))?;
    if policy.id != id {
        return Err(PolicyFileError::IdMismatch(policy.id));
    }
    if Audience::from_code(&policy.audience).is_none() {
        return Err(PolicyFileError::UnknownAudience(policy.audience));
    }
    if !matches!(policy.calculator.as_str(), "" | "family" | "facility") {
        return Err(PolicyFileError::UnknownCalculator(policy.calculator));
    }
    let required = [
        ("title", &policy.title),
        ("title_en", &policy.title_en),
        ("summary", &policy.summary),
        ("summary_en", &policy.summary_en),
        ("gives", &policy.gives),
        ("gives_en", &policy.gives_en),
        ("who", &policy.who),
        ("who_en", &policy.who_en),
        ("how_to_apply", &policy.how_to_apply),
        ("how_to_apply_en", &policy.how_to_apply_en),
    ];
    if let Some((field, _)) = required.iter().find(|(_, value)| value.trim().is_empty()) {
        return Err(PolicyFileError::Empty(field));
    }
    for (field, value, max) in [("title", &policy.title, 20), ("summary", &policy.summary, 60), ("gives", &policy.gives, 120), ("who", &policy.who, 120), ("how_to_apply", &policy.how_to_apply, 160)] {
        if chars(value) > max {
            return Err(PolicyFileError::TooLong { field, max });
        }
    }
    if !(1..=6).contains(&policy.conditions.len()) {
        return Err(PolicyFileError::Count { field: "conditions", count: policy.conditions.len() });
    }
    if policy.conditions.len() != policy.conditions_en.len() {
        return Err(PolicyFileError::TranslationsDiffer);
    }
    if !(2..=8).contains(&policy.keywords.len()) {
        return Err(PolicyFileError::Count { field: "keywords", count: policy.keywords.len() });
    }
    for (field, value, optional) in [("effective_from", &policy.effective_from, false), ("effective_to", &policy.effective_to, true), ("reviewed", &policy.reviewed, false)] {
        if !(optional && value.is_empty()) && CivilDate::parse(value).is_err() {
            return Err(PolicyFileError::BadDate(field));
        }
    }
    if policy.sources.is_empty() || policy.sources.iter().any(|s| s.document.trim().is_empty() || s.article.trim().is_empty()) {
        return Err(PolicyFileError::NoSource);
    }
    Ok(policy)
}
