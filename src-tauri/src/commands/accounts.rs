//! Accounts: the list, the dossier, and saving.

use avain_core::accounts::{Account, AccountDossier, AccountFacets, AccountFilter, AccountInput, AccountRow};
use avain_core::types::Source;
use avain_core::ApiError;
use tauri::State;

use super::AppState;

#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>, filter: AccountFilter) -> Result<Vec<AccountRow>, ApiError> {
    state.with(|s| s.list_accounts(&filter))
}

#[tauri::command]
pub async fn account_facets(state: State<'_, AppState>) -> Result<AccountFacets, ApiError> {
    state.with(|s| s.account_facets())
}

#[tauri::command]
pub async fn get_account(state: State<'_, AppState>, id: i64) -> Result<Account, ApiError> {
    state.with(|s| s.account(id))
}

#[tauri::command]
pub async fn account_dossier(state: State<'_, AppState>, id: i64) -> Result<AccountDossier, ApiError> {
    state.with(|s| s.account_dossier(id))
}

#[tauri::command]
pub async fn create_account(state: State<'_, AppState>, input: AccountInput) -> Result<Account, ApiError> {
    state.with(|s| s.create_account(&input, Source::User))
}

#[tauri::command]
pub async fn update_account(state: State<'_, AppState>, id: i64, input: AccountInput) -> Result<Account, ApiError> {
    state.with(|s| s.update_account(id, &input, Source::User))
}

#[tauri::command]
pub async fn delete_account(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_account(id, Source::User))
}
