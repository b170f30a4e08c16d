//! The 19 streets (街道) and 11 towns (镇) of 渝北区 with their codes from the national
//! division list, and the district outline.
//!
//! Anchor points are approximate positions chosen by this project for the schematic map and the
//! demo data; no street-level boundaries were available to us, so the product says so wherever
//! it draws them.

mod outline;

use serde::{Deserialize, Serialize};

pub use outline::{OUTLINE, UNITS_PER_DEGREE};

use super::geo::GeoPoint;

/// Code of 渝北区 in the national division list.
pub const DISTRICT_CODE: u32 = 500112;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitKind {
    /// 街道
    Street,
    /// 镇
    Town,
}

/// A street or town of the district.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DistrictUnit {
    /// The 9-digit code, e.g. 500112002.
    pub code: u32,
    /// Short name without the suffix, e.g. 双龙湖.
    pub short_name: &'static str,
    pub kind: UnitKind,
    /// Pinyin initials of the short name, for search ("slh").
    pub initials: &'static str,
    /// Approximate centre (WGS-84), for the schematic map and demo data.
    pub anchor: GeoPoint,
}

impl DistrictUnit {
    /// Full name as written in the division list, e.g. 双龙湖街道 or 龙兴镇.
    pub fn full_name(&self) -> String {
        match self.kind {
            UnitKind::Street => format!("{}街道", self.short_name),
            UnitKind::Town => format!("{}镇", self.short_name),
        }
    }
}

const fn unit(code: u32, short_name: &'static str, kind: UnitKind, initials: &'static str, lon: f64, lat: f64) -> DistrictUnit {
    DistrictUnit { code, short_name, kind, initials, anchor: GeoPoint { lon, lat } }
}

use UnitKind::{Street, Town};

/// Every street and town of the district, streets first, in code order.
pub const UNITS: [DistrictUnit; 30] = [
    unit(500112002, "双龙湖", Street, "slh", 106.632, 29.718),
    unit(500112004, "回兴", Street, "hx", 106.615, 29.675),
    unit(500112007, "鸳鸯", Street, "yy", 106.575, 29.660),
    unit(500112008, "翠云", Street, "cy", 106.560, 29.640),
    unit(500112009, "人和", Street, "rh", 106.540, 29.620),
    unit(500112010, "天宫殿", Street, "tgd", 106.535, 29.600),
    unit(500112011, "龙溪", Street, "lx", 106.545, 29.595),
    unit(500112012, "龙山", Street, "ls", 106.525, 29.605),
    unit(500112013, "龙塔", Street, "lt", 106.555, 29.592),
    unit(500112014, "大竹林", Street, "dzl", 106.515, 29.630),
    unit(500112015, "悦来", Street, "yl", 106.560, 29.700),
    unit(500112016, "两路", Street, "ll", 106.625, 29.730),
    unit(500112017, "双凤桥", Street, "sfq", 106.650, 29.725),
    unit(500112018, "王家", Street, "wj", 106.545, 29.735),
    unit(500112019, "礼嘉", Street, "lj", 106.520, 29.655),
    unit(500112020, "宝圣湖", Street, "bsh", 106.615, 29.745),
    unit(500112021, "金山", Street, "js", 106.530, 29.635),
    unit(500112022, "康美", Street, "km", 106.505, 29.680),
    unit(500112023, "仙桃", Street, "xt", 106.585, 29.710),
    unit(500112129, "玉峰山", Town, "yfs", 106.690, 29.640),
    unit(500112131, "龙兴", Town, "lx", 106.775, 29.700),
    unit(500112133, "统景", Town, "tj", 106.830, 29.930),
    unit(500112135, "大湾", Town, "dw", 106.625, 29.840),
    unit(500112138, "兴隆", Town, "xl", 106.850, 29.860),
    unit(500112139, "木耳", Town, "me", 106.705, 29.760),
    unit(500112140, "茨竹", Town, "cz", 106.720, 30.010),
    unit(500112141, "古路", Town, "gl", 106.690, 29.880),
    unit(500112142, "石船", Town, "sc", 106.745, 29.745),
    unit(500112143, "大盛", Town, "ds", 106.800, 29.800),
    unit(500112144, "洛碛", Town, "lq", 106.900, 29.720),
];

/// The street or town with this code, if it is one of the district's.
pub fn unit_by_code(code: u32) -> Option<&'static DistrictUnit> {
    UNITS.iter().find(|u| u.code == code)
}

/// Parses a unit code from user input (a query parameter): only the district's 30 codes pass.
pub fn parse_unit_code(input: &str) -> Option<u32> {
    let code: u32 = input.trim().parse().ok()?;
    unit_by_code(code).map(|u| u.code)
}

/// The district outline as WGS-84 points (see `outline` for its precision).
pub fn outline_points() -> impl Iterator<Item = GeoPoint> {
    OUTLINE.iter().map(|&(x, y)| GeoPoint { lon: x as f64 / UNITS_PER_DEGREE, lat: y as f64 / UNITS_PER_DEGREE })
}

/// Whether a point lies inside the district outline (even-odd rule on the polygon).
pub fn contains(point: GeoPoint) -> bool {
    let ring: Vec<GeoPoint> = outline_points().collect();
    let mut inside = false;
    let mut previous = ring[ring.len() - 1];
    for &current in &ring {
        if (current.lat > point.lat) != (previous.lat > point.lat) {
            let crossing_lon = current.lon
                + (point.lat - current.lat) * (previous.lon - current.lon) / (previous.lat - current.lat);
            if point.lon < crossing_lon {
                inside = !inside;
            }
        }
        previous = current;
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_district_has_19_streets_and_11_towns() {
        assert_eq!(UNITS.iter().filter(|u| u.kind == Street).count(), 19);
        assert_eq!(UNITS.iter().filter(|u| u.kind == Town).count(), 11);
    }

    #[test]
    fn every_code_is_unique_and_inside_the_district_code() {
        let mut codes: Vec<u32> = UNITS.iter().map(|u| u.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 30);
        assert!(codes.iter().all(|c| c / 1000 == DISTRICT_CODE));
    }

    #[test]
    fn full_names_follow_the_division_list() {
        assert_eq!(unit_by_code(500112002).map(|u| u.full_name()), Some("双龙湖街道".to_string()));
        assert_eq!(unit_by_code(500112131).map(|u| u.full_name()), Some("龙兴镇".to_string()));
    }

    #[test]
    fn every_anchor_lies_inside_the_district_outline() {
        for u in UNITS {
            assert!(contains(u.anchor), "{} is outside", u.short_name);
        }
    }

    #[test]
    fn points_far_outside_are_not_in_the_district() {
        assert!(!contains(GeoPoint { lon: 106.55, lat: 29.56 })); // 渝中 side of the river
        assert!(!contains(GeoPoint { lon: 116.4, lat: 39.9 }));
    }

    #[test]
    fn unit_codes_from_input_must_be_the_districts_own() {
        assert_eq!(parse_unit_code(" 500112016 "), Some(500112016));
        assert_eq!(parse_unit_code("500112001"), None);
        assert_eq!(parse_unit_code("abc"), None);
        assert_eq!(parse_unit_code(""), None);
    }
}
