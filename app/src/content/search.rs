//! Searching reviewed text the way the finder searches facilities: Chinese words, or pinyin
//! initials typed on a phone keyboard ("fs" finds 辅食). Lessons and the published expert
//! answers share it.

use crate::store::directory::initials::initials;

/// A text made searchable: the text itself and the initials of its heading parts.
#[derive(Debug)]
pub struct SearchText {
    /// Everything searched in Chinese.
    text: String,
    /// Initials of the heading parts, each part separated so a match never spans two.
    initials: String,
}

impl SearchText {
    /// `heading` (title and summary, or a question) gives the initials; `rest` is searched as
    /// words only.
    pub fn new(heading: &str, rest: &str) -> SearchText {
        let initials = heading.split('\n').map(initials).collect::<Vec<_>>().join(" ");
        SearchText { text: format!("{heading}\n{rest}"), initials }
    }

    /// Latin letters search the pinyin initials (and any Latin text); anything else the text,
    /// every word separated by spaces having to be found.
    pub fn matches(&self, words: &str) -> bool {
        let words = words.trim();
        if words.chars().all(|ch| ch.is_ascii_alphanumeric()) {
            let typed = words.to_ascii_lowercase();
            self.initials.contains(&typed) || self.text.to_ascii_lowercase().contains(&typed)
        } else {
            words.split_whitespace().all(|word| self.text.contains(word))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SearchText;

    #[test]
    fn chinese_words_and_pinyin_initials_both_find_a_text() {
        let text = SearchText::new("辅食添加\n从几个月开始", "先加富含铁的泥糊状食物");
        assert!(text.matches("fs"));
        assert!(text.matches("FSTJ"));
        assert!(text.matches("富含铁 泥糊"));
        assert!(!text.matches("奶粉"));
        assert!(!text.matches("fstjc"), "initials do not run across the heading's parts");
    }
}
