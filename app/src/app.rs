//! The document shell and the router.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::NotFound;
use crate::pages::directory::{FacilityDetailPage, FacilityListPage};
use crate::pages::home::HomePage;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="zh-CN">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0f766e"/>
                <meta name="description" content="渝北区 3 岁以下婴幼儿托育服务：查机构、看托位、比收费。"/>
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

/// The application: header, the page for the current route, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser, after hydration: tests wait for this marker.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/tuoyu.css"/>
        <Title text="渝北托育"/>
        <Router>
            <a class="skip-link" href="#main">"跳到正文"</a>
            <header class="site-header">
                <a class="brand" href="/">"渝北托育"</a>
                <nav aria-label="主导航">
                    <a href="/facilities">"找托育"</a>
                </nav>
            </header>
            <main id="main">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/facilities") view=FacilityListPage ssr=SsrMode::Async/>
                    <Route path=path!("/facilities/:id") view=FacilityDetailPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>"渝北区婴幼儿照护服务平台（演示版）。当前机构、地址、电话均为演示数据，不代表真实机构。"</p>
            </footer>
        </Router>
    }
}
