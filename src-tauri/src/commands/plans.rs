//! Relationship plans (steps are tasks on Today) and events with their people.

use avain_core::plans::{Event, EventInput, Participation, PersonEvent, Plan, PlanInput, StepInput};
use avain_core::types::{Ref, Source, StepStatus};
use avain_core::ApiError;
use tauri::State;

use super::{local_today, AppState};

#[tauri::command]
pub async fn plans_of(state: State<'_, AppState>, person_id: i64) -> Result<Vec<Plan>, ApiError> {
    state.with(|s| s.plans_of(person_id, local_today()))
}

#[tauri::command]
pub async fn create_plan(state: State<'_, AppState>, input: PlanInput) -> Result<Plan, ApiError> {
    state.with(|s| s.create_plan(&input, local_today(), Source::User))
}

#[tauri::command]
pub async fn update_plan(state: State<'_, AppState>, id: i64, input: PlanInput) -> Result<Plan, ApiError> {
    state.with(|s| s.update_plan(id, &input, local_today(), Source::User))
}

#[tauri::command]
pub async fn delete_plan(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_plan(id, Source::User))
}

#[tauri::command]
pub async fn add_step(state: State<'_, AppState>, plan_id: i64, input: StepInput) -> Result<Plan, ApiError> {
    state.with(|s| s.add_step(plan_id, &input, local_today(), Source::User))
}

#[tauri::command]
pub async fn set_step_status(state: State<'_, AppState>, id: i64, status: StepStatus) -> Result<Plan, ApiError> {
    state.with(|s| s.set_step_status(id, status, local_today()))
}

#[tauri::command]
pub async fn delete_step(state: State<'_, AppState>, id: i64) -> Result<Plan, ApiError> {
    state.with(|s| s.delete_step(id, local_today()))
}

#[tauri::command]
pub async fn list_events(state: State<'_, AppState>) -> Result<Vec<Ref>, ApiError> {
    state.with(|s| s.events())
}

#[tauri::command]
pub async fn create_event(state: State<'_, AppState>, input: EventInput) -> Result<Event, ApiError> {
    state.with(|s| s.create_event(&input, Source::User))
}

#[tauri::command]
pub async fn set_participation(
    state: State<'_, AppState>,
    event_id: i64,
    person_id: i64,
    part: Participation,
) -> Result<Event, ApiError> {
    state.with(|s| s.set_participation(event_id, person_id, part, local_today(), Source::User))
}

#[tauri::command]
pub async fn events_of(state: State<'_, AppState>, person_id: i64) -> Result<Vec<PersonEvent>, ApiError> {
    state.with(|s| s.events_of(person_id))
}
