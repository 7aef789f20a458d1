//! People, their affiliations, and decision-group membership.

use avain_core::people::{
    AffiliationInput, MemberCard, MemberInput, NewMemberInput, Person, PersonDetail, PersonFilter, PersonInput,
    PersonRow,
};
use avain_core::types::Source;
use avain_core::ApiError;
use tauri::State;

use super::{local_today, AppState};

#[tauri::command]
pub async fn list_people(state: State<'_, AppState>, filter: PersonFilter) -> Result<Vec<PersonRow>, ApiError> {
    state.with(|s| s.list_people(&filter))
}

#[tauri::command]
pub async fn person_detail(state: State<'_, AppState>, id: i64) -> Result<PersonDetail, ApiError> {
    state.with(|s| s.person_detail(id))
}

#[tauri::command]
pub async fn create_person(state: State<'_, AppState>, input: PersonInput) -> Result<Person, ApiError> {
    state.with(|s| s.create_person(&input, local_today(), Source::User))
}

#[tauri::command]
pub async fn update_person(state: State<'_, AppState>, id: i64, input: PersonInput) -> Result<Person, ApiError> {
    state.with(|s| s.update_person(id, &input, local_today(), Source::User))
}

#[tauri::command]
pub async fn delete_person(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_person(id, Source::User))
}

#[tauri::command]
pub async fn add_affiliation(state: State<'_, AppState>, input: AffiliationInput) -> Result<i64, ApiError> {
    state.with(|s| s.add_affiliation(&input, Source::User))
}

#[tauri::command]
pub async fn update_affiliation(state: State<'_, AppState>, id: i64, input: AffiliationInput) -> Result<(), ApiError> {
    state.with(|s| s.update_affiliation(id, &input, Source::User))
}

#[tauri::command]
pub async fn delete_affiliation(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.delete_affiliation(id, Source::User))
}

#[tauri::command]
pub async fn add_member(state: State<'_, AppState>, input: MemberInput) -> Result<MemberCard, ApiError> {
    state.with(|s| s.add_member(&input, Source::User))
}

#[tauri::command]
pub async fn add_new_member(state: State<'_, AppState>, input: NewMemberInput) -> Result<MemberCard, ApiError> {
    state.with(|s| s.add_new_member(&input, local_today(), Source::User))
}

#[tauri::command]
pub async fn update_member(state: State<'_, AppState>, id: i64, input: MemberInput) -> Result<MemberCard, ApiError> {
    state.with(|s| s.update_member(id, &input, Source::User))
}

#[tauri::command]
pub async fn remove_member(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state.with(|s| s.remove_member(id, Source::User))
}
