//! Commercial proposals: the editor's commands, sending and statuses, the PDF (saved or opened for printing), and
//! the block library.

use avain_core::proposals::{ItemInput, Proposal, ProposalInput, ProposalRow, SectionInput, TeamMemberInput};
use avain_core::store::{Block, BlockInput, ProposalPreview, ProposalStats};
use avain_core::types::{ProposalStatus, SectionKind, Source};
use avain_core::ApiError;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{local_today, AppState};

#[tauri::command]
pub async fn list_proposals(state: State<'_, AppState>) -> Result<Vec<ProposalRow>, ApiError> {
    state.with(|s| s.proposals(local_today()))
}

#[tauri::command]
pub async fn proposals_of(state: State<'_, AppState>, account_id: i64) -> Result<Vec<ProposalRow>, ApiError> {
    state.with(|s| s.proposals_of(account_id, local_today()))
}

#[tauri::command]
pub async fn proposal_stats(state: State<'_, AppState>) -> Result<ProposalStats, ApiError> {
    state.with(|s| s.proposal_stats(local_today()))
}

#[tauri::command]
pub async fn get_proposal(state: State<'_, AppState>, id: i64) -> Result<Proposal, ApiError> {
    state.with(|s| s.proposal(id, local_today()))
}

#[tauri::command]
pub async fn create_proposal(state: State<'_, AppState>, input: ProposalInput) -> Result<Proposal, ApiError> {
    state.with(|s| s.create_proposal(&input, local_today(), Source::User))
}

#[tauri::command]
pub async fn update_proposal(state: State<'_, AppState>, id: i64, input: ProposalInput) -> Result<Proposal, ApiError> {
    state.with(|s| s.update_proposal(id, &input, local_today(), Source::User))
}

#[tauri::command]
pub async fn delete_proposal(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_proposal(id, Source::User))
}

#[tauri::command]
pub async fn set_proposal_audience(
    state: State<'_, AppState>,
    id: i64,
    people: Vec<i64>,
) -> Result<Proposal, ApiError> {
    state.with(|s| s.set_audience(id, &people, local_today(), Source::User))
}

#[tauri::command]
pub async fn update_proposal_section(
    state: State<'_, AppState>,
    id: i64,
    input: SectionInput,
) -> Result<Proposal, ApiError> {
    state.with(|s| s.update_section(id, &input, local_today()))
}

#[tauri::command]
pub async fn add_proposal_section(
    state: State<'_, AppState>,
    proposal_id: i64,
    kind: SectionKind,
    block_id: Option<i64>,
) -> Result<Proposal, ApiError> {
    state.with(|s| s.add_section(proposal_id, kind, block_id, local_today()))
}

#[tauri::command]
pub async fn move_proposal_section(state: State<'_, AppState>, id: i64, step: i64) -> Result<Proposal, ApiError> {
    state.with(|s| s.move_section(id, step, local_today()))
}

#[tauri::command]
pub async fn delete_proposal_section(state: State<'_, AppState>, id: i64) -> Result<Proposal, ApiError> {
    state.with(|s| s.delete_section(id, local_today()))
}

#[tauri::command]
pub async fn add_proposal_item(
    state: State<'_, AppState>,
    proposal_id: i64,
    input: ItemInput,
) -> Result<Proposal, ApiError> {
    state.with(|s| s.add_item(proposal_id, &input, local_today()))
}

#[tauri::command]
pub async fn update_proposal_item(state: State<'_, AppState>, id: i64, input: ItemInput) -> Result<Proposal, ApiError> {
    state.with(|s| s.update_item(id, &input, local_today()))
}

#[tauri::command]
pub async fn delete_proposal_item(state: State<'_, AppState>, id: i64) -> Result<Proposal, ApiError> {
    state.with(|s| s.delete_item(id, local_today()))
}

#[tauri::command]
pub async fn add_team_member(
    state: State<'_, AppState>,
    proposal_id: i64,
    input: TeamMemberInput,
) -> Result<Proposal, ApiError> {
    state.with(|s| s.add_team_member(proposal_id, &input, local_today()))
}

#[tauri::command]
pub async fn update_team_member(
    state: State<'_, AppState>,
    id: i64,
    input: TeamMemberInput,
) -> Result<Proposal, ApiError> {
    state.with(|s| s.update_team_member(id, &input, local_today()))
}

#[tauri::command]
pub async fn delete_team_member(state: State<'_, AppState>, id: i64) -> Result<Proposal, ApiError> {
    state.with(|s| s.delete_team_member(id, local_today()))
}

#[tauri::command]
pub async fn proposal_preview(state: State<'_, AppState>, id: i64) -> Result<ProposalPreview, ApiError> {
    state.with(|s| s.proposal_preview(id, local_today()))
}

#[tauri::command]
pub async fn send_proposal(state: State<'_, AppState>, id: i64) -> Result<Proposal, ApiError> {
    state.with(|s| s.send_proposal(id, local_today(), Source::User))
}

#[tauri::command]
pub async fn set_proposal_status(
    state: State<'_, AppState>,
    id: i64,
    status: ProposalStatus,
    date: String,
) -> Result<Proposal, ApiError> {
    state.with(|s| {
        let date = avain_core::validate::date(&date, "date", "Date")?;
        s.set_proposal_status(id, status, date, local_today(), Source::User)
    })
}

#[tauri::command]
pub async fn new_proposal_version(state: State<'_, AppState>, id: i64) -> Result<Proposal, ApiError> {
    state.with(|s| s.new_proposal_version(id, local_today(), Source::User))
}

/// Saves the PDF where the user chooses: its path, or None when the dialog was cancelled. Checked before the
/// dialog opens, so a proposal that cannot print says why at once.
#[tauri::command]
pub async fn save_proposal_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<String>, ApiError> {
    let title = state.with(|s| {
        s.proposal_document(id, local_today())?;
        Ok(s.proposal(id, local_today())?.title)
    })?;
    let name: String =
        title.chars().map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { '_' }).collect();
    let dialog = super::in_documents(
        &app,
        app.dialog().file().set_title("Save the proposal as PDF").set_file_name(format!("{}.pdf", name.trim())),
    );
    let Some(path) = dialog.add_filter("PDF", &["pdf"]).blocking_save_file().and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    state.with(|s| crate::pdf::write_proposal_pdf(s, id, local_today(), &path))?;
    Ok(Some(path.display().to_string()))
}

/// Renders the PDF into the data folder's `print` folder and opens it in the system's PDF viewer, which prints.
#[tauri::command]
pub async fn print_proposal(state: State<'_, AppState>, id: i64) -> Result<String, ApiError> {
    let path = state.with(|s| {
        let dir = s.data_dir().join("print");
        std::fs::create_dir_all(&dir).map_err(|e| avain_core::Error::io(&dir, e))?;
        let path = dir.join(format!("proposal-{id}.pdf"));
        crate::pdf::write_proposal_pdf(s, id, local_today(), &path)?;
        Ok(path)
    })?;
    std::process::Command::new("xdg-open").arg(&path).spawn().map_err(|e| ApiError {
        code: "no_viewer".into(),
        message: format!("The PDF was written to {} but no PDF viewer could be opened: {e}", path.display()),
        field: None,
        details: None,
    })?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub async fn list_proposal_blocks(state: State<'_, AppState>) -> Result<Vec<Block>, ApiError> {
    state.with(|s| s.proposal_blocks())
}

#[tauri::command]
pub async fn save_proposal_block(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: BlockInput,
) -> Result<Block, ApiError> {
    state.with(|s| s.save_proposal_block(id, &input, Source::User))
}

#[tauri::command]
pub async fn delete_proposal_block(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_proposal_block(id, Source::User))
}
