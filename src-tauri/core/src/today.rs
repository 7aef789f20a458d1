//! The Today briefing: overdue and due tasks, this week's plan, birthdays in the next 7 days (of people who gave
//! consent), contracts to renegotiate within 60 days, and the open tenders' milestones due within 14 days or
//! overdue.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::named_params;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::interactions::{Task, WeekPlan};
use crate::people::{birthday_month_day, full_name};
use crate::store::Store;

pub const BIRTHDAY_WINDOW_DAYS: i64 = 7;
pub const RENEGOTIATION_WINDOW_DAYS: i64 = 60;
pub const UPCOMING_TASK_DAYS: i64 = 7;
pub const TENDER_WINDOW_DAYS: i64 = 14;
/// How far back an unfinished milestone still shows as overdue.
pub const TENDER_OVERDUE_DAYS: i64 = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Today {
    pub date: NaiveDate,
    pub overdue: Vec<Task>,
    pub due_today: Vec<Task>,
    /// Open tasks due in the next seven days after today.
    pub upcoming: Vec<Task>,
    pub week_plan: WeekPlan,
    pub birthdays: Vec<BirthdayEntry>,
    pub renegotiations: Vec<Renegotiation>,
    /// Unfinished milestones of open tenders: overdue (up to 60 days back) and due in the next 14 days.
    pub tender_milestones: Vec<crate::store::CalendarItem>,
    /// Open tenders near submission whose people are not covered by our relationships.
    pub coverage_alerts: Vec<crate::store::CoverageAlert>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BirthdayEntry {
    pub person_id: i64,
    pub name: String,
    pub accounts: String,
    /// The day it falls on this time.
    pub date: NaiveDate,
    pub days_until: i64,
    /// The age they turn, when the birth year is known.
    pub turning: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Renegotiation {
    pub account_id: i64,
    pub name: String,
    pub region: String,
    pub renegotiation_date: NaiveDate,
    pub contract_end: Option<NaiveDate>,
    /// Negative when the renegotiation date has passed but the contract is still running.
    pub days_until: i64,
}

/// The next time a birthday on (month, day) falls on or after `from`. 29 February is kept on 28 February in
/// common years, as people usually celebrate it.
pub fn next_occurrence(month: u32, day: u32, from: NaiveDate) -> Option<NaiveDate> {
    let in_year = |year: i32| {
        NaiveDate::from_ymd_opt(year, month, day)
            .or_else(|| (month == 2 && day == 29).then(|| NaiveDate::from_ymd_opt(year, 2, 28)).flatten())
    };
    let this_year = in_year(from.year())?;
    if this_year >= from {
        Some(this_year)
    } else {
        in_year(from.year() + 1)
    }
}

impl Store {
    pub fn today(&self, today: NaiveDate) -> Result<Today> {
        let upcoming_end = today + Duration::days(UPCOMING_TASK_DAYS);
        let tasks = crate::store::tasks_where(
            &self.conn,
            "t.done_at IS NULL AND t.due_date <= :end",
            named_params! { ":end": upcoming_end },
        )?;
        let (overdue, rest): (Vec<Task>, Vec<Task>) = tasks.into_iter().partition(|t| t.due_date < today);
        let (due_today, upcoming): (Vec<Task>, Vec<Task>) = rest.into_iter().partition(|t| t.due_date == today);
        Ok(Today {
            date: today,
            overdue,
            due_today,
            upcoming,
            week_plan: self.week_plan(today)?,
            birthdays: self.birthdays(today)?,
            renegotiations: self.renegotiations(today)?,
            tender_milestones: self
                .tender_calendar(
                    Some(today - Duration::days(TENDER_OVERDUE_DAYS)),
                    Some(today + Duration::days(TENDER_WINDOW_DAYS)),
                )?
                .into_iter()
                .filter(|m| !m.done && !m.status.is_closed())
                .collect(),
            coverage_alerts: self.coverage_alerts(today)?,
        })
    }

    fn birthdays(&self, today: NaiveDate) -> Result<Vec<BirthdayEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.first_name, p.last_name, p.birthday,
                    COALESCE((SELECT group_concat(a.name, ', ') FROM affiliations f JOIN accounts a ON a.id = f.account_id
                              WHERE f.person_id = p.id AND (f.end_date IS NULL OR f.end_date >= :today)), '')
             FROM people p WHERE p.consent_date IS NOT NULL AND p.birthday IS NOT NULL",
        )?;
        let rows = stmt.query_map(named_params! { ":today": today }, |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (person_id, first, last, birthday, accounts) = row?;
            let Some((month, day, year)) = birthday_month_day(&birthday) else { continue };
            let Some(date) = next_occurrence(month, day, today) else { continue };
            let days_until = (date - today).num_days();
            if days_until <= BIRTHDAY_WINDOW_DAYS {
                out.push(BirthdayEntry {
                    person_id,
                    name: full_name(&first, &last),
                    accounts,
                    date,
                    days_until,
                    turning: year.map(|y| date.year() - y),
                });
            }
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
        Ok(out)
    }

    fn renegotiations(&self, today: NaiveDate) -> Result<Vec<Renegotiation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, region, renegotiation_date, contract_end FROM accounts
             WHERE renegotiation_date IS NOT NULL AND renegotiation_date <= :until
               AND (contract_end IS NULL OR contract_end >= :today)
               AND (renegotiation_date >= :today OR contract_end IS NOT NULL)
             ORDER BY renegotiation_date, name",
        )?;
        let rows = stmt.query_map(
            named_params! { ":today": today, ":until": today + Duration::days(RENEGOTIATION_WINDOW_DAYS) },
            |r| {
                let renegotiation_date: NaiveDate = r.get(3)?;
                Ok(Renegotiation {
                    account_id: r.get(0)?,
                    name: r.get(1)?,
                    region: r.get(2)?,
                    renegotiation_date,
                    contract_end: r.get(4)?,
                    days_until: (renegotiation_date - today).num_days(),
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::AccountInput;
    use crate::interactions::TaskInput;
    use crate::people::{Consent, PersonInput, Personal};
    use crate::types::{AccountKind, ConsentMethod, Source};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn birthdays_wrap_the_year_and_keep_leap_days() {
        assert_eq!(next_occurrence(1, 2, d("2026-12-28")), Some(d("2027-01-02")));
        assert_eq!(next_occurrence(11, 26, d("2026-11-26")), Some(d("2026-11-26")));
        assert_eq!(next_occurrence(2, 29, d("2027-02-20")), Some(d("2027-02-28")));
        assert_eq!(next_occurrence(2, 29, d("2028-02-20")), Some(d("2028-02-29")));
    }

    #[test]
    fn today_briefs_tasks_birthdays_and_renegotiations() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let today = d("2026-12-28");
        let account = |name: &str, reneg: Option<&str>, end: Option<&str>| AccountInput {
            name: name.into(),
            kind: Some(AccountKind::Hospital),
            renegotiation_date: reneg.map(str::to_string),
            contract_end: end.map(str::to_string),
            ..Default::default()
        };
        store.create_account(&account("Soon", Some("2027-02-01"), Some("2027-06-30")), Source::User).unwrap();
        store.create_account(&account("Too far", Some("2027-03-01"), Some("2027-12-31")), Source::User).unwrap();
        store.create_account(&account("Missed", Some("2026-12-01"), Some("2027-03-31")), Source::User).unwrap();
        store.create_account(&account("Expired", Some("2026-01-01"), Some("2026-06-30")), Source::User).unwrap();

        let consent = Some(Consent { date: "2026-01-01".into(), method: ConsentMethod::Verbal, note: String::new() });
        let person = |last: &str, birthday: &str, consent: Option<Consent>| PersonInput {
            last_name: last.into(),
            personal: Personal { birthday: consent.as_ref().map(|_| birthday.to_string()), ..Default::default() },
            consent,
            ..Default::default()
        };
        store.create_person(&person("Newyear", "1966-01-02", consent.clone()), today, Source::User).unwrap();
        store.create_person(&person("Later", "--01-10", consent.clone()), today, Source::User).unwrap();
        store.create_person(&person("Private", "1970-12-29", None), today, Source::User).unwrap();

        for (title, due) in
            [("late", "2026-12-20"), ("now", "2026-12-28"), ("soon", "2027-01-03"), ("far", "2027-02-01")]
        {
            store
                .create_task(
                    &TaskInput { title: title.into(), due_date: due.into(), ..Default::default() },
                    Source::User,
                )
                .unwrap();
        }

        let brief = store.today(today).unwrap();
        assert_eq!(brief.overdue.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["late"]);
        assert_eq!(brief.due_today.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["now"]);
        assert_eq!(brief.upcoming.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["soon"]);
        assert_eq!(brief.birthdays.len(), 1, "only consented people within 7 days: {:?}", brief.birthdays);
        assert_eq!(brief.birthdays[0].name, "Newyear");
        assert_eq!(brief.birthdays[0].date, d("2027-01-02"));
        assert_eq!(brief.birthdays[0].turning, Some(61));
        let names: Vec<_> = brief.renegotiations.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Missed", "Soon"]);
        assert_eq!(brief.renegotiations[0].days_until, -27);
    }
}
