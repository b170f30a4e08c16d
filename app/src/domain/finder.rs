//! The facility finder's query: what a family asks for, read from the URL and corrected where it
//! cannot be used, with a note per correction so the page can say what happened instead of
//! failing. Pure, so the browser and the server read a URL the same way.

use serde::{Deserialize, Serialize};

use super::calendar::{CivilDate, YearMonth};
use super::district::{self, parse_unit_code, unit_by_code};
use super::facility::{AgeError, ClassLevel, FacilityKind, Grade, ServiceType};
use super::geo::GeoPoint;
use crate::coded_enum;

/// Radius of the "15-minute walk" circle. At an unhurried 4–4.5 km/h with a child, 15 minutes
/// covers about 1.1 km of street; streets wind, so 1,000 m in a straight line is a fair,
/// slightly conservative stand-in.
pub const WALK_15_MIN_RADIUS_M: u32 = 1_000;

/// Distances a family can limit the search to, in kilometres.
pub const DISTANCE_CHOICES_KM: [u32; 4] = [1, 3, 5, 10];

/// Highest monthly fee the filter accepts (yuan); higher values are capped.
pub const MAX_FEE: u32 = 50_000;

/// Longest search text used; longer input is cut, not refused.
pub const MAX_SEARCH_CHARS: usize = 40;

coded_enum! {
    /// How results are ordered.
    pub enum SortOrder {
        Default = "default",
        Distance = "distance",
        Fee = "fee",
        Vacancy = "vacancy",
        /// Parents' ratings: a Bayesian average against the district's mean (`rating::score`).
        Rating = "rating",
    }
}

coded_enum! {
    /// List or map.
    pub enum View {
        List = "list",
        Map = "map",
    }
}

/// Declares the finder's URL parameters once: the struct, the list of names and keyed access.
macro_rules! finder_params {
    ($($(#[$doc:meta])* $field:ident),+ $(,)?) => {
        /// The finder's URL parameters as text, exactly as they arrive.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct FinderParams {
            $($(#[$doc])* pub $field: Option<String>,)+
        }

        /// The parameter names, in the order links are written.
        pub const PARAM_NAMES: &[&str] = &[$(stringify!($field)),+];

        impl FinderParams {
            fn slot_mut(&mut self, key: &str) -> Option<&mut Option<String>> {
                match key {
                    $(stringify!($field) => Some(&mut self.$field),)+
                    _ => None,
                }
            }

            /// The raw value of a parameter.
            pub fn get(&self, key: &str) -> Option<&str> {
                match key {
                    $(stringify!($field) => self.$field.as_deref(),)+
                    _ => None,
                }
            }
        }
    };
}

finder_params! {
    q,
    street,
    /// The child's birth month, `YYYY-MM`.
    birth,
    /// The month care should start, `YYYY-MM`.
    start,
    service,
    /// `1`: 普惠 only.
    inclusive,
    /// `1`: only facilities with a free place now.
    vacant,
    /// `1`: only facilities whose parents' score is 4 or more (评分 ≥ 4).
    rated,
    /// Lowest acceptable grade: `1`, `2` or `3`.
    grade,
    kind,
    fee_min,
    fee_max,
    /// The family's position, `lat,lon` (WGS-84), from the browser.
    near,
    /// A street or town code to measure distances from when the position is not shared.
    from,
    /// Kilometres: only facilities within this distance.
    within,
    sort,
    view,
    page,
}

impl FinderParams {
    /// Reads parameters from key/value pairs (a URL's query); unknown keys are dropped.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut params = FinderParams::default();
        for (key, value) in pairs {
            if let Some(slot) = params.slot_mut(key) {
                *slot = Some(value.to_string());
            }
        }
        params
    }

    /// A copy with one parameter set (or removed with `None`).
    pub fn with(&self, key: &str, value: Option<&str>) -> Self {
        let mut copy = self.clone();
        if let Some(slot) = copy.slot_mut(key) {
            *slot = value.filter(|v| !v.is_empty()).map(str::to_string);
        }
        copy
    }

    /// `?a=1&b=2` of the parameters that are set (empty string when none), percent-encoded.
    pub fn to_query_string(&self) -> String {
        let parts: Vec<String> = PARAM_NAMES
            .iter()
            .filter_map(|key| self.get(key).filter(|v| !v.is_empty()).map(|v| format!("{key}={}", percent_encode(v))))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
pub fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The child's age as the finder uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeFilter {
    pub birth: YearMonth,
    pub start: YearMonth,
    /// The class the child joins at the start month.
    pub class: ClassLevel,
}

/// Where distances are measured from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Origin {
    /// The position the browser reported.
    Device(GeoPoint),
    /// The centre of a street or town the family picked.
    Unit(u32),
}

impl Origin {
    pub fn point(self) -> GeoPoint {
        match self {
            Origin::Device(point) => point,
            Origin::Unit(code) => unit_by_code(code).map(|u| u.anchor).unwrap_or(GeoPoint { lon: 106.632, lat: 29.718 }),
        }
    }
}

/// A validated finder query.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinderQuery {
    /// Words to find in names and addresses.
    pub text: Option<String>,
    /// Pinyin initials to look for, when the text is a few Latin letters ("slh").
    pub initials: Option<String>,
    pub unit_code: Option<u32>,
    pub age: Option<AgeFilter>,
    pub service: Option<ServiceType>,
    pub inclusive_only: bool,
    pub vacant_only: bool,
    /// Only facilities with a shown score of at least `rating::score::GOOD_SCORE`.
    pub well_rated_only: bool,
    /// Only facilities graded this or better.
    pub min_grade: Option<Grade>,
    pub kind: Option<FacilityKind>,
    pub fee_min: Option<u32>,
    pub fee_max: Option<u32>,
    pub origin: Option<Origin>,
    /// Only facilities within this many metres of the origin.
    pub within_m: Option<u32>,
    pub sort: SortOrder,
    pub view: View,
    /// The page asked for, 1-based; the server clamps it to the pages that exist.
    pub page: u32,
}

/// Something the finder changed or ignored, for the page to explain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Note {
    /// A parameter could not be understood and was ignored.
    Ignored { field: String },
    /// The lowest fee was above the highest; they were swapped.
    FeeRangeSwapped,
    /// The birth month lies in the future; the age filter was not applied.
    BirthInFuture,
    /// The child is under 6 months at the start month; from this month on a class fits.
    ChildTooYoung { earliest_start: YearMonth },
    /// The child is 3 or older at the start month: kindergarten age.
    ChildTooOld,
    /// The start month was in the past and became this month.
    StartInPast { corrected: YearMonth },
    /// Sorting or limiting by distance needs a position or a street/town to measure from.
    NeedsLocation { field: String },
    /// The position lies outside the district; distances are still measured from it.
    OutsideDistrict,
}

fn clean(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Pinyin initials only make sense for a few plain Latin letters.
fn initials_of(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    ((2..=12).contains(&lower.len()) && lower.bytes().all(|b| b.is_ascii_lowercase())).then_some(lower)
}

fn parse_flag(value: Option<&str>, field: &str, notes: &mut Vec<Note>) -> bool {
    match value {
        None | Some("0") => false,
        Some("1") | Some("true") | Some("on") => true,
        Some(_) => {
            notes.push(Note::Ignored { field: field.into() });
            false
        }
    }
}

fn parse_fee(value: Option<&str>, field: &str, notes: &mut Vec<Note>) -> Option<u32> {
    let raw = value?;
    match raw.parse::<u64>() {
        Ok(fee) => Some(fee.min(MAX_FEE as u64) as u32),
        Err(_) => {
            notes.push(Note::Ignored { field: field.into() });
            None
        }
    }
}

fn parse_near(raw: &str) -> Option<GeoPoint> {
    let (lat, lon) = raw.split_once(',')?;
    GeoPoint::parse(lon.trim().parse().ok()?, lat.trim().parse().ok()?).ok()
}

/// The month after `today`'s: when a family searching today could usually start.
pub fn default_start(today: CivilDate) -> YearMonth {
    let (year, month) = if today.month() == 12 { (today.year() + 1, 1) } else { (today.year(), today.month() + 1) };
    YearMonth::new(year, month).unwrap_or_else(|_| YearMonth::of(today))
}

fn add_months(month: YearMonth, months: i32) -> YearMonth {
    let first = month.first_day();
    let index = first.year() * 12 + first.month() as i32 - 1 + months;
    YearMonth::new(index.div_euclid(12), (index.rem_euclid(12) + 1) as u8).unwrap_or(month)
}

/// Reads the finder's parameters as of `today` (China date). Never fails: what cannot be used
/// is dropped or corrected, and each such change is returned as a note.
pub fn parse(params: &FinderParams, today: CivilDate) -> (FinderQuery, Vec<Note>) {
    let mut notes = Vec::new();
    let text = clean(&params.q)
        .map(|q| q.chars().filter(|c| !c.is_control()).take(MAX_SEARCH_CHARS).collect::<String>())
        .filter(|q| !q.is_empty());
    let initials = text.as_deref().and_then(initials_of);

    let unit_code = clean(&params.street).and_then(|raw| {
        let code = parse_unit_code(raw);
        if code.is_none() {
            notes.push(Note::Ignored { field: "street".into() });
        }
        code
    });

    let age = parse_age(params, today, &mut notes);

    let service = clean(&params.service).and_then(|raw| {
        let service = ServiceType::from_code(raw);
        if service.is_none() {
            notes.push(Note::Ignored { field: "service".into() });
        }
        service
    });
    let inclusive_only = parse_flag(clean(&params.inclusive), "inclusive", &mut notes);
    let vacant_only = parse_flag(clean(&params.vacant), "vacant", &mut notes);
    let well_rated_only = parse_flag(clean(&params.rated), "rated", &mut notes);
    let min_grade = clean(&params.grade).and_then(|raw| match Grade::from_code(raw) {
        Some(grade) if grade != Grade::Ungraded => Some(grade),
        _ => {
            notes.push(Note::Ignored { field: "grade".into() });
            None
        }
    });
    let kind = clean(&params.kind).and_then(|raw| {
        let kind = FacilityKind::from_code(raw);
        if kind.is_none() {
            notes.push(Note::Ignored { field: "kind".into() });
        }
        kind
    });

    let mut fee_min = parse_fee(clean(&params.fee_min), "fee_min", &mut notes);
    let mut fee_max = parse_fee(clean(&params.fee_max), "fee_max", &mut notes);
    if let (Some(low), Some(high)) = (fee_min, fee_max) {
        if low > high {
            (fee_min, fee_max) = (Some(high), Some(low));
            notes.push(Note::FeeRangeSwapped);
        }
    }

    let origin = match (clean(&params.near), clean(&params.from)) {
        (Some(raw), _) => match parse_near(raw) {
            Some(point) => {
                if !district::contains(point) {
                    notes.push(Note::OutsideDistrict);
                }
                Some(Origin::Device(point))
            }
            None => {
                notes.push(Note::Ignored { field: "near".into() });
                clean(&params.from).and_then(parse_unit_code).map(Origin::Unit)
            }
        },
        (None, Some(raw)) => match parse_unit_code(raw) {
            Some(code) => Some(Origin::Unit(code)),
            None => {
                notes.push(Note::Ignored { field: "from".into() });
                None
            }
        },
        (None, None) => None,
    };

    let within_m = clean(&params.within).and_then(|raw| match raw.parse::<u32>() {
        Ok(km) if DISTANCE_CHOICES_KM.contains(&km) => {
            if origin.is_none() {
                notes.push(Note::NeedsLocation { field: "within".into() });
                None
            } else {
                Some(km * 1000)
            }
        }
        _ => {
            notes.push(Note::Ignored { field: "within".into() });
            None
        }
    });

    let sort = match clean(&params.sort).map(|raw| (raw, SortOrder::from_code(raw))) {
        None => SortOrder::Default,
        Some((_, Some(SortOrder::Distance))) if origin.is_none() => {
            notes.push(Note::NeedsLocation { field: "sort".into() });
            SortOrder::Default
        }
        Some((_, Some(sort))) => sort,
        Some((_, None)) => {
            notes.push(Note::Ignored { field: "sort".into() });
            SortOrder::Default
        }
    };
    let view = match clean(&params.view) {
        None => View::List,
        Some(raw) => View::from_code(raw).unwrap_or_else(|| {
            notes.push(Note::Ignored { field: "view".into() });
            View::List
        }),
    };
    let page = match clean(&params.page) {
        None => 1,
        Some(raw) => raw.parse::<u32>().ok().filter(|p| *p >= 1).unwrap_or_else(|| {
            notes.push(Note::Ignored { field: "page".into() });
            1
        }),
    };

    let query = FinderQuery {
        text,
        initials,
        unit_code,
        age,
        service,
        inclusive_only,
        vacant_only,
        well_rated_only,
        min_grade,
        kind,
        fee_min,
        fee_max,
        origin,
        within_m,
        sort,
        view,
        page,
    };
    (query, notes)
}

fn parse_age(params: &FinderParams, today: CivilDate, notes: &mut Vec<Note>) -> Option<AgeFilter> {
    let this_month = YearMonth::of(today);
    let start = match clean(&params.start) {
        None => default_start(today),
        Some(raw) => match YearMonth::parse(raw) {
            Ok(month) if month < this_month => {
                notes.push(Note::StartInPast { corrected: this_month });
                this_month
            }
            Ok(month) => month,
            Err(_) => {
                notes.push(Note::Ignored { field: "start".into() });
                default_start(today)
            }
        },
    };
    let raw_birth = clean(&params.birth)?;
    let Ok(birth) = YearMonth::parse(raw_birth) else {
        notes.push(Note::Ignored { field: "birth".into() });
        return None;
    };
    if birth > this_month {
        notes.push(Note::BirthInFuture);
        return None;
    }
    // Only the month is asked for: count age in whole months from the first of it.
    match ClassLevel::at_start(birth.first_day(), start) {
        Ok(class) => Some(AgeFilter { birth, start, class }),
        Err(AgeError::TooYoung) => {
            notes.push(Note::ChildTooYoung { earliest_start: add_months(birth, 6) });
            None
        }
        Err(AgeError::TooOld) => {
            notes.push(Note::ChildTooOld);
            None
        }
    }
}

impl FinderQuery {
    /// Whether anything narrows the results (for the "widen your search" offer).
    pub fn is_narrowed(&self) -> bool {
        self.text.is_some()
            || self.unit_code.is_some()
            || self.age.is_some()
            || self.service.is_some()
            || self.inclusive_only
            || self.vacant_only
            || self.well_rated_only
            || self.min_grade.is_some()
            || self.kind.is_some()
            || self.fee_min.is_some()
            || self.fee_max.is_some()
            || self.within_m.is_some()
    }

    /// Grades that pass the minimum-grade filter.
    pub fn accepted_grades(&self) -> Vec<Grade> {
        match self.min_grade {
            Some(Grade::One) => vec![Grade::One],
            Some(Grade::Two) => vec![Grade::One, Grade::Two],
            Some(Grade::Three) => vec![Grade::One, Grade::Two, Grade::Three],
            Some(Grade::Ungraded) | None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CivilDate {
        CivilDate::parse("2026-11-29").expect("date")
    }

    fn parse_pairs(pairs: &[(&str, &str)]) -> (FinderQuery, Vec<Note>) {
        parse(&FinderParams::from_pairs(pairs.iter().copied()), today())
    }

    #[test]
    fn an_empty_query_lists_everything_from_page_one() {
        let (query, notes) = parse_pairs(&[]);
        assert!(notes.is_empty());
        assert!(!query.is_narrowed());
        assert_eq!((query.page, query.sort, query.view), (1, SortOrder::Default, View::List));
    }

    #[test]
    fn a_birth_month_selects_the_class_at_the_start_month() {
        let (query, notes) = parse_pairs(&[("birth", "2025-06"), ("start", "2027-01")]);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(query.age.map(|a| a.class), Some(ClassLevel::Toddler));
    }

    #[test]
    fn the_start_month_defaults_to_next_month() {
        let (query, _) = parse_pairs(&[("birth", "2026-05")]);
        let age = query.age.expect("age filter");
        assert_eq!(age.start.to_string(), "2026-12");
        assert_eq!(age.class, ClassLevel::Infant);
        assert_eq!(default_start(CivilDate::parse("2026-12-31").expect("date")).to_string(), "2027-01");
    }

    #[test]
    fn a_birth_month_in_the_future_is_explained_not_applied() {
        let (query, notes) = parse_pairs(&[("birth", "2027-03")]);
        assert_eq!(query.age, None);
        assert_eq!(notes, vec![Note::BirthInFuture]);
    }

    #[test]
    fn a_child_too_young_is_told_when_a_class_would_fit() {
        let (query, notes) = parse_pairs(&[("birth", "2026-09"), ("start", "2026-12")]);
        assert_eq!(query.age, None);
        assert_eq!(notes, vec![Note::ChildTooYoung { earliest_start: YearMonth::parse("2027-03").expect("month") }]);
    }

    #[test]
    fn a_child_of_three_is_kindergarten_age() {
        let (_, notes) = parse_pairs(&[("birth", "2023-11"), ("start", "2026-12")]);
        assert_eq!(notes, vec![Note::ChildTooOld]);
    }

    #[test]
    fn a_start_month_in_the_past_becomes_this_month() {
        let (query, notes) = parse_pairs(&[("birth", "2025-06"), ("start", "2025-01")]);
        assert_eq!(query.age.map(|a| a.start.to_string()), Some("2026-11".into()));
        assert!(notes.contains(&Note::StartInPast { corrected: YearMonth::parse("2026-11").expect("month") }));
    }

    #[test]
    fn a_reversed_fee_range_is_swapped_and_said() {
        let (query, notes) = parse_pairs(&[("fee_min", "3000"), ("fee_max", "1500")]);
        assert_eq!((query.fee_min, query.fee_max), (Some(1500), Some(3000)));
        assert_eq!(notes, vec![Note::FeeRangeSwapped]);
    }

    #[test]
    fn absurd_fees_are_capped_and_words_are_ignored() {
        let (query, notes) = parse_pairs(&[("fee_min", "abc"), ("fee_max", "99999999999")]);
        assert_eq!((query.fee_min, query.fee_max), (None, Some(MAX_FEE)));
        assert_eq!(notes, vec![Note::Ignored { field: "fee_min".into() }]);
    }

    #[test]
    fn unknown_codes_are_ignored_with_a_note_each() {
        let (query, notes) = parse_pairs(&[("street", "999"), ("kind", "zoo"), ("service", "night"), ("grade", "none"), ("sort", "x"), ("view", "3d"), ("page", "-4"), ("inclusive", "maybe")]);
        assert_eq!(query.unit_code, None);
        assert_eq!(notes.len(), 8, "{notes:?}");
        assert_eq!(query.page, 1);
    }

    #[test]
    fn out_of_range_coordinates_are_ignored_and_a_street_can_stand_in() {
        let (query, notes) = parse_pairs(&[("near", "95.0,106.6"), ("from", "500112016")]);
        assert_eq!(query.origin, Some(Origin::Unit(500112016)));
        assert_eq!(notes, vec![Note::Ignored { field: "near".into() }]);
    }

    #[test]
    fn a_position_outside_the_district_is_used_but_noted() {
        let (query, notes) = parse_pairs(&[("near", "39.9,116.4"), ("sort", "distance")]);
        assert!(matches!(query.origin, Some(Origin::Device(_))));
        assert_eq!(query.sort, SortOrder::Distance);
        assert_eq!(notes, vec![Note::OutsideDistrict]);
    }

    #[test]
    fn distance_needs_somewhere_to_measure_from() {
        let (query, notes) = parse_pairs(&[("within", "3"), ("sort", "distance")]);
        assert_eq!((query.within_m, query.sort), (None, SortOrder::Default));
        assert_eq!(notes.len(), 2);
        let (query, _) = parse_pairs(&[("within", "3"), ("near", "29.718,106.632")]);
        assert_eq!(query.within_m, Some(3000));
        let (_, notes) = parse_pairs(&[("within", "7"), ("near", "29.718,106.632")]);
        assert_eq!(notes, vec![Note::Ignored { field: "within".into() }]);
    }

    #[test]
    fn latin_letters_also_search_pinyin_initials() {
        assert_eq!(parse_pairs(&[("q", "SLH")]).0.initials.as_deref(), Some("slh"));
        assert_eq!(parse_pairs(&[("q", "双龙湖")]).0.initials, None);
        assert_eq!(parse_pairs(&[("q", "s")]).0.initials, None);
    }

    #[test]
    fn minimum_grade_accepts_better_grades() {
        assert_eq!(parse_pairs(&[("grade", "2")]).0.accepted_grades(), vec![Grade::One, Grade::Two]);
    }

    #[test]
    fn links_carry_only_the_parameters_that_are_set() {
        let params = FinderParams::from_pairs([("q", "双龙湖"), ("vacant", "1"), ("bogus", "x")]);
        assert_eq!(params.to_query_string(), "?q=%E5%8F%8C%E9%BE%99%E6%B9%96&vacant=1");
        assert_eq!(params.with("vacant", None).with("page", Some("2")).to_query_string(), "?q=%E5%8F%8C%E9%BE%99%E6%B9%96&page=2");
        assert_eq!(FinderParams::default().to_query_string(), "");
    }
}

/// A facility as a map pin: enough for the pin, its colour and its card, offline too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapPin {
    pub id: i64,
    pub name: String,
    pub location: GeoPoint,
    pub inclusive: bool,
    pub fee_from: Option<u32>,
    pub vacancy: super::vacancy::Vacancy,
    pub is_demo: bool,
    /// The parents' score, one decimal, when there are enough ratings to show one.
    pub rating: Option<String>,
}

/// Facilities and free places around a point (the 15-minute circle).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surroundings {
    pub radius_m: u32,
    pub facilities: u64,
    pub free_places: u64,
}
