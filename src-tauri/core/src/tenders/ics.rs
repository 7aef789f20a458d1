//! The calendar export: tenders' milestones as an iCalendar file (RFC 5545) that Outlook, Google Calendar and
//! Thunderbird import. Each milestone is an all-day event whose UID depends only on the tender and the kind of
//! milestone, so exporting again updates the events a calendar already has instead of adding copies.

use chrono::{DateTime, NaiveDate, Utc};

use super::MilestoneKind;

/// One all-day event.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarEvent {
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub date: NaiveDate,
    pub categories: Vec<String>,
    /// When the milestone last changed; with `sequence`, how a client knows an event was updated.
    pub last_modified: DateTime<Utc>,
    pub sequence: u32,
}

/// The stable UID of a tender's milestone.
pub fn milestone_uid(tender_id: i64, kind: MilestoneKind) -> String {
    let kind = serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    format!("tender-{tender_id}-{kind}@avain")
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets without splitting a UTF-8 character (RFC 5545 3.1).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The calendar file for `events`, named `name` in the client. `now` is the export's time stamp.
pub fn calendar(name: &str, events: &[CalendarEvent], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Avain//Tender calendar//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", text(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{}", stamp(now)));
        line(&mut out, &format!("LAST-MODIFIED:{}", stamp(e.last_modified)));
        line(&mut out, &format!("SEQUENCE:{}", e.sequence));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")));
        let end = e.date.succ_opt().unwrap_or(e.date);
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
        line(&mut out, &format!("SUMMARY:{}", text(&e.summary)));
        if !e.description.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", text(&e.description)));
        }
        if !e.categories.is_empty() {
            let cats: Vec<String> = e.categories.iter().map(|c| text(c)).collect();
            line(&mut out, &format!("CATEGORIES:{}", cats.join(",")));
        }
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events() -> Vec<CalendarEvent> {
        let t = DateTime::parse_from_rfc3339("2027-01-05T08:30:00Z").unwrap().with_timezone(&Utc);
        vec![
            CalendarEvent {
                uid: milestone_uid(7, MilestoneKind::SubmissionDeadline),
                summary: "Submission deadline: Insuliinit 2028, lot 1–3; Järvimaa Hospital District".into(),
                description: "Reference HUS/2027/114, \"electronic auction\"\nBring: bank guarantee; samples\\copies"
                    .into(),
                date: NaiveDate::from_ymd_opt(2027, 12, 26).unwrap(),
                categories: vec!["Tender".into(), "Hard deadline".into()],
                last_modified: t,
                sequence: 3,
            },
            CalendarEvent {
                uid: milestone_uid(7, MilestoneKind::Auction),
                summary: "Аукцион: инсулины".into(),
                description: String::new(),
                date: NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(),
                categories: vec![],
                last_modified: t,
                sequence: 0,
            },
        ]
    }

    #[test]
    fn lines_are_folded_escaped_and_end_in_crlf() {
        let now = DateTime::parse_from_rfc3339("2027-01-06T00:00:00Z").unwrap().with_timezone(&Utc);
        let ics = calendar("Avain tenders", &events(), now);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
            assert!(!l.contains('\n'));
        }
        assert!(ics.contains("UID:tender-7-submission_deadline@avain"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20271226\r\nDTEND;VALUE=DATE:20271227"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20280229\r\nDTEND;VALUE=DATE:20280301"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("lot 1–3\\; Järvimaa"));
        assert!(
            unfolded.contains("HUS/2027/114\\, \"electronic auction\"\\nBring: bank guarantee\\; samples\\\\copies")
        );
    }

    /// Parses the export with Python's `icalendar` package (an independent implementation), then serialises and
    /// parses it again there, and compares both readings with what was exported.
    #[test]
    fn an_independent_icalendar_parser_reads_it_back_and_round_trips_it() {
        let now = DateTime::parse_from_rfc3339("2027-01-06T00:00:00Z").unwrap().with_timezone(&Utc);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tenders.ics");
        std::fs::write(&path, calendar("Avain tenders", &events(), now)).unwrap();
        let script = r#"
import json, sys
import icalendar
def read(data):
    cal = icalendar.Calendar.from_ical(data)
    out = []
    for e in cal.walk("VEVENT"):
        cats = e.get("CATEGORIES")
        cats = [str(c) for c in cats.cats] if cats is not None else []
        out.append({
            "uid": str(e["UID"]), "summary": str(e["SUMMARY"]),
            "description": str(e.get("DESCRIPTION", "")),
            "start": e.decoded("DTSTART").isoformat(), "end": e.decoded("DTEND").isoformat(),
            "sequence": int(e["SEQUENCE"]), "categories": cats,
        })
    return cal, out
cal, first = read(open(sys.argv[1], "rb").read())
_, second = read(cal.to_ical())
print(json.dumps({"first": first, "second": second, "name": str(cal["X-WR-CALNAME"])}))
"#;
        let run = std::process::Command::new("/usr/bin/python3").arg("-c").arg(script).arg(&path).output();
        let run = run.expect("/usr/bin/python3 is needed for this test (scripts/test.sh installs python3-icalendar)");
        assert!(
            run.status.success(),
            "Python's icalendar could not read the export (scripts/test.sh installs python3-icalendar): {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let parsed: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        assert_eq!(parsed["first"], parsed["second"], "a round trip changes nothing");
        assert_eq!(parsed["name"], "Avain tenders");
        let first = parsed["first"].as_array().unwrap();
        assert_eq!(first.len(), 2);
        for (got, sent) in first.iter().zip(events()) {
            assert_eq!(got["uid"], sent.uid.as_str());
            assert_eq!(got["summary"], sent.summary.as_str());
            assert_eq!(got["description"], sent.description.as_str());
            assert_eq!(got["start"], sent.date.to_string());
            assert_eq!(got["end"], sent.date.succ_opt().unwrap().to_string());
            assert_eq!(got["sequence"], sent.sequence);
            assert_eq!(got["categories"], serde_json::json!(sent.categories));
        }
    }
}
