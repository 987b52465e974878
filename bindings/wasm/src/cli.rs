//! `runCli(args, host)`: the Rust CLI (`preflight::cli::run`) for the npm package's bin. The
//! host is a JavaScript object whose methods do the IO with Node's `fs` (pkg-web/bin/preflight.js);
//! this file only converts between it and [`Host`].

use js_sys::{Array, Function, Reflect, Uint8Array};
use preflight::cli::{self, Contents, EntryKind, Host, HostError};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs the CLI with `args` (after the program name): `{ stdout, stderr, status }`.
#[wasm_bindgen(js_name = runCli)]
pub fn run_cli(args: Vec<String>, host: JsValue) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Outcome {
        stdout: String,
        stderr: String,
        status: u8,
    }
    let outcome = cli::run(&args, &JsHost(host));
    super::to_js(&Outcome {
        stdout: outcome.stdout,
        stderr: outcome.stderr,
        status: outcome.status,
    })
}

struct JsHost(JsValue);

impl JsHost {
    /// Calls the host's method `name`; a thrown error becomes a [`HostError`] by its `code`.
    fn call(&self, name: &str, args: &[JsValue]) -> Result<JsValue, HostError> {
        let method = Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()
            .and_then(|m| m.dyn_into::<Function>().ok())
            .ok_or_else(|| HostError::Other(format!("the host has no method `{name}`")))?;
        let list: Array = args.iter().collect();
        method.apply(&self.0, &list).map_err(host_error)
    }
}

fn host_error(thrown: JsValue) -> HostError {
    let field = |name: &str| {
        Reflect::get(&thrown, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    match field("code").as_deref() {
        Some("ENOENT") | Some("ENOTDIR") => HostError::NotFound,
        Some("EACCES") | Some("EPERM") => HostError::PermissionDenied,
        Some("EISDIR") => HostError::IsADirectory,
        _ => HostError::Other(field("message").unwrap_or_else(|| "unknown error".into())),
    }
}

fn kind_of(value: &JsValue) -> Option<EntryKind> {
    match value.as_string().as_deref() {
        Some("file") => Some(EntryKind::File),
        Some("dir") => Some(EntryKind::Dir),
        _ => None,
    }
}

impl Host for JsHost {
    fn current_dir(&self) -> String {
        self.call("cwd", &[])
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| "/".into())
    }

    /// The host returns the bytes (a `Uint8Array` of at most `max + 1`), or
    /// `{ tooLarge: size }`.
    fn read(&self, path: &str, max: usize) -> Result<Contents, HostError> {
        let value = self.call(
            "read",
            &[JsValue::from_str(path), JsValue::from_f64(max as f64)],
        )?;
        if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
            return Ok(if bytes.length() as usize > max {
                Contents::TooLarge(None)
            } else {
                Contents::Bytes(bytes.to_vec())
            });
        }
        let size = Reflect::get(&value, &JsValue::from_str("tooLarge"))
            .ok()
            .and_then(|v| v.as_f64());
        match size {
            Some(size) => Ok(Contents::TooLarge(Some(size as u64))),
            None => Err(HostError::Other(
                "the host's `read` returned no bytes".into(),
            )),
        }
    }

    fn kind(&self, path: &str) -> Option<EntryKind> {
        kind_of(&self.call("kind", &[JsValue::from_str(path)]).ok()?)
    }

    /// The host returns `[[name, 'file' | 'dir'], …]`.
    fn list_dir(&self, path: &str) -> Result<Vec<(String, EntryKind)>, HostError> {
        let value = self.call("listDir", &[JsValue::from_str(path)])?;
        let entries = value
            .dyn_into::<Array>()
            .map_err(|_| HostError::Other("the host's `listDir` returned no array".into()))?;
        Ok(entries
            .iter()
            .filter_map(|entry| {
                let pair = entry.dyn_into::<Array>().ok()?;
                Some((pair.get(0).as_string()?, kind_of(&pair.get(1))?))
            })
            .collect())
    }

    fn write(&self, path: &str, text: &str) -> Result<(), HostError> {
        self.call("write", &[JsValue::from_str(path), JsValue::from_str(text)])
            .map(|_| ())
    }

    fn env_var(&self, name: &str) -> Option<String> {
        self.call("env", &[JsValue::from_str(name)])
            .ok()?
            .as_string()
    }

    fn stdout_is_terminal(&self) -> bool {
        self.call("isTerminal", &[])
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }
}
