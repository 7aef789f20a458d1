//! The demo region's influence network: opinion leaders of every tier and attitude at the hospitals, officials at
//! the health authorities, pharmacists and purchasers; committees (pharmacotherapy committees, tender commissions,
//! a health board, a ministry working group, an insurance fund's expert group) with chairs, members and advisers;
//! links between people; dated histories of relationship stage and attitude; scientific activity.
// Money in minor units is written euros_cents (150_00 is 150.00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::{Duration, NaiveDate};

use super::{DemoSummary, Plan, Rng, THERAPY};
use crate::error::Result;
use crate::network::{ActivityInput, CommitteeInput, LinkInput, ProfileChange, ProfileInput, TieInput};
use crate::store::{insert_activity, insert_change, insert_committee, insert_link, insert_tie, set_profile};
use crate::types::{
    AccountKind, ActivityKind, Attitude, CommitteeKind, LinkKind, PersonType, RelationshipStage, Source, TieKind, Tier,
};

const COMPETITORS: &[&str] = &["Nordic Pharma", "Medivance", "Helix Therapeutics", "Borealis Biotech"];
const CONGRESSES: &[&str] =
    &["ESC Congress", "ASCO Annual Meeting", "EASD Annual Meeting", "Finnish Medical Convention", "ERS Congress"];

/// One person of the network as the generator sees them.
struct Member {
    id: i64,
    account: usize,
    title: &'static str,
    kind: PersonType,
    tier: Option<Tier>,
    areas: Vec<&'static str>,
}

fn specialty(title: &str) -> &'static str {
    match title {
        t if t.contains("Cardiology") => "cardiology",
        t if t.contains("Oncology") => "oncology",
        t if t.contains("Neurology") => "neurology",
        t if t.contains("Internal Medicine") => "internal medicine",
        t if t.contains("Pharmac") => "hospital pharmacy",
        t if t.contains("Nurse") => "nursing",
        _ => "general medicine",
    }
}

fn person_type(kind: AccountKind, title: &str) -> PersonType {
    match (kind, title) {
        (AccountKind::HealthAuthority, _) => PersonType::Vip,
        (_, t) if t.contains("Procurement") || t.contains("Purchasing") || t.contains("Category") => {
            PersonType::Purchaser
        }
        (_, t) if t.contains("Pharmac") => PersonType::Pharmacist,
        (AccountKind::Hospital, t) if t.starts_with("Head of") || t.starts_with("Chief Physician") => PersonType::Kol,
        (AccountKind::Hospital, t) if t.starts_with("Specialist") || t.starts_with("Medical Director") => {
            PersonType::Kol
        }
        _ => PersonType::Hcp,
    }
}

fn date_back(today: NaiveDate, rng: &mut Rng, lo: i64, hi: i64) -> NaiveDate {
    today - Duration::days(rng.range(lo, hi))
}

/// Builds the network of one copy of the demo region. `people[ix]` are the ids and titles of account `ix`'s
/// people.
#[allow(clippy::too_many_arguments)]
pub(super) fn generate(
    conn: &rusqlite::Connection,
    rng: &mut Rng,
    unit: usize,
    today: NaiveDate,
    plan: &[Plan],
    account_ids: &[i64],
    people: &[Vec<(i64, &'static str)>],
    summary: &mut DemoSummary,
) -> Result<()> {
    let mut members: Vec<Member> = Vec::new();
    let mut kols_by_tier = 0usize;
    for (ix, staff) in people.iter().enumerate() {
        for &(id, title) in staff {
            let kind = person_type(plan[ix].kind, title);
            let tier = match kind {
                PersonType::Kol => {
                    kols_by_tier += 1;
                    // Of every 18 opinion leaders: 1 international, 3 national, 6 regional, 8 local.
                    Some(match kols_by_tier % 18 {
                        0 => Tier::International,
                        1..=3 => Tier::National,
                        4..=9 => Tier::Regional,
                        _ => Tier::Local,
                    })
                }
                PersonType::Vip if plan[ix].parent.is_none() => Some(Tier::National),
                PersonType::Vip => Some(Tier::Regional),
                _ => None,
            };
            let mut areas = vec![*rng.pick(THERAPY)];
            if rng.chance(0.35) {
                let second = *rng.pick(THERAPY);
                if second != areas[0] {
                    areas.push(second);
                }
            }
            members.push(Member { id, account: ix, title, kind, tier, areas });
        }
    }
    for m in &members {
        let influential = matches!(m.kind, PersonType::Kol | PersonType::Vip);
        let competitor = if influential && rng.chance(0.25) {
            format!(
                "{} {}, {}",
                rng.pick(&["Advisory board,", "Speaker for", "Investigator for"]),
                rng.pick(COMPETITORS),
                today.format("%Y").to_string().parse::<i32>().unwrap_or(2026) - rng.range(0, 2) as i32
            )
        } else {
            String::new()
        };
        let profile = ProfileInput {
            person_type: Some(m.kind),
            tier: m.tier,
            therapy_areas: if influential || m.kind == PersonType::Hcp {
                m.areas.iter().map(|a| a.to_string()).collect()
            } else {
                vec![]
            },
            specialties: vec![specialty(m.title).to_string()],
            competitor_ties: competitor,
        };
        set_profile(conn, m.id, &profile)?;
        history(conn, rng, m, influential, today)?;
        if m.kind == PersonType::Kol {
            activity(conn, rng, m, today)?;
        }
    }
    let committees = committees(conn, rng, unit, today, plan, account_ids, &members)?;
    summary.committees += committees as u32;
    summary.links += links(conn, rng, today, &members)? as u32;
    plans_and_events(conn, rng, unit, today, &members)?;
    Ok(())
}

/// Relationship plans for the most senior opinion leaders and officials (steps done, overdue and coming, so Today
/// has some), and a year's congress, round table and a company event to come.
fn plans_and_events(
    conn: &rusqlite::Connection,
    rng: &mut Rng,
    unit: usize,
    today: NaiveDate,
    members: &[Member],
) -> Result<()> {
    use crate::plans::{PlanInput, StepInput};
    use crate::types::{Delegation, EventKind};
    let senior: Vec<&Member> = members
        .iter()
        .filter(|m| matches!(m.kind, PersonType::Kol | PersonType::Vip))
        .filter(|m| matches!(m.tier, Some(Tier::International | Tier::National)))
        .take(6)
        .collect();
    let goals = [
        ("Speaker at our spring round table", RelationshipStage::Loyalty, Delegation::D2),
        ("Advisory board member for the new indication", RelationshipStage::Close, Delegation::D1),
        ("Support for the formulary application", RelationshipStage::Loyalty, Delegation::D3),
        ("Co-author of the real-world evidence study", RelationshipStage::Close, Delegation::D2),
        ("Regular exchange on treatment guidelines", RelationshipStage::Acquaintance, Delegation::D4),
        ("Champion in the regional tender commission", RelationshipStage::Loyalty, Delegation::D3),
    ];
    let steps: [(&str, i64, Option<i64>); 5] = [
        ("First meeting: listen to their priorities", -120, None),
        ("Share the latest trial results", -45, None),
        ("Invite to the congress dinner", -6, Some(180_00)),
        ("Follow-up visit with the medical advisor", 3, None),
        ("Ask about the round-table agenda", 30, Some(1_200_00)),
    ];
    let third = ["Invite to the congress dinner", "Send the real-world data summary", "Arrange a site visit"];
    for (k, (m, (goal, target, delegation))) in senior.iter().zip(goals).enumerate() {
        let plan = crate::store::insert_plan(
            conn,
            &PlanInput {
                person_id: m.id,
                goal: goal.into(),
                target_stage: Some(target),
                budget_minor: Some(rng.range(15, 60) * 100_00),
                currency: "EUR".into(),
                delegation: Some(delegation),
                status: None,
                notes: String::new(),
            },
            Source::Demo,
        )?;
        for (n, (title, offset, cost)) in steps.iter().enumerate() {
            // Plans started a week apart: only the first ones have a step overdue today.
            let due = today + Duration::days(*offset + 7 * k as i64);
            let title = if n == 2 { third[k % third.len()] } else { title };
            let step = StepInput { title: title.to_string(), due_date: due.to_string(), cost_minor: *cost };
            let id = crate::store::insert_step(conn, plan, &step, Source::Demo)?;
            // The first two are done; the rest are coming (or overdue).
            if n < 2 {
                conn.execute(
                    "UPDATE tasks SET done_at = ?2 WHERE id = (SELECT task_id FROM plan_steps WHERE id = ?1)",
                    rusqlite::params![id, format!("{due}T15:00:00Z")],
                )?;
            }
        }
    }
    let suffix = if unit == 0 { String::new() } else { format!(" {}", unit + 1) };
    let kols: Vec<&Member> = members.iter().filter(|m| m.kind == PersonType::Kol).collect();
    let events = [
        (EventKind::Congress, format!("Nordic Cardiology Days{suffix}"), -60, "Helsinki", 14),
        (EventKind::RoundTable, format!("Anticoagulation round table{suffix}"), -21, "Kivilahti", 8),
        (EventKind::CompanyEvent, format!("Winter science evening{suffix}"), 24, "Tampere", 10),
    ];
    for (kind, name, offset, place, guests) in events {
        let date = today + Duration::days(offset);
        let now = crate::store::now_timestamp();
        conn.execute(
            "INSERT INTO events (kind, name, date, place, source, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'demo', ?5, ?5)",
            rusqlite::params![kind, name, date, place, now],
        )?;
        let event = conn.last_insert_rowid();
        for (n, m) in kols.iter().skip(rng.below(4)).step_by(2).take(guests).enumerate() {
            let held = offset < 0;
            let attended = held && n % 4 != 3;
            let speaker = held && n < 2;
            conn.execute(
                "INSERT OR IGNORE INTO event_people (event_id, person_id, invited, attended, speaker) VALUES (?1, ?2, 1, ?3, ?4)",
                rusqlite::params![event, m.id, attended, speaker],
            )?;
        }
    }
    Ok(())
}

/// Backdates the relationship stage the person was given step by step, and gives the influential an attitude
/// with a history (some of it moving in the last year).
fn history(conn: &rusqlite::Connection, rng: &mut Rng, m: &Member, influential: bool, today: NaiveDate) -> Result<()> {
    let stage: RelationshipStage =
        conn.query_row("SELECT relationship_stage FROM people WHERE id = ?1", [m.id], |r| r.get(0))?;
    conn.execute("DELETE FROM person_history WHERE person_id = ?1 AND field = 'stage'", [m.id])?;
    let steps = &RelationshipStage::ALL[1..=stage.step() as usize];
    let mut day = date_back(today, rng, 400, 1400);
    for (n, s) in steps.iter().enumerate() {
        let last = n + 1 == steps.len();
        let note = match s {
            RelationshipStage::FirstContact => "Met at a regional training day.",
            RelationshipStage::Acquaintance => "Regular visits; knows our portfolio.",
            RelationshipStage::Loyalty => "Prescribes and recommends our products.",
            RelationshipStage::Close => "Trusted partner; open about plans.",
            RelationshipStage::NoContact => "",
        };
        if last && rng.chance(0.4) {
            day = date_back(today, rng, 5, 200).max(day);
        }
        insert_change(conn, m.id, ProfileChange::Stage(*s), day, note, Source::Demo)?;
        day = (day + Duration::days(rng.range(60, 300))).min(today);
    }
    if !influential && !rng.chance(0.3) {
        return Ok(());
    }
    use Attitude::*;
    let now = *rng.pick(&[Advocate, Supporter, Supporter, Neutral, Neutral, Sceptic, Opponent]);
    let index = Attitude::ALL.iter().position(|a| *a == now).unwrap_or(2);
    if rng.chance(0.6) {
        // Where they stood before: one step away.
        let before = if index == 0 || (index < 4 && rng.chance(0.6)) { index + 1 } else { index - 1 };
        let then = date_back(today, rng, 380, 900);
        insert_change(conn, m.id, ProfileChange::Attitude(Attitude::ALL[before]), then, "", Source::Demo)?;
    }
    let note = match now {
        Advocate => "Speaks for our data at meetings.",
        Sceptic | Opponent => "Prefers the competitor's product; wants head-to-head data.",
        _ => "",
    };
    let when = date_back(today, rng, 10, 340);
    insert_change(conn, m.id, ProfileChange::Attitude(now), when, note, Source::Demo)?;
    Ok(())
}

fn activity(conn: &rusqlite::Connection, rng: &mut Rng, m: &Member, today: NaiveDate) -> Result<()> {
    let (publications, trials) = match m.tier {
        Some(Tier::International) => (rng.range(60, 150), rng.range(4, 9)),
        Some(Tier::National) => (rng.range(20, 60), rng.range(2, 5)),
        Some(Tier::Regional) => (rng.range(5, 20), rng.range(0, 2)),
        _ => (rng.range(0, 5), 0),
    };
    let area = m.areas[0];
    let year = |rng: &mut Rng| Some(chrono::Datelike::year(&today) - rng.range(0, 4) as i32);
    let add = |kind, title: String, year, count: i64| -> Result<()> {
        if count > 0 {
            let input = ActivityInput { person_id: m.id, kind, title, year, count: Some(count), note: String::new() };
            insert_activity(conn, &input, today, Source::Demo)?;
        }
        Ok(())
    };
    add(ActivityKind::Publication, "Peer-reviewed articles (PubMed)".into(), None, publications)?;
    add(ActivityKind::Trial, format!("Investigator in {area} trials"), None, trials)?;
    if matches!(m.tier, Some(Tier::International | Tier::National)) {
        let y = year(rng);
        add(ActivityKind::Guideline, format!("Current Care guideline on {area}, author group"), y, 1)?;
    }
    for _ in 0..rng.range(0, 3) {
        let y = year(rng);
        add(ActivityKind::Talk, format!("{}: {area}", rng.pick(CONGRESSES)), y, 1)?;
    }
    Ok(())
}

fn committee(
    conn: &rusqlite::Connection,
    name: String,
    kind: CommitteeKind,
    account_id: Option<i64>,
    region: &str,
    seats: &[(i64, TieKind, &str, i64)],
    ended: Option<(i64, NaiveDate)>,
) -> Result<()> {
    let input = CommitteeInput { name, kind: Some(kind), account_id, region: region.to_string(), notes: String::new() };
    let id = insert_committee(conn, &input, Source::Demo)?;
    let mut seen = Vec::new();
    for &(person_id, kind, role, strength) in seats {
        if seen.contains(&person_id) {
            continue;
        }
        seen.push(person_id);
        let tie = TieInput {
            person_id,
            account_id: None,
            committee_id: Some(id),
            kind,
            role: role.to_string(),
            strength,
            since: None,
            until: None,
            source_note: String::new(),
        };
        insert_tie(conn, &tie, Source::Demo)?;
    }
    if let Some((person_id, until)) = ended.filter(|(p, _)| !seen.contains(p)) {
        let tie = TieInput {
            person_id,
            account_id: None,
            committee_id: Some(id),
            kind: TieKind::MemberOf,
            role: "Former member".into(),
            strength: 3,
            since: Some((until - Duration::days(1100)).to_string()),
            until: Some(until.to_string()),
            source_note: "Left when the committee was reorganised.".into(),
        };
        insert_tie(conn, &tie, Source::Demo)?;
    }
    Ok(())
}

fn committees(
    conn: &rusqlite::Connection,
    rng: &mut Rng,
    unit: usize,
    today: NaiveDate,
    plan: &[Plan],
    account_ids: &[i64],
    members: &[Member],
) -> Result<usize> {
    let suffix = if unit == 0 { String::new() } else { format!(" {}", unit + 1) };
    let at = |ix: usize| members.iter().filter(move |m| m.account == ix);
    let kols: Vec<&Member> = members.iter().filter(|m| m.kind == PersonType::Kol).collect();
    let senior_kols: Vec<&Member> =
        kols.iter().copied().filter(|m| matches!(m.tier, Some(Tier::International | Tier::National))).collect();
    let mut made = 0;
    let mut regions: Vec<&str> = Vec::new();
    for (ix, p) in plan.iter().enumerate() {
        if !regions.contains(&p.region.as_str()) && !p.region.is_empty() {
            regions.push(&p.region);
        }
        if p.kind != AccountKind::Hospital {
            continue;
        }
        // The hospital's pharmacotherapy committee: the chief pharmacist chairs, physicians sit on it, an opinion
        // leader from elsewhere advises.
        let own: Vec<&Member> = at(ix).collect();
        let chair = own.iter().find(|m| m.title == "Chief Pharmacist").or(own.first());
        let Some(chair) = chair else { continue };
        let mut seats = vec![(chair.id, TieKind::DecidesFor, "Chair", 5)];
        for m in own.iter().filter(|m| m.id != chair.id && m.kind == PersonType::Kol).take(4) {
            seats.push((m.id, TieKind::MemberOf, "Member", rng.range(3, 4)));
        }
        if let Some(adviser) = senior_kols.iter().find(|m| m.account != ix && rng.chance(0.5)) {
            seats.push((adviser.id, TieKind::Advises, "Expert adviser", rng.range(2, 4)));
        }
        let ended = own.last().map(|m| (m.id, date_back(today, rng, 60, 500)));
        let name = format!("{} Pharmacotherapy Committee{suffix}", p.name);
        committee(conn, name, CommitteeKind::Formulary, Some(account_ids[ix]), &p.region, &seats, ended)?;
        made += 1;
    }
    for region in &regions {
        // The region's tender commission: purchasers of its hospitals and authorities, a physician adviser.
        let in_region: Vec<&Member> = members.iter().filter(|m| plan[m.account].region == *region).collect();
        let purchasers: Vec<&&Member> = in_region.iter().filter(|m| m.kind == PersonType::Purchaser).collect();
        let Some(chair) = purchasers.first() else { continue };
        let mut seats = vec![(chair.id, TieKind::DecidesFor, "Chair", 5)];
        for m in purchasers.iter().skip(1).take(4) {
            seats.push((m.id, TieKind::MemberOf, "Member", 4));
        }
        if let Some(adviser) = in_region.iter().find(|m| m.kind == PersonType::Kol) {
            seats.push((adviser.id, TieKind::Advises, "Clinical expert", 3));
        }
        committee(
            conn,
            format!("{region} Tender Commission"),
            CommitteeKind::TenderCommission,
            None,
            region,
            &seats,
            None,
        )?;
        made += 1;
    }
    // National bodies: officials decide, senior opinion leaders advise.
    let officials: Vec<&Member> = members.iter().filter(|m| m.kind == PersonType::Vip).collect();
    let bodies: [(&str, CommitteeKind); 3] = [
        ("Regional Health Board", CommitteeKind::HealthBoard),
        ("Ministry Working Group on Medicines", CommitteeKind::Ministry),
        ("Kela Reimbursement Expert Group", CommitteeKind::InsuranceFund),
    ];
    for (n, (name, kind)) in bodies.into_iter().enumerate() {
        let mut seats = Vec::new();
        for (k, m) in officials.iter().skip(n * 2).take(3).enumerate() {
            let (tie, role, strength) =
                if k == 0 { (TieKind::DecidesFor, "Chair", 5) } else { (TieKind::MemberOf, "Member", 4) };
            seats.push((m.id, tie, role, strength));
        }
        for m in senior_kols.iter().skip(n).step_by(3).take(2) {
            seats.push((m.id, TieKind::Advises, "Expert adviser", rng.range(3, 5)));
        }
        let region = if kind == CommitteeKind::HealthBoard { regions.first().copied().unwrap_or("") } else { "" };
        committee(conn, format!("{name}{suffix}"), kind, None, region, &seats, None)?;
        made += 1;
    }
    Ok(made)
}

fn links(conn: &rusqlite::Connection, rng: &mut Rng, today: NaiveDate, members: &[Member]) -> Result<usize> {
    let mut made = 0;
    let mut seen: Vec<(i64, i64)> = Vec::new();
    // Strength is drawn from `strengths` (lowest, highest).
    let mut add =
        |rng: &mut Rng, from: i64, to: i64, kind: LinkKind, strengths: (i64, i64), note: &str| -> Result<()> {
            let strength = rng.range(strengths.0, strengths.1);
            if from == to || seen.contains(&(from, to)) || seen.contains(&(to, from)) {
                return Ok(());
            }
            seen.push((from, to));
            let since = (rng.chance(0.6)).then(|| date_back(today, rng, 300, 4000).to_string());
            let input =
                LinkInput { from_id: from, to_id: to, kind, strength, since, until: None, source_note: note.into() };
            insert_link(conn, &input, Source::Demo)?;
            made += 1;
            Ok(())
        };
    let accounts: Vec<usize> = {
        let mut a: Vec<usize> = members.iter().map(|m| m.account).collect();
        a.dedup();
        a
    };
    for &ix in &accounts {
        let own: Vec<&Member> = members.iter().filter(|m| m.account == ix).collect();
        // Everyone reports to the account's most senior person; a few colleagues are close.
        let boss = own.iter().find(|m| {
            m.title.starts_with("Chief Physician")
                || m.title.starts_with("Medical Director")
                || m.title.starts_with("Director")
                || m.title == "CEO"
                || m.title.starts_with("Commercial Director")
        });
        if let Some(boss) = boss {
            for m in own.iter().filter(|m| m.id != boss.id).take(8) {
                add(rng, m.id, boss.id, LinkKind::ReportsTo, (4, 4), "Organisation chart")?;
            }
        }
        for _ in 0..own.len() / 3 {
            let (a, b) = (rng.pick(&own).id, rng.pick(&own).id);
            add(rng, a, b, LinkKind::Colleague, (2, 3), "")?;
        }
    }
    let kols: Vec<&Member> = members.iter().filter(|m| m.kind == PersonType::Kol).collect();
    let deciders: Vec<&Member> = members
        .iter()
        .filter(|m| matches!(m.kind, PersonType::Purchaser | PersonType::Pharmacist | PersonType::Vip))
        .collect();
    for k in &kols {
        // Senior opinion leaders mentor juniors in their field and sway the people who buy.
        let juniors: Vec<&&Member> = kols
            .iter()
            .filter(|j| j.id != k.id && j.areas[0] == k.areas[0] && tier_rank(j.tier) > tier_rank(k.tier))
            .collect();
        let mentees = match k.tier {
            Some(Tier::International) => 4,
            Some(Tier::National) => 2,
            Some(Tier::Regional) => 1,
            _ => 0,
        };
        for _ in 0..mentees.min(juniors.len()) {
            let j = rng.pick(&juniors);
            add(rng, k.id, j.id, LinkKind::MentorOf, (3, 5), "Supervised their thesis")?;
        }
        let sway = match k.tier {
            Some(Tier::International | Tier::National) => 3,
            Some(Tier::Regional) => 2,
            _ => rng.range(0, 1) as usize,
        };
        for _ in 0..sway.min(deciders.len()) {
            let d = rng.pick(&deciders);
            add(rng, k.id, d.id, LinkKind::Influences, (2, 5), "Seen at committee meetings")?;
        }
    }
    // A few friendships, one family tie and some rivalries between opinion leaders.
    for _ in 0..kols.len() / 6 {
        let (a, b) = (rng.pick(&kols).id, rng.pick(&kols).id);
        add(rng, a, b, LinkKind::Friend, (3, 5), "Same sailing club")?;
    }
    for _ in 0..kols.len() / 10 {
        let (a, b) = (rng.pick(&kols).id, rng.pick(&kols).id);
        add(rng, a, b, LinkKind::Rival, (3, 3), "Competing research groups")?;
    }
    if kols.len() > 2 {
        add(rng, kols[0].id, kols[kols.len() - 1].id, LinkKind::Family, (5, 5), "Married")?;
    }
    Ok(made)
}

fn tier_rank(tier: Option<Tier>) -> u8 {
    match tier {
        Some(Tier::International) => 0,
        Some(Tier::National) => 1,
        Some(Tier::Regional) => 2,
        Some(Tier::Local) => 3,
        None => 4,
    }
}

impl crate::Store {
    /// Fills an empty Avain with [`crate::network::synthetic_network`] (people named after their number, every
    /// one an opinion leader), to try the network view at scale. Returns (people, links).
    pub fn load_synthetic_network(&mut self, people: usize, links: usize, today: NaiveDate) -> Result<(usize, usize)> {
        if !self.is_empty()? {
            return Err(crate::Error::invalid(
                "not_empty",
                "people",
                "A generated network can only be loaded into an empty Avain; use a separate data folder (--data-dir).",
            ));
        }
        if !(2..=100_000).contains(&people) || links > 1_000_000 {
            return Err(crate::Error::invalid(
                "out_of_range",
                "people",
                "Generate 2 to 100,000 people and at most 1,000,000 links.",
            ));
        }
        let (nodes, edges) = crate::network::synthetic_network(people, links);
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(people);
        {
            let now = crate::store::now_timestamp();
            let mut person = tx.prepare(
                "INSERT INTO people (first_name, last_name, title, relationship_stage, person_type, tier, attitude,
                                     therapy_areas, source, created_at, updated_at)
                 VALUES (?1, ?2, 'Specialist', ?3, 'kol', ?4, ?5, ?6, 'demo', ?7, ?7)",
            )?;
            let mut history = tx.prepare(
                "INSERT INTO person_history (person_id, field, value, date, source, created_at)
                 VALUES (?1, ?2, ?3, ?4, 'demo', ?5)",
            )?;
            let mut activity = tx.prepare(
                "INSERT INTO scientific_activity (person_id, kind, title, count, source, created_at)
                 VALUES (?1, 'publication', 'Peer-reviewed articles', ?2, 'demo', ?3)",
            )?;
            for (i, n) in nodes.iter().enumerate() {
                let first = super::FIRST_NAMES[i % super::FIRST_NAMES.len()];
                let area = THERAPY[(i / 50) % THERAPY.len()];
                person.execute(rusqlite::params![
                    first,
                    format!("Person {:05}", i + 1),
                    n.stage,
                    n.tier,
                    n.attitude,
                    area,
                    now
                ])?;
                let id = tx.last_insert_rowid();
                ids.push(id);
                let day = today - Duration::days((i % 700) as i64);
                if n.stage != RelationshipStage::NoContact {
                    history.execute(rusqlite::params![id, "stage", n.stage.as_str(), day, now])?;
                }
                if let Some(a) = n.attitude {
                    history.execute(rusqlite::params![id, "attitude", a.as_str(), day, now])?;
                }
                if n.activity > 0 {
                    activity.execute(rusqlite::params![id, n.activity, now])?;
                }
            }
            let mut link = tx.prepare(
                "INSERT INTO person_links (from_id, to_id, kind, strength, source, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'demo', ?5, ?5)",
            )?;
            for e in &edges {
                link.execute(rusqlite::params![ids[e.from], ids[e.to], e.kind, e.strength as i64, now])?;
            }
        }
        tx.commit()?;
        self.announce("all", None, "demo_loaded", Source::Demo);
        Ok((people, edges.len()))
    }
}
