//! Child health guidance by age: the national child health checks and immunisation doses up to
//! 36 months (a schedule computed from the birth date, never a medical record), and the
//! milestones and warning signs for the ages of the checks. The texts are files in
//! `content/guidance/`; `schedule` turns a birth date into dates.

pub mod schedule;

use serde::{Deserialize, Serialize};

/// A child health check of the national basic public health service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub id: String,
    /// Days after birth (the newborn home visit) …
    #[serde(default)]
    pub age_days: Option<u32>,
    /// … or whole months after birth.
    #[serde(default)]
    pub months: Option<u32>,
    pub zh: String,
    pub en: String,
    pub what_zh: String,
    pub what_en: String,
}

/// One dose of the national immunisation programme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    pub vaccine: String,
    pub zh: String,
    pub en: String,
    /// The dose's number in its series.
    pub dose: u32,
    /// Months after birth; 0 is at birth.
    pub months: u32,
    pub source: String,
    #[serde(default)]
    pub note_zh: Option<String>,
    #[serde(default)]
    pub note_en: Option<String>,
}

/// The whole schedule, as `content/guidance/schedule.toml` holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub check: Vec<Check>,
    pub dose: Vec<Dose>,
}

/// One line of a checklist, in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub zh: String,
    pub en: String,
}

/// What most children do by an age, and the warning signs for that age.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    pub months: u32,
    /// Where the warning signs come from.
    pub source: String,
    pub milestone_source: String,
    pub milestones: Vec<Line>,
    pub warnings: Vec<Line>,
}

/// The milestones file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestones {
    pub warnings_note_zh: String,
    pub warnings_note_en: String,
    pub milestones_note_zh: String,
    pub milestones_note_en: String,
    pub checkpoint: Vec<Checkpoint>,
}

impl Milestones {
    /// The checkpoint for a child `age_months` old: the latest one reached, or the first one
    /// before it is reached.
    pub fn for_age(&self, age_months: u32) -> Option<&Checkpoint> {
        self.checkpoint.iter().filter(|c| c.months <= age_months).max_by_key(|c| c.months).or_else(|| self.checkpoint.iter().min_by_key(|c| c.months))
    }

    /// What is wrong with the file: checkpoints in order, each with milestones and warnings.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.checkpoint.is_empty() {
            problems.push("no checkpoint".to_string());
        }
        if self.checkpoint.windows(2).any(|pair| pair[0].months >= pair[1].months) {
            problems.push("checkpoints are not in increasing months".to_string());
        }
        for c in &self.checkpoint {
            if c.milestones.is_empty() || c.warnings.is_empty() || c.months > 36 {
                problems.push(format!("checkpoint {} months needs milestones and warnings, at most 36 months", c.months));
            }
            if c.milestones.iter().chain(&c.warnings).any(|l| l.zh.trim().is_empty() || l.en.trim().is_empty()) {
                problems.push(format!("checkpoint {} months has an empty line", c.months));
            }
        }
        problems
    }
}

impl Schedule {
    /// What is wrong with the file: each check due by days or by months (not both), every
    /// age within 36 months, every text present.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for check in &self.check {
            match (check.age_days, check.months) {
                (Some(days), None) if days <= 60 => {}
                (None, Some(months)) if months <= 36 => {}
                _ => problems.push(format!("check {}: give age_days (≤ 60) or months (≤ 36), one of them", check.id)),
            }
            if [&check.zh, &check.en, &check.what_zh, &check.what_en].iter().any(|t| t.trim().is_empty()) {
                problems.push(format!("check {}: empty text", check.id));
            }
        }
        for dose in &self.dose {
            if dose.months > 36 || dose.dose == 0 || dose.zh.trim().is_empty() || dose.en.trim().is_empty() || dose.source.trim().is_empty() {
                problems.push(format!("dose {} {}: months ≤ 36, a dose number and texts are needed", dose.vaccine, dose.dose));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkpoint(months: u32) -> Checkpoint {
        let line = Line { zh: "字".into(), en: "x".into() };
        Checkpoint { months, source: "s".into(), milestone_source: "m".into(), milestones: vec![line.clone()], warnings: vec![line] }
    }

    #[test]
    fn a_child_gets_the_latest_checkpoint_reached_or_the_first_before_it() {
        let all = Milestones {
            warnings_note_zh: String::new(),
            warnings_note_en: String::new(),
            milestones_note_zh: String::new(),
            milestones_note_en: String::new(),
            checkpoint: [3, 6, 8, 12].into_iter().map(checkpoint).collect(),
        };
        assert_eq!(all.for_age(1).map(|c| c.months), Some(3));
        assert_eq!(all.for_age(7).map(|c| c.months), Some(6));
        assert_eq!(all.for_age(8).map(|c| c.months), Some(8));
        assert_eq!(all.for_age(30).map(|c| c.months), Some(12));
        assert!(all.problems().is_empty());
    }
}
