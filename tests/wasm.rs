//! The JavaScript export, run as WebAssembly under node by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn field(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(name)).expect("field exists")
}

fn number(value: &JsValue, name: &str) -> u32 {
    field(value, name).as_f64().expect("a number") as u32
}

/// Every token's `text.slice(start, end)` in JavaScript (UTF-16 code units).
fn token_texts(text: &str) -> Vec<String> {
    let document = newsmark::wasm::annotate(text).expect("annotates");
    let js_text = JsString::from(text);
    Array::from(&field(&document, "tokens"))
        .iter()
        .map(|token| String::from(js_text.slice(number(&token, "start"), number(&token, "end"))))
        .collect()
}

#[wasm_bindgen_test]
fn offsets_are_utf16_code_units_with_emoji() {
    assert_eq!(
        token_texts("I 😀 you 👩‍👩‍👧 Zoë"),
        ["I", "😀", "you", "👩‍👩‍👧", "Zoë"]
    );
}

#[wasm_bindgen_test]
fn offsets_are_utf16_code_units_with_cjk_and_combining_marks() {
    let texts = token_texts("東京 says e\u{301}te\u{301} 𝒳 ok");
    assert!(texts.contains(&"says".to_string()), "{texts:?}");
    assert!(
        texts.contains(&"e\u{301}te\u{301}".to_string()),
        "{texts:?}"
    );
    assert_eq!(texts.last().map(String::as_str), Some("ok"));
}

#[wasm_bindgen_test]
fn document_has_every_field_and_the_version_is_exported() {
    let document = newsmark::wasm::annotate("Kirby said so.").expect("annotates");
    for name in [
        "text",
        "tokens",
        "sentences",
        "paragraphs",
        "entities",
        "clusters",
        "quotes",
    ] {
        assert!(!field(&document, name).is_undefined(), "missing {name}");
    }
    assert_eq!(newsmark::wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn packed_tokens_are_the_documents_tokens_in_utf16() {
    let text = "I 😀 you, Zoë said.";
    let document = newsmark::wasm::annotate(text).expect("annotates");
    let tokens: Vec<[u32; 2]> = Array::from(&field(&document, "tokens"))
        .iter()
        .map(|token| [number(&token, "start"), number(&token, "end")])
        .collect();
    // The packed layout (src/wasm.rs) begins with the token count, then (start, end, kind).
    let packed = newsmark::wasm::annotate_packed(text);
    assert_eq!(packed.first().copied(), Some(tokens.len() as u32));
    let packed_tokens: Vec<[u32; 2]> = packed[1..1 + 3 * tokens.len()]
        .chunks(3)
        .map(|triple| [triple[0], triple[1]])
        .collect();
    assert_eq!(packed_tokens, tokens);
    assert_eq!(tokens[1], [2, 4], "the emoji is two UTF-16 code units");
}
