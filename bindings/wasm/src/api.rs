//! The package's API beyond `validate` (feature `api`): objects, rendered reports, the
//! built-in schemas, the registry, JSON Schema export. A checker's worker needs none of it, so
//! the checker module leaves it out.

use preflight::{builtin, codes, render, Checker, Document, Report};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::options::JsOptions;
use crate::{check_text, object, psl_ready, to_js};

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
