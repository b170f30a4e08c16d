//! "听": long text read aloud by the browser's own speech synthesis in Chinese (lessons, policies),
//! for grandparents and tired eyes. Shown only where the browser has it; nothing is sent anywhere.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

#[component]
pub fn ReadAloud(text: String) -> impl IntoView {
    let i18n = use_i18n();
    let available = RwSignal::new(false);
    let speaking = RwSignal::new(false);
    let text = StoredValue::new(text);
    Effect::new(move |_| available.set(speech::available()));
    on_cleanup(speech::stop);
    let toggle = move |_| {
        if speaking.get_untracked() {
            speech::stop();
            speaking.set(false);
        } else {
            speaking.set(speech::speak(&text.get_value(), move || speaking.set(false)));
        }
    };
    view! {
        <p class="read-aloud" hidden=move || !available.get()>
            <button type="button" class="button secondary" aria-pressed=move || speaking.get().to_string() on:click=toggle>
                {move || if speaking.get() { t!(i18n, common.stop_reading).into_any() } else { t!(i18n, common.read_aloud).into_any() }}
            </button>
        </p>
    }
}

/// Pieces short enough for every engine (some stop a long utterance after about 15 seconds):
/// sentences, joined up to about 120 characters.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn pieces(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for ch in text.chars() {
        current.push(ch);
        let sentence_end = matches!(ch, '。' | '！' | '？' | '；' | '\n');
        if (sentence_end && current.chars().count() >= 120) || ch == '\n' {
            let piece = current.trim().to_string();
            if !piece.is_empty() {
                pieces.push(piece);
            }
            current.clear();
        }
    }
    let rest = current.trim();
    if !rest.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

#[cfg(feature = "hydrate")]
mod speech {
    use wasm_bindgen::prelude::*;
    use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

    fn synthesis() -> Option<SpeechSynthesis> {
        let window = web_sys::window()?;
        js_sys::Reflect::has(&window, &JsValue::from_str("speechSynthesis")).ok().filter(|has| *has)?;
        window.speech_synthesis().ok()
    }

    pub fn available() -> bool {
        synthesis().is_some()
    }

    /// Queues the text in Chinese, a little slower than normal; `done` runs when the last
    /// piece ends. Whether speaking started.
    pub fn speak(text: &str, done: impl Fn() + 'static) -> bool {
        let Some(synthesis) = synthesis() else { return false };
        synthesis.cancel();
        let pieces = super::pieces(text);
        let count = pieces.len();
        let done = std::rc::Rc::new(done);
        for (at, piece) in pieces.into_iter().enumerate() {
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&piece) else { return false };
            utterance.set_lang("zh-CN");
            utterance.set_rate(0.9);
            if at + 1 == count {
                let done = done.clone();
                let on_end = Closure::<dyn Fn()>::new(move || done());
                utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
                utterance.set_onerror(Some(on_end.as_ref().unchecked_ref()));
                on_end.forget();
            }
            synthesis.speak(&utterance);
        }
        count > 0
    }

    pub fn stop() {
        if let Some(synthesis) = synthesis() {
            synthesis.cancel();
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod speech {
    pub fn available() -> bool {
        false
    }
    pub fn speak(_text: &str, _done: impl Fn() + 'static) -> bool {
        false
    }
    pub fn stop() {}
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn long_text_is_read_in_sentences_of_about_a_hundred_and_twenty_characters() {
        let sentence = format!("{}。", "字".repeat(50));
        let text = format!("标题。\n{}", sentence.repeat(5));
        let read = pieces(&text);
        assert_eq!(read[0], "标题。");
        assert!(read[1..].iter().all(|p| p.chars().count() <= 153), "{read:?}");
        assert_eq!(read.concat().chars().filter(|c| *c == '字').count(), 250);
    }
}
