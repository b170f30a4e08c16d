//! The schematic e-map: district outline, street and town labels, pins coloured by vacancy and
//! clustered when zoomed out, pan and pinch-zoom by touch and mouse, and a card for the tapped
//! pin. Plain SVG drawn by Leptos: no map library and no network, so it works offline.
//!
//! Panning only moves the SVG `viewBox`; clusters are recomputed only when the zoom changes.

use leptos::prelude::*;

use crate::components::{DemoBadge, InclusiveBadge, RatingBadge, VacancyBadge};
use crate::domain::district::{outline_points, UNITS};
use crate::domain::finder::MapPin;
use crate::domain::geo::GeoPoint;
use crate::domain::map::{cluster, Projection};
use crate::domain::vacancy::Vacancy;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;

mod gestures;
pub mod picker;

/// Size assumed before the browser measures the map (a 360 px phone).
const DEFAULT_SIZE: (f64, f64) = (328.0, 440.0);
/// A finger's width: pins closer than this on screen merge into a cluster.
const CELL_PX: f64 = 44.0;
/// Closest zoom, in screen pixels per metre (about street level).
const MAX_SCALE: f64 = 1.2;
/// Metres around the family shown when the map opens on their position.
const ORIGIN_VIEW_RADIUS_M: f64 = 2_000.0;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Camera {
    /// Centre of the view, projected metres.
    x: f64,
    y: f64,
    /// Screen pixels per metre.
    scale: f64,
}

/// One drawn marker: a single facility or a cluster of them.
#[derive(Clone, Debug, PartialEq)]
struct Marker {
    key: String,
    x: f64,
    y: f64,
    /// Index of the first member into the pins.
    first: usize,
    count: usize,
    class: &'static str,
}

fn vacancy_class(vacancy: Vacancy) -> &'static str {
    match vacancy {
        Vacancy::Free(_) => "pin pin-free",
        Vacancy::Full => "pin pin-full",
        Vacancy::Unknown => "pin pin-unknown",
    }
}

/// The district's projected bounds: (min x, min y, max x, max y).
fn district_bounds(projection: &Projection) -> (f64, f64, f64, f64) {
    outline_points().map(|p| projection.project(p)).fold(
        (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
        |(x0, y0, x1, y1), (x, y)| (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
    )
}

fn fit_camera(bounds: (f64, f64, f64, f64), size: (f64, f64)) -> Camera {
    let (x0, y0, x1, y1) = bounds;
    let scale = (size.0 / (x1 - x0)).min(size.1 / (y1 - y0)) * 0.95;
    Camera { x: (x0 + x1) / 2.0, y: (y0 + y1) / 2.0, scale }
}

fn outline_path(projection: &Projection) -> String {
    let mut path = String::new();
    for (i, point) in outline_points().enumerate() {
        let (x, y) = projection.project(point);
        path.push_str(&format!("{}{:.0},{:.0} ", if i == 0 { "M" } else { "L" }, x, y));
    }
    path.push('Z');
    path
}

/// What the map shows: its size on screen, the centre and the zoom, as signals the SVG's
/// `viewBox` follows. Shared by the facility map and the place picker.
#[derive(Clone, Copy)]
struct Viewport {
    size: RwSignal<(f64, f64)>,
    centre: RwSignal<(f64, f64)>,
    /// Screen pixels per metre.
    scale: RwSignal<f64>,
    bounds: (f64, f64, f64, f64),
}

impl Viewport {
    /// `assumed`: the map's size on a 360 px phone (as the style sets it), until measured.
    fn new(bounds: (f64, f64, f64, f64), assumed: (f64, f64), camera: impl Fn((f64, f64)) -> Camera) -> Self {
        let start = camera(assumed);
        let viewport = Viewport { size: RwSignal::new(assumed), centre: RwSignal::new((start.x, start.y)), scale: RwSignal::new(start.scale), bounds };
        // When the browser reports the real size, keep the same extent in view.
        Effect::new(move |previous: Option<(f64, f64)>| {
            let now = viewport.size.get();
            if let Some(before) = previous {
                if before.0 > 0.0 && now.0 != before.0 {
                    let factor = now.0 / before.0;
                    viewport.scale.update(|s| *s = (*s * factor).min(MAX_SCALE));
                }
            }
            now
        });
        viewport
    }

    fn show(&self, camera: Camera) {
        self.centre.set((camera.x, camera.y));
        self.scale.set(camera.scale);
    }

    fn view_box(&self) -> String {
        let (w, h) = self.size.get();
        let s = self.scale.get();
        let (x, y) = self.centre.get();
        format!("{:.1} {:.1} {:.1} {:.1}", x - w / 2.0 / s, y - h / 2.0 / s, w / s, h / s)
    }

    /// Screen pixels in map metres at the current zoom.
    fn px(&self, pixels: f64) -> f64 {
        pixels / self.scale.get()
    }

    /// Zooms by `factor`, keeping the point under `anchor` (map pixels; the middle if `None`).
    fn zoom_at(&self, factor: f64, anchor_px: Option<(f64, f64)>) {
        let (w, h) = self.size.get_untracked();
        let min_scale = fit_camera(self.bounds, (w, h)).scale * 0.8;
        let new = (self.scale.get_untracked() * factor).clamp(min_scale, MAX_SCALE);
        let (ax, ay) = anchor_px.unwrap_or((w / 2.0, h / 2.0));
        let (mx, my) = self.to_map((ax, ay));
        self.centre.set((mx - (ax - w / 2.0) / new, my - (ay - h / 2.0) / new));
        self.scale.set(new);
    }

    /// A point in the map's pixels as projected metres.
    fn to_map(&self, (ax, ay): (f64, f64)) -> (f64, f64) {
        let (w, h) = self.size.get_untracked();
        let s = self.scale.get_untracked();
        let (cx, cy) = self.centre.get_untracked();
        (cx + (ax - w / 2.0) / s, cy + (ay - h / 2.0) / s)
    }

    /// Projected metres as a point in the map's pixels.
    fn to_screen(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let (w, h) = self.size.get_untracked();
        let s = self.scale.get_untracked();
        let (cx, cy) = self.centre.get_untracked();
        ((x - cx) * s + w / 2.0, (y - cy) * s + h / 2.0)
    }
}

#[component]
pub fn FacilityMap(pins: Vec<MapPin>, origin: Option<GeoPoint>, circle_m: Option<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let projection = Projection::district();
    let bounds = district_bounds(&projection);
    let points: Vec<(f64, f64)> = pins.iter().map(|p| projection.project(p.location)).collect();
    let origin_xy = origin.map(|o| projection.project(o));

    let initial_camera = move |(w, h): (f64, f64)| match origin_xy {
        Some((x, y)) => Camera { x, y, scale: (w.min(h) / (2.0 * ORIGIN_VIEW_RADIUS_M)).min(MAX_SCALE) },
        None => fit_camera(bounds, (w, h)),
    };
    let viewport = Viewport::new(bounds, DEFAULT_SIZE, initial_camera);
    let scale = viewport.scale;
    let selected = RwSignal::new(None::<usize>);

    let pins = StoredValue::new(pins);
    let points = StoredValue::new(points);

    // Clusters depend on the zoom only, not on panning.
    let markers = Memo::new(move |_| {
        let cell = CELL_PX / scale.get();
        points.with_value(|points| {
            pins.with_value(|pins| {
                cluster(points, cell)
                    .into_iter()
                    .map(|c| {
                        let first = c.members[0];
                        let count = c.members.len();
                        let class = if count == 1 {
                            vacancy_class(pins[first].vacancy)
                        } else if c.members.iter().any(|&i| matches!(pins[i].vacancy, Vacancy::Free(_))) {
                            "cluster cluster-free"
                        } else {
                            "cluster"
                        };
                        Marker { key: format!("{first}-{count}"), x: c.x, y: c.y, first, count, class }
                    })
                    .collect::<Vec<_>>()
            })
        })
    });

    let px = move |pixels: f64| viewport.px(pixels);
    let zoom_at = move |factor: f64, anchor: Option<(f64, f64)>| viewport.zoom_at(factor, anchor);
    let reset = move |_: ()| {
        viewport.show(initial_camera(viewport.size.get_untracked()));
        selected.set(None);
    };
    // A tap on a pin opens its card; on a cluster it zooms in there; elsewhere it closes the card.
    let on_tap = move |tap: gestures::Tap| {
        let marker = gestures::marker_under(tap).and_then(|first| markers.get_untracked().into_iter().find(|m| m.first == first));
        match marker {
            Some(m) if m.count == 1 => selected.set(Some(m.first)),
            Some(m) => zoom_at(2.5, Some(viewport.to_screen((m.x, m.y)))),
            None => selected.set(None),
        }
    };

    let gestures = gestures::Gestures::new(viewport.centre, scale, zoom_at, on_tap);

    let card = move || {
        let index = selected.get()?;
        let marker = markers.get().into_iter().find(|m| m.first == index && m.count == 1)?;
        let pin = pins.with_value(|pins| pins[marker.first].clone());
        let distance = origin.map(|o| o.distance_m(pin.location));
        Some(view! { <PinCard pin distance on_close=move || selected.set(None)/> })
    };

    view! {
        <div class="map-wrap">
            <MapCanvas viewport gestures label=Signal::derive(move || t_string!(i18n, map.label).to_string()) reset=Callback::new(reset)>
                {origin_xy.map(|(x, y)| view! {
                    {circle_m.map(|r| view! {
                        <circle class="walk-circle" cx=format!("{x:.0}") cy=format!("{y:.0}") r=r.to_string() vector-effect="non-scaling-stroke"></circle>
                    })}
                    <circle class="you" cx=format!("{x:.0}") cy=format!("{y:.0}") r=move || format!("{:.1}", px(7.0)) vector-effect="non-scaling-stroke">
                        <title>{move || t_string!(i18n, map.you).to_string()}</title>
                    </circle>
                })}
                <For each=move || markers.get() key=|m| m.key.clone() let:marker>
                    <MarkerView marker px=Signal::derive(move || px(1.0)) selected/>
                </For>
            </MapCanvas>
            {card}
        </div>
        <ul class="map-legend">
            <li><span class="swatch pin-free"></span>{t!(i18n, map.legend_free)}</li>
            <li><span class="swatch pin-full"></span>{t!(i18n, map.legend_full)}</li>
            <li><span class="swatch pin-unknown"></span>{t!(i18n, map.legend_unknown)}</li>
        </ul>
        <p class="hint">{t!(i18n, map.schematic)}</p>
    }
}

/// The map's drawing surface, shared by the facility map and the place picker: the SVG that pans
/// and zooms with `viewport` through `gestures`, the district outline, what the caller draws,
/// the street and town names on top, and the zoom buttons (with "复位" when `reset` is given).
#[component]
fn MapCanvas<Z, T>(viewport: Viewport, gestures: gestures::Gestures<Z, T>, label: Signal<String>, children: Children, #[prop(optional)] reset: Option<Callback<()>>) -> impl IntoView
where
    Z: Fn(f64, Option<(f64, f64)>) + Copy + Send + Sync + 'static,
    T: Fn(gestures::Tap) + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let projection = Projection::district();
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    gestures::measure(svg_ref, viewport.size);
    view! {
        <svg
            node_ref=svg_ref
            class="map"
            role="img"
            aria-label=label
            viewBox=move || viewport.view_box()
            preserveAspectRatio="xMidYMid meet"
            on:pointerdown=move |ev| gestures.pointer_down(ev)
            on:pointermove=move |ev| gestures.pointer_move(ev)
            on:pointerup=move |ev| gestures.pointer_up(ev)
            on:pointercancel=move |ev| gestures.pointer_cancel(ev)
            on:wheel=move |ev| gestures.wheel(ev)
        >
            <path class="district" d=outline_path(&projection) vector-effect="non-scaling-stroke"></path>
            {children()}
            <UnitLabels viewport projection/>
        </svg>
        <div class="map-controls">
            <button type="button" aria-label=move || t_string!(i18n, map.zoom_in).to_string() on:click=move |_| viewport.zoom_at(1.6, None)>"+"</button>
            <button type="button" aria-label=move || t_string!(i18n, map.zoom_out).to_string() on:click=move |_| viewport.zoom_at(1.0 / 1.6, None)>"−"</button>
            {reset.map(|reset| view! { <button type="button" class="map-reset" on:click=move |_| reset.run(())>{t!(i18n, map.reset)}</button> })}
        </div>
    }
}

/// Street and town names, thinned out so that they never overlap at the current zoom.
#[component]
fn UnitLabels(viewport: Viewport, projection: Projection) -> impl IntoView {
    let shown = Memo::new(move |_| {
        let anchors: Vec<(f64, f64)> = UNITS.iter().map(|u| projection.project(u.anchor)).collect();
        cluster(&anchors, 64.0 / viewport.scale.get()).into_iter().map(|c| c.members[0]).collect::<Vec<_>>()
    });
    move || {
        shown
            .get()
            .into_iter()
            .map(|i| {
                let (x, y) = projection.project(UNITS[i].anchor);
                view! {
                    <text class="unit-label" x=format!("{x:.0}") y=format!("{y:.0}") font-size=move || format!("{:.1}", viewport.px(12.0))>
                        {UNITS[i].short_name}
                    </text>
                }
            })
            .collect_view()
    }
}

#[component]
fn MarkerView(marker: Marker, px: Signal<f64>, selected: RwSignal<Option<usize>>) -> impl IntoView {
    let i18n = use_i18n();
    let (x, y) = (format!("{:.0}", marker.x), format!("{:.0}", marker.y));
    let index = marker.first.to_string();
    if marker.count == 1 {
        let first = marker.first;
        let class = move || {
            if selected.get() == Some(first) {
                format!("{} pin-selected", marker.class)
            } else {
                marker.class.to_string()
            }
        };
        view! {
            <circle class=class data-marker=index cx=x cy=y r=move || format!("{:.1}", px.get() * 11.0) vector-effect="non-scaling-stroke"></circle>
        }
        .into_any()
    } else {
        let count = marker.count;
        let (index_circle, index_text) = (index.clone(), index.clone());
        view! {
            <g class=marker.class data-marker=index>
                <circle data-marker=index_circle cx=x.clone() cy=y.clone() r=move || format!("{:.1}", px.get() * (15.0 + (count as f64).log10() * 5.0)) vector-effect="non-scaling-stroke">
                    <title>{move || t_string!(i18n, map.cluster, n = count)}</title>
                </circle>
                <text data-marker=index_text x=x y=y dy="0.35em" font-size=move || format!("{:.1}", px.get() * 12.0)>{count}</text>
            </g>
        }
        .into_any()
    }
}

#[component]
fn PinCard(pin: MapPin, distance: Option<f64>, on_close: impl Fn() + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/facilities/{}", pin.id);
    view! {
        <div class="pin-card" role="dialog" aria-label=pin.name.clone()>
            <button type="button" class="pin-card-close" aria-label=move || t_string!(i18n, map.close).to_string() on:click=move |_| on_close()>"×"</button>
            <h2 class="card-title">{pin.name.clone()}</h2>
            <p class="card-badges">
                {pin.inclusive.then(|| view! { <InclusiveBadge/> })}
                {pin.is_demo.then(|| view! { <DemoBadge/> })}
            </p>
            <p class="card-foot">
                <VacancyBadge vacancy=pin.vacancy/>
                {pin.rating.clone().map(|score| view! { <RatingBadge score/> })}
                {pin.fee_from.map(|fee| view! { <span class="fee">{move || labels::fee_from(i18n.get_locale(), fee)}</span> })}
            </p>
            {distance.map(|d| view! {
                <p class="muted">{move || { let d = labels::distance(i18n.get_locale(), d); t_string!(i18n, finder.distance_away, d = d) }}</p>
            })}
            <a class="button" href=href>{t!(i18n, map.open)}</a>
        </div>
    }
}
