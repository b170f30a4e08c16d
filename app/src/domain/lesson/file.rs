//! One lesson file (`content/lessons/<id>.md`): a TOML front matter between `+++` lines, then
//! the body. Reading it checks every rule of `content/lessons/README.md`, so a lesson that
//! breaks one never reaches a family: the content test fails first, and the server refuses to
//! start with it.

use std::fmt;

use serde::Deserialize;

use super::body::{self, body_han_count};
use super::{Action, AgeBand, Lesson, LessonCard, Question, Source, Topic};
use crate::domain::calendar::CivilDate;

/// Shortest and longest body, in Han characters (about 1 to 3 minutes read aloud).
pub const BODY_HAN_CHARACTERS: std::ops::RangeInclusive<usize> = 300..=900;
/// How many "今天就可以试试" actions and check questions a lesson has.
pub const ACTIONS: std::ops::RangeInclusive<usize> = 2..=3;
pub const QUESTIONS: std::ops::RangeInclusive<usize> = 2..=3;
pub const CHOICES: std::ops::RangeInclusive<usize> = 2..=4;

/// What is wrong with a lesson file, for the people who write and review them.
#[derive(Clone, Debug, PartialEq)]
pub enum LessonFileError {
    BadId,
    NoFrontMatter,
    FrontMatter(String),
    UnknownTopic(String),
    AgeRangeNotInOneBand { from: u32, to: u32 },
    Empty(&'static str),
    BadReviewedDate(String),
    ActionCount(usize),
    QuestionCount(usize),
    ChoiceCount { question: usize, choices: usize },
    AnswerOutOfRange { question: usize },
    NoSource,
    BodyLength(usize),
    MarkupNotAllowed(String),
}

impl fmt::Display for LessonFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadId => write!(f, "the file name must be lower-case letters, digits and '-'"),
            Self::NoFrontMatter => write!(f, "the file must start with a +++ front matter"),
            Self::FrontMatter(e) => write!(f, "front matter: {e}"),
            Self::UnknownTopic(t) => write!(f, "unknown topic {t:?}"),
            Self::AgeRangeNotInOneBand { from, to } => write!(f, "age {from}–{to} months is not inside one band (0–6, 6–12, 12–24, 24–36)"),
            Self::Empty(field) => write!(f, "{field} is empty"),
            Self::BadReviewedDate(d) => write!(f, "reviewed {d:?} is not a date YYYY-MM-DD"),
            Self::ActionCount(n) => write!(f, "{n} actions; a lesson has {}–{}", ACTIONS.start(), ACTIONS.end()),
            Self::QuestionCount(n) => write!(f, "{n} check questions; a lesson has {}–{}", QUESTIONS.start(), QUESTIONS.end()),
            Self::ChoiceCount { question, choices } => write!(f, "question {question} has {choices} choices; {}–{} allowed", CHOICES.start(), CHOICES.end()),
            Self::AnswerOutOfRange { question } => write!(f, "question {question}: the answer is not one of its choices"),
            Self::NoSource => write!(f, "a lesson names at least one source"),
            Self::BodyLength(n) => write!(f, "the body has {n} Han characters; {}–{} allowed", BODY_HAN_CHARACTERS.start(), BODY_HAN_CHARACTERS.end()),
            Self::MarkupNotAllowed(line) => write!(f, "links, images, tables and HTML are not allowed: {line:?}"),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    topic: String,
    age_from: u32,
    age_to: u32,
    title: String,
    title_en: String,
    summary: String,
    summary_en: String,
    reviewed: String,
    actions: Vec<Action>,
    check: Vec<Question>,
    sources: Vec<Source>,
}

/// Whether `id` may name a lesson (it is the file name and the URL).
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 80 && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads and checks the lesson `id` from the text of its file.
pub fn read(id: &str, text: &str) -> Result<Lesson, LessonFileError> {
    if !valid_id(id) {
        return Err(LessonFileError::BadId);
    }
    let text = text.replace("\r\n", "\n");
    let rest = text.strip_prefix("+++\n").ok_or(LessonFileError::NoFrontMatter)?;
    let (front, body_text) = rest.split_once("\n+++\n").ok_or(LessonFileError::NoFrontMatter)?;
    let front: FrontMatter = toml::from_str(front).map_err(|e| LessonFileError::FrontMatter(e.message().to_string()))?;
    let topic = Topic::from_code(&front.topic).ok_or_else(|| LessonFileError::UnknownTopic(front.topic.clone()))?;
    if AgeBand::holding(front.age_from, front.age_to).is_none() {
        return Err(LessonFileError::AgeRangeNotInOneBand { from: front.age_from, to: front.age_to });
    }
    for (field, value) in [("title", &front.title), ("title_en", &front.title_en), ("summary", &front.summary), ("summary_en", &front.summary_en)] {
        if value.trim().is_empty() {
            return Err(LessonFileError::Empty(field));
        }
    }
    CivilDate::parse(&front.reviewed).map_err(|_| LessonFileError::BadReviewedDate(front.reviewed.clone()))?;
    check_actions(&front.actions)?;
    check_questions(&front.check)?;
    if front.sources.is_empty() {
        return Err(LessonFileError::NoSource);
    }
    if front.sources.iter().any(|s| s.document.trim().is_empty() || s.section.trim().is_empty()) {
        return Err(LessonFileError::Empty("source document or section"));
    }
    if let Some(line) = body_text.lines().find(|line| has_markup(line)) {
        return Err(LessonFileError::MarkupNotAllowed(line.to_string()));
    }
    let blocks = body::parse(body_text);
    let length = body_han_count(&blocks);
    if !BODY_HAN_CHARACTERS.contains(&length) {
        return Err(LessonFileError::BodyLength(length));
    }
    Ok(Lesson {
        card: LessonCard {
            id: id.to_string(),
            topic,
            age_from: front.age_from,
            age_to: front.age_to,
            title: front.title,
            title_en: front.title_en,
            summary: front.summary,
            summary_en: front.summary_en,
        },
        reviewed: front.reviewed,
        body: blocks,
        actions: front.actions,
        checks: front.check,
        sources: front.sources,
    })
}

fn check_actions(actions: &[Action]) -> Result<(), LessonFileError> {
    if !ACTIONS.contains(&actions.len()) {
        return Err(LessonFileError::ActionCount(actions.len()));
    }
    if actions.iter().any(|a| a.zh.trim().is_empty() || a.en.trim().is_empty()) {
        return Err(LessonFileError::Empty("action zh or en"));
    }
    Ok(())
}

fn check_questions(questions: &[Question]) -> Result<(), LessonFileError> {
    if !QUESTIONS.contains(&questions.len()) {
        return Err(LessonFileError::QuestionCount(questions.len()));
    }
    for (at, q) in questions.iter().enumerate() {
        let number = at + 1;
        if !CHOICES.contains(&q.choices.len()) {
            return Err(LessonFileError::ChoiceCount { question: number, choices: q.choices.len() });
        }
        if q.answer >= q.choices.len() {
            return Err(LessonFileError::AnswerOutOfRange { question: number });
        }
        if q.question.trim().is_empty() || q.why.trim().is_empty() || q.choices.iter().any(|c| c.trim().is_empty()) {
            return Err(LessonFileError::Empty("question, choice or why"));
        }
    }
    Ok(())
}

/// Links, images, tables and HTML: the body is plain text with headings and lists.
fn has_markup(line: &str) -> bool {
    let line = line.trim();
    line.starts_with('|') || line.contains("](") || (line.contains('<') && line.contains('>'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson_text(age_from: u32, age_to: u32, answer: usize, body: &str) -> String {
        format!(
            "+++\ntopic = \"feeding\"\nage_from = {age_from}\nage_to = {age_to}\ntitle = \"标题\"\ntitle_en = \"Title\"\n\
             summary = \"摘要\"\nsummary_en = \"Summary\"\nreviewed = \"2026-12-02\"\n\
             [[actions]]\nzh = \"试试\"\nen = \"Try\"\n[[actions]]\nzh = \"再试\"\nen = \"Again\"\n\
             [[check]]\nquestion = \"问？\"\nchoices = [\"甲\", \"乙\"]\nanswer = {answer}\nwhy = \"因为\"\n\
             [[check]]\nquestion = \"再问？\"\nchoices = [\"甲\", \"乙\", \"丙\"]\nanswer = 2\nwhy = \"因为\"\n\
             [[sources]]\ndocument = \"3岁以下婴幼儿健康养育照护指南（试行）\"\nsection = \"营养与喂养\"\n+++\n{body}\n"
        )
    }

    fn body_of(han: usize) -> String {
        "喂".repeat(han)
    }

    #[test]
    fn a_complete_file_reads_into_a_lesson() {
        let lesson = read("feeding-06-12-first", &lesson_text(6, 12, 1, &body_of(400))).expect("a valid test value");
        assert_eq!(lesson.card.topic, Topic::Feeding);
        assert_eq!(lesson.card.band(), AgeBand::SixToTwelve);
        assert_eq!(lesson.checks[0].answer, 1);
        assert_eq!(lesson.sources.len(), 1);
    }

    #[test]
    fn each_broken_rule_is_named() {
        assert_eq!(read("Bad_Id", &lesson_text(6, 12, 1, &body_of(400))), Err(LessonFileError::BadId));
        assert_eq!(read("x", "no front matter"), Err(LessonFileError::NoFrontMatter));
        assert_eq!(read("x", &lesson_text(4, 8, 1, &body_of(400))), Err(LessonFileError::AgeRangeNotInOneBand { from: 4, to: 8 }));
        assert_eq!(read("x", &lesson_text(6, 12, 2, &body_of(400))), Err(LessonFileError::AnswerOutOfRange { question: 1 }));
        assert_eq!(read("x", &lesson_text(6, 12, 1, &body_of(299))), Err(LessonFileError::BodyLength(299)));
        assert_eq!(read("x", &lesson_text(6, 12, 1, &body_of(901))), Err(LessonFileError::BodyLength(901)));
        let linked = format!("{}\n[更多](https://example.org)", body_of(400));
        assert!(matches!(read("x", &lesson_text(6, 12, 1, &linked)), Err(LessonFileError::MarkupNotAllowed(_))));
        let unknown_key = lesson_text(6, 12, 1, &body_of(400)).replacen("topic", "extra = 1\ntopic", 1);
        assert!(matches!(read("x", &unknown_key), Err(LessonFileError::FrontMatter(_))));
        let no_source = lesson_text(6, 12, 1, &body_of(400)).replace("[[sources]]\ndocument = \"3岁以下婴幼儿健康养育照护指南（试行）\"\nsection = \"营养与喂养\"\n", "")
            .replacen("topic", "sources = []\ntopic", 1);
        assert_eq!(read("x", &no_source), Err(LessonFileError::NoSource));
    }
}
