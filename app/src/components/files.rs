//! Reading files a person chose in the browser, as base64 for a JSON request (complaint photos,
//! filing documents). The server checks what they are by their content.

/// A chosen file: its name as the device gives it, and its bytes in base64.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenFile {
    pub name: String,
    pub content: String,
}

/// The files chosen in `input`, at most `max` of them (the server refuses more anyway).
pub async fn read_base64(input: Option<leptos::web_sys::HtmlInputElement>, max: usize) -> Vec<ChosenFile> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen_futures::JsFuture;
        let Some(files) = input.and_then(|i| i.files()) else { return Vec::new() };
        let mut out = Vec::new();
        for index in 0..files.length().min(max as u32) {
            let Some(file) = files.get(index) else { continue };
            if let Ok(buffer) = JsFuture::from(file.array_buffer()).await {
                out.push(ChosenFile { name: file.name(), content: base64(&js_sys::Uint8Array::new(&buffer).to_vec()) });
            }
        }
        out
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (input, max);
        Vec::new()
    }
}

/// Standard base64 with padding (RFC 4648).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16) | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8) | u32::from(*chunk.get(2).unwrap_or(&0));
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            out.push(if i <= chunk.len() { TABLE[((n >> shift) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            assert_eq!(super::base64(plain.as_bytes()), encoded);
        }
    }
}
