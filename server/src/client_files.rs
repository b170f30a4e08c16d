//! The built client files (`/pkg`) and which of them the service worker keeps on a device.
//!
//! With the client split by page group (`app/src/routes.rs`), `/pkg` holds the main module,
//! one split per group and chunks shared between groups; `__wasm_split_manifest.json` names,
//! for each group's split, the chunks it needs. Family devices keep every chunk a family page may
//! need (so those pages open offline) but not the chunks only staff pages use: families never
//! open them, and a phone on slow 4G should not download them.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// One file of `/pkg`: its name, size and modification time (nanoseconds since 1970).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientFile {
    pub name: String,
    pub len: u64,
    pub modified_ns: u128,
}

/// The split manifest cargo-leptos writes next to the chunks.
pub const SPLIT_MANIFEST: &str = "__wasm_split_manifest.json";

/// Every file of `pkg_dir`, sorted by name; none when the folder cannot be read.
pub fn list(pkg_dir: &Path) -> Vec<ClientFile> {
    let mut files: Vec<ClientFile> = std::fs::read_dir(pkg_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|entry| {
                    let meta = entry.metadata().ok().filter(|m| m.is_file())?;
                    let modified_ns = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
                    Some(ClientFile { name: entry.file_name().to_string_lossy().into_owned(), len: meta.len(), modified_ns })
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The files a family device keeps: all of `files` except the chunks only staff pages need,
/// according to the manifest in `pkg_dir` (without a readable manifest: all of them).
pub fn for_families(pkg_dir: &Path, files: &[ClientFile]) -> Vec<ClientFile> {
    let staff_only = std::fs::read_to_string(pkg_dir.join(SPLIT_MANIFEST))
        .ok()
        .and_then(|text| serde_json::from_str::<HashMap<String, Vec<String>>>(&text).ok())
        .map(|manifest| staff_only_chunks(&manifest))
        .unwrap_or_default();
    files
        .iter()
        .filter(|file| !file.name.strip_suffix(".wasm").is_some_and(|stem| staff_only.contains(stem)))
        .cloned()
        .collect()
}

/// Whether a split belongs to staff pages: their lazy function is `staff_pages`, and its split
/// `staff_pages_<hash>` (see `app::routes`).
fn is_staff_split(split: &str) -> bool {
    split.trim_start_matches('_').starts_with("staff_")
}

/// The chunk file stems that staff splits need and no other split does.
pub fn staff_only_chunks(manifest: &HashMap<String, Vec<String>>) -> BTreeSet<String> {
    let (staff, others): (Vec<_>, Vec<_>) = manifest.iter().partition(|(split, _)| is_staff_split(split));
    let needed_by_others: BTreeSet<&String> = others.iter().flat_map(|(_, chunks)| chunks.iter()).collect();
    staff
        .iter()
        .flat_map(|(_, chunks)| chunks.iter())
        .filter(|chunk| !needed_by_others.contains(chunk))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> HashMap<String, Vec<String>> {
        HashMap::from([
            ("finding_pages_1".to_string(), vec!["chunk_0".to_string(), "split_finding_pages_1".to_string()]),
            ("family_pages_2".to_string(), vec!["chunk_0".to_string(), "chunk_1".to_string(), "split_family_pages_2".to_string()]),
            ("staff_pages_3".to_string(), vec!["chunk_1".to_string(), "chunk_2".to_string(), "split_staff_pages_3".to_string()]),
            ("__staff_other_4".to_string(), vec!["chunk_2".to_string(), "split___staff_other_4".to_string()]),
        ])
    }

    #[test]
    fn staff_only_chunks_are_those_no_family_page_needs() {
        let only = staff_only_chunks(&manifest());
        assert_eq!(
            only.into_iter().collect::<Vec<_>>(),
            ["chunk_2", "split___staff_other_4", "split_staff_pages_3"]
        );
    }

    #[test]
    fn families_keep_everything_else() {
        let dir = std::env::temp_dir().join(format!("tuoyu-client-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("make a test folder");
        let manifest_json = serde_json::to_string(&manifest()).expect("manifest as JSON");
        std::fs::write(dir.join(SPLIT_MANIFEST), manifest_json).expect("write the manifest");
        for name in ["tuoyu.js", "tuoyu.wasm", "tuoyu.css", "chunk_0.wasm", "chunk_1.wasm", "chunk_2.wasm", "split_finding_pages_1.wasm", "split___staff_other_4.wasm"] {
            std::fs::write(dir.join(name), name).expect("write a client file");
        }
        let files = list(&dir);
        let kept: Vec<String> = for_families(&dir, &files).into_iter().map(|f| f.name).collect();
        std::fs::remove_dir_all(&dir).expect("remove the test folder");
        assert_eq!(kept, [SPLIT_MANIFEST, "chunk_0.wasm", "chunk_1.wasm", "split_finding_pages_1.wasm", "tuoyu.css", "tuoyu.js", "tuoyu.wasm"]);
    }

    #[test]
    fn without_a_manifest_every_file_is_kept() {
        let files = vec![ClientFile { name: "tuoyu.wasm".into(), len: 1, modified_ns: 1 }];
        assert_eq!(for_families(Path::new("/nonexistent"), &files), files);
    }
}
