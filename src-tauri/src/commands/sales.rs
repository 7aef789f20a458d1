//! Sales: importing reports (dropped on the window or picked with the native dialog; both reach the same
//! commands), the SKU catalogue, matching, the dashboard, forecasts, plans, and exports.
//!
//! Reading a report can take seconds, so it runs off the async runtime's threads, reports progress as
//! `avain://import-progress` events, and stops when `cancel_import` is called.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use avain_core::export::{validation_report_csv, write_xlsx, ExportTable};
use avain_core::sales::analytics::{Dashboard, ForecastRow, SalesFilter};
use avain_core::sales::pricelist::{PriceList, PriceListOptions};
use avain_core::sales::{ImportOptions, Understanding};
use avain_core::skus::{Sku, SkuInput};
use avain_core::store::{ImportOutcome, ImportRow, ReportedKind, ReportedValue};
use avain_core::types::Source;
use avain_core::ApiError;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::AppState;

pub const PROGRESS_EVENT: &str = "avain://import-progress";

/// Set by `cancel_import`; the running import checks it at every progress report.
static CANCEL: AtomicBool = AtomicBool::new(false);

#[derive(Clone, Serialize)]
struct Progress {
    path: String,
    done: u64,
    total: u64,
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError {
        code: "internal".into(),
        message: format!("Avain ran into an internal problem: {e}"),
        field: None,
        details: None,
    }
}

/// Runs `work` on a blocking thread with the store, reporting progress for `path`.
async fn with_progress<T: Send + 'static>(
    app: AppHandle,
    path: String,
    work: impl FnOnce(
            &mut avain_core::Store,
            &std::path::Path,
            &mut (dyn FnMut(u64, u64) -> bool + Send),
        ) -> avain_core::Result<T>
        + Send
        + 'static,
) -> Result<T, ApiError> {
    CANCEL.store(false, Ordering::SeqCst);
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let file = PathBuf::from(&path);
        let mut last = std::time::Instant::now();
        let mut report = |done: u64, total: u64| {
            if last.elapsed().as_millis() >= 100 || done == total {
                last = std::time::Instant::now();
                let _ = app.emit(PROGRESS_EVENT, Progress { path: path.clone(), done, total });
            }
            !CANCEL.load(Ordering::SeqCst)
        };
        state.with(|s| work(s, &file, &mut report))
    })
    .await
    .map_err(internal)?
}

/// The native "open" dialog for reports; several files can be chosen.
#[tauri::command]
pub async fn pick_sales_files(app: AppHandle) -> Result<Vec<String>, ApiError> {
    let dialog = super::in_documents(&app, app.dialog().file().set_title("Import sales reports"));
    let picked = dialog
        .add_filter("Sales reports", &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"])
        .add_filter("All files", &["*"])
        .blocking_pick_files()
        .unwrap_or_default();
    Ok(picked.into_iter().filter_map(|p| p.into_path().ok()).map(|p| p.display().to_string()).collect())
}

#[tauri::command]
pub async fn inspect_import(app: AppHandle, path: String, options: ImportOptions) -> Result<Understanding, ApiError> {
    with_progress(app, path, move |s, file, progress| s.inspect_import(file, &options, progress)).await
}

#[tauri::command]
pub async fn import_sales(app: AppHandle, path: String, options: ImportOptions) -> Result<ImportOutcome, ApiError> {
    with_progress(app, path, move |s, file, progress| s.import_sales(file, &options, progress)).await
}

#[tauri::command]
pub async fn cancel_import() -> Result<(), ApiError> {
    CANCEL.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn undo_import(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.undo_import(id))
}

#[tauri::command]
pub async fn list_imports(state: State<'_, AppState>) -> Result<Vec<ImportRow>, ApiError> {
    state.with(|s| s.list_imports())
}

/// Asks where to save an import's validation report (CSV), then writes it. `None` when the user cancelled.
#[tauri::command]
pub async fn save_import_report(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<String>, ApiError> {
    let (summary, name) = state.with(|s| {
        let summary = s.import_report(id)?;
        let name = s.list_imports()?.into_iter().find(|i| i.id == id).map(|i| i.file_name).unwrap_or_default();
        Ok((summary, name))
    })?;
    save_text(&app, &format!("{name} – validation.csv"), &validation_report_csv(&name, &summary))
}

/// The validation report of a file not imported yet (from its preview).
#[tauri::command]
pub async fn save_preview_report(app: AppHandle, understanding: Understanding) -> Result<Option<String>, ApiError> {
    let text = validation_report_csv(&understanding.file_name, &understanding.summary);
    save_text(&app, &format!("{} – validation.csv", understanding.file_name), &text)
}

fn save_text(app: &AppHandle, name: &str, text: &str) -> Result<Option<String>, ApiError> {
    let dialog =
        super::in_documents(app, app.dialog().file().set_title("Save the validation report").set_file_name(name));
    let Some(path) = dialog.add_filter("CSV", &["csv"]).blocking_save_file().and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    std::fs::write(&path, text).map_err(|e| ApiError::from(avain_core::Error::io(&path, e)))?;
    Ok(Some(path.display().to_string()))
}

/// Asks where to save, then writes the table as an Excel workbook.
#[tauri::command]
pub async fn export_xlsx(app: AppHandle, table: ExportTable) -> Result<Option<String>, ApiError> {
    let dialog = super::in_documents(
        &app,
        app.dialog().file().set_title("Export to Excel").set_file_name(format!("{}.xlsx", table.title)),
    );
    let Some(path) =
        dialog.add_filter("Excel workbook", &["xlsx"]).blocking_save_file().and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    write_xlsx(&table, &path).map_err(ApiError::from)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn sales_dashboard(state: State<'_, AppState>, filter: SalesFilter) -> Result<Dashboard, ApiError> {
    state.with(|s| s.sales_dashboard(&filter))
}

#[tauri::command]
pub async fn sales_forecasts(state: State<'_, AppState>, chain: Option<i64>) -> Result<Vec<ForecastRow>, ApiError> {
    state.with(|s| s.sales_forecasts(chain))
}

#[tauri::command]
pub async fn set_plan(
    state: State<'_, AppState>,
    account_id: i64,
    month: String,
    amount_minor: Option<i64>,
) -> Result<(), ApiError> {
    state.with(|s| {
        let month = avain_core::validate::date(&month, "month", "Month")?;
        s.set_plan(account_id, month, amount_minor, Source::User)
    })
}

#[tauri::command]
pub async fn reported_values(
    state: State<'_, AppState>,
    kind: ReportedKind,
    only_unlinked: bool,
) -> Result<Vec<ReportedValue>, ApiError> {
    state.with(|s| s.reported_values(kind, only_unlinked))
}

#[tauri::command]
pub async fn link_reported(
    state: State<'_, AppState>,
    kind: ReportedKind,
    id: i64,
    target: Option<i64>,
) -> Result<(), ApiError> {
    state.with(|s| s.link_reported(kind, id, target))
}

#[tauri::command]
pub async fn create_from_reported(state: State<'_, AppState>, kind: ReportedKind, id: i64) -> Result<i64, ApiError> {
    state.with(|s| s.create_from_reported(kind, id))
}

#[tauri::command]
pub async fn list_skus(state: State<'_, AppState>) -> Result<Vec<Sku>, ApiError> {
    state.with(|s| s.list_skus())
}

#[tauri::command]
pub async fn create_sku(state: State<'_, AppState>, input: SkuInput) -> Result<Sku, ApiError> {
    state.with(|s| s.create_sku(&input, Source::User))
}

#[tauri::command]
pub async fn update_sku(state: State<'_, AppState>, id: i64, input: SkuInput) -> Result<Sku, ApiError> {
    state.with(|s| s.update_sku(id, &input, Source::User))
}

#[tauri::command]
pub async fn delete_sku(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_sku(id))
}

/// The native "open" dialog for a price list (one file).
#[tauri::command]
pub async fn pick_price_list(app: AppHandle) -> Result<Option<String>, ApiError> {
    let dialog = super::in_documents(&app, app.dialog().file().set_title("Import a price list"));
    let picked = dialog
        .add_filter("Price lists", &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"])
        .add_filter("All files", &["*"])
        .blocking_pick_file();
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn inspect_price_list(
    state: State<'_, AppState>,
    path: String,
    options: PriceListOptions,
) -> Result<PriceList, ApiError> {
    state.with(|s| s.inspect_price_list(std::path::Path::new(&path), &options))
}

#[tauri::command]
pub async fn import_price_list(
    state: State<'_, AppState>,
    path: String,
    options: PriceListOptions,
) -> Result<PriceList, ApiError> {
    state.with(|s| s.import_price_list(std::path::Path::new(&path), &options))
}
