//! The Avain desktop shell: the window, the typed commands the UI calls, change events, native dialogs, and the
//! command line for headless work. Everything it does is a thin call into `avain-core`.

#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

mod cli;
mod commands;
mod pdf;

use std::path::PathBuf;
use std::process::ExitCode;

use avain_core::{ApiError, Store};
use clap::Parser;
use tauri::{Emitter, Manager};

use commands::AppState;

/// The event every open screen listens to, to refresh itself after any write.
pub const CHANGED_EVENT: &str = "avain://changed";

fn main() -> ExitCode {
    let args = cli::Args::parse();
    // The window logs what it does; a command-line run keeps its output to the answer.
    let default_filter = if args.command.is_some() { "warn" } else { "warn,avain=info" };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| default_filter.into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let data_dir = args.data_dir.clone().unwrap_or_else(avain_core::store::default_data_dir);
    match args.command {
        Some(command) => cli::run(command, &data_dir),
        None => {
            run_window(data_dir);
            ExitCode::SUCCESS
        }
    }
}

fn run_window(data_dir: PathBuf) {
    // A store that cannot be opened (say, data from a newer Avain) still gets a window, which explains why.
    let (store, open_error) = match Store::open(&data_dir) {
        Ok(store) => (Some(store), None),
        Err(e) => {
            tracing::error!(error = %e, dir = %data_dir.display(), "cannot open the data folder");
            (None, Some(ApiError::from(e)))
        }
    };
    let state = AppState::new(store, open_error);

    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(state)
        .setup(|app| {
            let handle = app.handle().clone();
            let state = app.state::<AppState>();
            state.set_listener(move |change| {
                if let Err(e) = handle.emit(CHANGED_EVENT, change) {
                    tracing::warn!(error = %e, "could not announce a change");
                }
            });
            commands::tenders::start_reminders(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::settings::app_info,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::load_demo,
            commands::settings::remove_demo_data,
            commands::settings::backup_now,
            commands::settings::restore_backup,
            commands::accounts::list_accounts,
            commands::accounts::account_facets,
            commands::accounts::get_account,
            commands::accounts::account_dossier,
            commands::accounts::create_account,
            commands::accounts::update_account,
            commands::accounts::delete_account,
            commands::people::list_people,
            commands::people::person_detail,
            commands::people::create_person,
            commands::people::update_person,
            commands::people::delete_person,
            commands::people::add_affiliation,
            commands::people::update_affiliation,
            commands::people::delete_affiliation,
            commands::people::add_member,
            commands::people::add_new_member,
            commands::people::update_member,
            commands::people::remove_member,
            commands::interactions::list_interactions,
            commands::interactions::log_interaction,
            commands::interactions::update_interaction,
            commands::interactions::complete_interaction,
            commands::interactions::delete_interaction,
            commands::interactions::week_plan,
            commands::interactions::list_tasks,
            commands::interactions::create_task,
            commands::interactions::update_task,
            commands::interactions::set_task_done,
            commands::interactions::delete_task,
            commands::today::today,
            commands::today::search,
            commands::sales::pick_sales_files,
            commands::sales::inspect_import,
            commands::sales::import_sales,
            commands::sales::cancel_import,
            commands::sales::undo_import,
            commands::sales::list_imports,
            commands::sales::save_import_report,
            commands::sales::save_preview_report,
            commands::sales::export_xlsx,
            commands::sales::sales_dashboard,
            commands::sales::sales_forecasts,
            commands::sales::set_plan,
            commands::sales::reported_values,
            commands::sales::link_reported,
            commands::sales::create_from_reported,
            commands::sales::list_skus,
            commands::sales::create_sku,
            commands::sales::update_sku,
            commands::sales::delete_sku,
            commands::sales::pick_price_list,
            commands::sales::inspect_price_list,
            commands::sales::import_price_list,
            commands::tenders::tender_overview,
            commands::tenders::get_tender,
            commands::tenders::create_tender,
            commands::tenders::update_tender,
            commands::tenders::delete_tender,
            commands::tenders::move_milestone,
            commands::tenders::set_milestone_done,
            commands::tenders::reschedule_tender,
            commands::tenders::set_tender_status,
            commands::tenders::add_tender_document,
            commands::tenders::update_tender_document,
            commands::tenders::delete_tender_document,
            commands::tenders::link_tender_person,
            commands::tenders::unlink_tender_person,
            commands::tenders::tender_win_loss,
            commands::tenders::tender_templates,
            commands::tenders::set_tender_template,
            commands::tenders::export_ics_file,
            commands::tenders::pick_tender_list,
            commands::tenders::inspect_tender_list,
            commands::tenders::import_tender_list,
            commands::proposals::list_proposals,
            commands::proposals::proposals_of,
            commands::proposals::proposal_stats,
            commands::proposals::get_proposal,
            commands::proposals::create_proposal,
            commands::proposals::update_proposal,
            commands::proposals::delete_proposal,
            commands::proposals::set_proposal_audience,
            commands::proposals::update_proposal_section,
            commands::proposals::add_proposal_section,
            commands::proposals::move_proposal_section,
            commands::proposals::delete_proposal_section,
            commands::proposals::add_proposal_item,
            commands::proposals::update_proposal_item,
            commands::proposals::delete_proposal_item,
            commands::proposals::add_team_member,
            commands::proposals::update_team_member,
            commands::proposals::delete_team_member,
            commands::proposals::proposal_preview,
            commands::proposals::send_proposal,
            commands::proposals::set_proposal_status,
            commands::proposals::new_proposal_version,
            commands::proposals::save_proposal_pdf,
            commands::proposals::print_proposal,
            commands::proposals::list_proposal_blocks,
            commands::proposals::save_proposal_block,
            commands::proposals::delete_proposal_block,
            commands::settings::choose_logo,
            commands::settings::remove_logo,
            commands::settings::company_logo,
            commands::plans::plans_of,
            commands::plans::create_plan,
            commands::plans::update_plan,
            commands::plans::delete_plan,
            commands::plans::add_step,
            commands::plans::set_step_status,
            commands::plans::delete_step,
            commands::plans::list_events,
            commands::plans::create_event,
            commands::plans::set_participation,
            commands::plans::events_of,
            commands::network::network_profile,
            commands::network::update_profile,
            commands::network::record_change,
            commands::network::delete_history_entry,
            commands::network::add_link,
            commands::network::update_link,
            commands::network::delete_link,
            commands::network::add_tie,
            commands::network::delete_tie,
            commands::network::ties_to,
            commands::network::list_committees,
            commands::network::create_committee,
            commands::network::update_committee,
            commands::network::delete_committee,
            commands::network::add_activity,
            commands::network::delete_activity,
            commands::network::network_graph,
            commands::network::network_summary,
            commands::network::who_influences,
            commands::network::save_influence_weights,
            commands::network::pin_positions,
            commands::network::unpin,
            commands::network::export_graphml,
            commands::network::save_network_image,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "the window could not start");
            eprintln!("Avain could not open its window: {e}");
            std::process::exit(1);
        });
}
