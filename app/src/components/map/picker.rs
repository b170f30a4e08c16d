//! Choosing a point on the schematic map, for a place that is not in the directory (a complaint
//! about an unfiled childcare operation). Tap the map — pan and zoom as on the facility map — or
//! use the phone's position; only points inside 渝北区 are taken, as the server also checks.
//! The point is optional: the address typed beside it stays what people act on, so someone who
//! cannot use a map (or a pointer) loses nothing.

use leptos::lazy;
use leptos::prelude::*;

use super::gestures::{Gestures, Tap};
use super::{district_bounds, fit_camera, Camera, MapCanvas, Viewport, MAX_SCALE};
use crate::components::geolocation::current_position;
use crate::domain::district;
use crate::domain::geo::GeoPoint;
use crate::domain::map::Projection;
use crate::i18n::{t, t_string, use_i18n};

/// Metres around a point found by the phone's position shown when the map moves there.
const CLOSE_UP_RADIUS_M: f64 = 600.0;

/// The picker's size on a 360 px phone before the browser measures it (`.picker-map .map`).
const ASSUMED_SIZE: (f64, f64) = (328.0, 300.0);

/// What the picker says under the map.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Status {
    Idle,
    Locating,
    /// The tap or the phone's position lies outside the district.
    Outside,
    /// The phone would not tell its position.
    NoPosition,
}

/// The picker, its code fetched only when someone opens it: most of it is map (outline, names,
/// gestures) that the complaint pages would otherwise download for an optional field. Family
/// devices keep the chunk with the others, so it opens offline once the app is installed.
#[lazy]
pub fn place_picker(point: RwSignal<Option<GeoPoint>>) -> AnyView {
    view! { <PlacePicker point/> }.into_any()
}

#[component]
pub fn PlacePicker(point: RwSignal<Option<GeoPoint>>) -> impl IntoView {
    let i18n = use_i18n();
    let projection = Projection::district();
    let bounds = district_bounds(&projection);
    let viewport = Viewport::new(bounds, ASSUMED_SIZE, move |size| fit_camera(bounds, size));
    let status = RwSignal::new(Status::Idle);

    let choose = move |place: GeoPoint| {
        if district::contains(place) {
            point.set(Some(place));
            status.set(Status::Idle);
            true
        } else {
            status.set(Status::Outside);
            false
        }
    };
    let on_tap = move |tap: Tap| {
        let (x, y) = viewport.to_map(tap.local);
        choose(projection.unproject(x, y));
    };
    let gestures = Gestures::new(
        viewport.centre,
        viewport.scale,
        move |factor, anchor| viewport.zoom_at(factor, anchor),
        on_tap,
    );

    let use_my_position = move |_| {
        status.set(Status::Locating);
        current_position(move |found| match found {
            Some((lat, lon)) => {
                let place = GeoPoint { lon, lat };
                if choose(place) {
                    let (x, y) = projection.project(place);
                    let (w, h) = viewport.size.get_untracked();
                    viewport.show(Camera {
                        x,
                        y,
                        scale: (w.min(h) / (2.0 * CLOSE_UP_RADIUS_M)).min(MAX_SCALE),
                    });
                }
            }
            None => status.set(Status::NoPosition),
        })
    };
    let marker = move || {
        point.get().map(|place| {
            let (x, y) = projection.project(place);
            view! {
                <circle class="picked" data-testid="picked-point" cx=format!("{x:.0}") cy=format!("{y:.0}") r=move || format!("{:.1}", viewport.px(10.0)) vector-effect="non-scaling-stroke"></circle>
            }
        })
    };
    let words = move || match (status.get(), point.get()) {
        (Status::Locating, _) => t_string!(i18n, picker.locating).to_string(),
        (Status::Outside, _) => t_string!(i18n, picker.outside).to_string(),
        (Status::NoPosition, _) => t_string!(i18n, picker.no_position).to_string(),
        (Status::Idle, Some(place)) => {
            let (lat, lon) = (format!("{:.5}", place.lat), format!("{:.5}", place.lon));
            t_string!(i18n, picker.chosen, lat = lat, lon = lon).to_string()
        }
        (Status::Idle, None) => t_string!(i18n, picker.none).to_string(),
    };

    view! {
        <div class="place-picker">
            <div class="map-wrap picker-map">
                <MapCanvas viewport gestures label=Signal::derive(move || t_string!(i18n, picker.label).to_string())>
                    {marker}
                </MapCanvas>
            </div>
            <p class="hint picker-status" data-testid="picker-status" aria-live="polite">{words}</p>
            <p class="actions left">
                <button type="button" class="secondary" disabled=move || status.get() == Status::Locating on:click=use_my_position>{t!(i18n, picker.use_position)}</button>
                <Show when=move || point.get().is_some()>
                    <button type="button" class="secondary" on:click=move |_| { point.set(None); status.set(Status::Idle); }>{t!(i18n, picker.clear)}</button>
                </Show>
            </p>
        </div>
    }
}
