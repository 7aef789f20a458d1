//! Settings, first-run demo data, and backup and restore through the native file dialogs.

use avain_core::demo::{DemoSummary, DEFAULT_SEED};
use avain_core::settings::Settings;
use avain_core::{ApiError, AppInfo};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::{local_today, AppState};

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ApiError> {
    state.with(|s| s.app_info())
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings, ApiError> {
    state.with(|s| s.settings())
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: Settings) -> Result<Settings, ApiError> {
    state.with(|s| s.save_settings(&settings))
}

#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>) -> Result<DemoSummary, ApiError> {
    state.with(|s| s.load_demo(1, DEFAULT_SEED, local_today()))
}

#[tauri::command]
pub async fn remove_demo_data(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.with(|s| s.remove_demo_data())
}

/// Asks where to save, then writes the backup there. `None` when the user cancelled.
#[tauri::command]
pub async fn backup_now(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>, ApiError> {
    let name = format!("avain-backup-{}.sqlite", local_today());
    let dialog = super::in_documents(&app, app.dialog().file().set_title("Back up Avain"));
    let chosen = dialog.add_filter("Avain backup", &["sqlite"]).set_file_name(name).blocking_save_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    state.with(|s| s.backup_to(&path))?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a backup file, then replaces all data with it (the replaced data is kept in `backups/`).
/// Returns the path of that safety copy, or `None` when the user cancelled.
#[tauri::command]
pub async fn restore_backup(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>, ApiError> {
    let chosen = app
        .dialog()
        .file()
        .set_title("Restore Avain from a backup")
        .add_filter("Avain backup", &["sqlite", "db"])
        .blocking_pick_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else { return Ok(None) };
    let safety = state.with(|s| s.restore_from(&path))?;
    Ok(Some(safety.display().to_string()))
}

/// Lets the user choose the company logo the proposals print. Returns false when the dialog was cancelled. The
/// picture is tried in a document first, so one typst cannot place is refused with a message.
#[tauri::command]
pub async fn choose_logo(app: AppHandle, state: State<'_, AppState>) -> Result<bool, ApiError> {
    let dialog = super::in_documents(&app, app.dialog().file().set_title("Choose the company logo"));
    let chosen = dialog.add_filter("Picture", &["png", "jpg", "jpeg", "gif", "webp", "svg"]).blocking_pick_file();
    let Some(path) = chosen.and_then(|p| p.into_path().ok()) else { return Ok(false) };
    state.with(|s| {
        let bytes = std::fs::read(&path).map_err(|e| avain_core::Error::io(&path, e))?;
        if bytes.len() <= avain_core::settings::MAX_LOGO_BYTES {
            avain_documents::check_logo(&bytes)
                .map_err(|e| avain_core::Error::invalid("not_a_picture", "logo", e.to_string()))?;
        }
        s.set_company_logo(&bytes)
    })?;
    Ok(true)
}

#[tauri::command]
pub async fn remove_logo(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.with(|s| s.remove_company_logo())
}

/// The logo as a data URL for the preview, or None.
#[tauri::command]
pub async fn company_logo(state: State<'_, AppState>) -> Result<Option<String>, ApiError> {
    use base64::Engine;
    state.with(|s| {
        Ok(s.company_logo()?.and_then(|bytes| {
            let format = avain_core::settings::logo_format(&bytes)?;
            Some(format!("data:image/{format};base64,{}", base64::engine::general_purpose::STANDARD.encode(&bytes)))
        }))
    })
}
