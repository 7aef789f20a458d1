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

/// The largest logo accepted: a logo is a few kilobytes; a photograph by mistake would bloat every PDF.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// The picture formats a logo may have, told by their first bytes: PNG, JPEG, GIF, WebP, SVG.
pub fn logo_format(bytes: &[u8]) -> Option<&'static str> {
    let text_start = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("jpeg")
    } else if bytes.starts_with(b"GIF8") {
        Some("gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else if text_start.contains("<svg") {
        Some("svg+xml")
    } else {
        None
    }
}

impl Store {
    /// The company logo the documents print, if one was chosen.
    pub fn company_logo(&self) -> Result<Option<Vec<u8>>> {
        Ok(self.conn.query_row("SELECT bytes FROM assets WHERE name = 'logo'", [], |r| r.get(0)).optional()?)
    }

    /// Keeps `bytes` as the company logo, after checking it is a picture of a sensible size.
    pub fn set_company_logo(&mut self, bytes: &[u8]) -> Result<()> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(crate::error::Error::invalid(
                "logo_too_large",
                "logo",
                format!(
                    "The logo is {} kB; choose one of at most 2 MB (a logo is usually a few kB).",
                    bytes.len() / 1024
                ),
            ));
        }
        if logo_format(bytes).is_none() {
            return Err(crate::error::Error::invalid(
                "not_a_picture",
                "logo",
                "That file is not a picture Avain can print: choose a PNG, JPEG, GIF, WebP or SVG file.",
            ));
        }
        self.conn.execute(
            "INSERT INTO assets (name, bytes, updated_at) VALUES ('logo', ?1, ?2)
             ON CONFLICT (name) DO UPDATE SET bytes = excluded.bytes, updated_at = excluded.updated_at",
            params![bytes, crate::store::now_timestamp()],
        )?;
        self.announce("settings", None, "logo", Source::User);
        Ok(())
    }

    pub fn remove_company_logo(&mut self) -> Result<()> {
        self.conn.execute("DELETE FROM assets WHERE name = 'logo'", [])?;
        self.announce("settings", None, "logo", Source::User);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_must_be_a_picture_of_a_sensible_size() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(store.company_logo().unwrap(), None);
        assert_eq!(store.set_company_logo(b"hello").unwrap_err().code(), "not_a_picture");
        let huge = [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0u8; MAX_LOGO_BYTES]].concat();
        assert_eq!(store.set_company_logo(&huge).unwrap_err().code(), "logo_too_large");
        assert_eq!(store.company_logo().unwrap(), None, "nothing kept");
        let svg = b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"4\"/>";
        store.set_company_logo(svg).unwrap();
        assert_eq!(store.company_logo().unwrap().as_deref(), Some(svg.as_slice()));
        assert_eq!(logo_format(svg), Some("svg+xml"));
        store.remove_company_logo().unwrap();
        assert_eq!(store.company_logo().unwrap(), None);
    }

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
