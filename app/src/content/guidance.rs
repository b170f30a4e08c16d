//! The health-check and immunisation schedule and the milestones checklist of
//! `content/guidance/`, carried in the binary and read at start.

use std::sync::OnceLock;

use crate::domain::guidance::{Milestones, Schedule};

const SCHEDULE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../content/guidance/schedule.toml"));
const MILESTONES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../content/guidance/milestones.toml"));

/// Both files, read and checked.
#[derive(Debug)]
pub struct Guidance {
    pub schedule: Schedule,
    pub milestones: Milestones,
}

impl Guidance {
    /// Reads the two files' texts; every problem, named by file.
    pub fn read(schedule: &str, milestones: &str) -> Result<Guidance, String> {
        let schedule: Schedule = toml::from_str(schedule).map_err(|e| format!("content/guidance/schedule.toml: {}", e.message()))?;
        let milestones: Milestones = toml::from_str(milestones).map_err(|e| format!("content/guidance/milestones.toml: {}", e.message()))?;
        let problems: Vec<String> = schedule
            .problems()
            .into_iter()
            .map(|p| format!("content/guidance/schedule.toml: {p}"))
            .chain(milestones.problems().into_iter().map(|p| format!("content/guidance/milestones.toml: {p}")))
            .collect();
        if problems.is_empty() { Ok(Guidance { schedule, milestones }) } else { Err(problems.join("\n")) }
    }

    /// Checks the files this server carries (at start).
    pub fn check_embedded() -> Result<(), String> {
        Guidance::read(SCHEDULE, MILESTONES).map(|_| ())
    }

    /// The files this server carries; `check_embedded` at start rules out a panic here.
    pub fn embedded() -> &'static Guidance {
        static GUIDANCE: OnceLock<Guidance> = OnceLock::new();
        GUIDANCE.get_or_init(|| Guidance::read(SCHEDULE, MILESTONES).unwrap_or_else(|problems| panic!("{problems}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The content test of the guidance files: they read, and hold what the national schedule
    /// has (the checks at the plan's ages; 百白破 at 2, 4, 6 and 18 months since 2025).
    #[test]
    fn the_guidance_files_read_and_follow_the_national_schedule() {
        let guidance = Guidance::read(SCHEDULE, MILESTONES).unwrap_or_else(|problems| panic!("{problems}"));
        let check_months: Vec<u32> = guidance.schedule.check.iter().filter_map(|c| c.months).collect();
        assert_eq!(check_months, [1, 3, 6, 8, 12, 18, 24, 30, 36]);
        let dtap: Vec<u32> = guidance.schedule.dose.iter().filter(|d| d.vaccine == "dtap").map(|d| d.months).collect();
        assert_eq!(dtap, [2, 4, 6, 18]);
        let checkpoints: Vec<u32> = guidance.milestones.checkpoint.iter().map(|c| c.months).collect();
        assert_eq!(checkpoints, [3, 6, 8, 12, 18, 24, 30, 36]);
        assert!(guidance.milestones.checkpoint.iter().all(|c| c.warnings.len() == 4), "four warning signs per age");
    }

    #[test]
    fn a_broken_file_is_named() {
        let error = Guidance::read("[[check]]\nid = 1", MILESTONES).unwrap_err();
        assert!(error.starts_with("content/guidance/schedule.toml"), "{error}");
    }
}
