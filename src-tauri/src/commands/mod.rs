//! Tauri commands, one module per area. Each command takes its arguments, calls one `avain-core` function and
//! returns `Result<T, ApiError>`; nothing here decides anything about the business.

pub mod accounts;
pub mod interactions;
pub mod network;
pub mod people;
pub mod plans;
pub mod proposals;
pub mod sales;
pub mod settings;
pub mod tenders;
pub mod today;

include!("names.rs");

use std::sync::Mutex;

use avain_core::{ApiError, Store};

/// The one open store, shared by all commands; or, when it could not be opened, the reason, which every command
/// then returns so the window can explain it.
pub struct AppState {
    store: Mutex<Option<Store>>,
    open_error: Option<ApiError>,
}

impl AppState {
    pub fn new(store: Option<Store>, open_error: Option<ApiError>) -> Self {
        AppState { store: Mutex::new(store), open_error }
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> avain_core::Result<T>) -> Result<T, ApiError> {
        let mut guard = self.store.lock().map_err(|_| ApiError {
            code: "internal".into(),
            message: "Avain ran into an internal problem. Please restart it; your saved data is safe.".into(),
            field: None,
            details: None,
        })?;
        match guard.as_mut() {
            Some(store) => f(store).map_err(ApiError::from),
            None => Err(self.open_error.clone().unwrap_or_else(|| ApiError {
                code: "internal".into(),
                message: "Avain could not open its data.".into(),
                field: None,
                details: None,
            })),
        }
    }

    pub fn set_listener(&self, listener: impl Fn(&avain_core::Change) + Send + 'static) {
        if let Ok(mut guard) = self.store.lock() {
            if let Some(store) = guard.as_mut() {
                store.set_listener(listener);
            }
        }
    }
}

/// Native file dialogs open in the user's Documents folder (else home), where reports and backups usually are.
pub fn in_documents<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    dialog: tauri_plugin_dialog::FileDialogBuilder<R>,
) -> tauri_plugin_dialog::FileDialogBuilder<R> {
    use tauri::Manager;
    match app.path().document_dir().or_else(|_| app.path().home_dir()) {
        Ok(dir) => dialog.set_directory(dir),
        Err(_) => dialog,
    }
}

/// The user's calendar day, which Today and the validations are relative to.
pub fn local_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_capability_grants_exactly_the_registered_commands() {
        let text = include_str!("../../capabilities/default.json");
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        let granted: Vec<String> = json["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| p.starts_with("allow-"))
            .map(|p| p.trim_start_matches("allow-").replace('-', "_"))
            .collect();
        let mut expected: Vec<String> = super::COMMANDS.iter().map(|c| c.to_string()).collect();
        let mut granted_sorted = granted.clone();
        expected.sort();
        granted_sorted.sort();
        assert_eq!(granted_sorted, expected);
    }
}
