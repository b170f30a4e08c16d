//! Which code each page needs, loaded only when the page is opened.
//!
//! Every page but the home page is a *lazy route*: its view code is split out of the main
//! client module into its own WebAssembly chunk (`cargo leptos build --split`), which the
//! browser fetches when the page is first shown. A family on a cheap phone who opens the finder
//! does not download the operator's portal. On the server nothing changes: every page still
//! renders in full.
//!
//! The server names each page's chunks in `<link rel="preload">` tags (see `preload`), so the
//! browser fetches them together with the main module instead of after it.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages::account::{ChildEditPage, ChildNewPage, LoginPage, MyAccountPage, PrivacyPage, StaffLoginPage};
use crate::pages::booking::MyBookingsPage;
use crate::pages::directory::{FacilityDetailPage, FinderPage};
use crate::pages::staff::{AdminPage, OperatorPage, SupervisorPage};

/// `lazy_page!(FinderRoute => FinderPage)` declares the route type `FinderRoute` whose view,
/// `FinderPage`, lives in its own chunk. The chunk's name is derived from the route type's
/// name, which is how `preload::links_for` finds it in the split manifest.
macro_rules! lazy_page {
    ($route:ident => $page:ident) => {
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                #[cfg(feature = "ssr")]
                preload::links_for(stringify!($route));
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

lazy_page!(FinderRoute => FinderPage);
lazy_page!(FacilityRoute => FacilityDetailPage);
lazy_page!(LoginRoute => LoginPage);
lazy_page!(PrivacyRoute => PrivacyPage);
lazy_page!(MyAccountRoute => MyAccountPage);
lazy_page!(MyBookingsRoute => MyBookingsPage);
lazy_page!(ChildNewRoute => ChildNewPage);
lazy_page!(ChildEditRoute => ChildEditPage);
// Staff pages: families never download them. Their chunk names start with `__staff_`.
lazy_page!(StaffLoginRoute => StaffLoginPage);
lazy_page!(StaffAdminRoute => AdminPage);
lazy_page!(StaffOperatorRoute => OperatorPage);
lazy_page!(StaffSupervisorRoute => SupervisorPage);

/// Server side: `<link rel="preload">` for the chunks of the page being rendered.
///
/// Leptos 0.8.23 means to do this itself, but its integration looks the split manifest up
/// outside the request's reactive owner, finds nothing, and renders no links. The manifest it
/// loads is in context here (`HydrationScripts` provides it), so each lazy route adds its own.
#[cfg(feature = "ssr")]
pub mod preload {
    use leptos::prelude::*;
    use leptos::WasmSplitManifest;
    use leptos_meta::Link;

    /// The start of a route's view split in the manifest, leading underscores aside:
    /// `#[lazy_route]` names the split function `__<Route>_View`, which `#[lazy]` turns into
    /// snake case and suffixes with a hash of where it was declared.
    pub fn split_name_prefix(route: &str) -> String {
        let mut snake = String::new();
        for (i, c) in route.chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            } else {
                snake.push(c);
            }
        }
        snake.push_str("_view_");
        snake
    }

    /// Registers with the page's `<head>` a preload link for each chunk `route` needs, and the
    /// loader script that fetches them. Does nothing on a build without split chunks.
    pub fn links_for(route: &str) {
        let Some(manifest) = use_context::<WasmSplitManifest>() else { return };
        let Some(entry) = manifest.0.try_read_value() else { return };
        let (pkg_path, splits, loader) = &*entry;
        let prefix = split_name_prefix(route);
        let Some(chunks) = splits.iter().find(|(name, _)| name.trim_start_matches('_').starts_with(&prefix)).map(|(_, chunks)| chunks) else {
            return;
        };
        for chunk in chunks {
            // `to_html` on a leptos_meta component registers it with the page's <head>. The
            // loader fetches chunks in CORS mode: the preload must match (`anonymous`).
            _ = view! {
                <Link rel="preload" href=format!("{pkg_path}/{chunk}.wasm") as_="fetch" type_="application/wasm" crossorigin="anonymous"/>
            }
            .to_html();
        }
        _ = view! { <Link rel="modulepreload" href=format!("{pkg_path}/{loader}")/> }.to_html();
    }

    #[cfg(test)]
    mod tests {
        use super::split_name_prefix;

        #[test]
        fn the_prefix_is_the_split_name_lazy_route_gives_the_view() {
            assert_eq!(split_name_prefix("FinderRoute"), "finder_route_view_");
            assert_eq!(split_name_prefix("StaffLoginRoute"), "staff_login_route_view_");
        }
    }
}
