//! Booking (入托网上约): place applications with offers and an honest waitlist, visits and
//! hourly or temporary care slots. The rules here are pure; the store applies them inside one
//! transaction per write.

use serde::{Deserialize, Serialize};

use super::calendar::{CivilDate, Timestamp, YearMonth};
use super::facility::{AgeError, ClassLevel, FilingStatus};
use crate::coded_enum;

/// How long an offer holds a place for the operator to confirm, by default.
pub const DEFAULT_OFFER_HOURS: i64 = 48;
/// A waitlist entry lapses unless renewed within this many days…
pub const RENEW_EVERY_DAYS: i64 = 90;
/// …and the family is reminded this many days before.
pub const REMIND_DAYS_BEFORE: i64 = 14;
/// Open applications (offered, confirmed or waitlisted) one child may hold at once.
pub const MAX_OPEN_APPLICATIONS: usize = 3;
/// A visit or care slot can be cancelled until this many hours before it starts.
pub const SLOT_CANCEL_CUTOFF_HOURS: i64 = 2;

coded_enum! {
    /// Where a place application stands.
    pub enum ApplicationState {
        /// A place is held until `offered_until` for the operator to confirm.
        Offered = "offered",
        /// The operator confirmed; the place stays held until the child starts.
        Confirmed = "confirmed",
        /// No free place now: in the queue.
        Waitlisted = "waitlisted",
        /// The child has started: the place is taken.
        Enrolled = "enrolled",
        /// The operator declined, with a reason.
        Declined = "declined",
        /// The family cancelled.
        Cancelled = "cancelled",
        /// The offer was not confirmed in time.
        Expired = "expired",
        /// The waitlist entry was not renewed in time.
        Lapsed = "lapsed",
        /// The child left after being enrolled.
        Withdrawn = "withdrawn",
    }
}

impl ApplicationState {
    /// Still counting against the child's open applications and the class's queue or places.
    pub fn is_open(self) -> bool {
        matches!(self, ApplicationState::Offered | ApplicationState::Confirmed | ApplicationState::Waitlisted)
    }

    /// Holds one of the class's places (`held`).
    pub fn holds_place(self) -> bool {
        matches!(self, ApplicationState::Offered | ApplicationState::Confirmed)
    }
}

/// Something that can happen to an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplicationEvent {
    FamilyCancels,
    OperatorConfirms,
    OperatorDeclines,
    OperatorEnrols,
    OperatorWithdraws,
    OfferExpires,
    WaitlistLapses,
    /// A place freed up and this entry was first in the queue.
    Promoted,
    FamilyRenews,
}

/// What an event does to the class's places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceEffect {
    None,
    /// held − 1: a place frees up (the next in the queue may be offered it).
    Release,
    /// held − 1, enrolled + 1.
    Enrol,
    /// enrolled − 1: a place frees up.
    Leave,
    /// held + 1 (taken with the conditional update).
    Take,
}

/// The state an event leads to from `from`, and its effect on places; `None` when the event
/// does not apply in that state (the caller refuses it).
pub fn transition(from: ApplicationState, event: ApplicationEvent) -> Option<(ApplicationState, PlaceEffect)> {
    use ApplicationEvent as E;
    use ApplicationState as S;
    match (from, event) {
        (S::Offered | S::Confirmed, E::FamilyCancels) => Some((S::Cancelled, PlaceEffect::Release)),
        (S::Waitlisted, E::FamilyCancels) => Some((S::Cancelled, PlaceEffect::None)),
        (S::Offered, E::OperatorConfirms) => Some((S::Confirmed, PlaceEffect::None)),
        (S::Offered | S::Confirmed, E::OperatorDeclines) => Some((S::Declined, PlaceEffect::Release)),
        (S::Waitlisted, E::OperatorDeclines) => Some((S::Declined, PlaceEffect::None)),
        (S::Offered | S::Confirmed, E::OperatorEnrols) => Some((S::Enrolled, PlaceEffect::Enrol)),
        (S::Enrolled, E::OperatorWithdraws) => Some((S::Withdrawn, PlaceEffect::Leave)),
        (S::Offered, E::OfferExpires) => Some((S::Expired, PlaceEffect::Release)),
        (S::Waitlisted, E::WaitlistLapses) => Some((S::Lapsed, PlaceEffect::None)),
        (S::Waitlisted, E::Promoted) => Some((S::Offered, PlaceEffect::Take)),
        (S::Waitlisted, E::FamilyRenews) => Some((S::Waitlisted, PlaceEffect::None)),
        _ => None,
    }
}

/// Why an application cannot be made. Stored inside replayed operation results by variant
/// name (keep the names); `code()` is the stable code the API and pages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyRefusal {
    /// The start month lies before this month.
    StartInPast,
    /// Further ahead than a family can sensibly plan (a year).
    StartTooFar,
    ChildTooYoung,
    ChildTooOld,
    /// Only filed (备案) facilities take applications online.
    FacilityNotFiled,
    /// The facility has no class for the child's age.
    NoClassForAge,
    /// The child already has an open application for this class.
    AlreadyApplied,
    /// The child holds the most open applications allowed.
    TooManyOpen,
}

impl ApplyRefusal {
    pub const ALL: &'static [ApplyRefusal] = &[
        ApplyRefusal::StartInPast,
        ApplyRefusal::StartTooFar,
        ApplyRefusal::ChildTooYoung,
        ApplyRefusal::ChildTooOld,
        ApplyRefusal::FacilityNotFiled,
        ApplyRefusal::NoClassForAge,
        ApplyRefusal::AlreadyApplied,
        ApplyRefusal::TooManyOpen,
    ];

    /// The stable code of this refusal on the wire.
    pub fn code(self) -> &'static str {
        match self {
            ApplyRefusal::StartInPast => "start_in_past",
            ApplyRefusal::StartTooFar => "start_too_far",
            ApplyRefusal::ChildTooYoung => "child_too_young",
            ApplyRefusal::ChildTooOld => "child_too_old",
            ApplyRefusal::FacilityNotFiled => "facility_not_filed",
            ApplyRefusal::NoClassForAge => "no_class_for_age",
            ApplyRefusal::AlreadyApplied => "already_applied",
            ApplyRefusal::TooManyOpen => "too_many_open",
        }
    }
}

crate::coded_enum! {
    /// Why a state change of an existing application is refused.
    pub enum ChangeRefusal {
        /// The application is not in a state that allows this step (it moved on meanwhile).
        NotAllowed = "not_allowed",
    }
}

crate::coded_enum! {
    /// Why a visit or care slot cannot be booked or cancelled.
    pub enum SlotRefusal {
        /// Every place of the slot is taken.
        Full = "slot_full",
        /// The child already holds a place in this slot.
        AlreadyBooked = "already_booked",
        /// The slot has started or ended.
        Past = "slot_past",
        /// Past the cancellation cut-off before the start.
        TooLate = "too_late",
    }
}

/// Checks what can be checked before touching the places: the start month, the child's class
/// at that month and the facility's filing. Returns the class the child joins.
pub fn check_application(
    birth: CivilDate,
    start: YearMonth,
    today: CivilDate,
    filing: FilingStatus,
) -> Result<ClassLevel, ApplyRefusal> {
    let this_month = YearMonth::of(today);
    if start < this_month {
        return Err(ApplyRefusal::StartInPast);
    }
    if this_month.first_day().whole_months_until(start.first_day()) > 12 {
        return Err(ApplyRefusal::StartTooFar);
    }
    if filing != FilingStatus::Filed {
        return Err(ApplyRefusal::FacilityNotFiled);
    }
    ClassLevel::at_start(birth, start).map_err(|e| match e {
        AgeError::TooYoung => ApplyRefusal::ChildTooYoung,
        AgeError::TooOld => ApplyRefusal::ChildTooOld,
    })
}

/// The renewal deadline of a waitlist entry made or renewed at `at`.
pub fn renew_by(at: Timestamp) -> Timestamp {
    Timestamp(at.0 + RENEW_EVERY_DAYS * Timestamp::SECONDS_PER_DAY)
}

/// When an offer made at `at` stops holding its place.
pub fn offer_until(at: Timestamp, offer_hours: i64) -> Timestamp {
    Timestamp(at.0 + offer_hours * 3600)
}

coded_enum! {
    /// Kinds of published time slots.
    pub enum SlotKind {
        /// 参观预约: a visit before applying.
        Visit = "visit",
        /// 计时托: care by the hour.
        Hourly = "hourly",
        /// 临时托: occasional care.
        Temporary = "temporary",
    }
}

/// Whether a slot booking may still be cancelled at `now`.
pub fn may_cancel_slot(starts_at: Timestamp, now: Timestamp) -> bool {
    now.0 <= starts_at.0 - SLOT_CANCEL_CUTOFF_HOURS * 3600
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationEvent as E;
    use ApplicationState as S;

    fn date(s: &str) -> CivilDate {
        CivilDate::parse(s).expect("date")
    }
    fn month(s: &str) -> YearMonth {
        YearMonth::parse(s).expect("month")
    }

    #[test]
    fn cancelling_an_offer_releases_its_place_and_cancelling_a_queue_entry_does_not() {
        assert_eq!(transition(S::Offered, E::FamilyCancels), Some((S::Cancelled, PlaceEffect::Release)));
        assert_eq!(transition(S::Waitlisted, E::FamilyCancels), Some((S::Cancelled, PlaceEffect::None)));
    }

    #[test]
    fn only_offers_can_be_confirmed_and_only_waitlist_entries_promoted() {
        assert_eq!(transition(S::Offered, E::OperatorConfirms), Some((S::Confirmed, PlaceEffect::None)));
        assert_eq!(transition(S::Waitlisted, E::OperatorConfirms), None);
        assert_eq!(transition(S::Waitlisted, E::Promoted), Some((S::Offered, PlaceEffect::Take)));
        assert_eq!(transition(S::Offered, E::Promoted), None);
    }

    #[test]
    fn closed_applications_accept_no_event() {
        for closed in [S::Declined, S::Cancelled, S::Expired, S::Lapsed, S::Withdrawn] {
            for event in [E::FamilyCancels, E::OperatorConfirms, E::OperatorDeclines, E::OfferExpires, E::Promoted, E::FamilyRenews] {
                assert_eq!(transition(closed, event), None, "{closed:?} {event:?}");
            }
        }
    }

    #[test]
    fn enrolling_moves_the_place_from_held_to_enrolled_and_leaving_frees_it() {
        assert_eq!(transition(S::Confirmed, E::OperatorEnrols), Some((S::Enrolled, PlaceEffect::Enrol)));
        assert_eq!(transition(S::Enrolled, E::OperatorWithdraws), Some((S::Withdrawn, PlaceEffect::Leave)));
    }

    #[test]
    fn an_application_follows_the_childs_age_at_the_start_month() {
        let today = date("2026-11-29");
        assert_eq!(check_application(date("2025-06-10"), month("2027-01"), today, FilingStatus::Filed), Ok(ClassLevel::Toddler));
        assert_eq!(check_application(date("2026-09-01"), month("2026-12"), today, FilingStatus::Filed), Err(ApplyRefusal::ChildTooYoung));
        assert_eq!(check_application(date("2023-01-01"), month("2026-12"), today, FilingStatus::Filed), Err(ApplyRefusal::ChildTooOld));
    }

    #[test]
    fn start_months_in_the_past_or_over_a_year_ahead_are_refused() {
        let today = date("2026-11-29");
        let birth = date("2025-06-10");
        assert_eq!(check_application(birth, month("2026-10"), today, FilingStatus::Filed), Err(ApplyRefusal::StartInPast));
        assert!(check_application(birth, month("2026-11"), today, FilingStatus::Filed).is_ok(), "this month is fine");
        assert_eq!(check_application(birth, month("2027-12"), today, FilingStatus::Filed), Err(ApplyRefusal::StartTooFar));
    }

    #[test]
    fn only_filed_facilities_take_applications() {
        let today = date("2026-11-29");
        for status in [FilingStatus::NotFiled, FilingStatus::UnderReview, FilingStatus::Revoked] {
            assert_eq!(check_application(date("2025-06-10"), month("2027-01"), today, status), Err(ApplyRefusal::FacilityNotFiled));
        }
    }

    #[test]
    fn offers_hold_48_hours_and_queue_entries_renew_every_90_days() {
        assert_eq!(offer_until(Timestamp(0), DEFAULT_OFFER_HOURS), Timestamp(172_800));
        assert_eq!(renew_by(Timestamp(0)), Timestamp(90 * 86_400));
    }

    #[test]
    fn slot_bookings_can_be_cancelled_until_two_hours_before() {
        let start = Timestamp(100_000);
        assert!(may_cancel_slot(start, Timestamp(100_000 - 7_200)));
        assert!(!may_cancel_slot(start, Timestamp(100_000 - 7_199)));
    }
}
