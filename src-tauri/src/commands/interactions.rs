//! Interactions, the week plan, and tasks.

use avain_core::interactions::{
    Interaction, InteractionFilter, InteractionInput, Task, TaskFilter, TaskInput, WeekPlan,
};
use avain_core::types::Source;
use avain_core::{validate, ApiError};
use tauri::State;

use super::{local_today, AppState};

#[tauri::command]
pub async fn list_interactions(
    state: State<'_, AppState>,
    filter: InteractionFilter,
) -> Result<Vec<Interaction>, ApiError> {
    state.with(|s| s.list_interactions(&filter))
}

#[tauri::command]
pub async fn log_interaction(state: State<'_, AppState>, input: InteractionInput) -> Result<Interaction, ApiError> {
    state.with(|s| s.log_interaction(&input, Source::User))
}

#[tauri::command]
pub async fn update_interaction(
    state: State<'_, AppState>,
    id: i64,
    input: InteractionInput,
) -> Result<Interaction, ApiError> {
    state.with(|s| s.update_interaction(id, &input, Source::User))
}

#[tauri::command]
pub async fn complete_interaction(
    state: State<'_, AppState>,
    id: i64,
    outcome: String,
) -> Result<Interaction, ApiError> {
    state.with(|s| s.complete_interaction(id, &outcome, Source::User))
}

#[tauri::command]
pub async fn delete_interaction(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_interaction(id, Source::User))
}

/// The week containing `day` (ISO date), or the current week.
#[tauri::command]
pub async fn week_plan(state: State<'_, AppState>, day: Option<String>) -> Result<WeekPlan, ApiError> {
    state.with(|s| {
        let day = validate::opt_date(&day, "day", "Week")?.unwrap_or_else(local_today);
        s.week_plan(day)
    })
}

#[tauri::command]
pub async fn list_tasks(state: State<'_, AppState>, filter: TaskFilter) -> Result<Vec<Task>, ApiError> {
    state.with(|s| s.list_tasks(&filter))
}

#[tauri::command]
pub async fn create_task(state: State<'_, AppState>, input: TaskInput) -> Result<Task, ApiError> {
    state.with(|s| s.create_task(&input, Source::User))
}

#[tauri::command]
pub async fn update_task(state: State<'_, AppState>, id: i64, input: TaskInput) -> Result<Task, ApiError> {
    state.with(|s| s.update_task(id, &input, Source::User))
}

#[tauri::command]
pub async fn set_task_done(state: State<'_, AppState>, id: i64, done: bool) -> Result<Task, ApiError> {
    state.with(|s| s.set_task_done(id, done, Source::User))
}

#[tauri::command]
pub async fn delete_task(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_task(id, Source::User))
}
