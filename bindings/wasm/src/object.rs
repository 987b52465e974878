//! A JavaScript value as a document tree, for `validateObject`: what `JSON.parse` can give,
//! plus `undefined` (as null) and BigInt (as an integer when it fits).

use preflight::{Node, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The core's nesting limit, as every front-end enforces it; a cyclic object stops here.
const MAX_DEPTH: usize = preflight::Limits::DEFAULT_MAX_DEPTH;

pub(crate) fn to_node(value: &JsValue) -> Result<Node, JsError> {
    let mut path = Vec::new();
    node(value, &mut path)
}

fn node(value: &JsValue, path: &mut Vec<String>) -> Result<Node, JsError> {
    if path.len() > MAX_DEPTH {
        return Err(JsError::new(&format!(
            "the object is nested deeper than {MAX_DEPTH} levels at `{}` (is it cyclic?)",
            preflight::pointer::join(path.iter().map(String::as_str))
        )));
    }
    let value = if value.is_null() || value.is_undefined() {
        Value::Null
    } else if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = value.as_f64() {
        number(n)
    } else if let Some(s) = value.as_string() {
        Value::String(s)
    } else if value.is_bigint() {
        let text: String = js_sys::BigInt::from(value.clone())
            .to_string(10)
            .map(String::from)
            .unwrap_or_default();
        match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::String(text),
        }
    } else if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        let mut items = Vec::with_capacity(array.length() as usize);
        for (i, item) in array.iter().enumerate() {
            path.push(i.to_string());
            items.push(node(&item, path)?);
            path.pop();
        }
        Value::Seq(items)
    } else if value.is_object() && !value.is_function() {
        let object: &js_sys::Object = value.unchecked_ref();
        let mut entries = preflight::document::Mapping::new();
        for pair in js_sys::Object::entries(object).iter() {
            let pair: js_sys::Array = pair.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            path.push(key.clone());
            let value = node(&pair.get(1), path)?;
            path.pop();
            entries.set(preflight::document::Entry {
                key,
                key_span: None,
                value,
            });
        }
        Value::Map(entries)
    } else {
        return Err(JsError::new(&format!(
            "`{}` holds a {}, which a config cannot; pass plain data",
            preflight::pointer::join(path.iter().map(String::as_str)),
            value.js_typeof().as_string().unwrap_or_default()
        )));
    };
    Ok(Node::new(value, None))
}

/// Integers stay integers (ports, counts); the rest are floats.
fn number(n: f64) -> Value {
    const SAFE: f64 = 9_007_199_254_740_991.0; // Number.MAX_SAFE_INTEGER
    if n.fract() == 0.0 && n.abs() <= SAFE {
        Value::Int(n as i64)
    } else {
        Value::Float(n)
    }
}
