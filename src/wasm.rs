//! The JavaScript surface: a thin layer that converts input, runs [`crate::annotate`] once,
//! converts offsets to UTF-16 code units and returns the document. No logic lives here.

use crate::{annotate_with_offsets, OffsetUnit};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Annotates `text` and returns the Document with UTF-16 offsets, so that
/// `text.slice(start, end)` is exact in JavaScript.
#[wasm_bindgen]
pub fn annotate(text: &str) -> Result<JsValue, JsError> {
    let document = annotate_with_offsets(text, OffsetUnit::Utf16);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    document.serialize(&serializer).map_err(|error| {
        JsError::new(&format!(
            "newsmark could not return the annotation: {error}"
        ))
    })
}

/// The version of the newsmark engine.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
