//! Ratings (家长评价) on pages: the public part of a facility page, the parent's form, the
//! operator's inbox and the health commission's review queue.

mod form;
mod operator;
mod public;
mod review;

pub use operator::OperatorRatings;
pub use operator::operator_ratings_resource;
pub use review::{reviews_resource, RatingReviews};

use leptos::prelude::*;

use crate::api::account::MyAccount;
use crate::api::ratings::{FacilityRatings, RatingChoiceView};
use crate::components::ErrorNotice;
use crate::domain::account::roles::Role;
use crate::error::AppError;
use crate::i18n::{t, use_i18n};
use form::ParentRating;
use public::RatingsList;

/// What the ratings part of a facility page needs, loaded with the page.
#[derive(Clone, Debug)]
pub struct RatingsData {
    pub ratings: Result<FacilityRatings, AppError>,
    pub choices: Vec<RatingChoiceView>,
}

/// The ratings section of a facility's page: figures and ratings for everyone, then what the
/// reader may do (rate, see their own rating, sign in, or nothing for staff).
#[component]
pub fn FacilityRatingsSection(facility_id: i64, facility_name: String, account: Option<MyAccount>, data: RatingsData) -> impl IntoView {
    let i18n = use_i18n();
    let RatingsData { ratings, choices } = data;
    let list = match ratings {
        Ok(first) => view! { <RatingsList first/> }.into_any(),
        Err(error) => view! { <ErrorNotice error/> }.into_any(),
    };
    let action = match account.map(|a| a.role) {
        Some(Role::Parent) => view! { <ParentRating facility_id facility_name choices/> }.into_any(),
        Some(_) => view! { <p class="muted">{t!(i18n, ratings.staff)}</p> }.into_any(),
        None => view! {
            <p class="muted">{t!(i18n, ratings.sign_in)}</p>
            <p><a class="button secondary" href="/login">{t!(i18n, booking.sign_in)}</a></p>
        }
        .into_any(),
    };
    view! {
        <section class="ratings-section" aria-labelledby="ratings-heading">
            <h2 id="ratings-heading">{t!(i18n, facility.ratings)}</h2>
            {list}
            {action}
        </section>
    }
}
