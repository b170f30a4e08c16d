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
    /// `TUOYU_DEMO_SEED` and `TUOYU_DEMO_FACILITIES`: what the demo generator makes.
    pub demo_seed: u64,
    pub demo_facilities: usize,
}

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
        Ok(Config {
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
