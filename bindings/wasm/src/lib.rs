//! WebAssembly bindings: thin conversion between JavaScript values and the preflight core.
//! No rule logic lives here. pkg-web/ wraps these exports for browsers (`index.js`) and Node
//! (`node.js`); pkg-web/index.d.ts declares their types.
//!
//! A bad config never throws: its problems are diagnostics in the report. Misuse does (an
//! unknown schema, invalid schema text, a bad option): a `JsError` with a clear message.

#![forbid(unsafe_code)]

#[cfg(feature = "cli")]
mod cli;
mod object;
mod options;

use preflight::{builtin, codes, relations, render, Checker, Document, Report, Source};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use options::JsOptions;

/// Checks config text against a schema and returns the report object of DESIGN.md.
#[wasm_bindgen]
pub fn validate(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let report = check_text(text, &JsOptions::read(options)?)?;
    to_js(&report)
}

/// Checks a value the caller holds (a form's state, `process.env`): a plain object of
/// strings, numbers, booleans, null, arrays and objects. Reports carry exact pointers and no
/// spans. `process.env` (or `format: 'env'`) is checked like an env file.
#[wasm_bindgen(js_name = validateObject)]
pub fn validate_object(value: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let report = check_object(&value, &JsOptions::read(options)?)?;
    to_js(&report)
}

/// Checks text or an object once and renders the report: `{ report, text }`, where `text` is
/// `human` (the Rust CLI's text, secrets masked in code frames; an object's findings are named
/// by pointer) or `github` (workflow annotations), naming the input `file` in every line.
/// `formatReport`, `assertValid` and the bin are built on it.
#[wasm_bindgen(js_name = checkAndFormat)]
pub fn check_and_format(
    input: JsValue,
    options: JsValue,
    output: &str,
    file: &str,
) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Formatted<'r> {
        report: &'r Report,
        text: String,
    }
    let options = JsOptions::read(options)?;
    let (report, source) = match input.as_string() {
        Some(text) => (check_text(&text, &options)?, text),
        None => (check_object(&input, &options)?, String::new()),
    };
    let text = match output {
        "human" => render::human(file, &source, &report, render::Style { color: false }),
        "github" => render::github(file, &report),
        other => {
            return Err(JsError::new(&format!(
            "unknown output `{other}` (expected human or github; JSON is `validate`'s own result)"
        )))
        }
    };
    to_js(&Formatted {
        report: &report,
        text,
    })
}

/// The built-in schemas: `[{ name, title, format }]`, as `preflight schemas` lists them, with
/// the format each reads by default (`yaml`, `json`, `env`).
#[wasm_bindgen]
pub fn schemas() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Entry {
        name: &'static str,
        title: String,
        format: &'static str,
    }
    let list: Vec<Entry> = builtin::entries()
        .into_iter()
        .map(|entry| Entry {
            name: entry.name,
            title: entry.title,
            format: entry.format.as_str(),
        })
        .collect();
    to_js(&list)
}

/// A built-in schema as standalone JSON text (its `extends` base merged in), or `undefined`:
/// what `preflight-wasm/schemas/NAME` holds for the browsers' module, which has none built in.
#[wasm_bindgen(js_name = standaloneSchema)]
pub fn standalone_schema(name: &str) -> Option<String> {
    builtin::standalone(name)
}

/// The registry entry of a diagnostic code, or `undefined` for a code that does not exist:
/// `{ code, summary, explanation, production, development, text }`, where `text` is what
/// `preflight explain CODE` prints (both empty in a module built without `explanations`).
#[wasm_bindgen]
pub fn explain(code: &str) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Explained {
        code: &'static str,
        summary: &'static str,
        explanation: &'static str,
        production: &'static str,
        development: &'static str,
        text: String,
    }
    let Some(info) = preflight::explain(code) else {
        return Ok(JsValue::UNDEFINED);
    };
    // The browsers' module has no explanations (pkg-web fills them in once loaded).
    let text = match info.explanation {
        "" => String::new(),
        _ => render::explain(info),
    };
    to_js(&Explained {
        code: info.code,
        summary: info.summary,
        explanation: info.explanation,
        production: info.production.as_str(),
        development: info.development.as_str(),
        text,
    })
}

/// The JSON Schema (draft 2020-12) of a schema, for an editor's key completion: a built-in
/// name, or `{ schema }` / `{ schemaText }` as `validate` takes them.
#[wasm_bindgen(js_name = exportJsonSchema)]
pub fn export_json_schema(schema: JsValue) -> Result<JsValue, JsError> {
    let options = match schema.as_string() {
        Some(name) => {
            let object = js_sys::Object::new();
            js_sys::Reflect::set(&object, &"schema".into(), &JsValue::from_str(&name))
                .map_err(|_| JsError::new("cannot build the options"))?;
            JsOptions::read(object.into())?
        }
        None => JsOptions::read(schema)?,
    };
    to_js(&preflight::schema::json_schema(&*options.schema()?))
}

/// Every diagnostic code in the registry.
#[wasm_bindgen]
pub fn codes() -> Result<JsValue, JsError> {
    let all: Vec<&'static str> = codes::ALL.iter().map(|c| c.code).collect();
    to_js(&all)
}

/// The format a file name implies (`yaml`, `json`, `env`), or `undefined`: `.yaml`/`.yml`,
/// `.json`, `.env`, `x.env`, `.env.*`, as the CLI guesses it.
#[wasm_bindgen(js_name = formatFromFileName)]
pub fn format_from_file_name(name: &str) -> Option<String> {
    preflight::Format::from_file_name(name).map(|f| f.as_str().to_string())
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

fn check_object(value: &JsValue, options: &JsOptions) -> Result<Report, JsError> {
    let schema = options.schema()?;
    psl_ready(&schema)?;
    // An object checked with an env schema is read as an env file by the core itself.
    let mut document = Document::from_node(object::to_node(value)?);
    if let Some(format) = options.format()? {
        document = document.with_format(format);
    }
    Ok(Checker::new(&schema, options.run()?).check_document(&document))
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
