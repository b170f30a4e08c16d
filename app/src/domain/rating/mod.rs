//! Ratings (家长评价): families whose child really used a facility rate it on six aspects.
//!
//! Only a parent whose child has a relationship with the facility in our own records may rate
//! it (enrolled, hourly or temporary care attended, or a visit attended); one rating per child
//! and facility, edited at most once in 30 days. The overall score is computed from the six
//! aspects, never typed. The text is cleaned before it is stored (`text`) and the facility's
//! figures are computed in one place (`score`).

pub mod reply;
pub mod score;
pub mod text;

use serde::{Deserialize, Serialize};

use super::booking::{ApplicationState, SlotKind};
use super::calendar::Timestamp;

crate::coded_enum! {
    /// What a family rates, in the order pages show them.
    pub enum Aspect {
        /// 安全: the children are safe (doors, supervision, pick-up).
        Safety = "safety",
        /// 卫生与饮食: clean rooms and good, safe meals.
        HygieneMeals = "hygiene_meals",
        /// 保育照护: care and the daily routine.
        Care = "care",
        /// 家园沟通: the facility tells parents what happened and listens.
        Communication = "communication",
        /// 环境设施: rooms, outdoor space, toys.
        Environment = "environment",
        /// 收费透明: fees are as published, no surprise charges.
        Fees = "fees",
    }
}

crate::coded_enum! {
    /// How the author's child knows the facility, from our own records; strongest first.
    pub enum Relationship {
        /// 在托家长: an application reached 已入托 (enrolled, now or before).
        Enrolled = "enrolled",
        /// 计时托家长: attended a booked hourly or temporary care slot.
        HourlyCare = "hourly_care",
        /// 参观过: attended a visit slot (a lighter badge).
        Visited = "visited",
    }
}

impl Relationship {
    /// The relationship an application in `state` gives: the child was enrolled (and may have
    /// left since). Applications that never reached 已入托 give none.
    pub fn from_application(state: ApplicationState) -> Option<Relationship> {
        matches!(state, ApplicationState::Enrolled | ApplicationState::Withdrawn).then_some(Relationship::Enrolled)
    }

    /// The relationship a slot booking gives once the slot has ended without the family
    /// cancelling (our records know bookings, not attendance at the door).
    pub fn from_attended_slot(kind: SlotKind) -> Relationship {
        match kind {
            SlotKind::Visit => Relationship::Visited,
            _ => Relationship::HourlyCare,
        }
    }

    /// The strongest of the relationships found (the badge a rating shows), if any.
    pub fn strongest(found: impl IntoIterator<Item = Relationship>) -> Option<Relationship> {
        found.into_iter().min()
    }
}

crate::coded_enum! {
    /// Why a rating cannot be made, changed or withdrawn. Words in both languages live with the
    /// other refusals (`crate::error`).
    pub enum RatingRefusal {
        /// A star count outside 1–5.
        StarsOutOfRange = "stars_out_of_range",
        /// One of the six aspects has no stars.
        MissingAspect = "missing_aspect",
        /// The text is longer than `MAX_TEXT_CHARS` characters.
        TextTooLong = "text_too_long",
        /// The child has no enrolment, care or visit at this facility in our records.
        NoRelationship = "no_relationship",
        /// The child already has a rating of this facility (edit it instead).
        AlreadyRated = "already_rated",
        /// The rating is another family's.
        NotAuthor = "not_author",
        /// The rating was made or changed less than `EDIT_INTERVAL_DAYS` days ago.
        EditTooSoon = "edit_too_soon",
        /// Operators, supervisors and administrators do not rate.
        StaffCannotRate = "staff_cannot_rate",
        /// The rating was withdrawn or hidden and cannot be changed.
        NotEditable = "not_editable",
        /// The operator's reply is empty.
        ReplyEmpty = "reply_empty",
        /// The operator's reply is longer than `reply::MAX_REPLY_CHARS` characters.
        ReplyTooLong = "reply_too_long",
        /// The reply was posted more than `REPLY_EDIT_DAYS` days ago and can no longer change.
        ReplyWindowClosed = "reply_window_closed",
        /// A report or a review decision needs a reason (5–200 characters).
        ReasonMissing = "reason_missing",
        /// The facility already reported this rating and a supervisor has not decided yet.
        AlreadyReported = "already_reported",
        /// The rating has nothing waiting for review (no held text, no open report).
        NothingToReview = "nothing_to_review",
    }
}

/// The longest text a rating may carry, in characters.
pub const MAX_TEXT_CHARS: usize = 500;
/// A rating may be changed once in this many days (counted from its last change).
pub const EDIT_INTERVAL_DAYS: i64 = 30;

/// Stars for one aspect: 1 to 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stars(u8);

impl Stars {
    pub fn new(value: i64) -> Result<Self, RatingRefusal> {
        match value {
            1..=5 => Ok(Stars(value as u8)),
            _ => Err(RatingRefusal::StarsOutOfRange),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// The six aspects' stars, in `Aspect::ALL` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AspectStars([Stars; 6]);

impl AspectStars {
    /// Stars as stored, in `Aspect::ALL` order.
    pub fn from_values(values: [i64; 6]) -> Result<Self, RatingRefusal> {
        let mut stars = [Stars(1); 6];
        for (slot, value) in stars.iter_mut().zip(values) {
            *slot = Stars::new(value)?;
        }
        Ok(AspectStars(stars))
    }

    /// The stars as numbers, in `Aspect::ALL` order.
    pub fn values(&self) -> [i64; 6] {
        self.0.map(|s| i64::from(s.get()))
    }

    pub fn of(&self, aspect: Aspect) -> Stars {
        let index = Aspect::ALL.iter().position(|a| *a == aspect).unwrap_or(0);
        self.0[index]
    }

    /// Each aspect with its stars, in page order.
    pub fn iter(&self) -> impl Iterator<Item = (Aspect, Stars)> + '_ {
        Aspect::ALL.iter().copied().zip(self.0.iter().copied())
    }

    /// The overall score: the plain mean of the six aspects (1.0 to 5.0).
    pub fn overall(&self) -> f64 {
        self.0.iter().map(|s| f64::from(s.get())).sum::<f64>() / self.0.len() as f64
    }
}

/// A rating as a family submits it: stars per aspect (absent when not chosen) and a text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingInput {
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub safety: Option<i64>,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub hygiene_meals: Option<i64>,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub care: Option<i64>,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub communication: Option<i64>,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub environment: Option<i64>,
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 5))]
    pub fees: Option<i64>,
    /// Up to 500 characters (blank space around it not counted); phone and ID numbers in it
    /// are masked.
    #[serde(default)]
    pub text: String,
}

/// A rating that passed every rule, ready to store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingDraft {
    pub stars: AspectStars,
    /// The text with phone and ID numbers masked; `None` when the family wrote nothing.
    pub text: Option<String>,
    /// The text contains words that need a supervisor's look before it is published (the
    /// stars are published at once).
    pub text_held: bool,
}

impl RatingInput {
    /// Parses the input into a draft, or the first rule it breaks.
    pub fn validate(&self) -> Result<RatingDraft, RatingRefusal> {
        let given = [self.safety, self.hygiene_meals, self.care, self.communication, self.environment, self.fees];
        // Out-of-range stars are named before missing ones: the family typed something wrong.
        let mut stars = [Stars(1); 6];
        for (slot, value) in stars.iter_mut().zip(given) {
            if let Some(value) = value {
                *slot = Stars::new(value)?;
            }
        }
        if given.iter().any(Option::is_none) {
            return Err(RatingRefusal::MissingAspect);
        }
        let trimmed = self.text.trim();
        if trimmed.chars().count() > MAX_TEXT_CHARS {
            return Err(RatingRefusal::TextTooLong);
        }
        let text = (!trimmed.is_empty()).then(|| text::mask_contacts(trimmed));
        let text_held = text.as_deref().is_some_and(text::needs_review);
        Ok(RatingDraft { stars: AspectStars(stars), text, text_held })
    }
}

/// Whether a rating last changed at `last_change` may be changed at `now`.
pub fn may_edit(last_change: Timestamp, now: Timestamp) -> Result<(), RatingRefusal> {
    if last_change.days_until(now) >= EDIT_INTERVAL_DAYS {
        Ok(())
    } else {
        Err(RatingRefusal::EditTooSoon)
    }
}

/// An operator may change its public reply for this many days after first posting it.
pub const REPLY_EDIT_DAYS: i64 = 7;

/// Whether a reply first posted at `replied_at` may still be changed at `now`.
pub fn may_change_reply(replied_at: Timestamp, now: Timestamp) -> bool {
    replied_at.days_until(now) < REPLY_EDIT_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(stars: [i64; 6], text: &str) -> RatingInput {
        RatingInput {
            safety: Some(stars[0]),
            hygiene_meals: Some(stars[1]),
            care: Some(stars[2]),
            communication: Some(stars[3]),
            environment: Some(stars[4]),
            fees: Some(stars[5]),
            text: text.into(),
        }
    }

    #[test]
    fn the_overall_score_is_the_mean_of_the_six_aspects() {
        let draft = full([5, 4, 5, 3, 4, 5], "").validate().expect("valid");
        assert!((draft.stars.overall() - 26.0 / 6.0).abs() < 1e-9);
        assert_eq!(draft.stars.of(Aspect::Communication).get(), 3);
        assert_eq!(draft.text, None);
        assert!(!draft.text_held);
    }

    #[test]
    fn stars_outside_one_to_five_are_refused() {
        for bad in [0, 6, -1, 100] {
            assert_eq!(full([5, 5, 5, 5, 5, bad], "").validate(), Err(RatingRefusal::StarsOutOfRange), "{bad}");
        }
        assert!(full([1, 1, 1, 1, 1, 1], "").validate().is_ok());
    }

    #[test]
    fn every_aspect_must_have_stars() {
        let mut input = full([5; 6], "");
        input.care = None;
        assert_eq!(input.validate(), Err(RatingRefusal::MissingAspect));
        assert_eq!(RatingInput::default().validate(), Err(RatingRefusal::MissingAspect));
    }

    #[test]
    fn text_is_limited_to_500_characters_not_bytes() {
        assert!(full([4; 6], &"好".repeat(500)).validate().is_ok());
        assert_eq!(full([4; 6], &"好".repeat(501)).validate(), Err(RatingRefusal::TextTooLong));
        // Blank space around the text does not count and is not kept.
        assert_eq!(full([4; 6], "  老师很耐心  ").validate().expect("valid").text.as_deref(), Some("老师很耐心"));
    }

    #[test]
    fn contact_numbers_in_text_are_masked_and_ads_are_held() {
        let draft = full([4; 6], "有事打13812341234").validate().expect("valid");
        assert_eq!(draft.text.as_deref(), Some("有事打138****1234"));
        assert!(!draft.text_held);
        assert!(full([4; 6], "加微信领优惠").validate().expect("valid").text_held);
    }

    #[test]
    fn the_strongest_relationship_is_the_badge() {
        assert_eq!(Relationship::strongest([Relationship::Visited, Relationship::Enrolled]), Some(Relationship::Enrolled));
        assert_eq!(Relationship::strongest([Relationship::Visited, Relationship::HourlyCare]), Some(Relationship::HourlyCare));
        assert_eq!(Relationship::strongest([]), None);
    }

    #[test]
    fn only_enrolment_and_attended_slots_give_a_relationship() {
        for state in ApplicationState::ALL {
            let expected = matches!(state, ApplicationState::Enrolled | ApplicationState::Withdrawn).then_some(Relationship::Enrolled);
            assert_eq!(Relationship::from_application(*state), expected, "{state:?}");
        }
        assert_eq!(Relationship::from_attended_slot(SlotKind::Visit), Relationship::Visited);
        for kind in SlotKind::ALL.iter().filter(|k| **k != SlotKind::Visit) {
            assert_eq!(Relationship::from_attended_slot(*kind), Relationship::HourlyCare);
        }
    }

    #[test]
    fn a_rating_may_change_once_in_thirty_days() {
        let made = Timestamp(1_700_000_000);
        let day = Timestamp::SECONDS_PER_DAY;
        assert_eq!(may_edit(made, Timestamp(made.0 + 29 * day + 86_399)), Err(RatingRefusal::EditTooSoon));
        assert_eq!(may_edit(made, Timestamp(made.0 + 30 * day)), Ok(()));
    }

    #[test]
    fn a_reply_can_be_changed_for_seven_days() {
        let replied = Timestamp(1_700_000_000);
        let day = Timestamp::SECONDS_PER_DAY;
        assert!(may_change_reply(replied, Timestamp(replied.0 + 6 * day + 86_399)));
        assert!(!may_change_reply(replied, Timestamp(replied.0 + 7 * day)));
    }
}
