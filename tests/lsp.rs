//! `preflight lsp` spoken to over JSON-RPC, as an editor does: initialize, open, change,
//! hover, code action, completion, shutdown; exact ranges in UTF-16 and UTF-8 on a line with
//! non-ASCII text; no secret in anything the server sends.
#![cfg(feature = "lsp")]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Everything the server sent, for the secret check.
    seen: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_preflight"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("preflight lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            seen: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn next(&mut self) -> Value {
        let message = self
            .messages
            .recv_timeout(Duration::from_secs(20))
            .expect("the server answers within 20 s");
        self.seen.push(message.clone());
        message
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.next();
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{message}");
                return message["result"].clone();
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let message = self.next();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
            {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn initialize(&mut self, encodings: &[&str]) -> Value {
        let result = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": { "general": { "positionEncodings": encodings } } }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn shutdown(mut self) -> Vec<Value> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(
            status.success(),
            "the server exits 0 after shutdown and exit"
        );
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert_eq!(stderr, "", "the server logs nothing");
        self.seen
    }
}

const SECRET: &str = "Qx7vLq2XwR9tZp";

fn config() -> String {
    format!(
        "# preflight: schema=synctv profile=development\nserver: {{ \"näme😀\": 1, port: 70000 }}\njwt:\n  secret: {SECRET}\nwebauthn:\n  allowed_origins: [\"https://Example.COM:443/\"]\n"
    )
}

fn codes(diagnostics: &[Value]) -> Vec<(String, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn find<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics:#?}"))
}

fn temp_file(name: &str, text: &str) -> (tempdir::Dir, String) {
    let dir = tempdir::Dir::new();
    let path = dir.path.join(name);
    std::fs::write(&path, text).unwrap();
    let uri = format!("file://{}", path.display());
    (dir, uri)
}

mod tempdir {
    pub struct Dir {
        pub path: std::path::PathBuf,
    }
    impl Dir {
        pub fn new() -> Dir {
            let path = std::env::temp_dir().join(format!(
                "preflight-lsp-{}-{:?}",
                std::process::id(),
                std::thread::current().id()
            ));
            std::fs::create_dir_all(&path).unwrap();
            Dir { path }
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

#[test]
fn a_session_in_utf16() {
    let text = config();
    let (_dir, uri) = temp_file("synctv.yaml", &text);
    let mut client = Client::start();
    let init = client.initialize(&["utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        init["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental"
    );
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
    );
    let diagnostics = client.diagnostics(&uri);
    let port = find(&diagnostics, "port/out-of-range");
    // `server: { "näme😀": 1, port: ` is 29 UTF-16 units (ä is one, 😀 two).
    assert_eq!(
        port["range"],
        json!({ "start": { "line": 1, "character": 29 }, "end": { "line": 1, "character": 34 } })
    );
    assert_eq!(port["severity"], 1);
    assert_eq!(port["source"], "preflight");
    assert_eq!(
        port["codeDescription"]["href"],
        "https://github.com/preflight-config/preflight/blob/main/docs/codes.md#portout-of-range"
    );
    assert!(
        codes(&diagnostics).contains(&("secret/too-short".to_string(), 3)),
        "{diagnostics:#?}"
    );

    // Hover on the flagged value: the message, the help and the code's explanation.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 33 } }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.starts_with("**port/out-of-range** — port 70000 is out of range"),
        "{shown}"
    );
    assert!(
        shown.contains(
            preflight::codes::lookup("port/out-of-range")
                .unwrap()
                .explanation
        ),
        "{shown}"
    );
    // Hover on a key: the field's kind and rules.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 4 } }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.starts_with("**`/jwt/secret`** — kind `secret`"),
        "{shown}"
    );
    assert!(shown.contains("`secret/too-short`"), "{shown}");

    // The quick fix of the origin, quotes kept.
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 5, "character": 23 }, "end": { "line": 5, "character": 23 } }, "context": { "diagnostics": [] } }),
    );
    assert_eq!(actions.as_array().unwrap().len(), 1, "{actions:#}");
    assert_eq!(actions[0]["title"], "Replace with `https://example.com`");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(
        actions[0]["edit"]["changes"][&uri],
        json!([{ "range": { "start": { "line": 5, "character": 21 }, "end": { "line": 5, "character": 45 } }, "newText": "https://example.com" }])
    );

    // Completion of keys under `jwt:` on a new line being typed.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 1, "character": 29 }, "end": { "line": 1, "character": 34 } }, "text": "8080" },
            { "range": { "start": { "line": 4, "character": 0 }, "end": { "line": 4, "character": 0 } }, "text": "  \n" }
        ] }),
    );
    let after = client.diagnostics(&uri);
    assert!(
        !codes(&after).iter().any(|(c, _)| c == "port/out-of-range"),
        "{after:#?}"
    );
    let items = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 4, "character": 2 } }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"secret") && labels.contains(&"secret_file"),
        "{labels:?}"
    );
    assert!(!labels.contains(&"server"), "{labels:?}");

    let seen = client.shutdown();
    let all = serde_json::to_string(&seen).unwrap();
    for i in 0..=SECRET.len() - 6 {
        assert!(
            !all.contains(&SECRET[i..i + 6]),
            "a piece of the secret left the server"
        );
    }
}

#[test]
fn utf8_when_the_client_offers_it_and_no_schema_means_no_diagnostics() {
    let text = config();
    let (_dir, uri) = temp_file("synctv.yaml", &text);
    let mut client = Client::start();
    let init = client.initialize(&["utf-8", "utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
    );
    let diagnostics = client.diagnostics(&uri);
    // In bytes: ä is two, 😀 four.
    assert_eq!(
        find(&diagnostics, "port/out-of-range")["range"]["start"],
        json!({ "line": 1, "character": 32 })
    );
    // A missing required key goes on its parent's key line (`jwt:`), not nowhere.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text.replace("profile=development", "profile=production").replace(&format!("  secret: {SECRET}\n"), "  access_token_duration_hours: 2\n") }] }),
    );
    let diagnostics = client.diagnostics(&uri);
    let missing = diagnostics
        .iter()
        .find(|d| {
            d["code"] == "schema/missing-required"
                && d["message"].as_str().unwrap().contains("jwt.secret")
        })
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(missing["range"]["start"]["line"], 2);

    // Without a modeline or project file: no diagnostics, no noise.
    let (_plain_dir, plain) = temp_file("plain.yaml", "server:\n  port: 70000\n");
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": plain, "languageId": "yaml", "version": 1, "text": "server:\n  port: 70000\n" } }),
    );
    assert_eq!(client.diagnostics(&plain), Vec::<Value>::new());
    client.shutdown();
}

#[test]
fn the_project_file_assigns_schemas_and_an_open_schema_rechecks_its_users() {
    let dir = tempdir::Dir::new();
    let root = dir.path.join("repo");
    std::fs::create_dir_all(root.join("deploy")).unwrap();
    std::fs::write(
        root.join("preflight.toml"),
        "[[check]]\nfiles = [\"deploy/*.env\"]\nschema = \"app.yaml\"\n",
    )
    .unwrap();
    let schema = "schema: app\nformat: env\nfields:\n  PORT: { kind: port }\n";
    std::fs::write(root.join("app.yaml"), schema).unwrap();
    let env_uri = format!("file://{}", root.join("deploy/prod.env").display());
    let schema_uri = format!("file://{}", root.join("app.yaml").display());
    let mut client = Client::start();
    client.initialize(&[]);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": env_uri, "languageId": "dotenv", "version": 1, "text": "PORT=70000\nHOST=x\n" } }),
    );
    assert_eq!(
        codes(&client.diagnostics(&env_uri)),
        [
            ("port/out-of-range".to_string(), 0),
            ("schema/unknown-field".to_string(), 1)
        ]
    );
    // The schema is opened and edited (not saved): the env file is checked with the edit.
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": schema_uri, "languageId": "yaml", "version": 1, "text": schema } }),
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": schema_uri, "version": 2 }, "contentChanges": [{ "text": format!("{schema}  HOST: {{ kind: string }}\n") }] }),
    );
    loop {
        let diagnostics = client.diagnostics(&env_uri);
        if codes(&diagnostics) == [("port/out-of-range".to_string(), 0)] {
            break;
        }
    }
    client.shutdown();
}
