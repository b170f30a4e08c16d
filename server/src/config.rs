//! Configuration from environment variables, optionally preceded by a file of `KEY=VALUE` lines
//! named by `TUOYU_CONFIG`. Environment variables win over the file. Every variable is listed in
//! the README.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Settings of one server process.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Where to listen (`TUOYU_ADDR`, default 127.0.0.1:3000).
    pub addr: SocketAddr,
    /// `DATABASE_URL`: `sqlite://…` (default `sqlite://<data dir>/tuoyu.db`) or `postgres://…`.
    pub database_url: String,
    /// `DATABASE_MAX_CONNECTIONS` (default 16; SQLite uses at most 8): the connection pool size.
    pub database_max_connections: u32,
    /// `TUOYU_DATA_DIR` (default `data`): where the SQLite file lives.
    pub data_dir: PathBuf,
    /// `TUOYU_LOG` (default `info`): a tracing filter such as `info,sqlx=warn`.
    pub log_filter: String,
    /// `TUOYU_LOG_FORMAT`: `text` (default) or `json`.
    pub log_json: bool,
    /// `LEPTOS_SITE_ROOT` (default `target/site`): the built client files.
    pub site_root: String,
    /// `TUOYU_DEMO_DATA`: `on` (default) loads demo data into an empty database at start.
    pub load_demo_data: bool,
    /// `TUOYU_ENV`: `development` (default) or `production`. Production refuses demo data,
    /// demo accounts, the default secret and the development code sender.
    pub production: bool,
    /// `TUOYU_SECRET`: key for hashing sign-in and recovery codes (32+ characters).
    pub secret: String,
    /// `TUOYU_SECURE_COOKIES`: `on` gives `__Host-` Secure cookies (needs https); default on in
    /// production, off in development so that http://127.0.0.1 works.
    pub secure_cookies: bool,
    /// `TUOYU_HTTPS`: `on` when served over https (adds HSTS); defaults to `TUOYU_SECURE_COOKIES`.
    pub https: bool,
    /// `TUOYU_TRUSTED_PROXIES`: comma-separated addresses whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// `TUOYU_DEMO_SEED` and `TUOYU_DEMO_FACILITIES`: what the demo generator makes.
    pub demo_seed: u64,
    pub demo_facilities: usize,
    /// `TUOYU_OFFER_HOURS` (default 48, 1–720): how long an offered place is held for the
    /// operator to confirm before it is released to the next child on the waitlist.
    pub offer_hours: i64,
    /// `TUOYU_COMPLAINT_*`: complaint time limits, in working days unless named in hours —
    /// `DISPATCH_DAYS` (1), `ACCEPT_DAYS` (1), `REPLY_DAYS` (15), `SUGGESTION_REPLY_DAYS` (7),
    /// `URGENT_ACCEPT_HOURS` (2), `URGENT_REPLY_DAYS` (3); each 1–60.
    pub complaint_limits: app::domain::complaint::deadline::Limits,
    /// `TUOYU_FILING_REVIEW_DAYS` (default 5, 1–60): working days to decide a submitted filing.
    pub filing_review_working_days: u32,
    /// `TUOYU_SQLITE_SYNCHRONOUS`: `full` (default) or `normal` — SQLite's durability setting.
    pub sqlite_synchronous_full: bool,
    /// `TUOYU_SERVICE_WORKER`: `on` lets pages install the service worker (offline use). Default
    /// on in release builds, off in debug builds so it does not fight `cargo leptos watch`.
    pub service_worker: bool,
    /// `TUOYU_SMS_PROVIDER=tencent` and its `TUOYU_SMS_*` settings: where sign-in codes are
    /// sent. `None`: the development sender (log and `/dev/inbox`), refused in production.
    pub sms: Option<crate::sms::TencentSmsConfig>,
}

/// The secret used when none is configured: fine on a laptop, refused in production.
pub const DEVELOPMENT_SECRET: &str = "development-only-secret-never-use-in-production";

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error("{key}={value:?} is not valid: {expected}")]
    Invalid { key: &'static str, value: String, expected: &'static str },
    #[error("cannot read the config file {path}: {reason}")]
    File { path: String, reason: String },
}

impl Config {
    /// Reads the process environment (and the `TUOYU_CONFIG` file, if set).
    pub fn from_env() -> Result<Config, ConfigError> {
        let env: HashMap<String, String> = std::env::vars().collect();
        let mut values = HashMap::new();
        if let Some(path) = env.get("TUOYU_CONFIG").filter(|p| !p.is_empty()) {
            let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File { path: path.clone(), reason: e.to_string() })?;
            values.extend(parse_file(&text));
        }
        values.extend(env);
        Config::from_values(&values)
    }

    /// Builds the configuration from a map of variables.
    pub fn from_values(values: &HashMap<String, String>) -> Result<Config, ConfigError> {
        let get = |key: &str| values.get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let addr_text = get("TUOYU_ADDR").unwrap_or_else(|| "127.0.0.1:3000".to_string());
        let addr = addr_text.parse().map_err(|_| ConfigError::Invalid {
            key: "TUOYU_ADDR",
            value: addr_text.clone(),
            expected: "an address like 127.0.0.1:3000",
        })?;
        let data_dir = PathBuf::from(get("TUOYU_DATA_DIR").unwrap_or_else(|| "data".to_string()));
        let database_url =
            get("DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}", data_dir.join("tuoyu.db").to_string_lossy()));
        let log_json = match get("TUOYU_LOG_FORMAT").as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => {
                return Err(ConfigError::Invalid { key: "TUOYU_LOG_FORMAT", value: other.into(), expected: "text or json" })
            }
        };
        let load_demo_data = match get("TUOYU_DEMO_DATA").as_deref() {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => return Err(ConfigError::Invalid { key: "TUOYU_DEMO_DATA", value: other.into(), expected: "on or off" }),
        };
        let database_max_connections =
            parse_number(get("DATABASE_MAX_CONNECTIONS"), "DATABASE_MAX_CONNECTIONS", 16)?.clamp(1, 1_000) as u32;
        let demo_seed = parse_number(get("TUOYU_DEMO_SEED"), "TUOYU_DEMO_SEED", app::demo::DEFAULT_SEED)?;
        let demo_facilities =
            parse_number(get("TUOYU_DEMO_FACILITIES"), "TUOYU_DEMO_FACILITIES", app::demo::DEFAULT_FACILITIES as u64)? as usize;
        let production = match get("TUOYU_ENV").as_deref() {
            None | Some("development") => false,
            Some("production") => true,
            Some(other) => {
                return Err(ConfigError::Invalid { key: "TUOYU_ENV", value: other.into(), expected: "development or production" })
            }
        };
        let on_off = |key: &'static str, default: bool| -> Result<bool, ConfigError> {
            match get(key).as_deref() {
                None => Ok(default),
                Some("on") => Ok(true),
                Some("off") => Ok(false),
                Some(other) => Err(ConfigError::Invalid { key, value: other.into(), expected: "on or off" }),
            }
        };
        let secure_cookies = on_off("TUOYU_SECURE_COOKIES", production)?;
        let https = on_off("TUOYU_HTTPS", secure_cookies)?;
        let trusted_proxies = match get("TUOYU_TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(list) => list
                .split(',')
                .map(|a| a.trim().parse().map_err(|_| ConfigError::Invalid { key: "TUOYU_TRUSTED_PROXIES", value: list.clone(), expected: "IP addresses separated by commas" }))
                .collect::<Result<Vec<_>, _>>()?,
        };
        let offer_hours = parse_number(get("TUOYU_OFFER_HOURS"), "TUOYU_OFFER_HOURS", 48)?.clamp(1, 720) as i64;
        let defaults = app::domain::complaint::deadline::Limits::default();
        let limit = |key: &'static str, default: u32| -> Result<u32, ConfigError> { Ok(parse_number(get(key), key, u64::from(default))?.clamp(1, 60) as u32) };
        let complaint_limits = app::domain::complaint::deadline::Limits {
            dispatch_working_days: limit("TUOYU_COMPLAINT_DISPATCH_DAYS", defaults.dispatch_working_days)?,
            accept_working_days: limit("TUOYU_COMPLAINT_ACCEPT_DAYS", defaults.accept_working_days)?,
            reply_working_days: limit("TUOYU_COMPLAINT_REPLY_DAYS", defaults.reply_working_days)?,
            suggestion_reply_working_days: limit("TUOYU_COMPLAINT_SUGGESTION_REPLY_DAYS", defaults.suggestion_reply_working_days)?,
            urgent_accept_hours: i64::from(limit("TUOYU_COMPLAINT_URGENT_ACCEPT_HOURS", defaults.urgent_accept_hours as u32)?),
            urgent_reply_working_days: limit("TUOYU_COMPLAINT_URGENT_REPLY_DAYS", defaults.urgent_reply_working_days)?,
        };
        let filing_review_working_days = limit("TUOYU_FILING_REVIEW_DAYS", app::domain::filing::DEFAULT_REVIEW_WORKING_DAYS)?;
        let sqlite_synchronous_full = match get("TUOYU_SQLITE_SYNCHRONOUS").as_deref() {
            None | Some("full") => true,
            Some("normal") => false,
            Some(other) => {
                return Err(ConfigError::Invalid { key: "TUOYU_SQLITE_SYNCHRONOUS", value: other.into(), expected: "full or normal" })
            }
        };
        let service_worker = on_off("TUOYU_SERVICE_WORKER", !cfg!(debug_assertions))?;
        let sms = sms_config(&get)?;
        Ok(Config {
            sms,
            service_worker,
            offer_hours,
            complaint_limits,
            filing_review_working_days,
            sqlite_synchronous_full,
            production,
            secret: get("TUOYU_SECRET").unwrap_or_else(|| DEVELOPMENT_SECRET.to_string()),
            secure_cookies,
            https,
            trusted_proxies,
            addr,
            database_url,
            database_max_connections,
            data_dir,
            log_filter: get("TUOYU_LOG").unwrap_or_else(|| "info".to_string()),
            log_json,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_string()),
            load_demo_data,
            demo_seed,
            demo_facilities,
        })
    }
}

/// The SMS provider's settings, when `TUOYU_SMS_PROVIDER` names one.
fn sms_config(get: &dyn Fn(&str) -> Option<String>) -> Result<Option<crate::sms::TencentSmsConfig>, ConfigError> {
    use crate::sms::{TemplateParam, TencentSmsConfig};
    match get("TUOYU_SMS_PROVIDER").as_deref() {
        None => return Ok(None),
        Some("tencent") => {}
        Some(other) => return Err(ConfigError::Invalid { key: "TUOYU_SMS_PROVIDER", value: other.into(), expected: "tencent (Tencent Cloud SMS)" }),
    }
    let required = |key: &'static str| {
        get(key).ok_or(ConfigError::Invalid { key, value: String::new(), expected: "a value (required with TUOYU_SMS_PROVIDER=tencent)" })
    };
    let template_params = match get("TUOYU_SMS_TEMPLATE_PARAMS") {
        None => vec![TemplateParam::Code],
        Some(list) => list
            .split(',')
            .map(|p| match p.trim() {
                "code" => Ok(TemplateParam::Code),
                "minutes" => Ok(TemplateParam::Minutes),
                _ => Err(ConfigError::Invalid { key: "TUOYU_SMS_TEMPLATE_PARAMS", value: list.clone(), expected: "code and minutes, separated by commas" }),
            })
            .collect::<Result<Vec<_>, _>>()?,
    };
    let timeout_ms = parse_number(get("TUOYU_SMS_TIMEOUT_MS"), "TUOYU_SMS_TIMEOUT_MS", 5_000)?.clamp(100, 60_000);
    Ok(Some(TencentSmsConfig {
        secret_id: required("TUOYU_SMS_SECRET_ID")?,
        secret_key: required("TUOYU_SMS_SECRET_KEY")?,
        sdk_app_id: required("TUOYU_SMS_SDK_APP_ID")?,
        sign_name: required("TUOYU_SMS_SIGN_NAME")?,
        template_id: required("TUOYU_SMS_TEMPLATE_ID")?,
        template_params,
        endpoint: get("TUOYU_SMS_ENDPOINT").unwrap_or_else(|| "https://sms.tencentcloudapi.com".to_string()),
        region: get("TUOYU_SMS_REGION").unwrap_or_else(|| "ap-guangzhou".to_string()),
        timeout: std::time::Duration::from_millis(timeout_ms),
    }))
}

fn parse_number(value: Option<String>, key: &'static str, default: u64) -> Result<u64, ConfigError> {
    match value {
        None => Ok(default),
        Some(text) => text.parse().map_err(|_| ConfigError::Invalid { key, value: text, expected: "a whole number" }),
    }
}

/// `KEY=VALUE` per line; blank lines and lines starting with `#` are skipped; values may be quoted.
fn parse_file(text: &str) -> HashMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().trim_matches('"').to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn defaults_serve_locally_on_sqlite_under_data() {
        let config = Config::from_values(&HashMap::new()).expect("defaults are valid");
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database_url, "sqlite://data/tuoyu.db");
        assert!(config.load_demo_data);
    }

    #[test]
    fn development_uses_plain_cookies_and_production_secure_ones() {
        let dev = Config::from_values(&HashMap::new()).expect("valid");
        assert!(!dev.production && !dev.secure_cookies && !dev.https);
        let prod = Config::from_values(&values(&[("TUOYU_ENV", "production")])).expect("valid");
        assert!(prod.production && prod.secure_cookies && prod.https);
        let local = Config::from_values(&values(&[("TUOYU_ENV", "production"), ("TUOYU_SECURE_COOKIES", "off")])).expect("valid");
        assert!(!local.secure_cookies && !local.https);
    }

    #[test]
    fn trusted_proxies_must_be_addresses() {
        let ok = Config::from_values(&values(&[("TUOYU_TRUSTED_PROXIES", "10.0.0.2, ::1")])).expect("valid");
        assert_eq!(ok.trusted_proxies.len(), 2);
        assert!(Config::from_values(&values(&[("TUOYU_TRUSTED_PROXIES", "proxy.local")])).is_err());
    }

    #[test]
    fn an_sms_provider_needs_all_its_settings() {
        assert_eq!(Config::from_values(&HashMap::new()).expect("valid").sms, None);
        let missing = Config::from_values(&values(&[("TUOYU_SMS_PROVIDER", "tencent")])).expect_err("incomplete");
        assert!(missing.to_string().contains("TUOYU_SMS_SECRET_ID"), "{missing}");
        let full = Config::from_values(&values(&[
            ("TUOYU_SMS_PROVIDER", "tencent"),
            ("TUOYU_SMS_SECRET_ID", "AKID1"),
            ("TUOYU_SMS_SECRET_KEY", "key"),
            ("TUOYU_SMS_SDK_APP_ID", "1400000000"),
            ("TUOYU_SMS_SIGN_NAME", "渝北托育"),
            ("TUOYU_SMS_TEMPLATE_ID", "100"),
            ("TUOYU_SMS_TEMPLATE_PARAMS", "code, minutes"),
        ]))
        .expect("valid");
        let sms = full.sms.expect("configured");
        assert_eq!(sms.timeout, std::time::Duration::from_secs(5), "5 s by default");
        assert_eq!(sms.template_params.len(), 2);
        assert!(Config::from_values(&values(&[("TUOYU_SMS_PROVIDER", "carrier-pigeon")])).is_err());
    }

    #[test]
    fn a_bad_address_names_the_variable() {
        let error = Config::from_values(&values(&[("TUOYU_ADDR", "nowhere")])).expect_err("invalid");
        assert!(error.to_string().contains("TUOYU_ADDR"));
    }

    #[test]
    fn the_file_format_skips_comments_and_unquotes_values() {
        let parsed = parse_file("# comment\nDATABASE_URL=\"postgres://x/y\"\n\nTUOYU_LOG = debug\n");
        assert_eq!(parsed.get("DATABASE_URL").map(String::as_str), Some("postgres://x/y"));
        assert_eq!(parsed.get("TUOYU_LOG").map(String::as_str), Some("debug"));
    }
}
