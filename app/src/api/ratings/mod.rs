//! Ratings (家长评价) for families and everyone: a facility's public ratings and figures, and a
//! parent rating a facility their child really used. The operator's and supervisor's side is in
//! `staff`. Functions in `server` take the viewer explicitly so `/api/v1` and the offline sync
//! share them.

pub mod staff;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

pub use crate::domain::rating::RatingInput;
use crate::error::AppError;

/// Ratings shown per page on a facility's page: the newest five, then five more per tap. On a
/// 360 px phone five cards are already several screens; the rest of the page (places, visits,
/// complaints) should not sink below them.
pub const PER_PAGE: u32 = 5;

/// One published rating as everyone sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingView {
    pub id: i64,
    /// `enrolled` (在托家长), `hourly_care` (计时托家长) or `visited` (参观过).
    pub relationship: String,
    /// Stars 1–5 per aspect: safety, hygiene_meals, care, communication, environment, fees.
    pub stars: Vec<i64>,
    /// The mean of the six aspects, one decimal.
    pub overall: String,
    /// Shown once published (a text held for review is not).
    pub text: Option<String>,
    /// The child's family name and stars, e.g. "王**".
    pub author: String,
    /// `YYYY-MM`: the month of the last change (never the day).
    pub month: String,
    /// Older than 24 months: shown greyed, counts half in the score.
    pub aged: bool,
    /// The facility's public reply.
    pub reply: Option<String>,
    /// Made by an invented demo family (shown as 演示数据).
    pub is_demo: bool,
}

/// One aspect's mean stars, one decimal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AspectScore {
    pub aspect: String,
    pub score: String,
}

/// A facility's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingSummaryView {
    pub count: u32,
    /// The (age-weighted) mean score, one decimal, from 3 ratings on; `null` below.
    pub score: Option<String>,
    /// Per aspect, with the score only.
    pub per_aspect: Vec<AspectScore>,
    /// How many ratings round to 1, 2, 3, 4 and 5 stars.
    pub per_star: Vec<u32>,
}

/// A page of a facility's ratings with its figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FacilityRatings {
    pub facility_id: i64,
    pub summary: RatingSummaryView,
    pub ratings: Vec<RatingView>,
    pub page: u32,
    pub has_more: bool,
}

/// The family's own rating of a facility, as its author sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OwnRatingView {
    pub id: i64,
    /// `published`, `hidden` or `withdrawn`.
    pub state: String,
    pub stars: Vec<i64>,
    pub text: Option<String>,
    /// `none`, `published`, `held` (审核中) or `hidden`.
    pub text_state: String,
    /// Unix seconds from which it may be changed again; `null`: it may be changed now.
    pub editable_from: Option<i64>,
    /// Why a supervisor hid it.
    pub hidden_reason: Option<String>,
    pub reply: Option<String>,
}

/// One child of the family on a facility's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingChoiceView {
    pub child_id: i64,
    pub child_name: String,
    /// The relationship that lets this child's family rate; `null`: it may not rate here.
    pub relationship: Option<String>,
    pub own: Option<OwnRatingView>,
}

/// A new rating.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RateInput {
    /// A UUID the client made for this action; resending it returns the first answer.
    #[cfg_attr(feature = "ssr", schema(pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"))]
    pub op_id: String,
    pub facility_id: i64,
    pub child_id: i64,
    pub rating: RatingInput,
}

/// What saving a rating achieved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatingSaved {
    pub rating_id: i64,
    /// The text waits for a supervisor's look (审核中); the stars count already.
    pub text_held: bool,
}

#[server(input = GetUrl, prefix = "/api", endpoint = "facility_ratings")]
pub async fn fetch_facility_ratings(facility_id: i64, page: u32) -> Result<FacilityRatings, AppError> {
    let state = crate::api::state()?;
    crate::api::reply(server::facility_ratings(&state, facility_id, page).await)
}

/// For a signed-in parent, each child and whether it may rate the facility; empty for anyone else.
#[server(input = GetUrl, prefix = "/api", endpoint = "my_rating_choices")]
pub async fn fetch_my_rating_choices(facility_id: i64) -> Result<Vec<RatingChoiceView>, AppError> {
    let state = crate::api::state()?;
    let result = async {
        match crate::auth::viewer::current_viewer(&state).await? {
            Some(viewer) if viewer.role == crate::domain::account::roles::Role::Parent => server::choices(&state, &viewer, facility_id).await,
            _ => Ok(Vec::new()),
        }
    };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "rate_facility")]
pub async fn rate_facility(input: RateInput) -> Result<RatingSaved, AppError> {
    let state = crate::api::state()?;
    let result = async { server::rate(&state, &crate::auth::viewer::require_viewer(&state).await?, input).await };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "edit_rating")]
pub async fn edit_rating(op_id: String, rating_id: i64, rating: RatingInput) -> Result<RatingSaved, AppError> {
    let state = crate::api::state()?;
    let result = async { server::edit(&state, &crate::auth::viewer::require_viewer(&state).await?, &op_id, rating_id, &rating).await };
    crate::api::reply(result.await)
}

#[server(prefix = "/api", endpoint = "withdraw_rating")]
pub async fn withdraw_rating(op_id: String, rating_id: i64) -> Result<(), AppError> {
    let state = crate::api::state()?;
    let result = async { server::withdraw(&state, &crate::auth::viewer::require_viewer(&state).await?, &op_id, rating_id).await };
    crate::api::reply(result.await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::operation;
    use crate::domain::account::roles::{Role, Viewer};
    use crate::domain::calendar::{CivilDate, Timestamp, YearMonth};
    use crate::domain::rating::score::{is_aged, one_decimal, Summary};
    use crate::domain::rating::{may_edit, RatingRefusal, EDIT_INTERVAL_DAYS};
    use crate::state::AppState;
    use crate::store::ratings::{PublicRating, RatingChoice, RatingOutcome};

    /// Staff do not rate (a typed refusal, in words); a parent goes on.
    pub(crate) fn require_rater(viewer: &Viewer) -> Result<(), AppError> {
        match viewer.role {
            Role::Parent => Ok(()),
            _ => Err(AppError::refused(RatingRefusal::StaffCannotRate)),
        }
    }

    fn summary_view(summary: &Summary) -> RatingSummaryView {
        RatingSummaryView {
            count: summary.count as u32,
            score: summary.score.map(one_decimal),
            per_aspect: match summary.score {
                Some(_) => summary.per_aspect.iter().map(|(aspect, score)| AspectScore { aspect: aspect.code().into(), score: one_decimal(*score) }).collect(),
                None => Vec::new(),
            },
            per_star: summary.per_star.iter().map(|n| *n as u32).collect(),
        }
    }

    pub(crate) fn rating_view(rating: PublicRating, today: CivilDate) -> RatingView {
        RatingView {
            id: rating.id,
            relationship: rating.relationship.code().into(),
            stars: rating.stars.to_vec(),
            overall: one_decimal(rating.overall),
            text: rating.text,
            author: rating.author,
            month: YearMonth::of(rating.rated_on).to_string(),
            aged: is_aged(rating.rated_on, today),
            reply: rating.reply,
            is_demo: rating.is_demo,
        }
    }

    pub async fn facility_ratings(state: &AppState, facility_id: i64, page: u32) -> Result<FacilityRatings, AppError> {
        if !(1..=10_000).contains(&page) {
            return Err(AppError::bad_input("page"));
        }
        let today = CivilDate::in_china_at(state.clock.now());
        let summary = state.store.facility_rating_summary(facility_id, today).await?.ok_or(AppError::NotFound)?;
        // One more than a page tells whether there is a next page.
        let mut ratings = state.store.facility_ratings(facility_id, page, PER_PAGE + 1).await?;
        let has_more = ratings.len() > PER_PAGE as usize;
        ratings.truncate(PER_PAGE as usize);
        Ok(FacilityRatings {
            facility_id,
            summary: summary_view(&summary),
            ratings: ratings.into_iter().map(|r| rating_view(r, today)).collect(),
            page,
            has_more,
        })
    }

    /// `now` decides, by the domain's edit rule, whether "editable from" is worth showing.
    fn choice_view(choice: RatingChoice, now: Timestamp) -> RatingChoiceView {
        RatingChoiceView {
            child_id: choice.child_id,
            child_name: choice.child_name,
            relationship: choice.relationship.map(|r| r.code().into()),
            own: choice.own.map(|own| OwnRatingView {
                id: own.id,
                editable_from: may_edit(own.updated_at, now)
                    .is_err()
                    .then(|| own.updated_at.0 + EDIT_INTERVAL_DAYS * Timestamp::SECONDS_PER_DAY),
                state: own.state,
                stars: own.stars.to_vec(),
                text: own.text,
                text_state: own.text_state,
                hidden_reason: own.hidden_reason,
                reply: own.reply,
            }),
        }
    }

    pub async fn choices(state: &AppState, viewer: &Viewer, facility_id: i64) -> Result<Vec<RatingChoiceView>, AppError> {
        require_rater(viewer)?;
        let now = state.clock.now();
        let choices = state.store.rating_choices(viewer.account_id, facility_id, now).await?;
        Ok(choices.into_iter().map(|choice| choice_view(choice, now)).collect())
    }

    fn saved(outcome: RatingOutcome) -> Result<RatingSaved, AppError> {
        match outcome {
            RatingOutcome::Saved { rating_id, text_held } => Ok(RatingSaved { rating_id, text_held }),
            RatingOutcome::Withdrawn { rating_id } => Ok(RatingSaved { rating_id, text_held: false }),
            RatingOutcome::Refused(refusal) => Err(AppError::refused(refusal)),
            RatingOutcome::NotFound => Err(AppError::NotFound),
        }
    }

    pub async fn rate(state: &AppState, viewer: &Viewer, input: RateInput) -> Result<RatingSaved, AppError> {
        require_rater(viewer)?;
        let draft = input.rating.validate().map_err(AppError::refused)?;
        let operation = operation(&input.op_id, viewer, "rating.create", &(input.facility_id, input.child_id, &input.rating))?;
        saved(state.store.rate_facility(&operation, viewer.account_id, input.facility_id, input.child_id, &draft, state.clock.now()).await?)
    }

    pub async fn edit(state: &AppState, viewer: &Viewer, op_id: &str, rating_id: i64, input: &RatingInput) -> Result<RatingSaved, AppError> {
        require_rater(viewer)?;
        let draft = input.validate().map_err(AppError::refused)?;
        let operation = operation(op_id, viewer, "rating.edit", &(rating_id, input))?;
        saved(state.store.edit_rating(&operation, viewer.account_id, rating_id, &draft, state.clock.now()).await?)
    }

    pub async fn withdraw(state: &AppState, viewer: &Viewer, op_id: &str, rating_id: i64) -> Result<(), AppError> {
        require_rater(viewer)?;
        let operation = operation(op_id, viewer, "rating.withdraw", &rating_id)?;
        saved(state.store.withdraw_rating(&operation, viewer.account_id, rating_id, state.clock.now()).await?).map(|_| ())
    }
}
