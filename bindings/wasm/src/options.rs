//! The options object of `validate`: `{ format, schema | schemaText, profile, strict, allow }`.
//! Every mistake in it is the caller's, so it throws with a message naming the option.

use std::cell::RefCell;
use std::rc::Rc;

use preflight::{builtin, Format, Options, Profile, Schema};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Read by hand from the object (`JsOptions::read`): serde's derived reader would bring its
/// number formatting into the module for its error messages.
#[derive(Debug, Default)]
pub(crate) struct JsOptions {
    format: Option<String>,
    schema: Option<String>,
    schema_text: Option<String>,
    profile: Option<String>,
    strict: bool,
    /// Rule families to relax: `placeholders`, `dev-defaults`.
    allow: Vec<String>,
    /// A Kubernetes manifest's object to check: `kind/name[/container]`.
    select: Option<String>,
}

/// What the last call compiled, so an editor that validates on every keystroke compiles its
/// schema once. wasm runs on one thread; the cache holds one schema.
#[derive(PartialEq)]
enum SchemaKey {
    Builtin(String),
    Text(String),
}

/// The option names, as JavaScript writes them.
const KNOWN: [&str; 7] = [
    "select",
    "format",
    "schema",
    "schemaText",
    "profile",
    "strict",
    "allow",
];

thread_local! {
    static LAST: RefCell<Option<(SchemaKey, Rc<Schema>)>> = const { RefCell::new(None) };
}

impl JsOptions {
    pub(crate) fn read(value: JsValue) -> Result<JsOptions, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(JsOptions::default());
        }
        // A misspelt option must not be ignored silently.
        let Some(object) = value.dyn_ref::<js_sys::Object>() else {
            return Err(JsError::new(
                "invalid options: expected an object ({ schema | schemaText, profile, … })",
            ));
        };
        for key in js_sys::Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !KNOWN.contains(&key.as_str()) {
                return Err(JsError::new(&format!(
                    "invalid options: unknown field `{key}`, expected one of {}",
                    KNOWN.map(|k| format!("`{k}`")).join(", ")
                )));
            }
        }
        let string = |name: &str| match given(object, name) {
            None => Ok(None),
            Some(value) => value
                .as_string()
                .map(Some)
                .ok_or_else(|| expected(name, "a string")),
        };
        let strict = match given(object, "strict") {
            None => false,
            Some(value) => value
                .as_bool()
                .ok_or_else(|| expected("strict", "true or false"))?,
        };
        let allow = match given(object, "allow") {
            None => Vec::new(),
            Some(value) => value
                .dyn_ref::<js_sys::Array>()
                .and_then(|list| list.iter().map(|item| item.as_string()).collect())
                .ok_or_else(|| expected("allow", "an array of strings"))?,
        };
        Ok(JsOptions {
            format: string("format")?,
            schema: string("schema")?,
            schema_text: string("schemaText")?,
            profile: string("profile")?,
            strict,
            allow,
            select: string("select")?,
        })
    }

    /// The schema the options name, compiled (or the one compiled last time for them).
    pub(crate) fn schema(&self) -> Result<Rc<Schema>, JsError> {
        let key = match (&self.schema_text, &self.schema) {
            (Some(text), _) => SchemaKey::Text(text.clone()),
            (None, Some(name)) => SchemaKey::Builtin(name.clone()),
            (None, None) => {
                return Err(JsError::new(
                    "options need `schema` (a built-in name, see schemas()) or `schemaText`",
                ))
            }
        };
        if let Some(schema) = LAST.with(|last| {
            last.borrow()
                .as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, s)| Rc::clone(s))
        }) {
            return Ok(schema);
        }
        let compiled = match &key {
            SchemaKey::Text(text) => {
                Schema::from_source(text, None).map_err(|e| JsError::new(&e.to_string()))
            }
            SchemaKey::Builtin(name) => builtin::get(name).map_err(|e| not_built_in(name, e)),
        }?;
        let compiled = Rc::new(compiled);
        LAST.with(|last| *last.borrow_mut() = Some((key, Rc::clone(&compiled))));
        Ok(compiled)
    }

    /// `select`: the Kubernetes object whose config is checked.
    pub(crate) fn select(&self) -> Option<&str> {
        self.select.as_deref()
    }

    /// `schema: 'auto'`: the schema is inferred from the text itself.
    pub(crate) fn is_auto(&self) -> bool {
        self.schema_text.is_none() && self.schema.as_deref() == Some("auto")
    }

    /// The input format, when the options name one (else the schema's).
    pub(crate) fn format(&self) -> Result<Option<Format>, JsError> {
        self.format
            .as_deref()
            .map(|f| f.parse::<Format>().map_err(|e| JsError::new(&e)))
            .transpose()
    }

    /// The core's options.
    pub(crate) fn run(&self) -> Result<Options, JsError> {
        let profile = match &self.profile {
            Some(p) => p.parse::<Profile>().map_err(|e| JsError::new(&e))?,
            None => Profile::Production,
        };
        let mut options = Options {
            profile,
            strict: self.strict,
            ..Options::default()
        };
        for family in &self.allow {
            match family.as_str() {
                "placeholders" => options.allow_placeholders = true,
                "dev-defaults" => options.allow_dev_defaults = true,
                other => {
                    return Err(JsError::new(&format!(
                        "unknown `allow` entry `{other}` (expected placeholders or dev-defaults)"
                    )))
                }
            }
        }
        Ok(options)
    }
}

/// The option `name` of `object`, unless it is absent, `undefined` or `null`.
fn given(object: &js_sys::Object, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

fn expected(name: &str, what: &str) -> JsError {
    JsError::new(&format!("invalid options: `{name}` must be {what}"))
}

/// A name the module does not know; the browsers' module, built without `builtin-schemas`,
/// knows none (its pages import the schemas they use), so it says where the schema is.
fn not_built_in(name: &str, error: preflight::Error) -> JsError {
    match error {
        preflight::Error::UnknownSchema(_) if !cfg!(feature = "builtin-schemas") => {
            JsError::new(&format!(
                "unknown schema `{name}`: this module has no built-in schemas; import the schema \
             from 'preflight-wasm/schemas/{name}' and pass it as `schema`"
            ))
        }
        other => JsError::new(&other.to_string()),
    }
}
