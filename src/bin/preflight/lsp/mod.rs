//! `preflight lsp`: a language server over standard input and output, on lsp-server and
//! lsp-types (rust-analyzer's). It holds the open documents and checks each with the same
//! `Checker` the CLI uses, with the schema the project file or a modeline names
//! (assign.rs). Diagnostics on open and on every change (incremental sync), hover, quick
//! fixes and key completion (features.rs), positions in UTF-16 or UTF-8 (text.rs).
//!
//! A secret never leaves the server: it logs nothing about documents, and every text it sends
//! comes from the report or the schema.

mod assign;
mod features;
mod text;

use std::collections::HashMap;
use std::error::Error;
use std::rc::Rc;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams,
    InitializeResult, PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use preflight::cli::{self, Host};
use preflight::{Checker, Format, Schema, Source};

use crate::machine::Machine;
use assign::{assign, Overlay};
use features::Checked;
use text::{Encoding, Text};

struct Doc {
    text: Text,
    version: i32,
    /// The file's absolute path (`None` for an unsaved buffer).
    path: Option<String>,
    checked: Option<Checked>,
}

struct Server {
    connection: Connection,
    encoding: Encoding,
    docs: HashMap<Url, Doc>,
    /// Compiled schemas by the name or absolute path that named them; cleared when an open
    /// schema or project file changes.
    schemas: HashMap<String, Rc<Schema>>,
}

pub fn run() -> Result<(), Box<dyn Error + Sync + Send>> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let offers_utf8 = params
        .capabilities
        .general
        .and_then(|g| g.position_encodings)
        .is_some_and(|list| list.contains(&PositionEncodingKind::UTF8));
    let (encoding, kind) = match offers_utf8 {
        true => (Encoding::Utf8, PositionEncodingKind::UTF8),
        false => (Encoding::Utf16, PositionEncodingKind::UTF16),
    };
    let result = InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(kind),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions::default()),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "preflight".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server {
        connection,
        encoding,
        docs: HashMap::new(),
        schemas: HashMap::new(),
    };
    server.main_loop()?;
    drop(server);
    io_threads.join()?;
    Ok(())
}

impl Server {
    fn main_loop(&mut self) -> Result<(), Box<dyn Error + Sync + Send>> {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    let response = self.answer(request);
                    self.connection.sender.send(Message::Response(response))?;
                }
                Message::Notification(notification) => self.notified(notification)?,
                Message::Response(_) => {}
            }
        }
        Ok(())
    }

    fn answer(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let result = match request.method.as_str() {
            HoverRequest::METHOD => self.parsed(request, |s, p: lsp_types::HoverParams| {
                let at = p.text_document_position_params;
                let doc = s.docs.get(&at.text_document.uri)?;
                features::hover(doc.checked.as_ref()?, &doc.text, at.position, s.encoding)
            }),
            CodeActionRequest::METHOD => {
                self.parsed(request, |s, p: lsp_types::CodeActionParams| {
                    let doc = s.docs.get(&p.text_document.uri)?;
                    let checked = doc.checked.as_ref()?;
                    Some(features::code_actions(
                        checked,
                        &doc.text,
                        &p.text_document.uri,
                        p.range,
                        s.encoding,
                    ))
                })
            }
            Completion::METHOD => self.parsed(request, |s, p: lsp_types::CompletionParams| {
                let at = p.text_document_position;
                let doc = s.docs.get(&at.text_document.uri)?;
                Some(features::completion(
                    doc.checked.as_ref()?,
                    &doc.text,
                    at.position,
                ))
            }),
            _ => Err(format!(
                "preflight lsp does not handle `{}`",
                request.method
            )),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => {
                Response::new_err(id, lsp_server::ErrorCode::MethodNotFound as i32, message)
            }
        }
    }

    /// Reads a request's params and answers with `f`'s result (`null` when it has none).
    fn parsed<P: serde::de::DeserializeOwned, R: serde::Serialize>(
        &self,
        request: Request,
        f: impl FnOnce(&Self, P) -> Option<R>,
    ) -> Result<serde_json::Value, String> {
        let params: P =
            serde_json::from_value(request.params).map_err(|e| format!("bad params: {e}"))?;
        serde_json::to_value(f(self, params)).map_err(|e| e.to_string())
    }

    fn notified(&mut self, notification: Notification) -> Result<(), Box<dyn Error + Sync + Send>> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let p: lsp_types::DidOpenTextDocumentParams =
                    serde_json::from_value(notification.params)?;
                let uri = p.text_document.uri;
                let path = uri
                    .to_file_path()
                    .ok()
                    .map(|p| p.to_string_lossy().into_owned());
                self.docs.insert(
                    uri.clone(),
                    Doc {
                        text: Text::new(p.text_document.text),
                        version: p.text_document.version,
                        path,
                        checked: None,
                    },
                );
                self.changed(&uri)?;
            }
            DidChangeTextDocument::METHOD => {
                let p: lsp_types::DidChangeTextDocumentParams =
                    serde_json::from_value(notification.params)?;
                let uri = p.text_document.uri;
                if let Some(doc) = self.docs.get_mut(&uri) {
                    let text = std::mem::replace(&mut doc.text, Text::new(String::new()));
                    doc.text = text.apply(p.content_changes, self.encoding);
                    doc.version = p.text_document.version;
                }
                self.changed(&uri)?;
            }
            DidSaveTextDocument::METHOD => {
                let p: lsp_types::DidSaveTextDocumentParams =
                    serde_json::from_value(notification.params)?;
                self.changed(&p.text_document.uri)?;
            }
            DidCloseTextDocument::METHOD => {
                let p: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(notification.params)?;
                if let Some(doc) = self.docs.remove(&p.text_document.uri) {
                    self.publish(p.text_document.uri, Vec::new(), Some(doc.version))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Re-checks `uri`; when it is a schema or project file another document uses, those too.
    fn changed(&mut self, uri: &Url) -> Result<(), Box<dyn Error + Sync + Send>> {
        let path = self.docs.get(uri).and_then(|d| d.path.clone());
        let shared = path
            .as_deref()
            .is_some_and(|p| p.ends_with(cli::PROJECT_FILE) || self.schemas.contains_key(p));
        if shared {
            self.schemas.clear();
            let all: Vec<Url> = self.docs.keys().cloned().collect();
            for other in all {
                self.check(&other)?;
            }
        } else {
            self.check(uri)?;
        }
        Ok(())
    }

    fn check(&mut self, uri: &Url) -> Result<(), Box<dyn Error + Sync + Send>> {
        let open: HashMap<&str, &str> = self
            .docs
            .values()
            .filter_map(|d| Some((d.path.as_deref()?, d.text.text.as_str())))
            .collect();
        let machine = Machine;
        let host = Overlay {
            machine: &machine,
            open: &open,
        };
        let Some(doc) = self.docs.get(uri) else {
            return Ok(());
        };
        let dir = doc
            .path
            .as_deref()
            .map(|p| {
                std::path::Path::new(p)
                    .parent()
                    .map_or("/".into(), |d| d.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| host.current_dir());
        let outcome =
            assign(&host, doc.path.as_deref(), &dir, doc.text.line(0)).and_then(|assigned| {
                let Some(assigned) = assigned else {
                    return Ok(None);
                };
                let spec = assigned.settings.schema.clone().unwrap_or_default();
                let schema = match self.schemas.get(&spec) {
                    Some(schema) => schema.clone(),
                    None => {
                        let schema = Rc::new(cli::load_schema(&spec, &host, &dir)?);
                        self.schemas.insert(spec, schema.clone());
                        schema
                    }
                };
                let format = assigned
                    .settings
                    .format
                    .or_else(|| doc.path.as_deref().and_then(Format::from_file_name))
                    .unwrap_or(schema.format());
                let report =
                    Checker::new(&schema, assigned.settings.options()).check(Source::Text {
                        text: &doc.text.text,
                        format: Some(format),
                    });
                Ok(Some(Checked {
                    report,
                    schema,
                    format,
                }))
            });
        let version = Some(doc.version);
        let (diagnostics, checked) = match outcome {
            Ok(Some(checked)) => (
                features::diagnostics(&checked, &doc.text, self.encoding),
                Some(checked),
            ),
            Ok(None) => (Vec::new(), None),
            Err(message) => (vec![features::problem(message)], None),
        };
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.checked = checked;
        }
        self.publish(uri.clone(), diagnostics, version)
    }

    fn publish(
        &self,
        uri: Url,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), Box<dyn Error + Sync + Send>> {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.connection
            .sender
            .send(Message::Notification(Notification::new(
                PublishDiagnostics::METHOD.to_string(),
                params,
            )))?;
        Ok(())
    }
}
