//! The document shell and the router.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::components::{LanguageSwitch, NotFound};
use crate::i18n::{t, t_string, td_string, use_i18n, I18nContextProvider};
use crate::api::account::fetch_my_account;
use crate::pages::home::HomePage;
use crate::routes::*;

/// The HTML document around the app, rendered on the server only. The `lang` attribute of
/// `<html>` is set by the i18n provider from the reader's language.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Leptos puts a fresh nonce on every inline script it renders; the page's CSP names it.
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        if let Ok(value) = axum::http::HeaderValue::from_str(&crate::auth::content_security_policy(Some(&nonce.to_string()))) {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    view! {
        <!DOCTYPE html>
        <html data-display=crate::components::display::requested_mode_code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0f766e"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                {service_worker_meta()}
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

/// `<meta name="tuoyu-sw">` when the server serves a service worker: the page registers it
/// after hydration (see `offline::UpdateBanner`).
fn service_worker_meta() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let enabled = use_context::<crate::state::AppState>().map(|s| s.service_worker).unwrap_or(false);
    #[cfg(not(feature = "ssr"))]
    let enabled = false;
    enabled.then(|| view! { <meta name="tuoyu-sw" content="/sw.js"/> })
}

/// The application: language, header, the page for the current route, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    crate::offline::OfflineQueue::provide();
    crate::components::display::DisplayState::provide();
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
                    <AccountLink/>
                    <crate::offline::PendingBadge/>
                    <LanguageSwitch/>
                </nav>
            </header>
            <crate::offline::UpdateBanner/>
            <crate::offline::InstallHint/>
            <main id="main">
                <Routes fallback=|| view! { <NotFound/> }>
                    // The home page is in the main module (it is the first page most visits
                    // open); every other page loads its own chunk (see `routes`).
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/facilities") view={Lazy::<FinderRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/facilities/:id") view={Lazy::<FacilityRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/login") view={Lazy::<StaffLoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view={Lazy::<PrivacyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/me") view={Lazy::<MyAccountRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/me/bookings") view={Lazy::<MyBookingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/me/children/new") view={Lazy::<ChildNewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/me/children/:id") view={Lazy::<ChildEditRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/me/complaints") view={Lazy::<MyComplaintsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/me/complaints/:id") view={Lazy::<MyComplaintRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/complaints/new") view={Lazy::<FileComplaintRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/complaints/track") view={Lazy::<TrackComplaintRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/lessons") view={Lazy::<LessonsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/lessons/guide") view={Lazy::<GuideRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/lessons/activities") view={Lazy::<ActivitiesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/lessons/ask") view={Lazy::<AskExpertRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/lessons/faq") view={Lazy::<ExpertFaqRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/lessons/:id") view={Lazy::<LessonRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/policies") view={Lazy::<PoliciesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/policies/family-calculator") view={Lazy::<FamilyCalculatorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/policies/facility-calculator") view={Lazy::<FacilityCalculatorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/policies/:id") view={Lazy::<PolicyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/complaints") view={Lazy::<StaffComplaintsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/complaints/:id") view={Lazy::<StaffComplaintRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view={Lazy::<StaffAdminRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/operator") view={Lazy::<StaffOperatorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/operator/bookings") view={Lazy::<StaffOperatorBookingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/operator/fees") view={Lazy::<StaffOperatorFeesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/operator/photos") view={Lazy::<StaffOperatorPhotosRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/operator/subsidies") view={Lazy::<StaffOperatorSubsidiesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/operator/staff") view={Lazy::<StaffOperatorStaffRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/operator/ratings") view={Lazy::<StaffOperatorRatingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/operator/filing") view={Lazy::<StaffOperatorFilingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/filing") view={Lazy::<FilingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/filing/receipt") view={Lazy::<FilingReceiptRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/supervisor") view={Lazy::<StaffSupervisorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/supervisor/staff") view={Lazy::<RosterOverlapsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/supervisor/filings") view={Lazy::<FilingQueueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/supervisor/photos") view={Lazy::<PhotoReviewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/supervisor/filings/:id") view={Lazy::<FilingReviewRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/staff/activities") view={Lazy::<StaffActivitiesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/expert") view={Lazy::<ExpertInboxRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p><crate::components::display::DisplaySwitch/></p>
                <p>{t!(i18n, app.footer)}</p>
            </footer>
        </Router>
    }
}

/// "登录" for visitors, "我的" for parents, "工作台" for staff.
#[component]
fn AccountLink() -> impl IntoView {
    let i18n = use_i18n();
    let account = Resource::new(|| (), |_| fetch_my_account());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match account.await.ok().flatten() {
                    Some(me) if me.role == crate::domain::account::roles::Role::Parent => {
                        view! { <a href="/me" class="account-link">{t!(i18n, app.nav_me)}</a> }.into_any()
                    }
                    Some(me) => view! { <a href=me.role.home_path() class="account-link">{t!(i18n, app.nav_work)}</a> }.into_any(),
                    None => view! { <a href="/login" class="account-link">{t!(i18n, app.nav_login)}</a> }.into_any(),
                }
            })}
        </Suspense>
    }
}
