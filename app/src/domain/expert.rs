//! 问专家 (plan item 7, 专家咨询): a parent asks the district's health-commission experts a
//! question with the child's age attached and no names; an expert answers within 3 working
//! days; answers the asker allowed to publish (and the expert found fit to) join a searchable
//! list of questions and answers beside the lessons.

use serde::{Deserialize, Serialize};

use super::calendar::Timestamp;
use super::lesson::{AgeMonths, LessonRefusal, Topic};
use super::rating::text::mask_contacts;
use super::workdays::after_working_days;

/// Working days an expert has to answer, counted from the day after the question.
pub const ANSWER_WORKING_DAYS: u32 = 3;
/// A question, in characters: long enough to be answerable, short enough to read on a phone.
pub const QUESTION_CHARS: (usize, usize) = (10, 500);
/// An answer, in characters.
pub const ANSWER_CHARS: (usize, usize) = (20, 2000);
/// Questions one family may ask in 24 hours: the experts are few.
pub const QUESTIONS_PER_DAY: i64 = 3;

crate::coded_enum! {
    /// Why a question or an answer is refused; words in both languages in `labels::lessons`.
    pub enum ExpertRefusal {
        /// Fewer than 10 characters (after trimming).
        QuestionTooShort = "question_too_short",
        /// More than 500 characters.
        QuestionTooLong = "question_too_long",
        /// A child's age outside 0–36 months.
        QuestionAgeOutOfRange = "question_age_out_of_range",
        /// A topic that is not one of the guide's six.
        QuestionUnknownTopic = "question_unknown_topic",
        /// Only parents ask (staff accounts have other channels).
        ParentsAsk = "parents_ask",
        /// Only expert accounts of the health commission answer.
        ExpertsAnswer = "experts_answer",
        /// The family has asked its questions for today.
        QuestionDailyLimit = "question_daily_limit",
        /// An answer shorter than 20 or longer than 2000 characters.
        AnswerLength = "answer_length",
        /// Another expert answered first.
        AlreadyAnswered = "already_answered",
    }
}

/// A question as the parent sent it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionInput {
    /// The child's age in whole months (from the chosen child's birth date, or typed).
    pub age_months: String,
    /// One of the six topic codes.
    pub topic: String,
    pub text: String,
    /// Whether the answer, without anything that names the family, may join the public list.
    pub may_publish: bool,
}

/// A question fit to store: age and topic known, length within bounds, phone and ID numbers
/// masked (the experts do not need them and the public list must never show them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionDraft {
    pub age: AgeMonths,
    pub topic: Topic,
    pub text: String,
    pub may_publish: bool,
}

/// Characters as a reader counts them, spaces at the ends not included.
fn char_count(text: &str) -> usize {
    text.trim().chars().count()
}

impl QuestionInput {
    pub fn validate(&self) -> Result<QuestionDraft, ExpertRefusal> {
        let age = AgeMonths::parse(&self.age_months).map_err(|_: LessonRefusal| ExpertRefusal::QuestionAgeOutOfRange)?;
        let topic = Topic::from_code(self.topic.trim()).ok_or(ExpertRefusal::QuestionUnknownTopic)?;
        let length = char_count(&self.text);
        if length < QUESTION_CHARS.0 {
            return Err(ExpertRefusal::QuestionTooShort);
        }
        if length > QUESTION_CHARS.1 {
            return Err(ExpertRefusal::QuestionTooLong);
        }
        Ok(QuestionDraft { age, topic, text: mask_contacts(self.text.trim()), may_publish: self.may_publish })
    }
}

/// An expert's answer text, trimmed, with numbers masked like the question's.
pub fn answer_text(text: &str) -> Result<String, ExpertRefusal> {
    let length = char_count(text);
    if !(ANSWER_CHARS.0..=ANSWER_CHARS.1).contains(&length) {
        return Err(ExpertRefusal::AnswerLength);
    }
    Ok(mask_contacts(text.trim()))
}

/// When the answer to a question asked at `asked_at` is due: the end of the third working day
/// after the day it was asked (a question on Friday evening is due on Wednesday).
pub fn answer_due(asked_at: Timestamp) -> Timestamp {
    after_working_days(asked_at, ANSWER_WORKING_DAYS)
}

/// Whether an unanswered question is overdue at `now`.
pub fn is_overdue(due: Timestamp, answered: bool, now: Timestamp) -> bool {
    !answered && now >= due
}

/// Whether an answered question is shown in the public list: the asker allowed it and the
/// expert, who reads it, found nothing in it that could tell who the family is.
pub fn is_published(asker_allowed: bool, expert_agrees: bool) -> bool {
    asker_allowed && expert_agrees
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{CivilDate, CHINA_UTC_OFFSET_SECS};

    fn at(date: &str, hour: i64) -> Timestamp {
        let day = CivilDate::parse(date).expect("a valid test date").days_since_epoch();
        Timestamp(day * 86_400 + hour * 3600 - CHINA_UTC_OFFSET_SECS)
    }

    fn input(age: &str, topic: &str, text: &str) -> QuestionInput {
        QuestionInput { age_months: age.into(), topic: topic.into(), text: text.into(), may_publish: true }
    }

    #[test]
    fn a_question_needs_an_age_a_topic_and_enough_words() {
        let ok = input(" 8 ", "feeding", "宝宝八个月了，辅食一天吃几次比较合适？").validate().expect("a good question");
        assert_eq!((ok.age.get(), ok.topic), (8, Topic::Feeding));
        assert_eq!(input("37", "feeding", "宝宝三岁了还不爱吃蔬菜怎么办呢").validate(), Err(ExpertRefusal::QuestionAgeOutOfRange));
        assert_eq!(input("-1", "feeding", "宝宝三岁了还不爱吃蔬菜怎么办呢").validate(), Err(ExpertRefusal::QuestionAgeOutOfRange));
        assert_eq!(input("8", "sleep", "宝宝晚上总是醒好几次怎么办呢").validate(), Err(ExpertRefusal::QuestionUnknownTopic));
        assert_eq!(input("8", "care", "  怎么办？  ").validate(), Err(ExpertRefusal::QuestionTooShort));
        assert_eq!(input("8", "care", &"很".repeat(501)).validate(), Err(ExpertRefusal::QuestionTooLong));
        assert!(input("8", "care", &"很".repeat(500)).validate().is_ok(), "500 characters is the limit, not past it");
    }

    #[test]
    fn numbers_in_questions_and_answers_are_masked() {
        let draft = input("12", "health", "孩子发烧了，医生电话13812345678说要复查，怎么办").validate().expect("a good question");
        assert!(draft.text.contains("138****5678"), "{}", draft.text);
        let answer = answer_text("请带孩子到社区卫生服务中心儿童保健科复查，也可以打 023-67891234 预约。").expect("a good answer");
        assert!(!answer.contains("67891234"), "{answer}");
        assert_eq!(answer_text("太短了"), Err(ExpertRefusal::AnswerLength));
    }

    #[test]
    fn answers_are_due_at_the_end_of_the_third_working_day() {
        // Asked Tuesday 1 December 2026 at 20:00: due at the end of Friday 4 December.
        assert_eq!(answer_due(at("2026-12-01", 20)), at("2026-12-04", 24));
        // Asked on a Friday: the weekend does not count; due Wednesday.
        assert_eq!(answer_due(at("2026-12-04", 9)), at("2026-12-09", 24));
        // Asked before the 2026 National Day holiday (1–7 October off, Saturday 10 October worked).
        assert_eq!(answer_due(at("2026-09-30", 10)), at("2026-10-10", 24), "8, 9 and the make-up Saturday 10 October");
        let due = answer_due(at("2026-12-01", 20));
        assert!(!is_overdue(due, false, at("2026-12-04", 23)));
        assert!(is_overdue(due, false, at("2026-12-05", 0)));
        assert!(!is_overdue(due, true, at("2026-12-07", 9)), "an answered question is never overdue");
    }

    #[test]
    fn only_what_both_allow_is_published() {
        assert!(is_published(true, true));
        assert!(!is_published(true, false));
        assert!(!is_published(false, true));
    }
}
