//! Signing in, the parent's own page, children's profiles and the privacy notice.

mod child_form;
mod login;
mod me;
mod privacy;
mod staff_login;

pub use child_form::{ChildEditPage, ChildNewPage};
pub use login::LoginPage;
pub use me::MyAccountPage;
pub use privacy::PrivacyPage;
pub use staff_login::{SecondFactorStep, StaffLoginPage};

/// After signing in: forgets the pages this device kept for offline reading (they may be
/// someone else's), then loads `path` as a new page.
pub(crate) fn reload_signed_in(path: String) {
    leptos::task::spawn_local(async move {
        crate::offline::forget_saved_pages().await;
        reload_to(&path);
    });
}

/// Loads `path` as a new page: after signing in or out the whole page must be rendered again
/// with the new session (header, personal data, caches).
pub(crate) fn reload_to(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}
