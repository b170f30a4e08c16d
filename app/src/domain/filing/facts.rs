//! The facts a filing states about the facility — what the finder later shows — and its legal
//! representative, checked field by field before anything is stored.

use serde::{Deserialize, Serialize};

use crate::domain::account::child::{FieldProblem, Problem};
use crate::domain::account::id_card::ResidentId;
use crate::domain::district;
use crate::domain::facility::{Class, ClassLevel, Facility, FacilityKind, Ownership, ServiceType};
use crate::domain::geo::GeoPoint;

/// Facility names have 2–50 characters.
pub const NAME_CHARS: std::ops::RangeInclusive<usize> = 2..=50;
/// Addresses have 5–100 characters.
pub const ADDRESS_CHARS: std::ops::RangeInclusive<usize> = 5..=100;
/// Opening hours as written for families, e.g. 周一至周五 7:30–18:00.
pub const HOURS_CHARS: std::ops::RangeInclusive<usize> = 4..=40;
/// A legal representative's name.
pub const PERSON_CHARS: std::ops::RangeInclusive<usize> = 2..=20;

/// One class as typed: its level code and its filed places.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassInput {
    pub level: String,
    pub capacity: String,
}

/// The facts form as the operator typed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactsInput {
    pub name: String,
    pub kind: String,
    pub ownership: String,
    pub inclusive: bool,
    /// Code of the street or town.
    pub unit_code: String,
    pub address: String,
    /// WGS-84 longitude and latitude as typed or picked.
    pub lon: String,
    pub lat: String,
    /// The number families call.
    pub phone: String,
    pub opening_hours: String,
    pub service_types: Vec<String>,
    pub classes: Vec<ClassInput>,
    pub serves_meals: bool,
    pub legal_rep_name: String,
    pub legal_rep_id: String,
}

/// Checked facts, ready to store and, on acceptance, to become the facility's public record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilingFacts {
    pub name: String,
    pub kind: FacilityKind,
    pub ownership: Ownership,
    pub inclusive: bool,
    pub unit_code: u32,
    pub address: String,
    pub location: GeoPoint,
    pub phone: String,
    pub opening_hours: String,
    pub service_types: Vec<ServiceType>,
    /// Each level once, with its filed places (1 to the class size of the national standard).
    pub classes: Vec<(ClassLevel, u32)>,
    pub serves_meals: bool,
    pub legal_rep_name: String,
    pub legal_rep_id: ResidentId,
}

fn problem(problems: &mut Vec<FieldProblem>, field: &str, problem: Problem) {
    problems.push(FieldProblem { field: field.to_string(), problem });
}

/// A one-line text within `chars`, or its problem.
fn line(text: &str, chars: std::ops::RangeInclusive<usize>) -> Result<String, Problem> {
    let text = text.trim();
    let count = text.chars().count();
    if count == 0 {
        Err(Problem::Required)
    } else if text.chars().any(|c| c.is_control() || matches!(c, '<' | '>' | '"' | '\\')) {
        Err(Problem::BadCharacters)
    } else if count > *chars.end() {
        Err(Problem::TooLong)
    } else if count < *chars.start() {
        Err(Problem::Malformed)
    } else {
        Ok(text.to_string())
    }
}

/// A public phone: a mobile number or a landline such as 023-67891234 (7–8 digits, area code optional).
fn public_phone(text: &str) -> Result<String, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::Required);
    }
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_allowed = text.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | ' '));
    if only_allowed && (7..=12).contains(&digits.len()) {
        Ok(text.to_string())
    } else {
        Err(Problem::Malformed)
    }
}

fn coordinate(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

impl FactsInput {
    /// The checked facts, or every field's problem at once.
    pub fn validate(&self) -> Result<FilingFacts, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut take = |field: &str, result: Result<String, Problem>| match result {
            Ok(value) => Some(value),
            Err(why) => {
                problem(&mut problems, field, why);
                None
            }
        };
        let name = take("name", line(&self.name, NAME_CHARS));
        let address = take("address", line(&self.address, ADDRESS_CHARS));
        let opening_hours = take("opening_hours", line(&self.opening_hours, HOURS_CHARS));
        let phone = take("phone", public_phone(&self.phone));
        let legal_rep_name = take("legal_rep_name", line(&self.legal_rep_name, PERSON_CHARS));
        let kind = FacilityKind::from_code(self.kind.trim());
        if kind.is_none() {
            problem(&mut problems, "kind", if self.kind.trim().is_empty() { Problem::Required } else { Problem::Unknown });
        }
        let ownership = Ownership::from_code(self.ownership.trim());
        if ownership.is_none() {
            problem(&mut problems, "ownership", if self.ownership.trim().is_empty() { Problem::Required } else { Problem::Unknown });
        }
        let unit_code = district::parse_unit_code(self.unit_code.trim());
        if unit_code.is_none() {
            problem(&mut problems, "unit_code", if self.unit_code.trim().is_empty() { Problem::Required } else { Problem::Unknown });
        }
        let location = match (coordinate(&self.lon), coordinate(&self.lat)) {
            (Some(lon), Some(lat)) => match GeoPoint::parse(lon, lat) {
                Ok(point) if district::contains(point) => Some(point),
                // A point outside the district cannot be filed here.
                _ => {
                    problem(&mut problems, "location", Problem::OutsideDistrict);
                    None
                }
            },
            _ => {
                problem(&mut problems, "location", if self.lon.trim().is_empty() { Problem::Required } else { Problem::Malformed });
                None
            }
        };
        let mut service_types = Vec::new();
        for code in &self.service_types {
            match ServiceType::from_code(code.trim()) {
                Some(service) if !service_types.contains(&service) => service_types.push(service),
                Some(_) => {}
                None => problem(&mut problems, "service_types", Problem::Unknown),
            }
        }
        if service_types.is_empty() && !problems.iter().any(|p| p.field == "service_types") {
            problem(&mut problems, "service_types", Problem::Required);
        }
        let classes = self.classes();
        let classes = match classes {
            Ok(classes) => Some(classes),
            Err(why) => {
                problem(&mut problems, "classes", why);
                None
            }
        };
        let legal_rep_id = match ResidentId::parse(&self.legal_rep_id) {
            Ok(id) => Some(id),
            Err(_) => {
                let why = if self.legal_rep_id.trim().is_empty() { Problem::Required } else { Problem::BadChecksum };
                problem(&mut problems, "legal_rep_id", why);
                None
            }
        };
        match (name, kind, ownership, unit_code, address, location, phone, opening_hours, classes, legal_rep_name, legal_rep_id) {
            (
                Some(name),
                Some(kind),
                Some(ownership),
                Some(unit_code),
                Some(address),
                Some(location),
                Some(phone),
                Some(opening_hours),
                Some(classes),
                Some(legal_rep_name),
                Some(legal_rep_id),
            ) if problems.is_empty() => Ok(FilingFacts {
                name,
                kind,
                ownership,
                inclusive: self.inclusive,
                unit_code,
                address,
                location,
                phone,
                opening_hours,
                service_types,
                classes,
                serves_meals: self.serves_meals,
                legal_rep_name,
                legal_rep_id,
            }),
            _ => Err(problems),
        }
    }

    /// Each level at most once, each with 1 to the standard's class size places; at least one class.
    fn classes(&self) -> Result<Vec<(ClassLevel, u32)>, Problem> {
        let mut classes: Vec<(ClassLevel, u32)> = Vec::new();
        for class in &self.classes {
            let level = ClassLevel::from_code(class.level.trim()).ok_or(Problem::Unknown)?;
            let capacity: u32 = class.capacity.trim().parse().map_err(|_| Problem::Malformed)?;
            if capacity == 0 {
                return Err(Problem::Malformed);
            }
            if capacity > level.max_class_size() {
                return Err(Problem::AboveStandard);
            }
            if classes.iter().any(|(seen, _)| *seen == level) {
                return Err(Problem::Malformed);
            }
            classes.push((level, capacity));
        }
        if classes.is_empty() {
            return Err(Problem::Required);
        }
        classes.sort_by_key(|(level, _)| ClassLevel::ALL.iter().position(|l| l == level));
        Ok(classes)
    }
}

impl FilingFacts {
    /// The form as it would be typed to give these facts (to edit a stored draft or start a
    /// change filing from the facility's current facts).
    pub fn to_input(&self) -> FactsInput {
        FactsInput {
            name: self.name.clone(),
            kind: self.kind.code().into(),
            ownership: self.ownership.code().into(),
            inclusive: self.inclusive,
            unit_code: self.unit_code.to_string(),
            address: self.address.clone(),
            lon: format!("{:.6}", self.location.lon),
            lat: format!("{:.6}", self.location.lat),
            phone: self.phone.clone(),
            opening_hours: self.opening_hours.clone(),
            service_types: self.service_types.iter().map(|s| s.code().to_string()).collect(),
            classes: self.classes.iter().map(|(level, capacity)| ClassInput { level: level.code().into(), capacity: capacity.to_string() }).collect(),
            serves_meals: self.serves_meals,
            legal_rep_name: self.legal_rep_name.clone(),
            legal_rep_id: self.legal_rep_id.as_str().to_string(),
        }
    }
}

/// The form filled with a listed facility's public facts, to start a change filing from them
/// (the legal representative is not part of the public record: the operator types it).
pub fn current_facts(facility: &Facility, classes: &[Class]) -> FactsInput {
    FactsInput {
        name: facility.name.clone(),
        kind: facility.kind.code().into(),
        ownership: facility.ownership.code().into(),
        inclusive: facility.inclusive,
        unit_code: facility.unit_code.to_string(),
        address: facility.address.clone(),
        lon: format!("{:.6}", facility.location.lon),
        lat: format!("{:.6}", facility.location.lat),
        phone: facility.phone.clone(),
        opening_hours: facility.opening_hours.clone(),
        service_types: facility.service_types.iter().map(|s| s.code().to_string()).collect(),
        classes: classes
            .iter()
            .filter(|c| c.filed_capacity > 0)
            .map(|c| ClassInput { level: c.level.code().into(), capacity: c.filed_capacity.to_string() })
            .collect(),
        serves_meals: false,
        legal_rep_name: String::new(),
        legal_rep_id: String::new(),
    }
}
