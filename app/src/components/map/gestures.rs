//! Touch and mouse handling shared by the facility map and the place picker: drag to pan,
//! pinch or wheel to zoom, and a tap handed to the map that owns it. Browser only.

use leptos::prelude::*;

/// A pointer that moves less than this between down and up is a tap.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const TAP_SLOP_PX: f64 = 8.0;

/// Where a tap landed: in the window (to find the element under the finger) and in the map's
/// own pixels (to turn into a place).
#[derive(Clone, Copy, Debug)]
pub struct Tap {
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub client: (f64, f64),
    pub local: (f64, f64),
}

#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Gestures<Z, T>
where
    Z: Fn(f64, Option<(f64, f64)>) + Copy + 'static,
    T: Fn(Tap) + Copy + 'static,
{
    scale: RwSignal<f64>,
    centre: RwSignal<(f64, f64)>,
    zoom_at: Z,
    on_tap: T,
    /// Active pointers: id → last position in element pixels.
    pointers: StoredValue<Vec<(i32, f64, f64)>>,
    /// Where the current single-pointer press started, for tap detection.
    press: StoredValue<Option<(f64, f64)>>,
}

impl<Z, T> Gestures<Z, T>
where
    Z: Fn(f64, Option<(f64, f64)>) + Copy + 'static,
    T: Fn(Tap) + Copy + 'static,
{
    pub fn new(centre: RwSignal<(f64, f64)>, scale: RwSignal<f64>, zoom_at: Z, on_tap: T) -> Self {
        Gestures {
            scale,
            centre,
            zoom_at,
            on_tap,
            pointers: StoredValue::new(Vec::new()),
            press: StoredValue::new(None),
        }
    }

    pub fn pointer_down(&self, ev: leptos::ev::PointerEvent) {
        #[cfg(feature = "hydrate")]
        {
            let Some((x, y)) = local_position(&ev) else {
                return;
            };
            if let Some(target) = ev
                .current_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            {
                let _ = target.set_pointer_capture(ev.pointer_id());
            }
            self.pointers.update_value(|p| {
                p.retain(|(id, _, _)| *id != ev.pointer_id());
                p.push((ev.pointer_id(), x, y));
            });
            let single = self.pointers.with_value(|p| p.len() == 1);
            self.press.set_value(single.then_some((x, y)));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    pub fn pointer_move(&self, ev: leptos::ev::PointerEvent) {
        #[cfg(feature = "hydrate")]
        {
            let Some((x, y)) = local_position(&ev) else {
                return;
            };
            let before = self.pointers.with_value(|p| p.clone());
            let Some(&(_, px, py)) = before.iter().find(|(id, _, _)| *id == ev.pointer_id()) else {
                return;
            };
            self.pointers.update_value(|p| {
                if let Some(entry) = p.iter_mut().find(|(id, _, _)| *id == ev.pointer_id()) {
                    *entry = (ev.pointer_id(), x, y);
                }
            });
            match before.len() {
                1 => {
                    let s = self.scale.get_untracked();
                    self.centre.update(|(cx, cy)| {
                        *cx -= (x - px) / s;
                        *cy -= (y - py) / s;
                    });
                }
                2 => {
                    // Pinch: scale by the change of the fingers' distance around their midpoint.
                    let other = before.iter().find(|(id, _, _)| *id != ev.pointer_id());
                    if let Some(&(_, ox, oy)) = other {
                        let was = ((px - ox).powi(2) + (py - oy).powi(2)).sqrt();
                        let now = ((x - ox).powi(2) + (y - oy).powi(2)).sqrt();
                        if was > 1.0 {
                            (self.zoom_at)(now / was, Some(((x + ox) / 2.0, (y + oy) / 2.0)));
                        }
                    }
                    self.press.set_value(None);
                }
                _ => {}
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    pub fn pointer_up(&self, ev: leptos::ev::PointerEvent) {
        #[cfg(feature = "hydrate")]
        {
            let position = local_position(&ev);
            self.pointers
                .update_value(|p| p.retain(|(id, _, _)| *id != ev.pointer_id()));
            let press = self.press.get_value();
            self.press.set_value(None);
            if let (Some((x0, y0)), Some((x, y))) = (press, position) {
                if ((x - x0).powi(2) + (y - y0).powi(2)).sqrt() <= TAP_SLOP_PX {
                    (self.on_tap)(Tap {
                        client: (ev.client_x() as f64, ev.client_y() as f64),
                        local: (x, y),
                    });
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    pub fn pointer_cancel(&self, ev: leptos::ev::PointerEvent) {
        self.pointers
            .update_value(|p| p.retain(|(id, _, _)| *id != ev.pointer_id()));
        self.press.set_value(None);
    }

    pub fn wheel(&self, ev: leptos::ev::WheelEvent) {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            let factor = if ev.delta_y() < 0.0 { 1.25 } else { 0.8 };
            let rect = ev
                .current_target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .map(|e| e.get_bounding_client_rect());
            let anchor = rect.map(|r| {
                (
                    ev.client_x() as f64 - r.left(),
                    ev.client_y() as f64 - r.top(),
                )
            });
            (self.zoom_at)(factor, anchor);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }
}

/// The `data-marker` index of the marker under a tap, if any.
pub fn marker_under(tap: Tap) -> Option<usize> {
    #[cfg(feature = "hydrate")]
    {
        // With pointer capture the event's target is the SVG; find what lies under the finger.
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.element_from_point(tap.client.0 as f32, tap.client.1 as f32))
            .and_then(|e| e.closest("[data-marker]").ok().flatten())
            .and_then(|e| e.get_attribute("data-marker"))
            .and_then(|v| v.parse::<usize>().ok())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = tap;
        None
    }
}

/// The pointer's position in the element's own pixels.
#[cfg(feature = "hydrate")]
fn local_position(ev: &leptos::ev::PointerEvent) -> Option<(f64, f64)> {
    let element = ev
        .current_target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())?;
    let rect = element.get_bounding_client_rect();
    Some((
        ev.client_x() as f64 - rect.left(),
        ev.client_y() as f64 - rect.top(),
    ))
}

/// Keeps `size` equal to the SVG's size on screen (after hydration and on resize).
pub fn measure(svg: NodeRef<leptos::svg::Svg>, size: RwSignal<(f64, f64)>) {
    #[cfg(feature = "hydrate")]
    {
        let update = move || {
            if let Some(element) = svg.get_untracked() {
                let rect = element.get_bounding_client_rect();
                if rect.width() > 0.0 && rect.height() > 0.0 {
                    size.set((rect.width(), rect.height()));
                }
            }
        };
        Effect::new(move |_| {
            if svg.get().is_some() {
                update();
            }
        });
        let handle = window_event_listener(leptos::ev::resize, move |_| update());
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (svg, size);
}
