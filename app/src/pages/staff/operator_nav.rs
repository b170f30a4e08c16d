//! The operator portal's sections and the navigation between them: a side menu on a PC, a
//! compact row of tabs on a phone (one stylesheet decides; the markup is the same).

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// The portal's sections, in menu order. Today holds the classes and their places: confirming
/// them is the daily task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperatorSection {
    Today,
    Bookings,
    Staff,
    Fees,
    Filing,
    Photos,
    Subsidies,
    Ratings,
}

impl OperatorSection {
    pub const ALL: [OperatorSection; 8] = [
        OperatorSection::Today,
        OperatorSection::Bookings,
        OperatorSection::Staff,
        OperatorSection::Fees,
        OperatorSection::Filing,
        OperatorSection::Photos,
        OperatorSection::Subsidies,
        OperatorSection::Ratings,
    ];

    pub fn path(self) -> &'static str {
        match self {
            OperatorSection::Today => "/operator",
            OperatorSection::Bookings => "/operator/bookings",
            OperatorSection::Staff => "/operator/staff",
            OperatorSection::Fees => "/operator/fees",
            OperatorSection::Filing => "/operator/filing",
            OperatorSection::Photos => "/operator/photos",
            OperatorSection::Subsidies => "/operator/subsidies",
            OperatorSection::Ratings => "/operator/ratings",
        }
    }
}

/// A section's page: the menu, then the section itself.
#[component]
pub fn OperatorShell(current: OperatorSection, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |section: OperatorSection| match section {
        OperatorSection::Today => t!(i18n, operator.nav_today).into_any(),
        OperatorSection::Bookings => t!(i18n, operator.nav_bookings).into_any(),
        OperatorSection::Staff => t!(i18n, operator.nav_staff).into_any(),
        OperatorSection::Fees => t!(i18n, operator.nav_fees).into_any(),
        OperatorSection::Filing => t!(i18n, operator.nav_filing).into_any(),
        OperatorSection::Photos => t!(i18n, operator.nav_photos).into_any(),
        OperatorSection::Subsidies => t!(i18n, operator.nav_subsidies).into_any(),
        OperatorSection::Ratings => t!(i18n, operator.nav_ratings).into_any(),
    };
    view! {
        <div class="portal">
            <nav class="portal-nav" aria-label=move || crate::i18n::t_string!(i18n, operator.nav_label).to_string()>
                <ul>
                    {OperatorSection::ALL
                        .into_iter()
                        .map(|section| {
                            let current = (section == current).then_some("page");
                            view! { <li><a href=section.path() aria-current=current>{label(section)}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <div class="portal-main">{children()}</div>
        </div>
    }
}
