//! `ratecard lsp`: a language server for plan files, so an editor shows the checker's
//! diagnostics as you type, prices on hover, completion of names, go to definition,
//! formatting, rename (into the plan's golden tests), the outline, folding and quick fixes. A front end beside `cli`, `repl` and `serve`: it speaks LSP over stdio
//! and asks `check`, `syntax`, `format` and `app`.
//!
//! Frames are read by `frame.rs`, not by lsp-server's reader, which trusted the client's
//! `Content-Length` and ended the server on any bad frame: here a frame is capped, a bad one
//! is answered with a JSON-RPC error and the server reads on. Frames are read on a thread of
//! their own so the loop can see whether more messages wait: an edit is checked only once
//! the editor has stopped sending (or a request reads the document), so a burst of edits is
//! checked once, at its last version, and reads answer from that check (see `world.rs`).
//! Messages are handled one at a time, in order; lsp-server gives the message types.
//!
//! See docs/editors.md for VS Code, Neovim and Helix.

pub mod conversion;
pub mod frame;
mod golden;
mod handlers;
pub mod lexical;
pub mod query;
mod world;

use frame::Frame;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, FoldingRangeRequest, Formatting,
    GotoDefinition, HoverRequest, PrepareRenameRequest, Rename, Request as _,
};
use lsp_types::{
    CodeActionParams, CodeActionProviderCapability, CompletionParams, DocumentFormattingParams,
    DocumentSymbolParams, FoldingRangeParams, FoldingRangeProviderCapability, GotoDefinitionParams,
    HoverParams, HoverProviderCapability, OneOf, PublishDiagnosticsParams, RenameOptions,
    RenameParams, ServerCapabilities, TextDocumentPositionParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, Url,
};
use std::io::{BufRead, Write};
use world::World;

/// Serves one editor over stdin and stdout until it says `exit` or closes stdin.
pub fn run() -> Result<(), String> {
    // Not `stdin().lock()`: the reading thread needs a handle it can own.
    let stdin = std::io::BufReader::new(std::io::stdin());
    let stdout = std::io::stdout();
    serve(stdin, stdout.lock())
}

/// Where the server is in LSP's life cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for `initialize`.
    Starting,
    /// Answering.
    Running,
    /// `shutdown` answered; only `exit` is expected.
    ShuttingDown,
}

/// Messages to the editor, framed; after a failed write the editor is gone and nothing more
/// is written.
struct Out<W: Write> {
    w: W,
    gone: bool,
}

impl<W: Write> Out<W> {
    fn send(&mut self, msg: Message) {
        let Ok(body) = serde_json::to_vec(&msg) else {
            return;
        };
        self.frame(&body);
    }

    /// A JSON-RPC error with `id` (or `null` when the request's id is unknown).
    fn error(&mut self, id: Option<serde_json::Value>, code: i32, message: &str) {
        let body = serde_json::json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code, "message": message },
        });
        self.frame(body.to_string().as_bytes());
    }

    fn frame(&mut self, body: &[u8]) {
        if self.gone {
            return;
        }
        let written = write!(self.w, "Content-Length: {}\r\n\r\n", body.len())
            .and_then(|()| self.w.write_all(body))
            .and_then(|()| self.w.flush());
        self.gone = written.is_err();
    }
}

/// Serves one editor over `input` and `output` until it says `exit` or the input ends.
/// Frames that are not messages are answered with JSON-RPC errors (-32700, -32600) and the
/// server goes on; only a failure to read `input` ends it with an error.
pub fn serve(input: impl BufRead + Send + 'static, output: impl Write) -> Result<(), String> {
    // The reader runs ahead of the loop, so the loop knows when the editor has paused. It
    // is not joined: after `exit` it may still wait on an input the editor keeps open.
    let (frames_tx, frames) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = frame::Reader::new(input);
        loop {
            let next = reader.next_frame();
            let last = !matches!(next, Ok(Some(_)));
            if frames_tx.send(next).is_err() || last {
                break;
            }
        }
    });
    let mut out = Out {
        w: output,
        gone: false,
    };
    let mut world = World::default();
    let mut phase = Phase::Starting;
    while !out.gone {
        let next = match frames.try_recv() {
            Ok(next) => next,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => break,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                // Nothing waiting: the editor has paused, so check what it last sent.
                publish_pending(&mut out, &mut world);
                match frames.recv() {
                    Ok(next) => next,
                    Err(_) => break,
                }
            }
        };
        let frame = match next {
            Ok(Some(f)) => f,
            Ok(None) => {
                // The input ended: what the editor last sent still gets its diagnostics,
                // whether or not it paused before closing.
                publish_pending(&mut out, &mut world);
                break;
            }
            Err(e) => return Err(format!("cannot read from the editor: {e}")),
        };
        let msg = match frame {
            Frame::Invalid { id, code, message } => {
                out.error(id, code, &message);
                continue;
            }
            Frame::Message(m) => m,
        };
        match (msg, phase) {
            (Message::Request(req), Phase::Starting) if req.method == "initialize" => {
                out.send(Message::Response(Response::new_ok(
                    req.id,
                    serde_json::json!({ "capabilities": capabilities() }),
                )));
                phase = Phase::Running;
            }
            (Message::Request(req), Phase::Starting) => out.send(error(
                req.id,
                ErrorCode::ServerNotInitialized,
                "the editor must send `initialize` first".into(),
            )),
            (Message::Request(req), Phase::Running) if req.method == "shutdown" => {
                out.send(Message::Response(Response::new_ok(req.id, ())));
                phase = Phase::ShuttingDown;
            }
            (Message::Request(req), Phase::Running) if req.method == Completion::METHOD => {
                complete(&mut out, &mut world, req)
            }
            (Message::Request(req), Phase::Running) => {
                let response = answer(&mut world, req);
                out.send(Message::Response(response));
            }
            (Message::Request(req), Phase::ShuttingDown) => out.send(error(
                req.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down: only `exit` is expected".into(),
            )),
            (Message::Notification(n), _) if n.method == "exit" => break,
            (Message::Notification(n), Phase::Running) => notified(&mut out, &mut world, n),
            (Message::Notification(_) | Message::Response(_), _) => {}
        }
    }
    Ok(())
}

fn error(id: RequestId, code: ErrorCode, message: String) -> Message {
    Message::Response(Response::new_err(id, code as i32, message))
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp_types::CompletionOptions::default()),
        definition_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

fn answer(world: &mut World, req: Request) -> Response {
    let id = req.id.clone();
    let result = match req.method.as_str() {
        HoverRequest::METHOD => params::<HoverParams>(req)
            .map(|p| {
                let doc = p.text_document_position_params;
                world
                    .analyzed(&doc.text_document.uri)
                    .and_then(|(d, a)| handlers::hover::hover(&d.text, doc.position, a))
            })
            .and_then(json),
        GotoDefinition::METHOD => params::<GotoDefinitionParams>(req)
            .map(|p| {
                let doc = p.text_document_position_params;
                let uri = doc.text_document.uri;
                world.analyzed(&uri).and_then(|(d, a)| {
                    handlers::definition::definition(&uri, &d.text, doc.position, a)
                })
            })
            .and_then(json),
        Formatting::METHOD => params::<DocumentFormattingParams>(req).and_then(|p| {
            let uri = p.text_document.uri;
            let doc = world
                .get(&uri)
                .ok_or_else(|| (ErrorCode::InvalidParams, format!("{uri} is not open")))?;
            handlers::formatting::format(&doc.text)
                .map_err(|m| (ErrorCode::RequestFailed, m))
                .and_then(json)
        }),
        PrepareRenameRequest::METHOD => params::<TextDocumentPositionParams>(req).and_then(|p| {
            let (doc, a) = opened(world, &p.text_document.uri)?;
            handlers::rename::prepare(&doc.text, p.position, a)
                .map_err(|m| (ErrorCode::RequestFailed, m))
                .and_then(json)
        }),
        Rename::METHOD => params::<RenameParams>(req).and_then(|p| {
            let at = p.text_document_position;
            let uri = at.text_document.uri;
            let (doc, a) = opened(world, &uri)?;
            handlers::rename::rename(&uri, &doc.text, at.position, &p.new_name, a)
                .map_err(|m| (ErrorCode::RequestFailed, m))
                .and_then(json)
        }),
        DocumentSymbolRequest::METHOD => params::<DocumentSymbolParams>(req).and_then(|p| {
            let doc = world
                .get(&p.text_document.uri)
                .ok_or_else(|| not_open(&p.text_document.uri))?;
            json(handlers::symbols::symbols(&doc.text))
        }),
        FoldingRangeRequest::METHOD => params::<FoldingRangeParams>(req).and_then(|p| {
            let doc = world
                .get(&p.text_document.uri)
                .ok_or_else(|| not_open(&p.text_document.uri))?;
            json(handlers::folding::folding(&doc.text))
        }),
        CodeActionRequest::METHOD => params::<CodeActionParams>(req).and_then(|p| {
            let uri = p.text_document.uri;
            let doc = world.get(&uri).ok_or_else(|| not_open(&uri))?;
            json(handlers::actions::actions(
                &uri,
                &doc.text,
                &p.context.diagnostics,
            ))
        }),
        other => Err((
            ErrorCode::MethodNotFound,
            format!("ratecard lsp does not answer {other}"),
        )),
    };
    respond(id, result)
}

fn not_open(uri: &Url) -> (ErrorCode, String) {
    (ErrorCode::InvalidParams, format!("{uri} is not open"))
}

/// The open document at `uri` with its analysis, or the error that it is not open.
fn opened<'w>(
    world: &'w mut World,
    uri: &Url,
) -> Result<(&'w world::Document, &'w world::Analysis), (ErrorCode, String)> {
    world.analyzed(uri).ok_or_else(|| not_open(uri))
}

/// Answers a completion request with the list cached for the document's version, written
/// into the frame as it was serialised the first time.
fn complete(out: &mut Out<impl Write>, world: &mut World, req: Request) {
    let id = req.id.clone();
    let (uri, position) = match params::<CompletionParams>(req) {
        Ok(p) => (
            p.text_document_position.text_document.uri,
            p.text_document_position.position,
        ),
        Err((code, message)) => return out.send(error(id, code, message)),
    };
    let Ok(id_json) = serde_json::to_string(&id) else {
        return;
    };
    // Where the words before the cursor say what may follow, only that is offered.
    let in_context = world.get(&uri).and_then(|doc| {
        let text = doc.text.as_str();
        let offset = conversion::offset(text, position);
        handlers::context::complete(text, offset)
    });
    if let Some(items) = in_context {
        let result = serde_json::to_string(&items).unwrap_or_else(|_| "[]".into());
        let body = format!(r#"{{"jsonrpc":"2.0","id":{id_json},"result":{result}}}"#);
        return out.frame(body.as_bytes());
    }
    let result = match world.analyzed(&uri) {
        Some((_, a)) => a.completion_json.get_or_init(|| {
            serde_json::to_string(&handlers::completion::complete(a))
                .unwrap_or_else(|_| "[]".into())
        }),
        None => "[]",
    };
    let body = format!(r#"{{"jsonrpc":"2.0","id":{id_json},"result":{result}}}"#);
    out.frame(body.as_bytes());
}

fn respond(id: RequestId, result: Result<serde_json::Value, (ErrorCode, String)>) -> Response {
    match result {
        Ok(v) => Response::new_ok(id, v),
        Err((code, message)) => Response::new_err(id, code as i32, message),
    }
}

fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn json<T: serde::Serialize>(v: T) -> Result<serde_json::Value, (ErrorCode, String)> {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn notified(out: &mut Out<impl Write>, world: &mut World, n: Notification) {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            if let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
            {
                let d = p.text_document;
                // Checked once the editor pauses (see `serve`), not on every message.
                world.set(d.uri, d.text, d.version);
            }
        }
        DidChangeTextDocument::METHOD => {
            if let Ok(p) =
                serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
            {
                // Full sync: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    world.set(p.text_document.uri, change.text, p.text_document.version);
                }
            }
        }
        DidCloseTextDocument::METHOD => {
            if let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
            {
                let uri = p.text_document.uri;
                world.close(&uri);
                notify(out, uri, Vec::new(), None);
            }
        }
        _ => {}
    }
}

/// Sends the diagnostics of every document version not yet checked, checking each once.
fn publish_pending(out: &mut Out<impl Write>, world: &mut World) {
    world.publish_pending(|uri, version, analysis| {
        for (file, diagnostics) in &analysis.diagnostics {
            let version = (file == uri).then_some(version);
            notify(out, file.clone(), diagnostics.clone(), version);
        }
    });
}

fn notify(
    out: &mut Out<impl Write>,
    uri: Url,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    if let Ok(p) = serde_json::to_value(params) {
        out.send(Message::Notification(Notification::new(
            PublishDiagnostics::METHOD.into(),
            p,
        )));
    }
}
