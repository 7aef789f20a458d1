//! The user's preferences: language, theme, their own name (the default owner of new accounts), and whether the
//! first-run choice (start empty or with demo data) has been made.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::store::Store;
use crate::types::{Language, Source, Theme};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub language: Language,
    pub theme: Theme,
    /// The KAM using this Avain; new accounts are theirs unless they say otherwise.
    pub user_name: String,
    /// The first-run choice has been made.
    pub onboarded: bool,
    /// Days before a tender milestone that a desktop notification reminds of it (0: no notifications).
    pub reminder_days: u32,
    /// What proposals print: our company's name, and the user's position and contacts for the team block.
    #[serde(default)]
    pub company_name: String,
    #[serde(default)]
    pub user_title: String,
    #[serde(default)]
    pub user_phone: String,
    #[serde(default)]
    pub user_email: String,
}

/// The most days ahead a reminder can be set to.
pub const MAX_REMINDER_DAYS: u32 = 60;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::English,
            theme: Theme::System,
            user_name: String::new(),
            onboarded: false,
            reminder_days: 3,
            company_name: String::new(),
            user_title: String::new(),
            user_phone: String::new(),
            user_email: String::new(),
        }
    }
}

impl Store {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub fn settings(&self) -> Result<Settings> {
        let d = Settings::default();
        Ok(Settings {
            language: self.setting("language")?.and_then(|v| Language::parse(&v)).unwrap_or(d.language),
            theme: self.setting("theme")?.and_then(|v| Theme::parse(&v)).unwrap_or(d.theme),
            user_name: self.setting("user_name")?.unwrap_or_default(),
            onboarded: self.setting("onboarded")?.is_some_and(|v| v == "1"),
            reminder_days: self
                .setting("reminder_days")?
                .and_then(|v| v.parse().ok())
                .map(|d: u32| d.min(MAX_REMINDER_DAYS))
                .unwrap_or(d.reminder_days),
            company_name: self.setting("company_name")?.unwrap_or_default(),
            user_title: self.setting("user_title")?.unwrap_or_default(),
            user_phone: self.setting("user_phone")?.unwrap_or_default(),
            user_email: self.setting("user_email")?.unwrap_or_default(),
        })
    }

    pub fn save_settings(&mut self, settings: &Settings) -> Result<Settings> {
        let user_name = validate::short_text(&settings.user_name, "user_name", "Your name")?;
        let company_name = validate::short_text(&settings.company_name, "company_name", "Company")?;
        let user_title = validate::short_text(&settings.user_title, "user_title", "Your position")?;
        let user_phone = validate::short_text(&settings.user_phone, "user_phone", "Your phone")?;
        let user_email = validate::email(&settings.user_email, "user_email")?;
        if settings.reminder_days > MAX_REMINDER_DAYS {
            return Err(crate::error::Error::invalid(
                "out_of_range",
                "reminder_days",
                format!("Reminders can come at most {MAX_REMINDER_DAYS} days before a milestone."),
            ));
        }
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?;
            stmt.execute(params!["language", settings.language.as_str()])?;
            stmt.execute(params!["theme", settings.theme.as_str()])?;
            stmt.execute(params!["user_name", user_name])?;
            stmt.execute(params!["onboarded", if settings.onboarded { "1" } else { "0" }])?;
            stmt.execute(params!["reminder_days", settings.reminder_days.to_string()])?;
            stmt.execute(params!["company_name", company_name])?;
            stmt.execute(params!["user_title", user_title])?;
            stmt.execute(params!["user_phone", user_phone])?;
            stmt.execute(params!["user_email", user_email])?;
        }
        tx.commit()?;
        self.announce("settings", None, "updated", Source::User);
        self.settings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_have_defaults_and_persist() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.settings().unwrap(), Settings::default());
        let chosen = Settings {
            language: Language::Finnish,
            theme: Theme::Dark,
            user_name: " Liisa  Koski ".into(),
            onboarded: true,
            reminder_days: 7,
            company_name: "Avain Pharma Oy".into(),
            user_title: "KAM".into(),
            user_phone: "+358 40 1".into(),
            user_email: "liisa@example.com".into(),
        };
        let bad_mail = Settings { user_email: "liisa".into(), ..chosen.clone() };
        assert_eq!(store.save_settings(&bad_mail).unwrap_err().code(), "bad_email");
        let too_far = Settings { reminder_days: MAX_REMINDER_DAYS + 1, ..chosen.clone() };
        assert_eq!(store.save_settings(&too_far).unwrap_err().code(), "out_of_range");
        assert_eq!(store.settings().unwrap(), Settings::default(), "a refused save changes nothing");
        store.save_settings(&chosen).unwrap();
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        let s = store.settings().unwrap();
        assert_eq!(
            (s.language, s.theme, s.user_name.as_str(), s.onboarded, s.reminder_days),
            (Language::Finnish, Theme::Dark, "Liisa Koski", true, 7)
        );
    }
}
