//! The lessons of `content/lessons/`, read at start, searchable by topic, age and words
//! (Chinese, or pinyin initials as the finder takes them).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::domain::lesson::body::plain_text;
use crate::domain::lesson::file::{self, LessonFileError};
use crate::domain::lesson::{AgeBand, AgeMonths, Lesson, LessonCard, Topic};
use super::search::SearchText;

include!(concat!(env!("OUT_DIR"), "/lesson_files.rs"));

/// All lessons, in id order, with what search needs of each.
#[derive(Debug)]
pub struct Catalogue {
    lessons: Vec<Indexed>,
}

#[derive(Debug)]
struct Indexed {
    lesson: Lesson,
    /// Title and summary (also by pinyin initials) and body (by words).
    search: SearchText,
}

/// A lesson file that cannot be used: which one, and why.
#[derive(Debug, PartialEq)]
pub struct BadLessonFile {
    pub id: String,
    pub error: LessonFileError,
}

impl std::fmt::Display for BadLessonFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "content/lessons/{}.md: {}", self.id, self.error)
    }
}

/// What a family asked the lesson list for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonFilter {
    pub topic: Option<Topic>,
    pub age: Option<AgeMonths>,
    /// Words to look for; blank means none.
    pub words: Option<String>,
}

impl Catalogue {
    /// Reads and checks lesson files given as (id, text).
    pub fn read(files: &[(&str, &str)]) -> Result<Catalogue, Vec<BadLessonFile>> {
        let mut lessons = Vec::new();
        let mut errors = Vec::new();
        for (id, text) in files {
            match file::read(id, text) {
                Ok(lesson) => lessons.push(Indexed::new(lesson)),
                Err(error) => errors.push(BadLessonFile { id: id.to_string(), error }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        lessons.sort_by(|a, b| a.lesson.card.id.cmp(&b.lesson.card.id));
        Ok(Catalogue { lessons })
    }

    /// Reads the lessons this server carries: how many, or every broken file with its fault.
    /// The server calls it at start, so [`Catalogue::embedded`] never meets a broken file.
    pub fn check_embedded() -> Result<usize, String> {
        Catalogue::read(LESSON_FILES).map(|catalogue| catalogue.len()).map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    }

    /// The lessons this server carries. Panics on a broken file, which `check_embedded` at
    /// start rules out.
    pub fn embedded() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| match Catalogue::read(LESSON_FILES) {
            Ok(catalogue) => catalogue,
            Err(errors) => {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                panic!("lesson files cannot be used:\n{}", list.join("\n"))
            }
        })
    }

    pub fn len(&self) -> usize {
        self.lessons.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lessons.is_empty()
    }

    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.binary_search_by(|entry| entry.lesson.card.id.as_str().cmp(id)).ok().map(|at| &self.lessons[at].lesson)
    }

    pub fn cards(&self) -> Vec<LessonCard> {
        self.lessons.iter().map(|entry| entry.lesson.card.clone()).collect()
    }

    /// The lessons that match, youngest age first, then by topic in the guide's order.
    pub fn find(&self, filter: &LessonFilter) -> Vec<LessonCard> {
        let words = filter.words.as_deref().map(str::trim).filter(|w| !w.is_empty());
        let mut found: Vec<LessonCard> = self
            .lessons
            .iter()
            .filter(|entry| filter.topic.is_none_or(|topic| entry.lesson.card.topic == topic))
            .filter(|entry| filter.age.is_none_or(|age| entry.lesson.card.suits(age)))
            .filter(|entry| words.is_none_or(|words| entry.matches(words)))
            .map(|entry| entry.lesson.card.clone())
            .collect();
        found.sort_by(|a, b| (a.age_from, a.topic, &a.id).cmp(&(b.age_from, b.topic, &b.id)));
        found
    }

    /// Topic × band pairs without a lesson: the content must cover every one.
    pub fn missing_coverage(&self) -> Vec<(Topic, AgeBand)> {
        let covered: BTreeSet<(Topic, AgeBand)> = self.lessons.iter().map(|e| (e.lesson.card.topic, e.lesson.card.band())).collect();
        Topic::ALL
            .iter()
            .flat_map(|topic| AgeBand::ALL.iter().map(move |band| (*topic, *band)))
            .filter(|pair| !covered.contains(pair))
            .collect()
    }
}

impl Indexed {
    fn new(lesson: Lesson) -> Indexed {
        let card = &lesson.card;
        let search = SearchText::new(&format!("{}\n{}", card.title, card.summary), &plain_text(&lesson.body));
        Indexed { lesson, search }
    }

    fn matches(&self, words: &str) -> bool {
        self.search.matches(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::directory::initials::initials;

    /// The content test: every lesson file in the repository reads (front matter complete,
    /// age range inside a band, a source, valid answers, body length, unique ids), and every
    /// topic has a lesson in every age band.
    #[test]
    fn every_lesson_file_is_complete_and_every_topic_covers_every_band() {
        let catalogue = match Catalogue::read(LESSON_FILES) {
            Ok(catalogue) => catalogue,
            Err(errors) => panic!("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
        };
        let ids: BTreeSet<&str> = LESSON_FILES.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.len(), LESSON_FILES.len(), "two lesson files share an id");
        assert!(catalogue.len() >= 48, "{} lessons; the issue asks for at least 48", catalogue.len());
        assert_eq!(catalogue.missing_coverage(), vec![], "topic × age band pairs without a lesson");
    }

    #[test]
    fn search_finds_chinese_words_and_pinyin_initials() {
        let catalogue = Catalogue::embedded();
        let feeding = catalogue.find(&LessonFilter { topic: Some(Topic::Feeding), ..Default::default() });
        assert!(!feeding.is_empty());
        let first = &feeding[0];
        let by_initials = initials(&first.title);
        let found = catalogue.find(&LessonFilter { words: Some(by_initials.to_uppercase()), ..Default::default() });
        assert!(found.iter().any(|card| card.id == first.id), "{by_initials} finds {}", first.title);
        let word: String = first.title.chars().filter(|ch| !ch.is_ascii_punctuation()).take(2).collect();
        let found = catalogue.find(&LessonFilter { words: Some(word.clone()), ..Default::default() });
        assert!(found.iter().any(|card| card.id == first.id), "{word} finds {}", first.title);
        let nothing = catalogue.find(&LessonFilter { words: Some("不存在的词语组合".into()), ..Default::default() });
        assert!(nothing.is_empty());
    }

    #[test]
    fn an_age_lists_only_lessons_written_for_it() {
        let catalogue = Catalogue::embedded();
        let age = AgeMonths::new(7).expect("a valid test value");
        let found = catalogue.find(&LessonFilter { age: Some(age), ..Default::default() });
        assert!(found.len() >= 6);
        assert!(found.iter().all(|card| card.age_from <= 7 && 7 < card.age_to));
    }

    #[test]
    fn a_broken_file_is_reported_with_its_name() {
        let errors = Catalogue::read(&[("feeding-x", "no front matter")]).unwrap_err();
        assert_eq!(errors[0].to_string(), "content/lessons/feeding-x.md: the file must start with a +++ front matter");
    }
}
