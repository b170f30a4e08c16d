//! Parent–child activities and parenting talks (plan item 7: 亲子活动, 育儿讲座) held by
//! community health centres, childcare facilities and the district guidance centre. Families
//! book a place the way they book a visit slot — the same capacity rule, the same cut-off for
//! cancelling (`booking::may_cancel_slot`), the same refusals (`SlotRefusal`) and the offline
//! queue — so a family meets one set of rules.

use serde::{Deserialize, Serialize};

use super::account::roles::{Department, Role};
use super::calendar::Timestamp;
use super::lesson::MAX_AGE_MONTHS;

/// Longest activity, in minutes, and the largest room.
pub const MAX_MINUTES: u32 = 8 * 60;
pub const MAX_CAPACITY: u32 = 200;
/// How far ahead an activity may be published, in days.
pub const MAX_DAYS_AHEAD: i64 = 180;

crate::coded_enum! {
    /// What kind of event it is.
    pub enum ActivityKind {
        /// 亲子活动: parents and children together (play, reading, movement).
        ParentChild = "parent_child",
        /// 育儿讲座: a talk for parents and grandparents.
        Talk = "talk",
    }
}

crate::coded_enum! {
    /// Who holds it.
    pub enum Host {
        /// 社区卫生服务中心 (published by the health commission).
        HealthCentre = "health_centre",
        /// A filed childcare facility (published by its operator).
        Facility = "facility",
        /// 区托育综合服务指导中心 (published by the health commission).
        GuidanceCentre = "guidance_centre",
    }
}

crate::coded_enum! {
    /// Why an activity cannot be published; words in both languages in `labels::lessons`.
    pub enum ActivityRefusal {
        /// Neither a parent–child activity nor a talk.
        ActivityKindUnknown = "activity_kind",
        /// A title of 4–40 characters (Chinese) is needed; English up to 80, may be empty.
        ActivityTitle = "activity_title",
        /// The host's name and the place (2–60 characters each) are needed.
        ActivityPlace = "activity_place",
        /// Not a time, in the past, more than 180 days ahead, or longer than 8 hours.
        ActivityTime = "activity_time",
        /// Places from 1 to 200.
        ActivityCapacity = "activity_capacity",
        /// Ages from 0 to 36 months, from before to.
        ActivityAges = "activity_ages",
        /// Operators publish for their own facility; the health commission for health centres and
        /// the guidance centre.
        ActivityHost = "activity_host",
    }
}

/// An activity as its publisher sent it; times are already read (China time) by the caller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityInput {
    pub kind: String,
    pub host: String,
    pub host_name: String,
    pub title: String,
    pub title_en: String,
    pub place: String,
    pub age_from: u32,
    pub age_to: u32,
    pub minutes: u32,
    pub capacity: u32,
}

/// An activity fit to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityDraft {
    pub kind: ActivityKind,
    pub host: Host,
    pub host_name: String,
    pub title: String,
    pub title_en: String,
    pub place: String,
    pub age_from: u32,
    pub age_to: u32,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub capacity: u32,
}

fn within(text: &str, min: usize, max: usize) -> Option<String> {
    let text = text.trim();
    (min..=max).contains(&text.chars().count()).then(|| text.to_string())
}

impl ActivityInput {
    /// `starts_at`: the start, if the text was a time at all; `now`: to refuse the past.
    pub fn validate(&self, starts_at: Option<Timestamp>, now: Timestamp) -> Result<ActivityDraft, ActivityRefusal> {
        let kind = ActivityKind::from_code(self.kind.trim()).ok_or(ActivityRefusal::ActivityKindUnknown)?;
        let host = Host::from_code(self.host.trim()).ok_or(ActivityRefusal::ActivityHost)?;
        let title = within(&self.title, 4, 40).ok_or(ActivityRefusal::ActivityTitle)?;
        let title_en = within(&self.title_en, 0, 80).ok_or(ActivityRefusal::ActivityTitle)?;
        let host_name = within(&self.host_name, 2, 60).ok_or(ActivityRefusal::ActivityPlace)?;
        let place = within(&self.place, 2, 60).ok_or(ActivityRefusal::ActivityPlace)?;
        if !(self.age_from < self.age_to && self.age_to <= MAX_AGE_MONTHS) {
            return Err(ActivityRefusal::ActivityAges);
        }
        if !(1..=MAX_CAPACITY).contains(&self.capacity) {
            return Err(ActivityRefusal::ActivityCapacity);
        }
        let starts_at = starts_at.ok_or(ActivityRefusal::ActivityTime)?;
        let ahead = starts_at.0 - now.0;
        if ahead <= 0 || ahead > MAX_DAYS_AHEAD * Timestamp::SECONDS_PER_DAY || !(15..=MAX_MINUTES).contains(&self.minutes) {
            return Err(ActivityRefusal::ActivityTime);
        }
        let ends_at = Timestamp(starts_at.0 + i64::from(self.minutes) * 60);
        Ok(ActivityDraft { kind, host, host_name, title, title_en, place, age_from: self.age_from, age_to: self.age_to, starts_at, ends_at, capacity: self.capacity })
    }
}

/// Whether `role` may publish an activity held by `host`: an operator for its own facility,
/// the health commission (which runs the health centres and the guidance centre) for those.
pub fn may_publish(role: Role, host: Host) -> bool {
    match (role, host) {
        (Role::Operator { .. }, Host::Facility) => true,
        (Role::Supervisor { department: Department::Health }, Host::HealthCentre | Host::GuidanceCentre) => true,
        _ => false,
    }
}

/// Whether an activity for ages `from`–`to` months suits a child of `age` months (both ends
/// included: a talk "for 0–12 months" is for a child who has just turned one too).
pub fn suits(from: u32, to: u32, age: u32) -> bool {
    (from..=to).contains(&age)
}

/// Free places: never below zero, whatever the counters say.
pub fn free_places(capacity: i64, booked: i64) -> u32 {
    u32::try_from((capacity - booked).max(0)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp(1_796_000_000);

    fn input() -> ActivityInput {
        ActivityInput {
            kind: "talk".into(),
            host: "health_centre".into(),
            host_name: "双凤桥街道社区卫生服务中心".into(),
            title: "辅食添加入门讲座".into(),
            title_en: "Starting solid foods".into(),
            place: "中心三楼会议室".into(),
            age_from: 4,
            age_to: 12,
            minutes: 90,
            capacity: 30,
        }
    }

    #[test]
    fn a_complete_activity_is_accepted_with_its_end_time() {
        let starts = Timestamp(NOW.0 + 86_400);
        let draft = input().validate(Some(starts), NOW).expect("a complete activity");
        assert_eq!(draft.ends_at, Timestamp(starts.0 + 90 * 60));
        assert_eq!((draft.kind, draft.host), (ActivityKind::Talk, Host::HealthCentre));
    }

    #[test]
    fn bad_activities_are_refused_with_the_reason() {
        let starts = Some(Timestamp(NOW.0 + 86_400));
        let with = |f: fn(&mut ActivityInput)| {
            let mut value = input();
            f(&mut value);
            value.validate(starts, NOW)
        };
        assert_eq!(with(|i| i.title = "讲座".into()), Err(ActivityRefusal::ActivityTitle));
        assert_eq!(with(|i| i.place = " ".into()), Err(ActivityRefusal::ActivityPlace));
        assert_eq!(with(|i| i.age_to = 37), Err(ActivityRefusal::ActivityAges));
        assert_eq!(with(|i| i.age_from = 12), Err(ActivityRefusal::ActivityAges));
        assert_eq!(with(|i| i.capacity = 0), Err(ActivityRefusal::ActivityCapacity));
        assert_eq!(with(|i| i.capacity = 201), Err(ActivityRefusal::ActivityCapacity));
        assert_eq!(with(|i| i.minutes = 10), Err(ActivityRefusal::ActivityTime));
        assert_eq!(with(|i| i.kind = "party".into()), Err(ActivityRefusal::ActivityKindUnknown));
        assert_eq!(with(|i| i.host = "school".into()), Err(ActivityRefusal::ActivityHost));
        assert_eq!(input().validate(None, NOW), Err(ActivityRefusal::ActivityTime));
        assert_eq!(input().validate(Some(NOW), NOW), Err(ActivityRefusal::ActivityTime), "the past and now are refused");
        assert_eq!(input().validate(Some(Timestamp(NOW.0 + 181 * 86_400)), NOW), Err(ActivityRefusal::ActivityTime));
    }

    #[test]
    fn operators_publish_for_their_facility_and_the_health_commission_for_its_centres() {
        let operator = Role::Operator { facility_id: 3 };
        let health = Role::Supervisor { department: Department::Health };
        assert!(may_publish(operator, Host::Facility));
        assert!(!may_publish(operator, Host::HealthCentre));
        assert!(may_publish(health, Host::HealthCentre) && may_publish(health, Host::GuidanceCentre));
        assert!(!may_publish(health, Host::Facility), "a facility's activity is its operator's");
        assert!(!may_publish(Role::Supervisor { department: Department::Fire }, Host::HealthCentre));
        assert!(!may_publish(Role::Parent, Host::Facility) && !may_publish(Role::Admin, Host::GuidanceCentre));
    }

    #[test]
    fn ages_include_both_ends_and_free_places_never_go_below_zero() {
        assert!(suits(0, 12, 12) && suits(0, 12, 0) && !suits(0, 12, 13));
        assert_eq!(free_places(30, 31), 0);
        assert_eq!(free_places(30, 12), 18);
    }
}
