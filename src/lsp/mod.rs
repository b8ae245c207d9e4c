//! `ratecard lsp`: a language server for plan files, so an editor shows the checker's
//! diagnostics as you type, prices on hover, completion of names, go to definition and
//! formatting. A front end beside `cli`, `repl` and `serve`: it speaks LSP over stdio
//! (the synchronous `lsp-server` loop) and asks `check`, `syntax`, `format` and `app`.
//!
//! See docs/editors.md for VS Code, Neovim and Helix.

pub mod conversion;
mod handlers;
pub mod query;
mod world;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{Completion, Formatting, GotoDefinition, HoverRequest, Request as _};
use lsp_types::{
    CompletionParams, DocumentFormattingParams, GotoDefinitionParams, HoverParams,
    HoverProviderCapability, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, Url,
};
use world::World;

/// Serves one editor over stdin and stdout until it says `exit`.
pub fn run() -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp_types::CompletionOptions::default()),
        definition_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    let caps = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    connection
        .initialize(caps)
        .map_err(|e| format!("the editor did not initialize the server: {e}"))?;
    let served = serve(&connection);
    drop(connection);
    io.join()
        .map_err(|e| format!("the editor's connection failed: {e}"))?;
    served
}

fn serve(connection: &Connection) -> Result<(), String> {
    let mut world = World::default();
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(());
                }
                let response = answer(&world, req);
                send(connection, Message::Response(response));
            }
            Message::Notification(n) => notified(connection, &mut world, n),
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(connection: &Connection, msg: Message) {
    // A closed channel means the editor is gone; the loop ends on its own.
    let _ = connection.sender.send(msg);
}

fn answer(world: &World, req: Request) -> Response {
    let id = req.id.clone();
    let result = match req.method.as_str() {
        HoverRequest::METHOD => params::<HoverParams>(req)
            .map(|p| {
                let doc = p.text_document_position_params;
                let pos = doc.position;
                world.get(&doc.text_document.uri).and_then(|d| {
                    let checked = crate::check::check_source(
                        crate::diagnostic::SourceFile::new("plan", d.text.clone()),
                        world::hooks_dir(&doc.text_document.uri).as_deref(),
                    );
                    handlers::hover::hover(&d.text, pos, checked.plan.as_ref())
                })
            })
            .and_then(json),
        Completion::METHOD => params::<CompletionParams>(req)
            .map(|p| {
                let uri = p.text_document_position.text_document.uri;
                world
                    .get(&uri)
                    .map(|d| handlers::completion::complete(&d.text))
                    .unwrap_or_default()
            })
            .and_then(json),
        GotoDefinition::METHOD => params::<GotoDefinitionParams>(req)
            .map(|p| {
                let doc = p.text_document_position_params;
                let uri = doc.text_document.uri;
                world
                    .get(&uri)
                    .and_then(|d| handlers::definition::definition(&uri, &d.text, doc.position))
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
        other => Err((
            ErrorCode::MethodNotFound,
            format!("ratecard lsp does not answer {other}"),
        )),
    };
    respond(id, result)
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

fn notified(connection: &Connection, world: &mut World, n: Notification) {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            if let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
            {
                let d = p.text_document;
                world.set(d.uri.clone(), d.text, d.version);
                publish(connection, world, &d.uri);
            }
        }
        DidChangeTextDocument::METHOD => {
            if let Ok(p) =
                serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
            {
                // Full sync: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    let uri = p.text_document.uri;
                    world.set(uri.clone(), change.text, p.text_document.version);
                    publish(connection, world, &uri);
                }
            }
        }
        DidCloseTextDocument::METHOD => {
            if let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
            {
                let uri = p.text_document.uri;
                world.close(&uri);
                notify(connection, uri, Vec::new(), None);
            }
        }
        _ => {}
    }
}

fn publish(connection: &Connection, world: &World, uri: &Url) {
    let Some(doc) = world.get(uri) else { return };
    for (file, diagnostics) in handlers::diagnostics::check(uri, &doc.text) {
        let version = (file == *uri).then_some(doc.version);
        notify(connection, file, diagnostics, version);
    }
}

fn notify(
    connection: &Connection,
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
        send(
            connection,
            Message::Notification(Notification::new(PublishDiagnostics::METHOD.into(), p)),
        );
    }
}
