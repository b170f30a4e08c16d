//! Words for lessons: topics, age bands and refusals.

use crate::domain::lesson::{AgeBand, LessonRefusal, Topic};
use crate::i18n::{td_string, Locale};

pub fn topic(locale: Locale, topic: Topic) -> String {
    match topic {
        Topic::Growth => td_string!(locale, lessons.topic_growth),
        Topic::Feeding => td_string!(locale, lessons.topic_feeding),
        Topic::Play => td_string!(locale, lessons.topic_play),
        Topic::Care => td_string!(locale, lessons.topic_care),
        Topic::Safety => td_string!(locale, lessons.topic_safety),
        Topic::Health => td_string!(locale, lessons.topic_health),
    }
    .to_string()
}

pub fn band(locale: Locale, band: AgeBand) -> String {
    match band {
        AgeBand::UnderSix => td_string!(locale, lessons.band_0_6),
        AgeBand::SixToTwelve => td_string!(locale, lessons.band_6_12),
        AgeBand::OneYear => td_string!(locale, lessons.band_12_24),
        AgeBand::TwoYears => td_string!(locale, lessons.band_24_36),
    }
    .to_string()
}

/// "6–9 个月" / "6–9 months": the age a lesson is written for.
pub fn age_range(locale: Locale, from: u32, to: u32) -> String {
    td_string!(locale, lessons.age_range, from = from, to = to).to_string()
}

pub fn lesson_refusal(locale: Locale, refusal: LessonRefusal) -> String {
    match refusal {
        LessonRefusal::UnknownLesson => td_string!(locale, refusals.unknown_lesson),
        LessonRefusal::AgeOutOfRange => td_string!(locale, refusals.age_out_of_range),
        LessonRefusal::UnknownTopic => td_string!(locale, refusals.unknown_topic),
        LessonRefusal::MalformedProgress => td_string!(locale, refusals.malformed_progress),
        LessonRefusal::FamiliesOnly => td_string!(locale, refusals.families_only),
        LessonRefusal::BirthDateOutOfRange => td_string!(locale, refusals.birth_date_out_of_range),
    }
    .to_string()
}
