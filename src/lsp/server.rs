//! The message loop: initialize, keep the open documents, publish their diagnostics (at once
//! on open, and after a change as soon as no other message is waiting, so that a burst of
//! keystrokes is linted once, at its end, and a pause at once), answer hovers, completions, document
//! symbols, folding ranges, definitions, references, renames and code actions, shut down.

use std::collections::{HashMap, HashSet};

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, FoldingRangeRequest, GotoDefinition,
    HoverRequest, References, Rename, Request as _,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CompletionOptions, CompletionParams, CompletionResponse, DocumentSymbolParams,
    DocumentSymbolResponse, FoldingRangeParams, FoldingRangeProviderCapability,
    GotoDefinitionParams, GotoDefinitionResponse, HoverParams, HoverProviderCapability, Location,
    OneOf, PublishDiagnosticsParams, ReferenceParams, RenameParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri, WorkspaceEdit,
};

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

use super::actions::code_actions;
use super::completion::complete;
use super::diagnostics::to_lsp;
use super::documents::{Document, folder, offset, word_at};
use super::hover::hover;
use super::libraries;
use super::navigate::{definition, references, rename};
use super::outline::{folding_ranges, symbols};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Runs the server over `connection` until `shutdown` and `exit` (or the connection closes).
pub fn serve(connection: &Connection) -> Result<(), Error> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".to_owned()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    };
    connection.initialize(serde_json::to_value(capabilities)?)?;
    Server::default().run(connection)
}

#[derive(Default)]
struct Server {
    documents: HashMap<Uri, Document>,
    /// Documents changed since their diagnostics were last published.
    pending: HashSet<Uri>,
    /// The diagnostics last published for each document, with their fixes.
    lints: HashMap<Uri, Vec<Diagnostic>>,
}

impl Server {
    fn run(mut self, connection: &Connection) -> Result<(), Error> {
        loop {
            // The changes that arrived together are all applied: lint now.
            if !self.pending.is_empty() && connection.receiver.is_empty() {
                self.publish_pending(connection)?;
            }
            let Ok(message) = connection.receiver.recv() else {
                return Ok(());
            };
            match message {
                Message::Request(req) => {
                    if connection.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    self.request(connection, req)?;
                }
                Message::Notification(n) => self.notification(connection, n)?,
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, connection: &Connection, req: Request) -> Result<(), Error> {
        let response = if req.method == CodeActionRequest::METHOD {
            let (id, params) = req.extract::<CodeActionParams>(CodeActionRequest::METHOD)?;
            let uri = &params.text_document.uri;
            // Fixes are only right for the text they were computed on.
            if self.pending.remove(uri) {
                self.publish(connection, uri)?;
            }
            let result = self.documents.get(uri).map(|d| {
                let lints = self.lints.get(uri).map_or(&[][..], Vec::as_slice);
                code_actions(uri, &d.text, lints, params.range)
            });
            Response::new_ok(id, result)
        } else if req.method == HoverRequest::METHOD {
            let (id, params) = req.extract::<HoverParams>(HoverRequest::METHOD)?;
            let doc = &params.text_document_position_params;
            let uri = &doc.text_document.uri;
            let result = self.documents.get(uri).and_then(|d| {
                hover(&d.text, doc.position, &[]).or_else(|| {
                    let project = libraries::project(uri)?;
                    hover(
                        &d.text,
                        doc.position,
                        &libraries::globals(&project, &d.text),
                    )
                })
            });
            Response::new_ok(id, result)
        } else if req.method == Completion::METHOD {
            let (id, params) = req.extract::<CompletionParams>(Completion::METHOD)?;
            let doc = &params.text_document_position;
            let result = self.documents.get(&doc.text_document.uri).map(|d| {
                let dir = folder(&doc.text_document.uri);
                CompletionResponse::Array(complete(&d.text, doc.position, dir.as_deref()))
            });
            Response::new_ok(id, result)
        } else if req.method == DocumentSymbolRequest::METHOD {
            let (id, params) =
                req.extract::<DocumentSymbolParams>(DocumentSymbolRequest::METHOD)?;
            let result = self
                .documents
                .get(&params.text_document.uri)
                .map(|d| DocumentSymbolResponse::Nested(symbols(&d.text)));
            Response::new_ok(id, result)
        } else if req.method == FoldingRangeRequest::METHOD {
            let (id, params) = req.extract::<FoldingRangeParams>(FoldingRangeRequest::METHOD)?;
            let result = self
                .documents
                .get(&params.text_document.uri)
                .map(|d| folding_ranges(&d.text));
            Response::new_ok(id, result)
        } else if req.method == GotoDefinition::METHOD {
            let (id, params) = req.extract::<GotoDefinitionParams>(GotoDefinition::METHOD)?;
            let doc = &params.text_document_position_params;
            let uri = &doc.text_document.uri;
            let result = self.documents.get(uri).map(|d| {
                let mut found: Vec<Location> = definition(&d.text, doc.position)
                    .into_iter()
                    .map(|r| Location::new(uri.clone(), r))
                    .collect();
                if found.is_empty() {
                    found.extend(library_definition(uri, &d.text, doc.position));
                }
                GotoDefinitionResponse::Array(found)
            });
            Response::new_ok(id, result)
        } else if req.method == References::METHOD {
            let (id, params) = req.extract::<ReferenceParams>(References::METHOD)?;
            let doc = &params.text_document_position;
            let uri = &doc.text_document.uri;
            let result = self.documents.get(uri).map(|d| {
                references(&d.text, doc.position, params.context.include_declaration)
                    .into_iter()
                    .map(|r| Location::new(uri.clone(), r))
                    .collect::<Vec<_>>()
            });
            Response::new_ok(id, result)
        } else if req.method == Rename::METHOD {
            let (id, params) = req.extract::<RenameParams>(Rename::METHOD)?;
            let doc = &params.text_document_position;
            let uri = &doc.text_document.uri;
            match self
                .documents
                .get(uri)
                .map(|d| rename(&d.text, doc.position, &params.new_name))
            {
                Some(Ok(edits)) => Response::new_ok(
                    id,
                    WorkspaceEdit::new(std::iter::once((uri.clone(), edits)).collect()),
                ),
                Some(Err(message)) => {
                    Response::new_err(id, lsp_server::ErrorCode::InvalidRequest as i32, message)
                }
                None => Response::new_ok(id, serde_json::Value::Null),
            }
        } else {
            Response::new_err(
                req.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("jfrun lsp does not handle {}", req.method),
            )
        };
        connection.sender.send(response.into())?;
        Ok(())
    }

    fn notification(&mut self, connection: &Connection, n: Notification) -> Result<(), Error> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: lsp_types::DidOpenTextDocumentParams =
                    serde_json::from_value(n.params)?;
                let doc = params.text_document;
                self.documents.insert(
                    doc.uri.clone(),
                    Document {
                        version: doc.version,
                        text: doc.text,
                    },
                );
                self.pending.remove(&doc.uri);
                self.publish(connection, &doc.uri)?;
            }
            DidChangeTextDocument::METHOD => {
                let params: lsp_types::DidChangeTextDocumentParams =
                    serde_json::from_value(n.params)?;
                let uri = params.text_document.uri;
                if let Some(doc) = self.documents.get_mut(&uri) {
                    doc.apply(params.text_document.version, params.content_changes);
                    self.pending.insert(uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(n.params)?;
                let uri = params.text_document.uri;
                self.documents.remove(&uri);
                self.pending.remove(&uri);
                self.lints.remove(&uri);
                send(connection, uri, Vec::new(), None)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn publish_pending(&mut self, connection: &Connection) -> Result<(), Error> {
        for uri in std::mem::take(&mut self.pending) {
            self.publish(connection, &uri)?;
        }
        Ok(())
    }

    /// Lints the document as `jfrun lint` would and publishes the result.
    fn publish(&mut self, connection: &Connection, uri: &Uri) -> Result<(), Error> {
        let Some(doc) = self.documents.get(uri) else {
            return Ok(());
        };
        let source = SourceFile::new(uri.as_str(), doc.text.as_str());
        let lints = match libraries::project(uri) {
            Some(p) => crate::lint::check_with_libraries(&source, &p.libraries, &p.root),
            None => crate::lint::check(&source),
        };
        let diagnostics = lints.iter().map(|d| to_lsp(uri, &doc.text, d)).collect();
        send(connection, uri.clone(), diagnostics, Some(doc.version))?;
        self.lints.insert(uri.clone(), lints);
        Ok(())
    }
}

/// The script of the shared library's global variable named at `at`, if the word there is one.
fn library_definition(uri: &Uri, text: &str, at: lsp_types::Position) -> Option<Location> {
    let (start, end) = word_at(text, offset(text, at))?;
    let project = libraries::project(uri)?;
    let global = libraries::globals(&project, text)
        .into_iter()
        .find(|g| g.name == text[start..end])?;
    Some(Location::new(
        libraries::file_uri(&global.path)?,
        lsp_types::Range::default(),
    ))
}

fn send(
    connection: &Connection,
    uri: Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) -> Result<(), Error> {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    connection
        .sender
        .send(Notification::new(PublishDiagnostics::METHOD.to_owned(), params).into())?;
    Ok(())
}
