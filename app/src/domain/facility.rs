//! Facilities and their classes: the public record a family chooses from.

use serde::{Deserialize, Serialize};

use super::calendar::{CivilDate, Timestamp, YearMonth};
use super::geo::GeoPoint;
use crate::coded_enum;

coded_enum! {
    /// What kind of provider runs the facility (plan items 2–5, 8).
    pub enum FacilityKind {
        /// 托育机构
        Nursery = "nursery",
        /// 幼儿园托班 (item 2)
        KindergartenClass = "kindergarten",
        /// 用人单位办托 (item 4)
        Employer = "employer",
        /// 社区嵌入式 / 家门口 (item 3)
        Community = "community",
        /// 医育结合 (item 8)
        MedicalCare = "medical",
    }
}

coded_enum! {
    /// Who owns and who runs it.
    pub enum Ownership {
        /// 公办
        Public = "public",
        /// 民办
        Private = "private",
        /// 公建民营
        PublicBuiltPrivateRun = "public_built",
        /// 民办公助
        PrivateWithPublicAid = "public_aided",
    }
}

coded_enum! {
    /// Where the facility stands in the filing (备案) process.
    pub enum FilingStatus {
        /// 未备案
        NotFiled = "not_filed",
        /// 备案审核中
        UnderReview = "under_review",
        /// 已备案
        Filed = "filed",
        /// 已撤销
        Revoked = "revoked",
    }
}

coded_enum! {
    /// The district's grading; level one is the best.
    pub enum Grade {
        /// 一级
        One = "1",
        /// 二级
        Two = "2",
        /// 三级
        Three = "3",
        /// 未评定
        Ungraded = "none",
    }
}

coded_enum! {
    /// Kinds of care offered (plan item 5).
    pub enum ServiceType {
        /// 全日托
        FullDay = "full_day",
        /// 半日托
        HalfDay = "half_day",
        /// 计时托
        Hourly = "hourly",
        /// 临时托
        Temporary = "temporary",
    }
}

coded_enum! {
    /// Classes by age: 乳儿班 6–12 months, 托小班 12–24 months, 托大班 24–36 months.
    pub enum ClassLevel {
        /// 乳儿班
        Infant = "infant",
        /// 托小班
        Toddler = "toddler",
        /// 托大班
        Older = "older",
    }
}

impl Grade {
    /// Level three or better: the condition of the opening and rent subsidies (items 11, 13).
    pub fn is_three_or_better(self) -> bool {
        matches!(self, Grade::One | Grade::Two | Grade::Three)
    }
}

/// Why a child has no class at a given start month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AgeError {
    #[error("younger than 6 months at the start month")]
    TooYoung,
    #[error("3 years or older at the start month")]
    TooOld,
}

impl ClassLevel {
    /// The age range in whole months, lower bound inclusive, upper bound exclusive.
    pub fn age_months(self) -> (i32, i32) {
        match self {
            ClassLevel::Infant => (6, 12),
            ClassLevel::Toddler => (12, 24),
            ClassLevel::Older => (24, 36),
        }
    }

    /// The class for a child of this many whole months.
    pub fn for_age_months(months: i32) -> Result<ClassLevel, AgeError> {
        match months {
            m if m < 6 => Err(AgeError::TooYoung),
            m if m < 12 => Ok(ClassLevel::Infant),
            m if m < 24 => Ok(ClassLevel::Toddler),
            m if m < 36 => Ok(ClassLevel::Older),
            _ => Err(AgeError::TooOld),
        }
    }

    /// The most children one class may hold under the national facility standard
    /// (国卫人口发〔2019〕58号): 乳儿班 10, 托小班 15, 托大班 20.
    pub fn max_class_size(self) -> u32 {
        match self {
            ClassLevel::Infant => 10,
            ClassLevel::Toddler => 15,
            ClassLevel::Older => 20,
        }
    }

    /// Children one carer may look after under the national facility standard: 1:3, 1:5, 1:7.
    pub fn children_per_carer(self) -> u32 {
        match self {
            ClassLevel::Infant => 3,
            ClassLevel::Toddler => 5,
            ClassLevel::Older => 7,
        }
    }

    /// The class a child born on `birth` joins when starting on the first day of `start`.
    pub fn at_start(birth: CivilDate, start: YearMonth) -> Result<ClassLevel, AgeError> {
        ClassLevel::for_age_months(birth.whole_months_until(start.first_day()))
    }
}

/// A facility's public record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facility {
    pub id: i64,
    pub name: String,
    pub kind: FacilityKind,
    pub ownership: Ownership,
    /// 普惠: price-capped and eligible for public subsidies.
    pub inclusive: bool,
    /// The capped monthly fee in yuan, for 普惠 facilities.
    pub capped_monthly_fee: Option<u32>,
    pub filing_status: FilingStatus,
    pub filing_number: Option<String>,
    pub grade: Grade,
    /// Code of the street or town it lies in.
    pub unit_code: u32,
    pub address: String,
    /// WGS-84.
    pub location: GeoPoint,
    pub phone: String,
    pub opening_hours: String,
    pub service_types: Vec<ServiceType>,
    /// Invented by the demo generator; shown as 演示数据.
    pub is_demo: bool,
}

/// A class of a facility with its places.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Class {
    pub id: i64,
    pub facility_id: i64,
    pub level: ClassLevel,
    /// Places in the filing (备案托位).
    pub filed_capacity: u32,
    /// Places the current staff can actually care for.
    pub staffed_capacity: u32,
    pub enrolled: u32,
    /// Places held for offers not yet confirmed.
    pub held: u32,
    /// Monthly fee in yuan.
    pub monthly_fee: u32,
    /// When the operator last confirmed these figures.
    pub updated_at: Timestamp,
}

/// Encodes service types for storage as a comma-separated list of codes.
pub fn encode_service_types(types: &[ServiceType]) -> String {
    types.iter().map(|t| t.code()).collect::<Vec<_>>().join(",")
}

/// Decodes a stored list; unknown codes are skipped so an older binary can read newer data.
pub fn decode_service_types(stored: &str) -> Vec<ServiceType> {
    stored.split(',').filter_map(ServiceType::from_code).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> CivilDate {
        CivilDate::parse(s).expect("test date")
    }
    fn month(s: &str) -> YearMonth {
        YearMonth::parse(s).expect("test month")
    }

    #[test]
    fn a_child_of_six_months_joins_the_infant_class() {
        assert_eq!(ClassLevel::at_start(date("2024-03-01"), month("2024-09")), Ok(ClassLevel::Infant));
    }

    #[test]
    fn a_child_one_day_short_of_six_months_is_too_young() {
        assert_eq!(ClassLevel::at_start(date("2024-03-02"), month("2024-09")), Err(AgeError::TooYoung));
    }

    #[test]
    fn class_boundaries_are_12_24_and_36_months() {
        let birth = date("2023-01-01");
        assert_eq!(ClassLevel::at_start(birth, month("2023-12")), Ok(ClassLevel::Infant));
        assert_eq!(ClassLevel::at_start(birth, month("2024-01")), Ok(ClassLevel::Toddler));
        assert_eq!(ClassLevel::at_start(birth, month("2024-12")), Ok(ClassLevel::Toddler));
        assert_eq!(ClassLevel::at_start(birth, month("2025-01")), Ok(ClassLevel::Older));
        assert_eq!(ClassLevel::at_start(birth, month("2025-12")), Ok(ClassLevel::Older));
        assert_eq!(ClassLevel::at_start(birth, month("2026-01")), Err(AgeError::TooOld));
    }

    #[test]
    fn a_start_month_before_birth_is_too_young() {
        assert_eq!(ClassLevel::at_start(date("2025-05-10"), month("2025-01")), Err(AgeError::TooYoung));
    }

    #[test]
    fn codes_round_trip_for_every_variant() {
        for k in FacilityKind::ALL {
            assert_eq!(FacilityKind::from_code(k.code()), Some(*k));
        }
        for s in ServiceType::ALL {
            assert_eq!(ServiceType::from_code(s.code()), Some(*s));
        }
        assert_eq!(Grade::from_code("4"), None);
    }

    #[test]
    fn service_types_survive_storage_and_unknown_codes_are_skipped() {
        let types = vec![ServiceType::FullDay, ServiceType::Hourly];
        assert_eq!(decode_service_types(&encode_service_types(&types)), types);
        assert_eq!(decode_service_types("full_day,overnight"), vec![ServiceType::FullDay]);
        assert_eq!(decode_service_types(""), vec![]);
    }

    #[test]
    fn grade_three_or_better_excludes_ungraded() {
        assert!(Grade::Three.is_three_or_better());
        assert!(!Grade::Ungraded.is_three_or_better());
    }
}
