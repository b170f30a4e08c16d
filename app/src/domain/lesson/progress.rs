//! A family's progress on a lesson, as the device reports it: "read to the end", then "check
//! answered" with the chosen answers. Checked against the lesson here, so the store only ever
//! records a step that fits the lesson.

use serde::{Deserialize, Serialize};

use super::{Lesson, LessonRefusal};

/// One step of progress, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProgressStep {
    /// Read to the end.
    Read,
    /// The check answered: how many of how many questions right.
    Answered { correct: u32, questions: u32 },
}

/// The step a device reported (`read`, or `answered` with one chosen index per question).
pub fn check_step(lesson: &Lesson, step: &str, answers: &[u32]) -> Result<ProgressStep, LessonRefusal> {
    match step {
        "read" if answers.is_empty() => Ok(ProgressStep::Read),
        "answered" if answers.len() == lesson.checks.len() => {
            let mut correct = 0;
            for (question, chosen) in lesson.checks.iter().zip(answers) {
                let chosen = *chosen as usize;
                if chosen >= question.choices.len() {
                    return Err(LessonRefusal::MalformedProgress);
                }
                correct += u32::from(chosen == question.answer);
            }
            Ok(ProgressStep::Answered { correct, questions: lesson.checks.len() as u32 })
        }
        _ => Err(LessonRefusal::MalformedProgress),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lesson::{LessonCard, Question, Topic};

    fn lesson() -> Lesson {
        let question = |answer| Question { question: "?".into(), choices: vec!["a".into(), "b".into(), "c".into()], answer, why: "because".into() };
        Lesson {
            card: LessonCard {
                id: "x".into(),
                topic: Topic::Care,
                age_from: 0,
                age_to: 6,
                title: String::new(),
                title_en: String::new(),
                summary: String::new(),
                summary_en: String::new(),
            },
            reviewed: "2026-12-02".into(),
            body: Vec::new(),
            actions: Vec::new(),
            checks: vec![question(0), question(2)],
            sources: Vec::new(),
        }
    }

    #[test]
    fn answers_are_counted_against_the_lessons_check() {
        assert_eq!(check_step(&lesson(), "read", &[]), Ok(ProgressStep::Read));
        assert_eq!(check_step(&lesson(), "answered", &[0, 1]), Ok(ProgressStep::Answered { correct: 1, questions: 2 }));
        assert_eq!(check_step(&lesson(), "answered", &[0, 2]), Ok(ProgressStep::Answered { correct: 2, questions: 2 }));
    }

    #[test]
    fn progress_that_does_not_fit_the_lesson_is_refused() {
        for (step, answers) in [("answered", vec![0]), ("answered", vec![0, 3]), ("answered", vec![0, 1, 2]), ("read", vec![1]), ("finished", vec![])] {
            assert_eq!(check_step(&lesson(), step, &answers), Err(LessonRefusal::MalformedProgress), "{step} {answers:?}");
        }
    }
}
