//! The error every server function returns. It crosses the wire as JSON and is shown to people
//! as a friendly sentence (see `labels::error_message`); details stay in the server log.

use serde::{Deserialize, Serialize};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

use crate::domain::activity::ActivityRefusal;
use crate::domain::booking::{ApplyRefusal, ChangeRefusal, SlotRefusal};
use crate::domain::complaint::ComplaintRefusal;
use crate::domain::expert::ExpertRefusal;
use crate::domain::fees::FeeRefusal;
use crate::domain::filing::FilingRefusal;
use crate::domain::roster::RosterRefusal;
use crate::domain::subsidy::SubsidyRefusal;
use crate::domain::gallery::GalleryRefusal;
use crate::domain::lesson::LessonRefusal;
use crate::domain::policy::PolicyRefusal;
use crate::domain::rating::RatingRefusal;
use crate::domain::vacancy::FigureRefusal;

/// Every rule that can say no, one enum per capability. Each variant has its words in both
/// languages in `labels::refusal` (an exhaustive match: a new refusal cannot lack words). On
/// the wire it is the refusal's code, a plain string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Apply(ApplyRefusal),
    Change(ChangeRefusal),
    Slot(SlotRefusal),
    Figures(FigureRefusal),
    Sync(SyncRefusal),
    Rating(RatingRefusal),
    Complaint(ComplaintRefusal),
    Lesson(LessonRefusal),
    Expert(ExpertRefusal),
    Activity(ActivityRefusal),
    Policy(PolicyRefusal),
    Fee(FeeRefusal),
    Roster(RosterRefusal),
    Filing(FilingRefusal),
    Subsidy(SubsidyRefusal),
    Gallery(GalleryRefusal),
}

crate::coded_enum! {
    /// Why the offline sync refuses an operation as a whole.
    pub enum SyncRefusal {
        /// The device's queue was written by a client version this server no longer reads.
        ClientTooOld = "client_too_old",
    }
}

impl Refusal {
    /// Every refusal there is.
    pub fn all() -> impl Iterator<Item = Refusal> {
        let apply = ApplyRefusal::ALL.iter().map(|r| Refusal::Apply(*r));
        let change = ChangeRefusal::ALL.iter().map(|r| Refusal::Change(*r));
        let slot = SlotRefusal::ALL.iter().map(|r| Refusal::Slot(*r));
        let figures = FigureRefusal::ALL.iter().map(|r| Refusal::Figures(*r));
        let sync = SyncRefusal::ALL.iter().map(|r| Refusal::Sync(*r));
        let rating = RatingRefusal::ALL.iter().map(|r| Refusal::Rating(*r));
        let complaint = ComplaintRefusal::ALL.iter().map(|r| Refusal::Complaint(*r));
        let lesson = LessonRefusal::ALL.iter().map(|r| Refusal::Lesson(*r));
        let expert = ExpertRefusal::ALL.iter().map(|r| Refusal::Expert(*r));
        let activity = ActivityRefusal::ALL.iter().map(|r| Refusal::Activity(*r));
        let policy = PolicyRefusal::ALL.iter().map(|r| Refusal::Policy(*r));
        let fee = FeeRefusal::ALL.iter().map(|r| Refusal::Fee(*r));
        let roster = RosterRefusal::ALL.iter().map(|r| Refusal::Roster(*r));
        let filing = FilingRefusal::ALL.iter().map(|r| Refusal::Filing(*r));
        let subsidy = SubsidyRefusal::ALL.iter().map(|r| Refusal::Subsidy(*r));
        let gallery = GalleryRefusal::ALL.iter().map(|r| Refusal::Gallery(*r));
        apply.chain(change).chain(slot).chain(figures).chain(sync).chain(rating).chain(complaint).chain(lesson).chain(expert).chain(activity).chain(policy).chain(fee).chain(roster).chain(filing).chain(subsidy).chain(gallery)
    }

    pub fn code(self) -> &'static str {
        match self {
            Refusal::Apply(r) => r.code(),
            Refusal::Change(r) => r.code(),
            Refusal::Slot(r) => r.code(),
            Refusal::Figures(r) => r.code(),
            Refusal::Sync(r) => r.code(),
            Refusal::Rating(r) => r.code(),
            Refusal::Complaint(r) => r.code(),
            Refusal::Lesson(r) => r.code(),
            Refusal::Expert(r) => r.code(),
            Refusal::Activity(r) => r.code(),
            Refusal::Policy(r) => r.code(),
            Refusal::Fee(r) => r.code(),
            Refusal::Roster(r) => r.code(),
            Refusal::Filing(r) => r.code(),
            Refusal::Subsidy(r) => r.code(),
            Refusal::Gallery(r) => r.code(),
        }
    }

    /// The HTTP status of the refusal: 403 when it is about who is asking (no relationship with
    /// the facility, someone else's rating, staff), 422 when it is about what was sent or when.
    pub fn status(self) -> u16 {
        match self {
            Refusal::Rating(RatingRefusal::NoRelationship | RatingRefusal::NotAuthor | RatingRefusal::StaffCannotRate) => 403,
            Refusal::Complaint(ComplaintRefusal::NotYourStep | ComplaintRefusal::StaffCannotFile) => 403,
            Refusal::Complaint(ComplaintRefusal::DailyLimit) => 429,
            Refusal::Lesson(LessonRefusal::UnknownLesson) => 404,
            Refusal::Expert(ExpertRefusal::ParentsAsk | ExpertRefusal::ExpertsAnswer) | Refusal::Activity(ActivityRefusal::ActivityHost) => 403,
            Refusal::Expert(ExpertRefusal::QuestionDailyLimit) => 429,
            Refusal::Expert(ExpertRefusal::AlreadyAnswered) | Refusal::Fee(FeeRefusal::FeeDuplicate) | Refusal::Roster(RosterRefusal::StaffAlreadyListed) => 409,
            Refusal::Filing(FilingRefusal::FilingNotEditable | FilingRefusal::FilingWrongState | FilingRefusal::FilingAlreadyOpen) => 409,
            Refusal::Subsidy(SubsidyRefusal::SubsidyNotEditable | SubsidyRefusal::SubsidyWrongState | SubsidyRefusal::SubsidyDuplicate | SubsidyRefusal::SubsidyOpeningOnce) => 409,
            Refusal::Gallery(GalleryRefusal::GalleryLimit | GalleryRefusal::GalleryNotPending) => 409,
            _ => 422,
        }
    }

    pub fn from_code(code: &str) -> Option<Refusal> {
        Refusal::all().find(|r| r.code() == code)
    }
}

impl From<ApplyRefusal> for Refusal {
    fn from(r: ApplyRefusal) -> Self {
        Refusal::Apply(r)
    }
}
impl From<ChangeRefusal> for Refusal {
    fn from(r: ChangeRefusal) -> Self {
        Refusal::Change(r)
    }
}
impl From<SlotRefusal> for Refusal {
    fn from(r: SlotRefusal) -> Self {
        Refusal::Slot(r)
    }
}
impl From<FigureRefusal> for Refusal {
    fn from(r: FigureRefusal) -> Self {
        Refusal::Figures(r)
    }
}
impl From<RatingRefusal> for Refusal {
    fn from(r: RatingRefusal) -> Self {
        Refusal::Rating(r)
    }
}
impl From<ComplaintRefusal> for Refusal {
    fn from(r: ComplaintRefusal) -> Self {
        Refusal::Complaint(r)
    }
}
impl From<LessonRefusal> for Refusal {
    fn from(r: LessonRefusal) -> Self {
        Refusal::Lesson(r)
    }
}
impl From<ExpertRefusal> for Refusal {
    fn from(r: ExpertRefusal) -> Self {
        Refusal::Expert(r)
    }
}
impl From<RosterRefusal> for Refusal {
    fn from(r: RosterRefusal) -> Self {
        Refusal::Roster(r)
    }
}
impl From<FilingRefusal> for Refusal {
    fn from(r: FilingRefusal) -> Self {
        Refusal::Filing(r)
    }
}
impl From<GalleryRefusal> for Refusal {
    fn from(r: GalleryRefusal) -> Self {
        Refusal::Gallery(r)
    }
}
impl From<SubsidyRefusal> for Refusal {
    fn from(r: SubsidyRefusal) -> Self {
        Refusal::Subsidy(r)
    }
}
impl From<FeeRefusal> for Refusal {
    fn from(r: FeeRefusal) -> Self {
        Refusal::Fee(r)
    }
}
impl From<ActivityRefusal> for Refusal {
    fn from(r: ActivityRefusal) -> Self {
        Refusal::Activity(r)
    }
}
impl From<PolicyRefusal> for Refusal {
    fn from(r: PolicyRefusal) -> Self {
        Refusal::Policy(r)
    }
}
impl From<SyncRefusal> for Refusal {
    fn from(r: SyncRefusal) -> Self {
        Refusal::Sync(r)
    }
}

impl Serialize for Refusal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Refusal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Refusal::from_code(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown refusal {code:?}")))
    }
}

/// What went wrong, in terms a page can explain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    /// The record does not exist, or the asker may not know that it exists.
    #[error("not found")]
    NotFound,
    /// A value the user sent cannot be used; `field` names which.
    #[error("bad input in {field}")]
    BadInput { field: String },
    /// The request could not be understood at all (malformed arguments).
    #[error("malformed request")]
    BadRequest,
    /// Signing in is needed first.
    #[error("not signed in")]
    Unauthenticated,
    /// Too many attempts; try again after this many seconds.
    #[error("rate limited")]
    RateLimited { retry_after_s: u32 },
    /// The sign-in code or second-factor code is wrong or expired.
    #[error("wrong or expired code")]
    WrongCode,
    /// Username or password is wrong (never says which).
    #[error("wrong credentials")]
    WrongCredentials,
    /// Fields of a form that cannot be used, each with its problem.
    #[error("invalid fields")]
    Invalid { problems: Vec<crate::domain::account::child::FieldProblem> },
    /// A rule refused the request; `reason` is a typed refusal of one capability, sent as its
    /// code (`start_in_past`, `slot_full`…) and worded by `labels::refusal`.
    #[error("refused: {}", reason.code())]
    Refused { reason: Refusal },
    /// Consent to process children's data is needed first.
    #[error("consent required")]
    ConsentRequired,
    /// The same operation id was used for a different request.
    #[error("operation id reused")]
    OperationConflict,
    /// The text-message provider did not send the sign-in code (error, refusal or timeout).
    #[error("text message not sent")]
    SmsFailed,
    /// The database is out of reach or overloaded; trying again later may work.
    #[error("service unavailable")]
    Unavailable,
    /// The browser could not reach the server.
    #[error("network error")]
    Network,
    /// A fault on our side. Logged on the server with details.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn refused(reason: impl Into<Refusal>) -> Self {
        AppError::Refused { reason: reason.into() }
    }

    pub fn bad_input(field: &str) -> Self {
        AppError::BadInput { field: field.to_string() }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::RateLimited { .. } => 429,
            AppError::WrongCode => 422,
            AppError::WrongCredentials => 401,
            AppError::Invalid { .. } => 422,
            AppError::ConsentRequired => 409,
            AppError::Refused { reason } => reason.status(),
            AppError::BadInput { .. } => 422,
            AppError::BadRequest => 400,
            AppError::OperationConflict => 409,
            AppError::SmsFailed => 503,
            AppError::Unavailable => 503,
            AppError::Network => 503,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            // Arguments the framework could not decode come from the client: a 4xx, not a 500.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::BadRequest
            }
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_) => AppError::Internal,
        };
        #[cfg(feature = "ssr")]
        crate::api::set_response_status(&error);
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_codes_are_unique_and_round_trip_on_the_wire() {
        let all: Vec<Refusal> = Refusal::all().collect();
        let mut codes: Vec<&str> = all.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "two refusals share a code");
        for refusal in all {
            let error = AppError::refused(refusal);
            let json = serde_json::to_value(&error).expect("serialises");
            assert_eq!(json["detail"]["reason"], refusal.code());
            assert_eq!(serde_json::from_value::<AppError>(json).expect("parses"), error);
        }
    }
}
