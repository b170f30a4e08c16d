//! Generates the `i18n` module from `locales/*.json` (leptos_i18n): typed keys, checked at
//! compile time, so a missing or misspelt translation is a build error, not a blank on screen.

use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=locales");
    // sqlx::migrate! embeds these files: a new migration must rebuild the crate.
    println!("cargo::rerun-if-changed=migrations");
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
    embed_lessons(&out_dir);
    embed_policies(&out_dir);
}

/// Lists `content/policies/*.toml` as `(id, include_str!(…))` pairs in `$OUT_DIR/policy_files.rs`.
fn embed_policies(out_dir: &std::path::Path) {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join("../content/policies");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut code = String::from("/// Every policy file: its id (the file name) and its text.\npub static POLICY_FILES: &[(&str, &str)] = &[\n");
    for path in files {
        let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let absolute = path.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        code.push_str(&format!("    ({id:?}, include_str!({:?})),\n", absolute.display().to_string()));
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("policy_files.rs"), code).unwrap_or_else(|e| panic!("cannot write policy_files.rs: {e}"));
}

/// Lists `content/lessons/*.md` as `(id, include_str!(…))` pairs in `$OUT_DIR/lesson_files.rs`,
/// so the server carries its lessons (no files to deploy beside it) and reads them at start.
fn embed_lessons(out_dir: &std::path::Path) {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join("../content/lessons");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md") && path.file_name().is_some_and(|name| name != "README.md"))
        .collect();
    files.sort();
    let mut code = String::from("/// Every lesson file: its id (the file name) and its text.\npub static LESSON_FILES: &[(&str, &str)] = &[\n");
    for path in files {
        let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let absolute = path.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        code.push_str(&format!("    ({id:?}, include_str!({:?})),\n", absolute.display().to_string()));
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("lesson_files.rs"), code).unwrap_or_else(|e| panic!("cannot write lesson_files.rs: {e}"));
}
