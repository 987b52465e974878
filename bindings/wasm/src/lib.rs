//! WebAssembly bindings: thin conversion between JavaScript values and the preflight core.
//! No rule logic lives here.

#![forbid(unsafe_code)]

use preflight::{builtin, check, Format, Options, Profile, Schema, Source};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// What `validate` takes as its second argument.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct JsOptions {
    format: Option<String>,
    schema: Option<String>,
    schema_text: Option<String>,
    profile: Option<String>,
    strict: bool,
}

fn schema_of(options: &JsOptions) -> Result<Schema, JsError> {
    match (&options.schema_text, &options.schema) {
        (Some(text), _) => {
            let trimmed = text.trim_start();
            let parsed = if trimmed.starts_with('{') {
                Schema::from_json(text)
            } else {
                Schema::from_yaml(text)
            };
            parsed.map_err(|e| JsError::new(&e.to_string()))
        }
        (None, Some(name)) => builtin::get(name).map_err(|e| JsError::new(&e.to_string())),
        (None, None) => Err(JsError::new(
            "options need `schema` (a built-in name) or `schemaText`",
        )),
    }
}

/// Checks config text against a schema and returns the report object of DESIGN.md.
/// A bad config never throws; a bad schema or option does.
#[wasm_bindgen]
pub fn validate(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsError::new(&format!("invalid options: {e}")))?
    };
    let schema = schema_of(&options)?;
    let format = match &options.format {
        Some(f) => Some(f.parse::<Format>().map_err(|e| JsError::new(&e))?),
        None => None,
    };
    let profile = match &options.profile {
        Some(p) => p.parse::<Profile>().map_err(|e| JsError::new(&e))?,
        None => Profile::Production,
    };
    let run = Options {
        profile,
        strict: options.strict,
        ..Options::default()
    };
    let report = check(&schema, Source::Text { text, format }, &run);
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
