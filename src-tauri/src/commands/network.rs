//! The influence network: profiles, dated stage and attitude changes, links, ties, committees, scientific
//! activity, the graph and its analysis, pinned positions, and exports (GraphML, PNG, SVG).

use avain_core::network::{
    ActivityInput, ChangeInput, Committee, CommitteeInput, Graph, InfluenceRoute, InfluenceWeights, LinkInput,
    NetworkProfile, NetworkScope, NetworkSummary, ProfileInput, Tie, TieInput,
};
use avain_core::types::Source;
use avain_core::ApiError;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{local_today, AppState};

#[tauri::command]
pub async fn network_profile(state: State<'_, AppState>, person_id: i64) -> Result<NetworkProfile, ApiError> {
    state.with(|s| s.network_profile(person_id, local_today()))
}

#[tauri::command]
pub async fn update_profile(
    state: State<'_, AppState>,
    person_id: i64,
    input: ProfileInput,
) -> Result<NetworkProfile, ApiError> {
    state.with(|s| s.update_profile(person_id, &input, local_today(), Source::User))
}

#[tauri::command]
pub async fn record_change(state: State<'_, AppState>, input: ChangeInput) -> Result<NetworkProfile, ApiError> {
    state.with(|s| s.record_change(&input, local_today(), Source::User))
}

#[tauri::command]
pub async fn delete_history_entry(state: State<'_, AppState>, id: i64) -> Result<NetworkProfile, ApiError> {
    state.with(|s| s.delete_history_entry(id, local_today(), Source::User))
}

#[tauri::command]
pub async fn add_link(state: State<'_, AppState>, input: LinkInput) -> Result<i64, ApiError> {
    state.with(|s| s.add_link(&input, Source::User))
}

#[tauri::command]
pub async fn update_link(state: State<'_, AppState>, id: i64, input: LinkInput) -> Result<(), ApiError> {
    state.with(|s| s.update_link(id, &input, Source::User))
}

#[tauri::command]
pub async fn delete_link(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_link(id, Source::User))
}

#[tauri::command]
pub async fn add_tie(state: State<'_, AppState>, input: TieInput) -> Result<i64, ApiError> {
    state.with(|s| s.add_tie(&input, Source::User))
}

#[tauri::command]
pub async fn delete_tie(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_tie(id, Source::User))
}

#[tauri::command]
pub async fn ties_to(
    state: State<'_, AppState>,
    account_id: Option<i64>,
    committee_id: Option<i64>,
) -> Result<Vec<Tie>, ApiError> {
    state.with(|s| s.ties_to(account_id, committee_id, local_today()))
}

#[tauri::command]
pub async fn list_committees(state: State<'_, AppState>) -> Result<Vec<Committee>, ApiError> {
    state.with(|s| s.committees())
}

#[tauri::command]
pub async fn create_committee(state: State<'_, AppState>, input: CommitteeInput) -> Result<Committee, ApiError> {
    state.with(|s| s.create_committee(&input, Source::User))
}

#[tauri::command]
pub async fn update_committee(
    state: State<'_, AppState>,
    id: i64,
    input: CommitteeInput,
) -> Result<Committee, ApiError> {
    state.with(|s| s.update_committee(id, &input, Source::User))
}

#[tauri::command]
pub async fn delete_committee(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_committee(id, Source::User))
}

#[tauri::command]
pub async fn add_activity(state: State<'_, AppState>, input: ActivityInput) -> Result<i64, ApiError> {
    state.with(|s| s.add_activity(&input, local_today(), Source::User))
}

#[tauri::command]
pub async fn delete_activity(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_activity(id, Source::User))
}

#[tauri::command]
pub async fn network_graph(state: State<'_, AppState>, scope: NetworkScope) -> Result<Graph, ApiError> {
    state.with(|s| s.network_graph(&scope, local_today()))
}

#[tauri::command]
pub async fn network_summary(state: State<'_, AppState>, scope: NetworkScope) -> Result<NetworkSummary, ApiError> {
    state.with(|s| s.network_summary(&scope, local_today()))
}

#[tauri::command]
pub async fn who_influences(
    state: State<'_, AppState>,
    scope: NetworkScope,
    limit: Option<usize>,
) -> Result<Vec<InfluenceRoute>, ApiError> {
    state.with(|s| s.who_influences(&scope, local_today(), limit.unwrap_or(25)))
}

#[tauri::command]
pub async fn save_influence_weights(
    state: State<'_, AppState>,
    weights: InfluenceWeights,
) -> Result<InfluenceWeights, ApiError> {
    state.with(|s| s.save_influence_weights(&weights))
}

#[tauri::command]
pub async fn pin_positions(state: State<'_, AppState>, pins: Vec<(i64, f64, f64)>) -> Result<(), ApiError> {
    state.with(|s| s.pin_positions(&pins))
}

#[tauri::command]
pub async fn unpin(state: State<'_, AppState>, ids: Vec<i64>) -> Result<(), ApiError> {
    state.with(|s| s.unpin(&ids))
}

/// Asks where to save the network as GraphML and writes it. `None` when the user cancelled.
#[tauri::command]
pub async fn export_graphml(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>, ApiError> {
    let dialog = super::in_documents(
        &app,
        app.dialog().file().set_title("Export the network").set_file_name("avain-network.graphml"),
    );
    let Some(path) = dialog.add_filter("GraphML", &["graphml"]).blocking_save_file().and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    state.with(|s| s.write_graphml(&path, local_today()))?;
    Ok(Some(path.display().to_string()))
}

/// Asks where to save a picture of the graph the window drew (`png`: base64 data, `svg`: the document) and writes
/// it. `None` when the user cancelled.
#[tauri::command]
pub async fn save_network_image(app: AppHandle, format: String, data: String) -> Result<Option<String>, ApiError> {
    let bytes = match format.as_str() {
        "png" => {
            use base64::Engine;
            let body = data.split_once(",").map_or(data.as_str(), |(_, b)| b);
            base64::engine::general_purpose::STANDARD.decode(body).map_err(|_| {
                ApiError::from(avain_core::Error::invalid("bad_image", "data", "The picture could not be read."))
            })?
        }
        "svg" => data.into_bytes(),
        _ => {
            return Err(avain_core::Error::invalid("bad_format", "format", "Save the picture as PNG or SVG.").into());
        }
    };
    let dialog = super::in_documents(
        &app,
        app.dialog().file().set_title("Save the network picture").set_file_name(format!("avain-network.{format}")),
    );
    let filter = if format == "png" { "PNG image" } else { "SVG image" };
    let Some(path) =
        dialog.add_filter(filter, &[format.as_str()]).blocking_save_file().and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    avain_core::export::write_atomically(&path, &bytes).map_err(ApiError::from)?;
    Ok(Some(path.display().to_string()))
}
