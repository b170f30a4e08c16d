//! Complaints and reports (投诉举报): what a family files, which departments handle it
//! (`routing`), how it is handled (`state`), by when (`deadline`), and how anyone holding its
//! tracking code and password looks it up (`tracking`).

pub mod deadline;
pub mod handling;
pub mod routing;
pub mod state;
pub mod tracking;

use serde::{Deserialize, Serialize};

use super::calendar::CivilDate;
use super::geo::GeoPoint;
pub use routing::Category;

crate::coded_enum! {
    /// What the family is filing.
    pub enum Kind {
        /// 投诉: something went wrong for my family.
        Complaint = "complaint",
        /// 举报: something is wrong at a place (also unfiled operations).
        Report = "report",
        /// 建议: an idea; answered sooner.
        Suggestion = "suggestion",
    }
}

crate::coded_enum! {
    /// Why a complaint, or a step in handling it, is refused.
    pub enum ComplaintRefusal {
        /// The description is shorter than `MIN_DESCRIPTION_CHARS`.
        DescriptionTooShort = "description_too_short",
        /// The description is longer than `MAX_DESCRIPTION_CHARS`.
        DescriptionTooLong = "description_too_long",
        /// No category, or one we do not know.
        UnknownCategory = "unknown_category",
        /// No kind (complaint, report, suggestion), or one we do not know.
        UnknownKind = "unknown_kind",
        /// The chosen facility is not in the directory.
        UnknownFacility = "unknown_facility",
        /// Neither a facility nor, for a place outside the directory, its name and address.
        PlaceMissing = "place_missing",
        /// The place's name or address is longer than `MAX_PLACE_CHARS`.
        PlaceTooLong = "place_too_long",
        /// The map point is not a point in Yubei district.
        PointOutsideDistrict = "point_outside_district",
        /// The date it happened is not a date, is in the future or more than 3 years ago.
        BadDate = "bad_date",
        /// More than `MAX_PHOTOS` photos.
        TooManyPhotos = "too_many_photos",
        /// A photo is larger than `MAX_PHOTO_BYTES`.
        PhotoTooLarge = "photo_too_large",
        /// A file that is not a JPEG, PNG or WebP picture (checked by its content).
        NotAPhoto = "not_a_photo",
        /// More than `DAILY_LIMIT` complaints today from this account or address.
        DailyLimit = "daily_limit",
        /// Staff accounts do not file complaints (they handle them).
        StaffCannotFile = "staff_cannot_file",
        /// Tracking: the code and password do not match a complaint (never says which is wrong).
        TrackingMismatch = "tracking_mismatch",
        /// The complaint's current state does not allow this step.
        NotInThisState = "not_in_this_state",
        /// The step belongs to another department (or to the lead department).
        NotYourStep = "not_your_step",
        /// The one extension has been used.
        AlreadyExtended = "already_extended",
        /// An extension of 1 to `MAX_EXTENSION_WORKING_DAYS` working days.
        BadExtension = "bad_extension",
        /// A reason, reply or finding text is missing or too long.
        TextMissing = "text_missing",
        /// Closing needs a finding (属实 / 部分属实 / 不属实).
        FindingMissing = "finding_missing",
        /// Dispatching needs at least one department, each named once.
        BadDispatch = "bad_dispatch",
        /// A complaint cannot be merged into itself or into one that is merged or closed.
        BadMerge = "bad_merge",
        /// The family has given its verdict on the answer.
        VerdictAlreadyGiven = "verdict_already_given",
        /// The 7 days for a verdict are over.
        VerdictWindowClosed = "verdict_window_closed",
    }
}

/// Description length, in characters.
pub const MIN_DESCRIPTION_CHARS: usize = 10;
pub const MAX_DESCRIPTION_CHARS: usize = 1_000;
/// A place outside the directory: its name and its address, each at most this long.
pub const MAX_PLACE_CHARS: usize = 100;
pub const MAX_PHOTOS: usize = 3;
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;
/// Complaints per account, and per client address, per day.
pub const DAILY_LIMIT: i64 = 5;
/// Handling texts (reasons, replies, findings' actions), in characters.
pub const MAX_HANDLING_CHARS: usize = 1_000;

/// A complaint as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComplaintInput {
    /// `complaint`, `report` or `suggestion`.
    pub kind: String,
    /// A category code, e.g. `food`.
    pub category: String,
    /// The facility in the directory, or none for a place outside it.
    pub facility_id: Option<i64>,
    /// A place outside the directory: its name (as people call it) and address.
    #[serde(default)]
    pub place_name: String,
    #[serde(default)]
    pub place_address: String,
    /// An optional map point of that place (WGS-84).
    pub place_lon: Option<f64>,
    pub place_lat: Option<f64>,
    /// `YYYY-MM-DD`: when it happened.
    pub occurred_on: String,
    /// 10–1,000 characters.
    pub description: String,
}

/// Where the complaint is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Place {
    Facility(i64),
    Unlisted { name: String, address: String, point: Option<GeoPoint> },
}

/// A complaint that passed every rule of its own (the store checks the facility exists).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintDraft {
    pub kind: Kind,
    pub category: Category,
    pub place: Place,
    pub occurred_on: CivilDate,
    pub description: String,
}

impl ComplaintInput {
    /// Parses the input into a draft on `today`, or the first rule it breaks.
    pub fn validate(&self, today: CivilDate) -> Result<ComplaintDraft, ComplaintRefusal> {
        let kind = Kind::from_code(self.kind.trim()).ok_or(ComplaintRefusal::UnknownKind)?;
        let category = Category::from_code(self.category.trim()).ok_or(ComplaintRefusal::UnknownCategory)?;
        let place = self.place()?;
        if routing::is_about_unlisted_place(category) && matches!(place, Place::Facility(_)) {
            // A filed facility is not an unfiled operation; the form offers the other categories.
            return Err(ComplaintRefusal::UnknownCategory);
        }
        let occurred_on = CivilDate::parse(self.occurred_on.trim()).map_err(|_| ComplaintRefusal::BadDate)?;
        if occurred_on > today || occurred_on < today.years_before(3) {
            return Err(ComplaintRefusal::BadDate);
        }
        let description = self.description.trim();
        let chars = description.chars().count();
        if chars < MIN_DESCRIPTION_CHARS {
            return Err(ComplaintRefusal::DescriptionTooShort);
        }
        if chars > MAX_DESCRIPTION_CHARS {
            return Err(ComplaintRefusal::DescriptionTooLong);
        }
        Ok(ComplaintDraft { kind, category, place, occurred_on, description: description.to_string() })
    }

    fn place(&self) -> Result<Place, ComplaintRefusal> {
        if let Some(id) = self.facility_id {
            return if id > 0 { Ok(Place::Facility(id)) } else { Err(ComplaintRefusal::UnknownFacility) };
        }
        let (name, address) = (self.place_name.trim(), self.place_address.trim());
        if name.is_empty() || address.is_empty() {
            return Err(ComplaintRefusal::PlaceMissing);
        }
        if name.chars().count() > MAX_PLACE_CHARS || address.chars().count() > MAX_PLACE_CHARS {
            return Err(ComplaintRefusal::PlaceTooLong);
        }
        let point = match (self.place_lon, self.place_lat) {
            (None, None) => None,
            (Some(lon), Some(lat)) => {
                let point = GeoPoint::parse(lon, lat).map_err(|_| ComplaintRefusal::PointOutsideDistrict)?;
                if !super::district::contains(point) {
                    return Err(ComplaintRefusal::PointOutsideDistrict);
                }
                Some(point)
            }
            _ => return Err(ComplaintRefusal::PointOutsideDistrict),
        };
        Ok(Place::Unlisted { name: name.to_string(), address: address.to_string(), point })
    }
}

/// A handling text (reason, reply, action taken): trimmed, 1 to `MAX_HANDLING_CHARS` characters.
pub fn handling_text(text: &str) -> Result<String, ComplaintRefusal> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars == 0 || chars > MAX_HANDLING_CHARS {
        return Err(ComplaintRefusal::TextMissing);
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CivilDate {
        CivilDate::parse("2026-03-10").expect("date")
    }

    fn input() -> ComplaintInput {
        ComplaintInput {
            kind: "complaint".into(),
            category: "food".into(),
            facility_id: Some(7),
            occurred_on: "2026-03-09".into(),
            description: "午餐的米饭没有煮熟，孩子回家后肚子疼。".into(),
            ..ComplaintInput::default()
        }
    }

    #[test]
    fn a_complete_complaint_about_a_facility_is_accepted() {
        let draft = input().validate(today()).expect("valid");
        assert_eq!(draft.kind, Kind::Complaint);
        assert_eq!(draft.category, Category::Food);
        assert_eq!(draft.place, Place::Facility(7));
    }

    #[test]
    fn each_bad_field_gets_its_own_refusal() {
        let refused = |change: &dyn Fn(&mut ComplaintInput)| {
            let mut bad = input();
            change(&mut bad);
            bad.validate(today()).expect_err("refused")
        };
        use ComplaintRefusal as R;
        assert_eq!(refused(&|i| i.kind = "praise".into()), R::UnknownKind);
        assert_eq!(refused(&|i| i.category = "weather".into()), R::UnknownCategory);
        assert_eq!(refused(&|i| i.category = "unfiled_operation".into()), R::UnknownCategory);
        assert_eq!(refused(&|i| i.facility_id = Some(0)), R::UnknownFacility);
        assert_eq!(refused(&|i| i.facility_id = None), R::PlaceMissing);
        assert_eq!(refused(&|i| i.occurred_on = "2026-03-11".into()), R::BadDate, "tomorrow");
        assert_eq!(refused(&|i| i.occurred_on = "2023-03-09".into()), R::BadDate, "over three years ago");
        assert_eq!(refused(&|i| i.occurred_on = "3月9日".into()), R::BadDate);
        assert_eq!(refused(&|i| i.description = "太差了".into()), R::DescriptionTooShort);
        assert_eq!(refused(&|i| i.description = "  一二三四五六七八九  ".into()), R::DescriptionTooShort, "nine characters once trimmed");
        assert_eq!(refused(&|i| i.description = "很".repeat(1_001)), R::DescriptionTooLong);
        let mut edge = input();
        edge.description = "很".repeat(1_000);
        assert!(edge.validate(today()).is_ok(), "exactly 1,000 characters");
    }

    #[test]
    fn a_place_outside_the_directory_needs_a_name_an_address_and_a_point_in_the_district() {
        let mut unlisted = input();
        unlisted.facility_id = None;
        unlisted.category = "unfiled_operation".into();
        unlisted.kind = "report".into();
        unlisted.place_name = "小区里的无证托儿点".into();
        unlisted.place_address = "渝北区某小区 3 栋 2 楼".into();
        let draft = unlisted.validate(today()).expect("valid without a point");
        assert!(matches!(draft.place, Place::Unlisted { point: None, .. }));
        // 两路 (Lianglu), in the district.
        unlisted.place_lon = Some(106.63);
        unlisted.place_lat = Some(29.72);
        assert!(matches!(unlisted.validate(today()).expect("valid").place, Place::Unlisted { point: Some(_), .. }));
        unlisted.place_lon = Some(116.40);
        unlisted.place_lat = Some(39.90);
        assert_eq!(unlisted.validate(today()), Err(ComplaintRefusal::PointOutsideDistrict), "Beijing");
        unlisted.place_lat = None;
        assert_eq!(unlisted.validate(today()), Err(ComplaintRefusal::PointOutsideDistrict), "half a point");
        unlisted.place_lon = None;
        unlisted.place_address = "  ".into();
        assert_eq!(unlisted.validate(today()), Err(ComplaintRefusal::PlaceMissing));
        unlisted.place_address = "址".repeat(101);
        assert_eq!(unlisted.validate(today()), Err(ComplaintRefusal::PlaceTooLong));
    }

    #[test]
    fn handling_texts_are_trimmed_and_bounded() {
        assert_eq!(handling_text("  已核实，责令整改。 "), Ok("已核实，责令整改。".into()));
        assert_eq!(handling_text("   "), Err(ComplaintRefusal::TextMissing));
        assert_eq!(handling_text(&"字".repeat(1_001)), Err(ComplaintRefusal::TextMissing));
    }
}
