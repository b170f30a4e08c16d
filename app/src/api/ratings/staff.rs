//! Ratings for staff: the operator's inbox with one public reply per rating and reports for
//! review; the health commission's review queue, where a held text is published or a rating
//! hidden with a reason. Every decision is audited; the author is told by notice.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::RatingView;
use crate::error::AppError;

/// A rating in the operator's inbox: as everyone sees it, with what the operator may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OperatorRatingView {
    pub rating: RatingView,
    /// The reply can still be posted or changed.
    pub may_reply: bool,
    /// Reported and waiting for a supervisor.
    pub reported: bool,
}

/// A rating waiting for the health commission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewItemView {
    pub rating_id: i64,
    pub facility_id: i64,
    pub facility_name: String,
    pub stars: Vec<i64>,
    pub text: Option<String>,
    pub text_held: bool,
    pub report_reason: Option<String>,
    pub author: String,
    pub month: String,
}

#[server(input = GetUrl, prefix = "/api", endpoint = "operator_ratings")]
pub async fn fetch_operator_ratings() -> Result<Vec<OperatorRatingView>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::operator_ratings(&state).await)
}

#[server(prefix = "/api", endpoint = "reply_to_rating")]
pub async fn reply_to_rating(op_id: String, rating_id: i64, text: String) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::reply(&state, &op_id, rating_id, &text).await)
}

#[server(prefix = "/api", endpoint = "report_rating")]
pub async fn report_rating(op_id: String, rating_id: i64, reason: String) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::report(&state, &op_id, rating_id, &reason).await)
}

/// The review queue for the health commission; `None` for supervisors of other departments
/// (their page shows no queue).
#[server(input = GetUrl, prefix = "/api", endpoint = "rating_reviews")]
pub async fn fetch_rating_reviews() -> Result<Option<Vec<ReviewItemView>>, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::review_queue(&state).await)
}

/// `decision` is `publish` or `hide`; hiding needs a reason (5–200 characters).
#[server(prefix = "/api", endpoint = "review_rating")]
pub async fn review_rating(op_id: String, rating_id: i64, decision: String, reason: String) -> Result<(), AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::review(&state, &op_id, rating_id, &decision, &reason).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::operation;
    use crate::auth::viewer::{audit, refuse, require_operator, require_viewer};
    use crate::domain::account::access::may_review_ratings;
    use crate::domain::account::roles::{Role, Viewer};
    use crate::api::ratings::server::rating_view;
    use crate::domain::calendar::{CivilDate, YearMonth};
    use crate::domain::rating::reply::{reason as report_reason, reply_text, Review, ReviewDecision};
    use crate::domain::rating::may_change_reply;
    use crate::state::AppState;
    use crate::store::ratings::StaffOutcome;

    /// Ratings shown in the operator's inbox and the review queue.
    const LIST_LIMIT: u32 = 100;

    async fn require_reviewer(state: &AppState, action: &str) -> Result<Viewer, AppError> {
        let viewer = require_viewer(state).await?;
        if may_review_ratings(&viewer) {
            Ok(viewer)
        } else {
            Err(refuse(state, Some(&viewer), action, "ratings").await)
        }
    }

    fn done(outcome: StaffOutcome) -> Result<(), AppError> {
        match outcome {
            StaffOutcome::Done { .. } => Ok(()),
            StaffOutcome::Refused(refusal) => Err(AppError::refused(refusal)),
            StaffOutcome::NotFound => Err(AppError::NotFound),
        }
    }

    pub async fn operator_ratings(state: &AppState) -> Result<Vec<OperatorRatingView>, AppError> {
        let (_, facility_id) = require_operator(state, "rating.inbox").await?;
        let now = state.clock.now();
        let rows = state.store.operator_ratings(facility_id, LIST_LIMIT).await?;
        let today = CivilDate::in_china_at(now);
        Ok(rows
            .into_iter()
            .map(|r| OperatorRatingView {
                may_reply: r.replied_at.is_none_or(|at| may_change_reply(at, now)),
                reported: r.reported,
                rating: rating_view(r.rating, today),
            })
            .collect())
    }

    pub async fn reply(state: &AppState, op_id: &str, rating_id: i64, text: &str) -> Result<(), AppError> {
        let (viewer, facility_id) = require_operator(state, "rating.reply").await?;
        let text = reply_text(text).map_err(AppError::refused)?;
        let op = operation(op_id, &viewer, "rating.reply", &(rating_id, &text))?;
        let outcome = state.store.reply_to_rating(&op, facility_id, rating_id, &text, state.clock.now()).await?;
        if matches!(outcome, StaffOutcome::Done { .. }) {
            audit(state, &viewer.actor(), "rating.reply", &format!("rating:{rating_id}"), "ok").await;
        }
        done(outcome)
    }

    pub async fn report(state: &AppState, op_id: &str, rating_id: i64, reason: &str) -> Result<(), AppError> {
        let (viewer, facility_id) = require_operator(state, "rating.report").await?;
        let reason = report_reason(reason).map_err(AppError::refused)?;
        let op = operation(op_id, &viewer, "rating.report", &(rating_id, &reason))?;
        let outcome = state.store.report_rating(&op, facility_id, rating_id, &reason, state.clock.now()).await?;
        if matches!(outcome, StaffOutcome::Done { .. }) {
            audit(state, &viewer.actor(), "rating.report", &format!("rating:{rating_id}"), "ok").await;
        }
        done(outcome)
    }

    pub async fn review_queue(state: &AppState) -> Result<Option<Vec<ReviewItemView>>, AppError> {
        let viewer = require_viewer(state).await?;
        if matches!(viewer.role, Role::Supervisor { .. }) && !may_review_ratings(&viewer) {
            return Ok(None);
        }
        let viewer = require_reviewer(state, "rating.review_queue").await?;
        let items = state.store.rating_review_queue(LIST_LIMIT).await?;
        audit(state, &viewer.actor(), "rating.review_queue", "ratings", "ok").await;
        Ok(Some(items
            .into_iter()
            .map(|i| ReviewItemView {
                rating_id: i.rating_id,
                facility_id: i.facility_id,
                facility_name: i.facility_name,
                stars: i.stars.to_vec(),
                text: i.text,
                text_held: i.text_held,
                report_reason: i.report_reason,
                author: i.author,
                month: YearMonth::of(i.rated_on).to_string(),
            })
            .collect()))
    }

    pub async fn review(state: &AppState, op_id: &str, rating_id: i64, decision: &str, reason: &str) -> Result<(), AppError> {
        let viewer = require_reviewer(state, "rating.review").await?;
        let decision = ReviewDecision::from_code(decision).ok_or_else(|| AppError::bad_input("decision"))?;
        let review = Review::new(decision, reason).map_err(AppError::refused)?;
        let op = operation(op_id, &viewer, "rating.review", &(rating_id, &review))?;
        let outcome = state.store.review_rating(&op, rating_id, &review, state.clock.now()).await?;
        if matches!(outcome, StaffOutcome::Done { .. }) {
            audit(state, &viewer.actor(), &format!("rating.{}", decision.code()), &format!("rating:{rating_id}"), "ok").await;
        }
        done(outcome)
    }
}
