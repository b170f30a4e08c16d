//! Coordinates. Everything is stored as WGS-84 (what GPS and the browser report); conversion
//! to GCJ-02 happens only where a Chinese map or navigation app needs it.

use serde::{Deserialize, Serialize};

/// A WGS-84 point in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    pub lon: f64,
    pub lat: f64,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeoError {
    #[error("coordinates out of range")]
    OutOfRange,
}

impl GeoPoint {
    /// Accepts only finite coordinates within the globe's range.
    pub fn parse(lon: f64, lat: f64) -> Result<Self, GeoError> {
        if lon.is_finite() && lat.is_finite() && (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) {
            Ok(GeoPoint { lon, lat })
        } else {
            Err(GeoError::OutOfRange)
        }
    }

    /// Great-circle distance in metres (haversine; ample for a district).
    pub fn distance_m(self, other: GeoPoint) -> f64 {
        const EARTH_RADIUS_M: f64 = 6_371_008.8;
        let (phi1, phi2) = (self.lat.to_radians(), other.lat.to_radians());
        let d_phi = (other.lat - self.lat).to_radians();
        let d_lambda = (other.lon - self.lon).to_radians();
        let a = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * a.sqrt().asin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let d = GeoPoint { lon: 106.6, lat: 29.0 }.distance_m(GeoPoint { lon: 106.6, lat: 30.0 });
        assert!((d - 111_195.0).abs() < 100.0, "{d}");
    }

    #[test]
    fn out_of_range_or_nan_coordinates_are_refused() {
        assert!(GeoPoint::parse(181.0, 0.0).is_err());
        assert!(GeoPoint::parse(0.0, -91.0).is_err());
        assert!(GeoPoint::parse(f64::NAN, 0.0).is_err());
        assert!(GeoPoint::parse(106.6, 29.7).is_ok());
    }
}

/// A link that opens the phone's map app (高德 / Amap) at a GCJ-02 point with a name.
pub fn map_app_href(gcj: GeoPoint, name: &str) -> String {
    format!("https://uri.amap.com/marker?position={:.6},{:.6}&name={}&coordinate=gaode&callnative=1", gcj.lon, gcj.lat, super::finder::percent_encode(name))
}

/// Converts a WGS-84 point to GCJ-02, the datum Chinese map apps (高德, 腾讯) expect.
/// The published approximation of the national transform; accurate to a few metres, and
/// the identity outside mainland China.
pub fn wgs84_to_gcj02(point: GeoPoint) -> GeoPoint {
    const A: f64 = 6_378_245.0;
    const EE: f64 = 0.006_693_421_622_965_943;
    if !(72.004..=137.8347).contains(&point.lon) || !(0.8293..=55.8271).contains(&point.lat) {
        return point;
    }
    let (x, y) = (point.lon - 105.0, point.lat - 35.0);
    let pi = std::f64::consts::PI;
    let mut d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    d_lat += (20.0 * (6.0 * x * pi).sin() + 20.0 * (2.0 * x * pi).sin()) * 2.0 / 3.0;
    d_lat += (20.0 * (y * pi).sin() + 40.0 * (y / 3.0 * pi).sin()) * 2.0 / 3.0;
    d_lat += (160.0 * (y / 12.0 * pi).sin() + 320.0 * (y * pi / 30.0).sin()) * 2.0 / 3.0;
    let mut d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    d_lon += (20.0 * (6.0 * x * pi).sin() + 20.0 * (2.0 * x * pi).sin()) * 2.0 / 3.0;
    d_lon += (20.0 * (x * pi).sin() + 40.0 * (x / 3.0 * pi).sin()) * 2.0 / 3.0;
    d_lon += (150.0 * (x / 12.0 * pi).sin() + 300.0 * (x / 30.0 * pi).sin()) * 2.0 / 3.0;
    let rad_lat = point.lat / 180.0 * pi;
    let magic = 1.0 - EE * rad_lat.sin() * rad_lat.sin();
    let sqrt_magic = magic.sqrt();
    d_lat = (d_lat * 180.0) / ((A * (1.0 - EE)) / (magic * sqrt_magic) * pi);
    d_lon = (d_lon * 180.0) / (A / sqrt_magic * rad_lat.cos() * pi);
    GeoPoint { lon: point.lon + d_lon, lat: point.lat + d_lat }
}

#[cfg(test)]
mod gcj_tests {
    use super::*;

    #[test]
    fn gcj02_shifts_chongqing_by_a_few_hundred_metres() {
        let wgs = GeoPoint { lon: 106.632, lat: 29.718 };
        let gcj = wgs84_to_gcj02(wgs);
        let shift = wgs.distance_m(gcj);
        assert!((200.0..700.0).contains(&shift), "{shift} m");
        // In Chongqing the offset points east and a little south.
        assert!(gcj.lon > wgs.lon);
    }

    #[test]
    fn gcj02_offset_in_beijing_has_the_well_known_size() {
        // In central Beijing GCJ-02 lies about 0.006° east and 0.0014° north of WGS-84.
        let wgs = GeoPoint { lon: 116.404, lat: 39.915 };
        let gcj = wgs84_to_gcj02(wgs);
        assert!((0.005..0.0075).contains(&(gcj.lon - wgs.lon)), "{gcj:?}");
        assert!((0.0005..0.0025).contains(&(gcj.lat - wgs.lat)), "{gcj:?}");
    }

    #[test]
    fn points_outside_china_are_unchanged() {
        let paris = GeoPoint { lon: 2.35, lat: 48.85 };
        assert_eq!(wgs84_to_gcj02(paris), paris);
    }
}
