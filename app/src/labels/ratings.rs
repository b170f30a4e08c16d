//! Words for ratings: aspects with their hints, relationship badges and refusals.

use crate::domain::rating::{Aspect, RatingRefusal, Relationship};
use crate::i18n::{td_string, Locale};

pub fn aspect(locale: Locale, aspect: Aspect) -> String {
    match aspect {
        Aspect::Safety => td_string!(locale, ratings.aspect_safety),
        Aspect::HygieneMeals => td_string!(locale, ratings.aspect_hygiene_meals),
        Aspect::Care => td_string!(locale, ratings.aspect_care),
        Aspect::Communication => td_string!(locale, ratings.aspect_communication),
        Aspect::Environment => td_string!(locale, ratings.aspect_environment),
        Aspect::Fees => td_string!(locale, ratings.aspect_fees),
    }
    .to_string()
}

/// The one-line hint under an aspect's name in the rating form.
pub fn aspect_hint(locale: Locale, aspect: Aspect) -> String {
    match aspect {
        Aspect::Safety => td_string!(locale, ratings.hint_safety),
        Aspect::HygieneMeals => td_string!(locale, ratings.hint_hygiene_meals),
        Aspect::Care => td_string!(locale, ratings.hint_care),
        Aspect::Communication => td_string!(locale, ratings.hint_communication),
        Aspect::Environment => td_string!(locale, ratings.hint_environment),
        Aspect::Fees => td_string!(locale, ratings.hint_fees),
    }
    .to_string()
}

/// The badge of a rating: how the author's child knows the facility.
pub fn relationship(locale: Locale, relationship: Relationship) -> String {
    match relationship {
        Relationship::Enrolled => td_string!(locale, ratings.relation_enrolled),
        Relationship::HourlyCare => td_string!(locale, ratings.relation_hourly_care),
        Relationship::Visited => td_string!(locale, ratings.relation_visited),
    }
    .to_string()
}

pub fn rating_refusal(locale: Locale, refusal: RatingRefusal) -> String {
    use RatingRefusal as R;
    match refusal {
        R::StarsOutOfRange => td_string!(locale, refusals.stars_out_of_range),
        R::MissingAspect => td_string!(locale, refusals.missing_aspect),
        R::TextTooLong => td_string!(locale, refusals.text_too_long),
        R::NoRelationship => td_string!(locale, refusals.no_relationship),
        R::AlreadyRated => td_string!(locale, refusals.already_rated),
        R::NotAuthor => td_string!(locale, refusals.not_author),
        R::EditTooSoon => td_string!(locale, refusals.edit_too_soon),
        R::StaffCannotRate => td_string!(locale, refusals.staff_cannot_rate),
        R::NotEditable => td_string!(locale, refusals.not_editable),
        R::ReplyEmpty => td_string!(locale, refusals.reply_empty),
        R::ReplyTooLong => td_string!(locale, refusals.reply_too_long),
        R::ReplyWindowClosed => td_string!(locale, refusals.reply_window_closed),
        R::ReasonMissing => td_string!(locale, refusals.reason_missing),
        R::AlreadyReported => td_string!(locale, refusals.already_reported),
        R::NothingToReview => td_string!(locale, refusals.nothing_to_review),
    }
    .to_string()
}
