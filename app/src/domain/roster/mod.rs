//! The facility's staff roster (plan item 9): who works there, in which role, since when, with
//! which certificates, whether the pre-employment check for offences against minors was done,
//! and the certification rate of the care staff that families see.
//!
//! One person, one roster: a person is known by the resident ID number, so a carer on two
//! facilities' current rosters is found, and the rate counts each person once.

use serde::{Deserialize, Serialize};

use super::account::id_card::ResidentId;
use super::calendar::CivilDate;
use super::facility::ClassLevel;

/// Names have at most this many characters.
pub const MAX_NAME_CHARS: usize = 30;
/// A health certificate expiring within this many days shows on the operator's home.
pub const EXPIRY_WARNING_DAYS: u32 = 30;

crate::coded_enum! {
    /// What a member of staff does.
    pub enum StaffRole {
        /// 负责人
        Lead = "lead",
        /// 保育人员: the care staff the ratios and the certification rate count.
        Carer = "carer",
        /// 保健人员
        Health = "health",
        /// 炊事人员
        Cook = "cook",
        /// 安保人员
        Security = "security",
        Other = "other",
    }
}

crate::coded_enum! {
    /// The care qualification a person holds.
    pub enum Qualification {
        None = "none",
        /// 保育师 skill certificate.
        CarerCertificate = "carer",
        /// 育婴员 skill certificate.
        NannyCertificate = "nanny",
        /// Teacher's licence (教师资格证).
        TeacherLicence = "teacher",
    }
}

crate::coded_enum! {
    /// Why a roster entry cannot be saved; each names the field.
    pub enum RosterRefusal {
        StaffName = "staff_name",
        StaffIdNumber = "staff_id_number",
        StaffRole = "staff_role",
        /// A carer names a class the facility does not run.
        StaffClass = "staff_class",
        StaffQualification = "staff_qualification",
        /// Not a date, or a start in the future.
        StaffEmployedFrom = "staff_employed_from",
        /// Health certificate dates missing, not dates, or expiring before they were issued.
        StaffHealthCertificate = "staff_health_certificate",
        /// The check date is not a date or in the future.
        StaffBackgroundCheck = "staff_background_check",
        /// The same person is already on this facility's current roster.
        StaffAlreadyListed = "staff_already_listed",
        /// Ending an employment that has already ended.
        StaffAlreadyLeft = "staff_already_left",
    }
}

/// A roster entry as the operator's form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInput {
    pub name: String,
    pub id_number: String,
    pub role: String,
    /// For carers: the class level they work in (may be empty).
    pub class_level: String,
    pub qualification: String,
    pub employed_from: String,
    pub health_issued: String,
    pub health_expires: String,
    /// When the check for offences against minors was done; empty when not yet.
    pub background_checked_on: String,
}

/// A checked roster entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDraft {
    pub name: String,
    pub id_number: ResidentId,
    pub role: StaffRole,
    pub class_level: Option<ClassLevel>,
    pub qualification: Qualification,
    pub employed_from: CivilDate,
    pub health_issued: CivilDate,
    pub health_expires: CivilDate,
    pub background_checked_on: Option<CivilDate>,
}

fn date(text: &str) -> Option<CivilDate> {
    CivilDate::parse(text.trim()).ok()
}

impl StaffInput {
    /// Checks the entry for a facility running `levels`, on `today`.
    pub fn validate(&self, levels: &[ClassLevel], today: CivilDate) -> Result<StaffDraft, RosterRefusal> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
            return Err(RosterRefusal::StaffName);
        }
        let id_number = ResidentId::parse(&self.id_number).map_err(|_| RosterRefusal::StaffIdNumber)?;
        let role = StaffRole::from_code(self.role.trim()).ok_or(RosterRefusal::StaffRole)?;
        let class_level = match self.class_level.trim() {
            "" => None,
            code if role == StaffRole::Carer => Some(ClassLevel::from_code(code).filter(|l| levels.contains(l)).ok_or(RosterRefusal::StaffClass)?),
            // Only carers belong to a class; anything else is a form out of step.
            _ => return Err(RosterRefusal::StaffClass),
        };
        let qualification = Qualification::from_code(self.qualification.trim()).ok_or(RosterRefusal::StaffQualification)?;
        let employed_from = date(&self.employed_from).filter(|d| *d <= today).ok_or(RosterRefusal::StaffEmployedFrom)?;
        let (health_issued, health_expires) = match (date(&self.health_issued), date(&self.health_expires)) {
            (Some(issued), Some(expires)) if issued <= today && expires > issued => (issued, expires),
            _ => return Err(RosterRefusal::StaffHealthCertificate),
        };
        let background_checked_on = match self.background_checked_on.trim() {
            "" => None,
            text => Some(date(text).filter(|d| *d <= today).ok_or(RosterRefusal::StaffBackgroundCheck)?),
        };
        Ok(StaffDraft { name: name.to_string(), id_number, role, class_level, qualification, employed_from, health_issued, health_expires, background_checked_on })
    }
}

/// A current roster entry, as the rate and the warnings read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    /// The person (resident ID number): the same person is counted once.
    pub person: String,
    pub role: StaffRole,
    pub qualification: Qualification,
    pub health_expires: CivilDate,
}

/// Certified care staff over all care staff (each person once).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationRate {
    pub certified: u32,
    pub carers: u32,
}

impl CertificationRate {
    /// Whole percent, rounded down (95 % is the plan's target: 94.9 % has not reached it).
    pub fn percent(self) -> u32 {
        (self.certified * 100).checked_div(self.carers).unwrap_or(0)
    }
}

/// The certification rate of the care staff on `roster`; `None` when it lists no carer.
pub fn certification_rate(roster: &[RosterEntry]) -> Option<CertificationRate> {
    let mut people: Vec<(&str, bool)> = roster
        .iter()
        .filter(|e| e.role == StaffRole::Carer)
        .map(|e| (e.person.as_str(), e.qualification != Qualification::None))
        .collect();
    // The same person listed twice counts once, certified if any entry says so.
    people.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
    people.dedup_by(|later, earlier| later.0 == earlier.0);
    let carers = people.len() as u32;
    (carers > 0).then(|| CertificationRate { certified: people.iter().filter(|p| p.1).count() as u32, carers })
}

/// How many children `carers` care staff may look after in a class of `level` at the national
/// ratio (1:3, 1:5, 1:7): the staffed capacity the roster supports.
pub fn places_for_carers(level: ClassLevel, carers: u32) -> u32 {
    carers * level.children_per_carer()
}

/// The health certificate has expired or expires within 30 days.
pub fn health_certificate_due(expires: CivilDate, today: CivilDate) -> bool {
    expires <= today.plus_days(EXPIRY_WARNING_DAYS)
}

/// May this employment end today? Not when it has ended already.
pub fn may_end(employed_until: Option<CivilDate>, today: CivilDate) -> Result<(), RosterRefusal> {
    match employed_until {
        Some(until) if until <= today => Err(RosterRefusal::StaffAlreadyLeft),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
