//! 长辈版 (elder mode) over HTTP on both databases: the switch is kept on the device (a cookie
//! the server renders the page from) and with a signed-in account; signing in on another device
//! brings the account's choice; a word that is not a mode is refused and changes nothing.

use crate::support::{both_backends, with_demo_accounts, Cookies, TestServer};

const PARENT: &str = "13900000031";

async fn page_mode(server: &TestServer, cookies: &Cookies) -> String {
    let html = server.client.get(server.url("/")).header("cookie", cookies.header()).send().await.expect("page").text().await.expect("html");
    let start = html.find("data-display=\"").expect("the document names its display mode") + "data-display=\"".len();
    html[start..].split('"').next().expect("value").to_string()
}

both_backends!(the_display_mode_is_kept_on_the_device_and_follows_the_account, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;

    // A visitor: the device keeps the choice and the server renders pages in it.
    let mut visitor = Cookies::default();
    assert_eq!(page_mode(&server, &visitor).await, "standard");
    let saved = server.call(&mut visitor, "save_display_mode", &[("mode", "Elder")]).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(visitor.0.get("tuoyu_display").map(String::as_str), Some("elder"));
    assert_eq!(page_mode(&server, &visitor).await, "elder");

    // A parent on phone 1 chooses elder mode while signed in: the account keeps it.
    let mut phone_1 = server.sign_in_parent(PARENT).await;
    let account = server.store.parent_for_phone(PARENT, server.now()).await.expect("account").id;
    assert_eq!(server.store.display_mode_of(account).await.expect("mode"), None, "no choice until one is made");
    let saved = server.call(&mut phone_1, "save_display_mode", &[("mode", "Elder")]).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(server.store.display_mode_of(account).await.expect("mode"), Some(app::domain::display::DisplayMode::Elder));

    // Phone 2 has never chosen: signing in brings the account's choice. (A minute apart: one
    // code per phone per minute.)
    server.advance(61);
    let phone_2 = server.sign_in_parent(PARENT).await;
    assert_eq!(phone_2.0.get("tuoyu_display").map(String::as_str), Some("elder"));
    assert_eq!(page_mode(&server, &phone_2).await, "elder");

    // Phone 3 chose the standard layout before signing in: the newest choice on that device
    // goes into the account, and the device keeps its own.
    server.advance(61);
    let mut phone_3 = Cookies::default();
    server.call(&mut phone_3, "save_display_mode", &[("mode", "Standard")]).await;
    let sent = server.call(&mut phone_3, "request_login_code", &[("phone", PARENT)]).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let code = server.inbox_code(PARENT).await;
    let signed_in = server.call(&mut phone_3, "verify_login_code", &[("phone", PARENT), ("code", &code)]).await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    assert_eq!(phone_3.0.get("tuoyu_display").map(String::as_str), Some("standard"));
    assert_eq!(server.store.display_mode_of(account).await.expect("mode"), Some(app::domain::display::DisplayMode::Standard));
});

both_backends!(a_word_that_is_not_a_display_mode_is_refused_and_changes_nothing, |store| {
    with_demo_accounts(&store).await;
    let server = TestServer::start(store).await;
    let mut parent = server.sign_in_parent(PARENT).await;
    let account = server.store.parent_for_phone(PARENT, server.now()).await.expect("account").id;
    for bad in ["elder", "Large", ""] {
        let refused = server.call(&mut parent, "save_display_mode", &[("mode", bad)]).await;
        assert!((400..500).contains(&refused.status), "{bad:?}: {} {}", refused.status, refused.body);
        assert!(!parent.0.contains_key("tuoyu_display"), "{bad:?} set no cookie");
    }
    let missing = server.call(&mut parent, "save_display_mode", &[]).await;
    assert!((400..500).contains(&missing.status), "{}", missing.status);
    assert_eq!(server.store.display_mode_of(account).await.expect("mode"), None);
    // A cookie with an unknown word renders the standard layout.
    parent.0.insert("tuoyu_display".into(), "huge".into());
    assert_eq!(page_mode(&server, &parent).await, "standard");
});
