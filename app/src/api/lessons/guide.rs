//! "成长提醒": a child's health checks and immunisation doses as dates (from the birth date in its
//! profile, or one typed in), and the milestones and warning signs for its age. A schedule, not
//! a medical record: nothing the family ticks is sent or stored.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A line in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideLine {
    pub zh: String,
    pub en: String,
}

/// The milestones and warning signs for one age of the health checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointView {
    pub months: u32,
    pub milestones: Vec<GuideLine>,
    pub warnings: Vec<GuideLine>,
    pub milestones_note: GuideLine,
    pub warnings_note: GuideLine,
    /// Where the warning signs and the milestones come from.
    pub source: String,
    pub milestone_source: String,
}

/// One check or dose with its date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineItem {
    /// `YYYY-MM-DD`.
    pub due: String,
    /// `check` or `dose`.
    pub kind: String,
    /// `before` (due before today), `next` or `later`.
    pub when: String,
    pub name: GuideLine,
    /// What the check does, or a note on the dose.
    pub detail: Option<GuideLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildGuide {
    /// The child's name, when it is the parent's own child.
    pub child_name: Option<String>,
    pub age_months: u32,
    pub checkpoint: Option<CheckpointView>,
    /// Empty without a birth date.
    pub timeline: Vec<TimelineItem>,
    /// `YYYY-MM-DD`: today, the day `when` is counted from.
    pub as_of: String,
}

/// For one of the signed-in parent's children (`child`), a birth date (`birth`, YYYY-MM-DD) or
/// an age in months (`age`, milestones only).
#[server(input = GetUrl, prefix = "/api", endpoint = "child_guide")]
pub async fn fetch_child_guide(child: Option<i64>, birth: Option<String>, age: Option<String>) -> Result<ChildGuide, AppError> {
    let state = crate::api::state()?;
    let result = async {
        let viewer = match child {
            Some(_) => Some(crate::auth::viewer::require_viewer(&state).await?),
            None => None,
        };
        server::guide(&state, viewer.as_ref(), child, birth.as_deref(), age.as_deref()).await
    };
    crate::api::reply(result.await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::content::guidance::Guidance;
    use crate::domain::account::roles::Viewer;
    use crate::domain::calendar::CivilDate;
    use crate::domain::guidance::schedule::{birth_ranges_to_remind, checks_to_remind, timeline, Kind, When};
    use crate::domain::lesson::{AgeMonths, LessonRefusal};
    use crate::state::AppState;

    fn line(zh: &str, en: &str) -> GuideLine {
        GuideLine { zh: zh.to_string(), en: en.to_string() }
    }

    /// Reminds parents of each health check due in the coming week (once per child and check;
    /// safe with several servers). Returns how many reminders were sent now.
    pub async fn send_check_reminders(store: &crate::store::Store, now: crate::domain::calendar::Timestamp) -> Result<usize, AppError> {
        let today = CivilDate::in_china_at(now);
        let schedule = &Guidance::embedded().schedule;
        let mut sent = 0;
        for child in store.children_born_in(&birth_ranges_to_remind(schedule, today)).await? {
            let Ok(birth) = CivilDate::parse(&child.birth_date) else { continue };
            for (index, due) in checks_to_remind(schedule, birth, today) {
                let check = &schedule.check[index];
                let params = serde_json::json!({ "check_zh": check.zh, "check_en": check.en, "due": due.to_string() });
                sent += usize::from(store.remind_check(&child, &check.id, params, now).await?);
            }
        }
        Ok(sent)
    }

    pub async fn guide(state: &AppState, viewer: Option<&Viewer>, child: Option<i64>, birth: Option<&str>, age: Option<&str>) -> Result<ChildGuide, AppError> {
        let today = CivilDate::in_china_at(state.clock.now());
        let (child_name, birth) = match (child, viewer) {
            (Some(id), Some(viewer)) => match state.store.child(id).await? {
                Some(record) if record.account_id == viewer.account_id => {
                    (Some(record.name), Some(CivilDate::parse(&record.birth_date).map_err(|_| AppError::Internal)?))
                }
                _ => return Err(crate::auth::viewer::refuse(state, Some(viewer), "guide.read", &format!("child:{id}")).await),
            },
            _ => match birth.map(str::trim).filter(|b| !b.is_empty()) {
                Some(text) => (None, Some(CivilDate::parse(text).map_err(|_| AppError::refused(LessonRefusal::BirthDateOutOfRange))?)),
                None => (None, None),
            },
        };
        let age = match birth {
            Some(birth) => AgeMonths::of_child(birth, today).ok_or(AppError::refused(LessonRefusal::BirthDateOutOfRange))?,
            None => AgeMonths::parse(age.unwrap_or_default()).map_err(AppError::refused)?,
        };
        let guidance = Guidance::embedded();
        let notes = &guidance.milestones;
        let checkpoint = notes.for_age(age.get()).map(|c| CheckpointView {
            months: c.months,
            milestones: c.milestones.iter().map(|l| line(&l.zh, &l.en)).collect(),
            warnings: c.warnings.iter().map(|l| line(&l.zh, &l.en)).collect(),
            milestones_note: line(&notes.milestones_note_zh, &notes.milestones_note_en),
            warnings_note: line(&notes.warnings_note_zh, &notes.warnings_note_en),
            source: c.source.clone(),
            milestone_source: c.milestone_source.clone(),
        });
        let schedule = &guidance.schedule;
        let items = birth.map(|birth| timeline(schedule, birth, today)).unwrap_or_default();
        let timeline = items
            .into_iter()
            .map(|entry| {
                let (name, detail) = match entry.kind {
                    Kind::Check => {
                        let check = &schedule.check[entry.index];
                        (line(&check.zh, &check.en), Some(line(&check.what_zh, &check.what_en)))
                    }
                    Kind::Dose => {
                        let dose = &schedule.dose[entry.index];
                        let name = line(&format!("{}（第 {} 剂）", dose.zh, dose.dose), &format!("{} (dose {})", dose.en, dose.dose));
                        let note = dose.note_zh.as_deref().zip(dose.note_en.as_deref()).map(|(zh, en)| line(zh, en));
                        (name, note)
                    }
                };
                TimelineItem {
                    due: entry.due.to_string(),
                    kind: match entry.kind { Kind::Check => "check", Kind::Dose => "dose" }.into(),
                    when: match entry.when { When::Before => "before", When::Next => "next", When::Later => "later" }.into(),
                    name,
                    detail,
                }
            })
            .collect();
        Ok(ChildGuide { child_name, age_months: age.get(), checkpoint, timeline, as_of: today.to_string() })
    }
}
