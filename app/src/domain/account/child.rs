//! A child's profile as a parent enters it, and the checks it must pass before anything is
//! stored. Children's data is sensitive personal information: keep only what the service needs.

use serde::{Deserialize, Serialize};

use super::id_card::{IdSex, ResidentId};
use crate::coded_enum;
use crate::domain::calendar::CivilDate;

/// Longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 20;
/// Children older than this are past the service's age (under 3) with room for siblings'
/// records kept a while; older birth dates are mistakes.
pub const MAX_AGE_YEARS: i32 = 6;

coded_enum! {
    pub enum Sex {
        Female = "female",
        Male = "male",
    }
}

coded_enum! {
    /// How the guardian entering the profile is related to the child.
    pub enum Relation {
        Mother = "mother",
        Father = "father",
        Grandparent = "grandparent",
        OtherGuardian = "guardian",
    }
}

/// What a parent typed into the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildInput {
    pub name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    pub sex: String,
    pub relation: String,
    /// Optional resident ID number.
    pub id_number: Option<String>,
}

/// A checked profile, ready to store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildProfile {
    pub name: String,
    pub birth_date: CivilDate,
    pub sex: Sex,
    pub relation: Relation,
    pub id_number: Option<ResidentId>,
}

/// Why a field was refused; `field` names the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong,
    /// Characters a name cannot contain (control characters, angle brackets).
    BadCharacters,
    NotADate,
    InFuture,
    TooOld,
    Unknown,
    BadChecksum,
    Malformed,
    /// The ID number's birth date or sex differs from what was entered.
    Mismatch,
    /// Already used by someone else (a username).
    Taken,
    /// Above what the national standard allows (a class larger than its class size).
    AboveStandard,
    /// A place outside the district.
    OutsideDistrict,
}

fn problem(field: &str, problem: Problem) -> FieldProblem {
    FieldProblem { field: field.to_string(), problem }
}

impl ChildInput {
    /// Checks every field as of `today`; all problems are reported at once.
    pub fn validate(&self, today: CivilDate) -> Result<ChildProfile, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            problems.push(problem("name", Problem::Required));
        } else if name.chars().any(|c| c.is_control() || matches!(c, '<' | '>' | '"' | '&' | '\\')) {
            problems.push(problem("name", Problem::BadCharacters));
        } else if name.chars().count() > MAX_NAME_CHARS {
            problems.push(problem("name", Problem::TooLong));
        }
        let birth_date = match CivilDate::parse(&self.birth_date) {
            Err(_) => {
                problems.push(problem("birth_date", Problem::NotADate));
                None
            }
            Ok(date) if date > today => {
                problems.push(problem("birth_date", Problem::InFuture));
                None
            }
            Ok(date) if date < today.years_before(MAX_AGE_YEARS) => {
                problems.push(problem("birth_date", Problem::TooOld));
                None
            }
            Ok(date) => Some(date),
        };
        let sex = Sex::from_code(self.sex.trim());
        if sex.is_none() {
            problems.push(problem("sex", if self.sex.trim().is_empty() { Problem::Required } else { Problem::Unknown }));
        }
        let relation = Relation::from_code(self.relation.trim());
        if relation.is_none() {
            problems.push(problem("relation", if self.relation.trim().is_empty() { Problem::Required } else { Problem::Unknown }));
        }
        let id_number = match self.id_number.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(raw) => match ResidentId::parse(raw) {
                Ok(id) => {
                    let sex_matches = match (sex, id.sex()) {
                        (Some(Sex::Female), IdSex::Female) | (Some(Sex::Male), IdSex::Male) | (None, _) => true,
                        _ => false,
                    };
                    let date_matches = birth_date.is_none() || id.birth_date() == birth_date;
                    if !(sex_matches && date_matches) {
                        problems.push(problem("id_number", Problem::Mismatch));
                    }
                    Some(id)
                }
                Err(super::id_card::BadResidentId::Checksum) => {
                    problems.push(problem("id_number", Problem::BadChecksum));
                    None
                }
                Err(_) => {
                    problems.push(problem("id_number", Problem::Malformed));
                    None
                }
            },
        };
        match (birth_date, sex, relation, problems.is_empty()) {
            (Some(birth_date), Some(sex), Some(relation), true) => Ok(ChildProfile { name, birth_date, sex, relation, id_number }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CivilDate {
        CivilDate::parse("2026-11-29").expect("date")
    }

    fn input() -> ChildInput {
        ChildInput {
            name: "王小禾".into(),
            birth_date: "2024-03-15".into(),
            sex: "female".into(),
            relation: "mother".into(),
            id_number: Some("500112202403150025".into()),
        }
    }

    fn fields(result: Result<ChildProfile, Vec<FieldProblem>>) -> Vec<(String, Problem)> {
        result.err().unwrap_or_default().into_iter().map(|p| (p.field, p.problem)).collect()
    }

    #[test]
    fn a_complete_profile_passes() {
        let profile = input().validate(today()).expect("valid");
        assert_eq!(profile.name, "王小禾");
        assert_eq!(profile.sex, Sex::Female);
    }

    #[test]
    fn the_id_number_is_optional() {
        let profile = ChildInput { id_number: Some("  ".into()), ..input() }.validate(today()).expect("valid");
        assert_eq!(profile.id_number, None);
    }

    #[test]
    fn birth_dates_in_the_future_or_over_six_years_ago_are_refused() {
        let future = ChildInput { birth_date: "2026-12-01".into(), id_number: None, ..input() };
        assert_eq!(fields(future.validate(today())), vec![("birth_date".into(), Problem::InFuture)]);
        let old = ChildInput { birth_date: "2020-11-28".into(), id_number: None, ..input() };
        assert_eq!(fields(old.validate(today())), vec![("birth_date".into(), Problem::TooOld)]);
        let six = ChildInput { birth_date: "2020-11-29".into(), id_number: None, ..input() };
        assert!(six.validate(today()).is_ok());
    }

    #[test]
    fn over_long_names_and_markup_are_refused() {
        let long = ChildInput { name: "名".repeat(21), ..input() };
        assert_eq!(fields(long.validate(today())), vec![("name".into(), Problem::TooLong)]);
        let script = ChildInput { name: "<script>alert(1)</script>".into(), ..input() };
        assert_eq!(fields(script.validate(today())), vec![("name".into(), Problem::BadCharacters)]);
    }

    #[test]
    fn an_id_number_must_check_out_and_agree_with_the_form() {
        let bad = ChildInput { id_number: Some("500112202403150026".into()), ..input() };
        assert_eq!(fields(bad.validate(today())), vec![("id_number".into(), Problem::BadChecksum)]);
        let other_date = ChildInput { birth_date: "2024-03-16".into(), ..input() };
        assert_eq!(fields(other_date.validate(today())), vec![("id_number".into(), Problem::Mismatch)]);
        let other_sex = ChildInput { sex: "male".into(), ..input() };
        assert_eq!(fields(other_sex.validate(today())), vec![("id_number".into(), Problem::Mismatch)]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let empty = ChildInput::default();
        let problems = fields(empty.validate(today()));
        assert_eq!(problems.len(), 4, "{problems:?}");
    }
}
