//! The document shell and the router.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::{LanguageSwitch, NotFound};
use crate::i18n::{t, t_string, td_string, use_i18n, I18nContextProvider};
use crate::pages::directory::{FacilityDetailPage, FinderPage};
use crate::pages::home::HomePage;

/// The HTML document around the app, rendered on the server only. The `lang` attribute of
/// `<html>` is set by the i18n provider from the reader's language.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0f766e"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: language, header, the page for the current route, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The security layer chose this response's CSP nonce; Leptos adds it to its inline scripts.
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<axum::http::request::Parts>() {
        if let Some(nonce) = parts.extensions.get::<crate::auth::CspNonce>() {
            provide_context(leptos::nonce::Nonce::from_value(nonce.0.clone()));
        }
    }
    // Effects run only in the browser, after hydration: tests wait for this marker.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/tuoyu.css"/>
        <I18nContextProvider>
            <Chrome/>
        </I18nContextProvider>
    }
}

#[component]
fn Chrome() -> impl IntoView {
    let i18n = use_i18n();
    // Head elements take plain strings: leptos_meta reads them after the page's reactive
    // owners may be gone, so they must not read signals (see `page_title`).
    let locale = i18n.get_locale_untracked();
    view! {
        <Title text=td_string!(locale, app.name).to_string()/>
        <Meta name="description" content=td_string!(locale, app.description).to_string()/>
        <Router>
            <a class="skip-link" href="#main">{t!(i18n, app.skip_to_main)}</a>
            <header class="site-header">
                <a class="brand" href="/">{t!(i18n, app.name)}</a>
                <nav aria-label=move || t_string!(i18n, app.main_nav).to_string()>
                    <a href="/facilities">{t!(i18n, app.nav_find)}</a>
                    <LanguageSwitch/>
                </nav>
            </header>
            <main id="main">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/facilities") view=FinderPage ssr=SsrMode::Async/>
                    <Route path=path!("/facilities/:id") view=FacilityDetailPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{t!(i18n, app.footer)}</p>
            </footer>
        </Router>
    }
}
