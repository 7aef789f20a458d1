//! The baseline for the start-up benchmark: a Tauri window with the same configuration as Avain that shows a blank
//! page (ui/public/bench-empty.html) and does nothing else. See scripts/bench-startup.sh.

fn main() {
    let mut context = tauri::generate_context!();
    for window in &mut context.config_mut().app.windows {
        window.url = tauri::WebviewUrl::App("bench-empty.html".into());
    }
    tauri::Builder::default().run(context).expect("the empty window starts");
}
