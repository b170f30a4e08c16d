//! The schematic map's geometry: a flat local projection of the district and grid clustering of
//! pins, pure so that it is unit-tested and identical on the server and in the browser.

use std::collections::BTreeMap;

use super::geo::GeoPoint;

/// Metres per degree of latitude (mean).
const METRES_PER_DEGREE: f64 = 111_194.9;

/// An equirectangular projection around a centre: x east, y south (as in SVG), in metres.
/// Over a district 60 km across its distortion is far below a pin's size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    centre: GeoPoint,
    cos_lat: f64,
}

impl Projection {
    pub fn around(centre: GeoPoint) -> Self {
        Projection { centre, cos_lat: centre.lat.to_radians().cos() }
    }

    /// The projection used for 渝北区: centred on the middle of its outline's bounds.
    pub fn district() -> Self {
        Projection::around(GeoPoint { lon: 106.718, lat: 29.849 })
    }

    pub fn project(&self, p: GeoPoint) -> (f64, f64) {
        ((p.lon - self.centre.lon) * self.cos_lat * METRES_PER_DEGREE, (self.centre.lat - p.lat) * METRES_PER_DEGREE)
    }

    pub fn unproject(&self, x: f64, y: f64) -> GeoPoint {
        GeoPoint { lon: self.centre.lon + x / (self.cos_lat * METRES_PER_DEGREE), lat: self.centre.lat - y / METRES_PER_DEGREE }
    }
}

/// A group of nearby points drawn as one marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Centroid of the members, in projected metres.
    pub x: f64,
    pub y: f64,
    /// Indexes into the clustered slice, ascending.
    pub members: Vec<usize>,
}

/// Groups points that fall in the same square cell of `cell_size` metres (choose about one
/// finger-width at the current zoom). Deterministic: clusters come in cell order.
pub fn cluster(points: &[(f64, f64)], cell_size: f64) -> Vec<Cluster> {
    let cell_size = if cell_size.is_finite() && cell_size > 0.0 { cell_size } else { 1.0 };
    let mut cells: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let key = ((y / cell_size).floor() as i64, (x / cell_size).floor() as i64);
        cells.entry(key).or_default().push(i);
    }
    cells
        .into_values()
        .map(|members| {
            let n = members.len() as f64;
            let x = members.iter().map(|&i| points[i].0).sum::<f64>() / n;
            let y = members.iter().map(|&i| points[i].1).sum::<f64>() / n;
            Cluster { x, y, members }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_round_trips_and_keeps_distances() {
        let p = Projection::district();
        let a = GeoPoint { lon: 106.632, lat: 29.718 };
        let (x, y) = p.project(a);
        let back = p.unproject(x, y);
        assert!((back.lon - a.lon).abs() < 1e-9 && (back.lat - a.lat).abs() < 1e-9);
        let b = GeoPoint { lon: 106.642, lat: 29.728 };
        let (bx, by) = p.project(b);
        let flat = ((bx - x).powi(2) + (by - y).powi(2)).sqrt();
        let true_distance = a.distance_m(b);
        assert!((flat - true_distance).abs() / true_distance < 0.01, "{flat} vs {true_distance}");
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let p = Projection::district();
        let (x, y) = p.project(GeoPoint { lon: 106.9, lat: 30.0 });
        assert!(x > 0.0 && y < 0.0);
    }

    #[test]
    fn points_in_one_cell_merge_and_distant_points_stay_apart() {
        let points = [(10.0, 10.0), (20.0, 30.0), (500.0, 500.0)];
        let clusters = cluster(&points, 100.0);
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters[0].members, vec![0, 1]);
        assert_eq!((clusters[0].x, clusters[0].y), (15.0, 20.0));
        assert_eq!(clusters[1].members, vec![2]);
    }

    #[test]
    fn every_point_lands_in_exactly_one_cluster() {
        let points: Vec<(f64, f64)> = (0..2_000).map(|i| ((i * 37 % 1000) as f64 * 13.0, (i * 91 % 1000) as f64 * 7.0)).collect();
        for cell in [50.0, 500.0, 5_000.0] {
            let clusters = cluster(&points, cell);
            let mut all: Vec<usize> = clusters.iter().flat_map(|c| c.members.iter().copied()).collect();
            all.sort();
            assert_eq!(all, (0..2_000).collect::<Vec<_>>());
        }
        // Zooming out never makes more markers.
        assert!(cluster(&points, 5_000.0).len() <= cluster(&points, 500.0).len());
    }

    #[test]
    fn a_nonsense_cell_size_does_not_panic() {
        assert_eq!(cluster(&[(1.0, 1.0)], f64::NAN).len(), 1);
        assert_eq!(cluster(&[], 0.0).len(), 0);
    }
}
