//! The tender calendar: tenders, their milestones, checklist and people, the plan templates, win/loss, the
//! calendar export, and the desktop reminders of coming milestones.

use avain_core::store::{DocumentInput, ProcedureTemplate, Tender, TenderRow};
use avain_core::tenders::analysis::WinLoss;
use avain_core::tenders::import::{TenderList, TenderListOptions};
use avain_core::tenders::{MilestoneKind, Outcome, Procedure, TemplateStep, TenderInput, TenderStatus};
use avain_core::types::Source;
use avain_core::ApiError;
use chrono::NaiveDate;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_notification::NotificationExt;

use super::{local_today, AppState};

#[tauri::command]
pub async fn tender_overview(state: State<'_, AppState>, buyer: Option<i64>) -> Result<Vec<TenderRow>, ApiError> {
    state.with(|s| s.tender_overview(buyer))
}

#[tauri::command]
pub async fn get_tender(state: State<'_, AppState>, id: i64) -> Result<Tender, ApiError> {
    state.with(|s| s.tender(id))
}

#[tauri::command]
pub async fn create_tender(state: State<'_, AppState>, input: TenderInput) -> Result<Tender, ApiError> {
    state.with(|s| s.create_tender(&input, Source::User))
}

#[tauri::command]
pub async fn update_tender(state: State<'_, AppState>, id: i64, input: TenderInput) -> Result<Tender, ApiError> {
    state.with(|s| s.update_tender(id, &input))
}

#[tauri::command]
pub async fn delete_tender(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_tender(id))
}

#[tauri::command]
pub async fn move_milestone(
    state: State<'_, AppState>,
    id: i64,
    kind: MilestoneKind,
    date: NaiveDate,
) -> Result<Tender, ApiError> {
    state.with(|s| s.move_milestone(id, kind, date))
}

#[tauri::command]
pub async fn set_milestone_done(
    state: State<'_, AppState>,
    id: i64,
    kind: MilestoneKind,
    done: bool,
) -> Result<(), ApiError> {
    state.with(|s| s.set_milestone_done(id, kind, done))
}

#[tauri::command]
pub async fn reschedule_tender(state: State<'_, AppState>, id: i64) -> Result<Tender, ApiError> {
    state.with(|s| s.reschedule_tender(id))
}

#[tauri::command]
pub async fn set_tender_status(
    state: State<'_, AppState>,
    id: i64,
    status: TenderStatus,
    outcome: Outcome,
    note: String,
) -> Result<Tender, ApiError> {
    state.with(|s| s.set_tender_status(id, status, &outcome, &note))
}

#[tauri::command]
pub async fn add_tender_document(
    state: State<'_, AppState>,
    tender_id: i64,
    input: DocumentInput,
) -> Result<Tender, ApiError> {
    state.with(|s| s.add_tender_document(tender_id, &input))
}

#[tauri::command]
pub async fn update_tender_document(
    state: State<'_, AppState>,
    id: i64,
    input: DocumentInput,
) -> Result<Tender, ApiError> {
    state.with(|s| s.update_tender_document(id, &input))
}

#[tauri::command]
pub async fn delete_tender_document(state: State<'_, AppState>, id: i64) -> Result<Tender, ApiError> {
    state.with(|s| s.delete_tender_document(id))
}

#[tauri::command]
pub async fn link_tender_person(
    state: State<'_, AppState>,
    tender_id: i64,
    person_id: i64,
    role: String,
) -> Result<Tender, ApiError> {
    state.with(|s| s.link_tender_person(tender_id, person_id, &role))
}

#[tauri::command]
pub async fn unlink_tender_person(
    state: State<'_, AppState>,
    tender_id: i64,
    person_id: i64,
) -> Result<Tender, ApiError> {
    state.with(|s| s.unlink_tender_person(tender_id, person_id))
}

#[tauri::command]
pub async fn tender_win_loss(
    state: State<'_, AppState>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<WinLoss, ApiError> {
    state.with(|s| s.tender_win_loss(from, to))
}

#[tauri::command]
pub async fn tender_templates(state: State<'_, AppState>) -> Result<Vec<ProcedureTemplate>, ApiError> {
    state.with(|s| s.tender_templates())
}

#[tauri::command]
pub async fn set_tender_template(
    state: State<'_, AppState>,
    procedure: Procedure,
    steps: Option<Vec<TemplateStep>>,
) -> Result<(), ApiError> {
    state.with(|s| s.set_tender_template(procedure, steps.as_deref()))
}

/// Asks where to save the calendar (.ics) and writes it. `None` when the user cancelled.
#[tauri::command]
pub async fn export_ics_file(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>, ApiError> {
    let dialog = super::in_documents(
        &app,
        app.dialog().file().set_title("Export the tender calendar").set_file_name("avain-tenders.ics"),
    );
    let Some(path) = dialog.add_filter("iCalendar", &["ics"]).blocking_save_file().and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    state.with(|s| s.write_ics(&path, None, None))?;
    Ok(Some(path.display().to_string()))
}

/// How often the reminder loop looks for milestones coming due.
const REMINDER_INTERVAL: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Shows a desktop notification for each tender milestone coming due within the days set in Settings, once per
/// milestone date: ten seconds after start, then every quarter of an hour while Avain runs. A desktop without a notification service
/// leaves the reminders for the next look (they also stay on Today).
pub fn start_reminders<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        // The first look waits until the window is up and the first screen has its data.
        std::thread::sleep(std::time::Duration::from_secs(10));
        loop {
            remind(&app);
            std::thread::sleep(REMINDER_INTERVAL);
        }
    });
}

fn remind<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let today = local_today();
    let found = state.with(|s| {
        let settings = s.settings()?;
        Ok((s.due_reminders(today, settings.reminder_days)?, settings.language))
    });
    let Ok((due, language)) = found else { return };
    let mut shown = Vec::new();
    for item in due {
        let (title, body) = item.reminder(today, language);
        match app.notification().builder().title(title).body(body).show() {
            Ok(()) => shown.push(item),
            Err(e) => {
                tracing::info!(error = %e, "desktop notifications are not available");
                break;
            }
        }
    }
    if shown.is_empty() {
        return;
    }
    if let Err(e) = state.with(|s| s.mark_reminded(&shown)) {
        tracing::warn!(error = %e.message, "could not note the reminders shown");
    }
}

/// Asks for a tender list file (CSV, Excel, ODS). `None` when the user cancelled.
#[tauri::command]
pub async fn pick_tender_list(app: AppHandle) -> Result<Option<String>, ApiError> {
    let dialog = super::in_documents(&app, app.dialog().file().set_title("Import a tender list"));
    let picked = dialog
        .add_filter("Tender lists", &["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"])
        .add_filter("All files", &["*"])
        .blocking_pick_file();
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn inspect_tender_list(
    state: State<'_, AppState>,
    path: String,
    options: TenderListOptions,
) -> Result<TenderList, ApiError> {
    state.with(|s| s.inspect_tender_list(std::path::Path::new(&path), &options))
}

#[tauri::command]
pub async fn import_tender_list(
    state: State<'_, AppState>,
    path: String,
    options: TenderListOptions,
) -> Result<TenderList, ApiError> {
    state.with(|s| s.import_tender_list(std::path::Path::new(&path), &options))
}
