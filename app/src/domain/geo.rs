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
