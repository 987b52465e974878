//! WebAssembly bindings: thin conversion between JavaScript values and the preflight core.
//! No rule logic lives here. pkg-web/ wraps these exports for browsers (`index.js`) and Node
//! (`node.js`); pkg-web/index.d.ts declares their types.
//!
//! Here: what a checker's worker needs (`validate`, the Public Suffix List, `version`). The
//! rest of the package's API is in `api.rs`, built with the feature `api` (default); the
//! checker module (pkg-web/preflight_check_bg.wasm) is built without it.
//!
//! A bad config never throws: its problems are diagnostics in the report. Misuse does (an
//! unknown schema, invalid schema text, a bad option): a `JsError` with a clear message.

#![forbid(unsafe_code)]

#[cfg(feature = "api")]
mod api;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "api")]
mod object;
mod options;

use preflight::{relations, Checker, Document, Report, Source};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use options::JsOptions;

/// Checks config text against a schema and returns the report object of DESIGN.md.
#[wasm_bindgen]
pub fn validate(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let report = check_text(text, &JsOptions::read(options)?)?;
    to_js(&report)
}

/// The version of the preflight core.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn check_text(text: &str, options: &JsOptions) -> Result<Report, JsError> {
    if options.is_auto() {
        // Inferred from the text: env unless the options say otherwise (a `.env.production`
        // is the usual input of a build check).
        let format = options.format()?.unwrap_or(preflight::Format::Env);
        let document = Document::parse(text, format, &preflight::Limits::DEFAULT);
        let schema =
            preflight::Schema::auto(&document, "auto").map_err(|e| JsError::new(&e.to_string()))?;
        psl_ready(&schema)?;
        return Ok(Checker::new(&schema, options.run()?).check_document(&document));
    }
    let schema = options.schema()?;
    psl_ready(&schema)?;
    let checker = Checker::new(&schema, options.run()?);
    if let Some(select) = options.select() {
        return checker
            .check_object(text, select)
            .map_err(|e| JsError::new(&e));
    }
    let format = options.format()?;
    Ok(checker.check(Source::Text { text, format }))
}

/// A schema with a WebAuthn block needs the Public Suffix List. A module built without it (the
/// browsers') refuses such a check until the page has loaded the list, rather than skip rules.
fn psl_ready(schema: &preflight::Schema) -> Result<(), JsError> {
    if schema.needs_public_suffix_list() && !relations::is_public_suffix_list_loaded() {
        return Err(JsError::new(
            "this schema has a WebAuthn block, which needs the Public Suffix List: `await loadPublicSuffixList()` first (a checker from createChecker does it)",
        ));
    }
    Ok(())
}

/// Loads the Public Suffix List from its text (`public_suffix_list.dat`, shipped beside the
/// module) into a module built without it; returns whether a list is in place. Idempotent.
#[wasm_bindgen(js_name = loadPublicSuffixList)]
pub fn load_public_suffix_list(text: &str) -> bool {
    relations::load_public_suffix_list(text)
}

/// Lets the module load the Public Suffix List part by part (pkg-web/public_suffix_list/N.dat),
/// as checks need them: the worker of createChecker does. After a check,
/// `publicSuffixListPartNeeded` gives, one call each, the parts its host names needed and did
/// not have; with them loaded, the same check gives the whole list's results.
#[wasm_bindgen(js_name = startPublicSuffixListParts)]
pub fn start_public_suffix_list_parts() {
    relations::start_public_suffix_list_parts();
}

/// Loads one part of the list; returns whether it is in place.
#[wasm_bindgen(js_name = loadPublicSuffixListPart)]
pub fn load_public_suffix_list_part(text: &str) -> bool {
    relations::load_public_suffix_list_part(text)
}

/// A part of the list the checks since the last call needed and did not have, or `undefined`
/// when there is none left to give.
#[wasm_bindgen(js_name = publicSuffixListPartNeeded)]
pub fn public_suffix_list_part_needed() -> Option<u32> {
    relations::take_needed_public_suffix_list_part()
}

/// Whether the module has the Public Suffix List: built in (Node's module), or loaded.
#[wasm_bindgen(js_name = publicSuffixListLoaded)]
pub fn public_suffix_list_loaded() -> bool {
    relations::is_public_suffix_list_loaded()
}

/// Whether checking with these options needs the Public Suffix List (a WebAuthn block).
#[wasm_bindgen(js_name = needsPublicSuffixList)]
pub fn needs_public_suffix_list(options: JsValue) -> Result<bool, JsError> {
    let options = JsOptions::read(options)?;
    // An inferred schema depends on the text; one with a WebAuthn group needs the list.
    Ok(options.is_auto() || options.schema()?.needs_public_suffix_list())
}

/// Plain objects and arrays, numbers as numbers: what `JSON.parse` would give.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
