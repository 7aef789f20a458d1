//! The Today briefing and Ctrl+K search.

use avain_core::search::SearchHit;
use avain_core::today::Today;
use avain_core::ApiError;
use tauri::State;

use super::{local_today, AppState};

#[tauri::command]
pub async fn today(state: State<'_, AppState>) -> Result<Today, ApiError> {
    state.with(|s| s.today(local_today()))
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String) -> Result<Vec<SearchHit>, ApiError> {
    state.with(|s| s.search(&query, 30))
}
