//! Code actions: the quick fixes the lints attach to their diagnostics
//! ([`crate::diagnostic::Fix`]), offered for the diagnostics under the cursor or the selection.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostic::Diagnostic;

use super::diagnostics::to_lsp;
use super::documents::{offset, position};

/// The quick fixes of the `diagnostics` of `text` (the document `uri`) whose span meets
/// `range`; the first fix of each diagnostic is the preferred one.
#[must_use]
pub fn code_actions(
    uri: &Uri,
    text: &str,
    diagnostics: &[Diagnostic],
    range: Range,
) -> Vec<CodeActionOrCommand> {
    let (start, end) = (offset(text, range.start), offset(text, range.end));
    let mut actions = Vec::new();
    for d in diagnostics {
        let (d_start, d_end) = (d.span.start as usize, d.span.end as usize);
        if d_start > end || d_end < start {
            continue;
        }
        for (i, fix) in d.fixes.iter().enumerate() {
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: Range::new(
                        position(text, e.span.start as usize),
                        position(text, e.span.end as usize),
                    ),
                    new_text: e.text.clone(),
                })
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(uri, text, d)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(i == 0),
                ..CodeAction::default()
            }));
        }
    }
    actions
}
