//! Words for lessons: topics, age bands and refusals.

use crate::domain::activity::{ActivityKind, ActivityRefusal, Host};
use crate::domain::expert::ExpertRefusal;
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

pub fn expert_refusal(locale: Locale, refusal: ExpertRefusal) -> String {
    match refusal {
        ExpertRefusal::QuestionTooShort => td_string!(locale, refusals.question_too_short),
        ExpertRefusal::QuestionTooLong => td_string!(locale, refusals.question_too_long),
        ExpertRefusal::QuestionAgeOutOfRange => td_string!(locale, refusals.question_age_out_of_range),
        ExpertRefusal::QuestionUnknownTopic => td_string!(locale, refusals.question_unknown_topic),
        ExpertRefusal::ParentsAsk => td_string!(locale, refusals.parents_ask),
        ExpertRefusal::ExpertsAnswer => td_string!(locale, refusals.experts_answer),
        ExpertRefusal::QuestionDailyLimit => td_string!(locale, refusals.question_daily_limit),
        ExpertRefusal::AnswerLength => td_string!(locale, refusals.answer_length),
        ExpertRefusal::AlreadyAnswered => td_string!(locale, refusals.already_answered),
    }
    .to_string()
}

pub fn activity_refusal(locale: Locale, refusal: ActivityRefusal) -> String {
    match refusal {
        ActivityRefusal::ActivityKindUnknown => td_string!(locale, refusals.activity_kind),
        ActivityRefusal::ActivityTitle => td_string!(locale, refusals.activity_title),
        ActivityRefusal::ActivityPlace => td_string!(locale, refusals.activity_place),
        ActivityRefusal::ActivityTime => td_string!(locale, refusals.activity_time),
        ActivityRefusal::ActivityCapacity => td_string!(locale, refusals.activity_capacity),
        ActivityRefusal::ActivityAges => td_string!(locale, refusals.activity_ages),
        ActivityRefusal::ActivityHost => td_string!(locale, refusals.activity_host),
    }
    .to_string()
}

pub fn activity_kind(locale: Locale, kind: ActivityKind) -> String {
    match kind {
        ActivityKind::ParentChild => td_string!(locale, activities.kind_parent_child),
        ActivityKind::Talk => td_string!(locale, activities.kind_talk),
    }
    .to_string()
}

pub fn activity_host(locale: Locale, host: Host) -> String {
    match host {
        Host::HealthCentre => td_string!(locale, activities.host_health_centre),
        Host::Facility => td_string!(locale, activities.host_facility),
        Host::GuidanceCentre => td_string!(locale, activities.host_guidance_centre),
    }
    .to_string()
}
