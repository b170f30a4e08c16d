//! One subsidy application: where it stands, the amount and how it was reached, and — while it
//! can be edited — the rent form, the contract and "submit".

use leptos::html::Input;
use leptos::prelude::*;

use crate::api::subsidies::{save_subsidy_rent, submit_subsidy_application, upload_subsidy_contract, ApplicationView};
use crate::components::files::read_base64;
use crate::components::{new_operation_id, ErrorNotice};
use crate::domain::subsidy::{ApplicationState, SubsidyKind};
use crate::error::AppError;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::pages::policies::{yuan, Lines};

/// The card's writes, owned by the page so their answers outlive a refetch. `target` is the
/// application the last one was for: its card shows the answer.
#[derive(Clone, Copy)]
pub struct CardActions {
    rent: Action<(String, i64, String, bool), Result<(), AppError>>,
    upload: Action<(String, i64, String, String), Result<i64, AppError>>,
    submit: Action<(String, i64), Result<(), AppError>>,
    target: RwSignal<Option<i64>>,
    /// Which write was sent last.
    last: RwSignal<Option<Write>>,
}

/// The card's writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Write {
    Rent,
    Contract,
    Submit,
}

impl CardActions {
    pub fn new() -> CardActions {
        let rent = Action::new(|(op, id, rent, housing): &(String, i64, String, bool)| save_subsidy_rent(op.clone(), *id, rent.clone(), *housing));
        let upload = Action::new(|(op, id, name, content): &(String, i64, String, String)| upload_subsidy_contract(op.clone(), *id, name.clone(), content.clone()));
        let submit = Action::new(|(op, id): &(String, i64)| submit_subsidy_application(op.clone(), *id));
        CardActions { rent, upload, submit, target: RwSignal::new(None), last: RwSignal::new(None) }
    }

    /// Whether the last answer of any write was a success (the page then reads the data again).
    pub fn any_succeeded(self) -> bool {
        let (rent, upload, submit) = (self.rent.value().get(), self.upload.value().get(), self.submit.value().get());
        matches!(rent, Some(Ok(()))) || matches!(upload, Some(Ok(_))) || matches!(submit, Some(Ok(())))
    }

    /// The refusal of the write that answered last, if it was refused.
    pub fn error(self) -> Option<AppError> {
        match self.last.get()? {
            Write::Rent => self.rent.value().get()?.err(),
            Write::Contract => self.upload.value().get()?.err(),
            Write::Submit => self.submit.value().get()?.err(),
        }
    }

    fn succeeded(self) -> Option<Write> {
        let last = self.last.get()?;
        let ok = match last {
            Write::Rent => matches!(self.rent.value().get(), Some(Ok(()))),
            Write::Contract => matches!(self.upload.value().get(), Some(Ok(_))),
            Write::Submit => matches!(self.submit.value().get(), Some(Ok(()))),
        };
        ok.then_some(last)
    }

    fn aim(self, id: i64, what: Write) {
        self.target.set(Some(id));
        self.last.set(Some(what));
    }
}

fn per_mille(value: i64) -> String {
    format!("{}.{} %", value / 10, value % 10)
}

#[component]
pub fn ApplicationCard(application: ApplicationView, actions: CardActions) -> impl IntoView {
    let i18n = use_i18n();
    let id = application.id;
    let editable = application.state.is_editable();
    let (heading, labelled_by) = (format!("subsidy-{id}-heading"), format!("subsidy-{id}-heading"));
    let (kind, year, state) = (application.kind, application.year, application.state);
    let figures = application.figures.clone();
    let mine = move || actions.target.get() == Some(id);
    view! {
        <article class="card subsidy" aria-labelledby=labelled_by data-testid="subsidy-application" data-kind=kind.code() data-state=state.code()>
            <h2 id=heading>
                {move || format!("{} · {}", t_string!(i18n, policies.year, year = year), labels::subsidies::kind(i18n.get_locale(), kind))}
            </h2>
            <p class=if state == ApplicationState::Returned || state == ApplicationState::Refused { "status warning" } else { "status" }>
                {move || labels::subsidies::state(i18n.get_locale(), state)}
            </p>
            {application.decision_reason.clone().map(|reason| view! {
                <p><strong>{t!(i18n, subsidies.decision_reason)}"："</strong>{reason}</p>
            })}
            {figures.map(|f| {
                let amount = f.amount.0;
                let enrolment = f.enrolment;
                view! {
                    <p class="subsidy-amount">
                        {t!(i18n, subsidies.amount)}" "
                        <strong data-testid="subsidy-amount" data-fen=amount>{move || yuan(i18n.get_locale(), amount)}</strong>
                    </p>
                    <dl class="facts">
                        <dt>{t!(i18n, subsidies.places)}</dt><dd>{f.filed_places}</dd>
                        <dt>{t!(i18n, subsidies.occupancy)}</dt><dd>{per_mille(f.occupancy_per_mille)}</dd>
                        <dt>{t!(i18n, subsidies.months_recorded)}</dt><dd data-testid="months-recorded">{enrolment.months_recorded}" / 12"</dd>
                    </dl>
                    <table class="subsidy-enrolment">
                        <caption>{t!(i18n, subsidies.enrolled_heading)}</caption>
                        <thead><tr>
                            <th scope="col">{t!(i18n, subsidies.class_col)}</th>
                            <th scope="col">{t!(i18n, subsidies.child_months_col)}</th>
                            <th scope="col">{t!(i18n, subsidies.children_col)}</th>
                        </tr></thead>
                        <tbody>
                            {enrolment.children.iter().zip(enrolment.child_months.iter()).map(|((level, children), (_, months))| {
                                let level = *level;
                                view! { <tr><th scope="row">{move || labels::class_level(i18n.get_locale(), level)}</th><td>{*months}</td><td>{*children}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="hint">{move || labels::subsidies::basis(i18n.get_locale(), enrolment.basis)}</p>
                }
            })}
            {application.figures_refusal.map(|why| view! {
                <p class="warning" role="alert">{t!(i18n, subsidies.cannot_compute)}{move || labels::refusal(i18n.get_locale(), &why.into())}</p>
            })}
            <Lines lines=application.lines.clone()/>
            {(editable && kind == SubsidyKind::Rent).then(|| view! { <RentForm application=application.clone() actions/> })}
            {editable.then(|| view! {
                <p class="hint">{t!(i18n, subsidies.live_note)}</p>
                <button type="button" data-testid="submit-subsidy" disabled=move || actions.submit.pending().get() on:click=move |_| {
                    actions.aim(id, Write::Submit);
                    actions.submit.dispatch((new_operation_id(), id));
                }>{t!(i18n, subsidies.submit)}</button>
            })}
            {move || mine().then(|| match (actions.succeeded(), actions.error()) {
                (_, Some(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                (Some(Write::Rent), _) => view! { <p class="notice" role="status">{t!(i18n, subsidies.saved)}</p> }.into_any(),
                (Some(Write::Contract), _) => view! { <p class="notice" role="status">{t!(i18n, subsidies.uploaded)}</p> }.into_any(),
                (Some(Write::Submit), _) => view! { <p class="notice" role="status">{t!(i18n, subsidies.sent)}</p> }.into_any(),
                _ => ().into_any(),
            })}
        </article>
    }
}

/// Rent per m², the housing declaration, and the contract.
#[component]
fn RentForm(application: ApplicationView, actions: CardActions) -> impl IntoView {
    let i18n = use_i18n();
    let id = application.id;
    let rent = RwSignal::new(application.rent_per_m2_yuan.clone().unwrap_or_default());
    let housing = RwSignal::new(application.housing_supported);
    let file: NodeRef<Input> = NodeRef::new();
    let (rent_id, housing_id, file_id) = (format!("rent-{id}"), format!("housing-{id}"), format!("contract-{id}"));
    let (rent_for, housing_for, file_for) = (rent_id.clone(), housing_id.clone(), file_id.clone());
    view! {
        <section class="stack" aria-label=move || t_string!(i18n, subsidies.rent_heading).to_string()>
            <h3>{t!(i18n, subsidies.rent_heading)}</h3>
            <form class="stack" data-testid="subsidy-rent" on:submit=move |ev| {
                ev.prevent_default();
                actions.aim(id, Write::Rent);
                actions.rent.dispatch((new_operation_id(), id, rent.get_untracked(), housing.get_untracked()));
            }>
                <div class="field">
                    <label for=rent_for>{t!(i18n, subsidies.rent_label)}</label>
                    <input id=rent_id type="text" inputmode="decimal" autocomplete="off" bind:value=rent/>
                </div>
                <label class="check" for=housing_for>
                    <input id=housing_id type="checkbox" bind:checked=housing/>
                    <span>{t!(i18n, subsidies.housing_label)}</span>
                </label>
                <button type="submit" class="secondary" disabled=move || actions.rent.pending().get()>{t!(i18n, subsidies.save_rent)}</button>
            </form>
            <p>{t!(i18n, subsidies.contract_label)}</p>
            {application.contract.map(|c| view! { <p class="muted" data-testid="contract-current">{t!(i18n, subsidies.contract_current)}{c.file_name}" (v"{c.version}")"</p> })}
            <label class="button secondary file-button" for=file_for>{t!(i18n, subsidies.upload_contract)}</label>
            <input id=file_id class="visually-hidden" type="file" accept="application/pdf,image/jpeg,image/png" node_ref=file on:change=move |_| {
                leptos::task::spawn_local(async move {
                    if let Some(chosen) = read_base64(file.get_untracked(), 1).await.into_iter().next() {
                        actions.aim(id, Write::Contract);
                        actions.upload.dispatch((new_operation_id(), id, chosen.name, chosen.content));
                    }
                });
            }/>
        </section>
    }
}
