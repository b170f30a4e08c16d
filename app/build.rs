//! Generates the `i18n` module from `locales/*.json` (leptos_i18n): typed keys, checked at
//! compile time, so a missing or misspelt translation is a build error, not a blank on screen.

use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    let config = Config::new("zh-CN")
        .and_then(|c| c.add_locale("en"))
        .map(|c| c.parse_options(ParseOptions::new().interpolate_display(true)))
        .unwrap_or_else(|e| panic!("i18n configuration: {e}"));
    let infos = TranslationsInfos::parse(config).unwrap_or_else(|e| panic!("cannot parse locales/: {e}"));
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    infos
        .generate_i18n_module(out_dir.join("i18n"))
        .unwrap_or_else(|e| panic!("cannot generate the i18n module: {e}"));
}
