//! Parenting lessons (家长课堂): six topics of the national guide, four age bands, what one
//! lesson holds, and which lessons suit a child of a given age.
//!
//! Lessons are files in `content/lessons/` (reviewed like code); `file` turns one into a
//! [`Lesson`] and refuses a file that breaks the rules below, `reach` says when a lesson is
//! learned and a family reached (the plan's 90 % goal).

pub mod body;
#[cfg(feature = "ssr")]
pub mod file;
pub mod progress;
pub mod reach;

use serde::{Deserialize, Serialize};

use self::body::Block;

/// Oldest age, in whole months, the lessons are for: the platform serves children under 3,
/// and a child who has just turned 3 still sees the last band.
pub const MAX_AGE_MONTHS: u32 = 36;

crate::coded_enum! {
    /// The six guidance topics of 《3岁以下婴幼儿健康养育照护指南（试行）》(2022), in its order.
    pub enum Topic {
        /// 生长发育监测
        Growth = "growth",
        /// 营养与喂养
        Feeding = "feeding",
        /// 交流与玩耍
        Play = "play",
        /// 生活照护
        Care = "care",
        /// 伤害预防
        Safety = "safety",
        /// 常见健康问题的防控及照护
        Health = "health",
    }
}

crate::coded_enum! {
    /// Age bands of the lessons, in months: [0, 6), [6, 12), [12, 24), [24, 36].
    pub enum AgeBand {
        UnderSix = "0-6",
        SixToTwelve = "6-12",
        OneYear = "12-24",
        TwoYears = "24-36",
    }
}

impl AgeBand {
    /// First month of the band and the month it ends before.
    pub fn months(self) -> (u32, u32) {
        match self {
            AgeBand::UnderSix => (0, 6),
            AgeBand::SixToTwelve => (6, 12),
            AgeBand::OneYear => (12, 24),
            AgeBand::TwoYears => (24, 36),
        }
    }

    /// The band of a child `age` whole months old; 36 (just turned 3) is in the last band.
    pub fn of_age(age: AgeMonths) -> AgeBand {
        let months = age.0.min(MAX_AGE_MONTHS - 1);
        *AgeBand::ALL.iter().find(|band| band.months().1 > months).unwrap_or(&AgeBand::TwoYears)
    }

    /// The band that follows, none after the last.
    pub fn next(self) -> Option<AgeBand> {
        let at = AgeBand::ALL.iter().position(|band| *band == self)?;
        AgeBand::ALL.get(at + 1).copied()
    }

    /// The band that holds the whole range `[from, to)`, if one does.
    pub fn holding(from: u32, to: u32) -> Option<AgeBand> {
        AgeBand::ALL.iter().copied().find(|band| {
            let (start, end) = band.months();
            start <= from && from < to && to <= end
        })
    }
}

/// A child's age in whole months, 0 to 36: parsed at the edge, so the rest of the code never
/// sees an age the lessons have nothing for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AgeMonths(u32);

impl AgeMonths {
    pub fn new(months: u32) -> Result<AgeMonths, LessonRefusal> {
        if months <= MAX_AGE_MONTHS { Ok(AgeMonths(months)) } else { Err(LessonRefusal::AgeOutOfRange) }
    }

    /// From what a family typed or a URL carried: whole months "0" to "36".
    pub fn parse(input: &str) -> Result<AgeMonths, LessonRefusal> {
        input.trim().parse::<u32>().map_err(|_| LessonRefusal::AgeOutOfRange).and_then(AgeMonths::new)
    }

    /// A child's age on `today` from the birth date; none before birth or after 36 months.
    pub fn of_child(birth: super::calendar::CivilDate, today: super::calendar::CivilDate) -> Option<AgeMonths> {
        u32::try_from(birth.whole_months_until(today)).ok().and_then(|months| AgeMonths::new(months).ok())
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

crate::coded_enum! {
    /// Why a lesson request is refused; words in both languages in `labels::lessons`.
    pub enum LessonRefusal {
        /// No lesson has this id.
        UnknownLesson = "unknown_lesson",
        /// An age outside 0–36 months (or not a whole number).
        AgeOutOfRange = "age_out_of_range",
        /// A topic code that is not one of the six.
        UnknownTopic = "unknown_topic",
        /// Progress that does not fit the lesson (an unknown step, answers that are not one per
        /// question or not one of the choices).
        MalformedProgress = "malformed_progress",
        /// Progress is kept for families; staff accounts read lessons without it.
        FamiliesOnly = "families_only",
        /// A birth date that is not a date, in the future, or more than 3 years ago.
        BirthDateOutOfRange = "birth_date_out_of_range",
    }
}

/// "今天就可以试试": one small thing to do today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub zh: String,
    pub en: String,
}

/// One question of a lesson's check, with the right answer and why it is right.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub question: String,
    pub choices: Vec<String>,
    /// Index into `choices`.
    pub answer: usize,
    pub why: String,
}

/// Where a lesson's facts come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub document: String,
    pub section: String,
}

/// What a list shows of a lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonCard {
    pub id: String,
    pub topic: Topic,
    /// Months, from inclusive, to exclusive.
    pub age_from: u32,
    pub age_to: u32,
    pub title: String,
    pub title_en: String,
    pub summary: String,
    pub summary_en: String,
}

impl LessonCard {
    pub fn band(&self) -> AgeBand {
        AgeBand::holding(self.age_from, self.age_to).unwrap_or(AgeBand::TwoYears)
    }

    /// Whether the lesson is written for a child of this age.
    pub fn suits(&self, age: AgeMonths) -> bool {
        let months = age.get().min(MAX_AGE_MONTHS - 1);
        self.age_from <= months && months < self.age_to
    }
}

/// A whole lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    pub card: LessonCard,
    /// When the text was last checked against its sources, `YYYY-MM-DD`.
    pub reviewed: String,
    pub body: Vec<Block>,
    pub actions: Vec<Action>,
    pub checks: Vec<Question>,
    pub sources: Vec<Source>,
}

/// Lessons to recommend this month for a child of `age`: of every topic, the lesson written
/// for the age, the narrowest range first (a lesson for 6–8 months says more to a 7-month-old
/// than one for 6–12), then by id so the choice is stable. One per topic at most.
pub fn recommended(cards: &[LessonCard], age: AgeMonths) -> Vec<LessonCard> {
    Topic::ALL
        .iter()
        .filter_map(|topic| {
            cards
                .iter()
                .filter(|card| card.topic == *topic && card.suits(age))
                .min_by(|a, b| (a.age_to - a.age_from, &a.id).cmp(&(b.age_to - b.age_from, &b.id)))
                .cloned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::CivilDate;

    fn card(id: &str, topic: Topic, from: u32, to: u32) -> LessonCard {
        LessonCard {
            id: id.into(),
            topic,
            age_from: from,
            age_to: to,
            title: id.into(),
            title_en: id.into(),
            summary: String::new(),
            summary_en: String::new(),
        }
    }

    fn age(months: u32) -> AgeMonths {
        AgeMonths::new(months).expect("a valid test value")
    }

    #[test]
    fn each_age_falls_in_one_band_and_three_years_in_the_last() {
        assert_eq!(AgeBand::of_age(age(0)), AgeBand::UnderSix);
        assert_eq!(AgeBand::of_age(age(5)), AgeBand::UnderSix);
        assert_eq!(AgeBand::of_age(age(6)), AgeBand::SixToTwelve);
        assert_eq!(AgeBand::of_age(age(11)), AgeBand::SixToTwelve);
        assert_eq!(AgeBand::of_age(age(12)), AgeBand::OneYear);
        assert_eq!(AgeBand::of_age(age(24)), AgeBand::TwoYears);
        assert_eq!(AgeBand::of_age(age(36)), AgeBand::TwoYears);
        assert_eq!(AgeBand::TwoYears.next(), None);
        assert_eq!(AgeBand::UnderSix.next(), Some(AgeBand::SixToTwelve));
    }

    #[test]
    fn ages_outside_zero_to_thirty_six_are_refused() {
        assert_eq!(AgeMonths::parse("37"), Err(LessonRefusal::AgeOutOfRange));
        assert_eq!(AgeMonths::parse("-1"), Err(LessonRefusal::AgeOutOfRange));
        assert_eq!(AgeMonths::parse("半岁"), Err(LessonRefusal::AgeOutOfRange));
        assert_eq!(AgeMonths::parse(" 36 "), Ok(age(36)));
    }

    #[test]
    fn a_childs_age_counts_whole_months_from_the_birth_date() {
        let birth = CivilDate::new(2024, 2, 29).expect("a valid test value");
        assert_eq!(AgeMonths::of_child(birth, CivilDate::new(2024, 3, 28).expect("a valid test value")), Some(age(0)));
        assert_eq!(AgeMonths::of_child(birth, CivilDate::new(2024, 3, 29).expect("a valid test value")), Some(age(1)));
        assert_eq!(AgeMonths::of_child(birth, CivilDate::new(2027, 2, 28).expect("a valid test value")), Some(age(35)));
        assert_eq!(AgeMonths::of_child(birth, CivilDate::new(2027, 3, 1).expect("a valid test value")), Some(age(36)));
        assert_eq!(AgeMonths::of_child(birth, CivilDate::new(2027, 3, 29).expect("a valid test value")), None);
        assert_eq!(AgeMonths::of_child(birth, CivilDate::new(2024, 1, 1).expect("a valid test value")), None);
    }

    #[test]
    fn a_range_belongs_to_a_band_only_when_it_fits_inside_it() {
        assert_eq!(AgeBand::holding(6, 9), Some(AgeBand::SixToTwelve));
        assert_eq!(AgeBand::holding(24, 36), Some(AgeBand::TwoYears));
        assert_eq!(AgeBand::holding(4, 8), None);
        assert_eq!(AgeBand::holding(6, 6), None);
    }

    #[test]
    fn recommendations_take_one_lesson_per_topic_the_narrowest_for_the_age() {
        let cards = vec![
            card("feeding-wide", Topic::Feeding, 6, 12),
            card("feeding-narrow", Topic::Feeding, 6, 9),
            card("feeding-later", Topic::Feeding, 9, 12),
            card("play-a", Topic::Play, 6, 12),
            card("safety-baby", Topic::Safety, 0, 6),
        ];
        let ids: Vec<_> = recommended(&cards, age(7)).into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["feeding-narrow", "play-a"]);
        let ids: Vec<_> = recommended(&cards, age(10)).into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["feeding-later", "play-a"]);
    }
}
