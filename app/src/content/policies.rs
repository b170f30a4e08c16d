//! The policies of `content/policies/`, read at start, searchable by audience and words
//! (Chinese, or pinyin initials as the finder takes them).

use std::sync::OnceLock;

use super::search::SearchText;
use crate::domain::policy::entry::{self, Policy, PolicyFileError};
use crate::domain::policy::Audience;

include!(concat!(env!("OUT_DIR"), "/policy_files.rs"));

/// Every policy, in id order, with its search text.
pub struct PolicyCatalogue {
    entries: Vec<(Policy, SearchText)>,
}

impl PolicyCatalogue {
    /// Reads `files`: every entry, or every broken file with its fault.
    pub fn read(files: &[(&str, &str)]) -> Result<PolicyCatalogue, Vec<String>> {
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        for (id, text) in files {
            match entry::read(id, text) {
                Ok(policy) => {
                    let heading = format!("{}\n{}\n{}", policy.title, policy.summary, policy.keywords.join("\n"));
                    let rest = format!("{}\n{}\n{}\n{}", policy.gives, policy.who, policy.conditions.join("\n"), policy.how_to_apply);
                    let search = SearchText::new(&heading, &rest);
                    entries.push((policy, search));
                }
                Err(error) => errors.push(format!("content/policies/{id}.toml: {}", describe(&error))),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        entries.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        Ok(PolicyCatalogue { entries })
    }

    /// Checks the policies this server carries: how many, or every fault.
    pub fn check_embedded() -> Result<usize, String> {
        PolicyCatalogue::read(POLICY_FILES).map(|c| c.entries.len()).map_err(|errors| errors.join("\n"))
    }

    /// The policies this server carries (`check_embedded` at start rules out a broken file).
    pub fn embedded() -> &'static PolicyCatalogue {
        static CATALOGUE: OnceLock<PolicyCatalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| match PolicyCatalogue::read(POLICY_FILES) {
            Ok(catalogue) => catalogue,
            Err(errors) => panic!("policy files cannot be used:\n{}", errors.join("\n")),
        })
    }

    pub fn get(&self, id: &str) -> Option<&Policy> {
        self.entries.iter().find(|(p, _)| p.id == id).map(|(p, _)| p)
    }

    /// Entries for `audience` (or all) matching `words` (or all), families' first, then by id.
    pub fn find(&self, audience: Option<Audience>, words: Option<&str>) -> Vec<Policy> {
        let words = words.map(str::trim).filter(|w| !w.is_empty());
        let mut found: Vec<Policy> = self
            .entries
            .iter()
            .filter(|(p, _)| audience.is_none_or(|a| p.audience == a.code()))
            .filter(|(_, search)| words.is_none_or(|w| search.matches(w)))
            .map(|(p, _)| p.clone())
            .collect();
        found.sort_by(|a, b| (a.audience != "family", &a.id).cmp(&(b.audience != "family", &b.id)));
        found
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn describe(error: &PolicyFileError) -> String {
    error.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The content test: every policy file in the repository reads, and the entries the
    /// calculators apply are there.
    #[test]
    fn every_policy_file_is_complete_and_the_calculators_rules_are_covered() {
        let catalogue = match PolicyCatalogue::read(POLICY_FILES) {
            Ok(catalogue) => catalogue,
            Err(errors) => panic!("{}", errors.join("\n")),
        };
        assert!(catalogue.len() >= 12, "{} entries", catalogue.len());
        for rule in crate::domain::policy::Rule::ALL {
            let id = rule.policy_id();
            assert!(catalogue.get(id).is_some(), "no entry {id} for rule {rule:?}");
        }
    }

    #[test]
    fn search_finds_words_initials_and_filters_by_audience() {
        let catalogue = PolicyCatalogue::embedded();
        let subsidy = catalogue.find(None, Some("补贴"));
        assert!(subsidy.iter().any(|p| p.id == "childcare-subsidy"));
        assert!(catalogue.find(None, Some("yebt")).iter().any(|p| p.id == "childcare-subsidy"), "育儿补贴 by its initials");
        assert!(catalogue.find(Some(Audience::Facility), None).iter().all(|p| p.audience == "facility"));
        assert!(catalogue.find(None, Some("没有这样的政策词")).is_empty());
    }

    #[test]
    fn a_broken_file_is_refused_with_its_fault() {
        let errors = PolicyCatalogue::read(&[("x", "id = \"y\"")]).err().expect("refused");
        assert!(errors[0].contains("x.toml"), "{errors:?}");
    }
}
