// The account dossier: header (name, kind, status, criteria met, owner), then tabs for the overview, the decision
// group, people, interactions, tasks, sales and tenders. Proposals and the plan say plainly they are not built yet.
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type AccountDossier, type KeyCriteria, type MemberCard } from "../api/client";
import { useDossier } from "../api/queries";
import { InfluenceList } from "../components/Influence";
import { InteractionTimeline, RecordActions, TaskList } from "../components/records";
import { Confirm, EmptyState, KindChip, StageIndicator, StatusChip, StyleBadge, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate, formatMoney } from "../lib/format";
import { href, navigate } from "../lib/router";
import { AccountForm } from "./AccountForm";
import { InteractionForm, TaskForm } from "./InteractionForm";
import { AddMemberForm, EditMemberForm } from "./MemberForm";

// The sales and tenders tabs bring charts and the calendar's code; they load when first opened.
const AccountSales = lazy(() => import("./Sales").then((m) => ({ default: m.AccountSales })));
const AccountProposals = lazy(() => import("./Proposals").then((m) => ({ default: m.AccountProposals })));
const AccountTenders = lazy(() => import("./Tenders").then((m) => ({ default: m.AccountTenders })));

const TABS = ["overview", "decision-group", "people", "interactions", "tasks", "sales", "tenders", "proposals", "plan"] as const;
const FUTURE = new Set(["plan"]);
const CRITERIA: (keyof KeyCriteria)[] = ["opinion_leadership", "profit", "growth", "partnership"];

export function AccountDossierPage(props: { id: number; tab: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const dossier = useDossier(props.id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [logging, setLogging] = useState(false);
  const [addingTask, setAddingTask] = useState(false);

  if (dossier.isError) {
    return (
      <div className="page">
        <EmptyState title={t("dossier.notFound")} hint={errorMessage(dossier.error)} action={<a href="#/accounts">{t("common.back")}</a>} />
      </div>
    );
  }
  if (!dossier.data) return <div className="page muted">{t("common.loading")}</div>;
  const d = dossier.data;
  const a = d.account;
  const tab = (TABS as readonly string[]).includes(props.tab) ? props.tab : "overview";

  const remove = async () => {
    try {
      await api.deleteAccount(a.id);
      toast(t("accounts.deleted"));
      navigate({ page: "accounts" });
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };

  return (
    <div className="page" data-testid="account-dossier">
      <div className="dossier-header">
        <div className="title">
          <h1 data-testid="dossier-title">
            {a.name} <StatusChip status={a.status} />
          </h1>
          <div className="meta-row">
            <KindChip kind={a.kind} />
            <span title={t("criteria.title")}>{t("criteria.met", { count: a.criteria_met })}</span>
            {a.region && <span>{a.region}</span>}
            {a.owner && (
              <span>
                {t("dossier.owner")}: {a.owner}
              </span>
            )}
            {a.parent && <a href={href({ page: "account", id: a.parent.id, tab: "overview" })}>{t("dossier.parent", { name: a.parent.name })}</a>}
          </div>
        </div>
        <RecordActions
          onLog={() => setLogging(true)}
          onTask={() => setAddingTask(true)}
          onEdit={() => setEditing(true)}
          onDelete={() => setDeleting(true)}
          editTestId="edit-account"
        />
      </div>

      <nav className="tabs" aria-label={a.name}>
        {TABS.map((name) => (
          <a
            key={name}
            href={href({ page: "account", id: a.id, tab: name })}
            className={`tab${tab === name ? " active" : ""}${FUTURE.has(name) ? " future" : ""}`}
            aria-current={tab === name ? "page" : undefined}
            data-testid={`tab-${name}`}
          >
            {t(`dossier.tabs.${name}`)}
            {name === "decision-group" && d.decision_group.length > 0 && <span className="count-badge"> {d.decision_group.length}</span>}
          </a>
        ))}
      </nav>

      {tab === "overview" && <Overview d={d} />}
      {tab === "decision-group" && <DecisionGroup d={d} />}
      {tab === "people" && <People d={d} />}
      {tab === "interactions" && (
        <section className="panel">
          <header>
            <h2>{t("interactions.title")}</h2>
            <span className="spacer" />
            <button type="button" className="btn" onClick={() => setLogging(true)}>
              + {t("interactions.log")}
            </button>
          </header>
          {d.interactions.length === 0 ? <EmptyState compact hint={t("interactions.empty")} /> : <InteractionTimeline interactions={d.interactions} />}
        </section>
      )}
      {tab === "tasks" && (
        <section className="panel">
          <header>
            <h2>{t("tasks.title")}</h2>
            <span className="spacer" />
            <button type="button" className="btn" onClick={() => setAddingTask(true)}>
              + {t("tasks.new")}
            </button>
          </header>
          {d.tasks.length === 0 ? <EmptyState compact hint={t("tasks.empty")} /> : <TaskList tasks={d.tasks} showLinks={false} />}
        </section>
      )}
      {tab === "sales" && (
        <Suspense fallback={null}>
          <AccountSales accountId={a.id} />
        </Suspense>
      )}
      {tab === "proposals" && (
        <Suspense fallback={null}>
          <AccountProposals accountId={a.id} />
        </Suspense>
      )}
      {tab === "tenders" && (
        <Suspense fallback={null}>
          <AccountTenders accountId={a.id} />
        </Suspense>
      )}
      {FUTURE.has(tab) && (
        <section className="panel">
          <EmptyState title={t("common.notBuiltYet")} hint={t(`dossier.future.${tab}`)} />
        </section>
      )}

      {editing && <AccountForm account={a} onClose={() => setEditing(false)} />}
      {logging && <InteractionForm accountId={a.id} onClose={() => setLogging(false)} />}
      {addingTask && <TaskForm accountId={a.id} onClose={() => setAddingTask(false)} />}
      {deleting && (
        <Confirm
          danger
          title={t("common.confirmDeleteTitle", { name: a.name })}
          text={t("accounts.deleteWarning")}
          confirmLabel={t("common.delete")}
          onCancel={() => setDeleting(false)}
          onConfirm={remove}
        />
      )}
    </div>
  );
}

function Overview({ d }: { d: AccountDossier }) {
  const { t } = useTranslation();
  const lang = useLang();
  const a = d.account;
  return (
    <div className="panels">
      <section className="panel" data-testid="criteria-panel">
        <header>
          <h2>{t("criteria.title")}</h2>
        </header>
        <ul className="criteria-list">
          {CRITERIA.map((k) => (
            <li key={k}>
              <span className={`mark ${a.criteria[k].met ? "met" : "unmet"}`} aria-label={a.criteria[k].met ? t("common.yes") : t("common.no")}>
                {a.criteria[k].met ? "✓" : "○"}
              </span>
              <span>
                <strong>{t(`criteria.${k}`)}</strong>
                <br />
                <span className="small muted">{a.criteria[k].note || t(`criteria.${k}Hint`)}</span>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel">
        <header>
          <h2>{t("dossier.groupAtGlance")}</h2>
          <span className="spacer" />
          <a href={href({ page: "account", id: a.id, tab: "decision-group" })}>{t("common.open")} →</a>
        </header>
        {d.decision_group.length === 0 ? (
          <EmptyState compact hint={t("group.emptyHint")} />
        ) : (
          <div className="mini-cards">
            {d.decision_group.map((m) => (
              <a key={m.id} className="mini-card" href={href({ page: "person", id: m.person_id })}>
                <strong>{m.person_name}</strong>
                <span className="small muted">{t(`role.${m.buying_role}`)}</span>
                <span className="btn-row">
                  <StyleBadge style={m.decision_style} />
                  <StageIndicator stage={m.relationship_stage} />
                </span>
              </a>
            ))}
          </div>
        )}
        <StyleCoverage d={d} />
      </section>

      <section className="panel">
        <header>
          <h2>{t("dossier.credit")}</h2>
        </header>
        {a.credit_limit_minor === null && a.payment_terms_days === null && !a.credit_check_date ? (
          <p className="muted">{t("dossier.noCredit")}</p>
        ) : (
          <dl className="dl">
            <dt>{t("dossier.creditLimit")}</dt>
            <dd className="tabular">{formatMoney(a.credit_limit_minor, a.currency, lang) || t("common.none")}</dd>
            <dt>{t("dossier.paymentTerms")}</dt>
            <dd>{a.payment_terms_days !== null ? t("dossier.paymentDays", { count: a.payment_terms_days }) : t("common.none")}</dd>
            <dt>{t("dossier.creditCheck")}</dt>
            <dd>
              {formatDate(a.credit_check_date, lang) || t("common.none")} {a.credit_check_result && `· ${a.credit_check_result}`}
            </dd>
          </dl>
        )}
      </section>

      <section className="panel">
        <header>
          <h2>{t("dossier.contract")}</h2>
        </header>
        {!a.contract_start && !a.contract_end && !a.renegotiation_date ? (
          <p className="muted">{t("dossier.noContract")}</p>
        ) : (
          <dl className="dl">
            <dt>{t("dossier.contractPeriod")}</dt>
            <dd>
              {formatDate(a.contract_start, lang) || "…"} – {formatDate(a.contract_end, lang) || "…"}
            </dd>
            <dt>{t("dossier.renegotiation")}</dt>
            <dd>{formatDate(a.renegotiation_date, lang) || t("common.none")}</dd>
          </dl>
        )}
      </section>

      <section className="panel">
        <header>
          <h2>{t("dossier.openTasks")}</h2>
        </header>
        {d.tasks.length === 0 ? <EmptyState compact hint={t("tasks.empty")} /> : <TaskList tasks={d.tasks.slice(0, 6)} showLinks={false} />}
      </section>

      <section className="panel">
        <header>
          <h2>{t("dossier.notes")}</h2>
        </header>
        <p className="pre m0">{a.notes || <span className="muted">{t("dossier.noNotes")}</span>}</p>
        {d.children.length > 0 && (
          <>
            <h3 className="mt3 mb2">{t("dossier.children")}</h3>
            <ul className="list">
              {d.children.map((c) => (
                <li key={c.id}>
                  <a className="grow" href={href({ page: "account", id: c.id, tab: "overview" })}>
                    {c.name}
                  </a>
                  <span className="small muted">{c.region}</span>
                  <StatusChip status={c.status} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="panel wide">
        <header>
          <h2>{t("dossier.recentInteractions")}</h2>
        </header>
        {d.interactions.length === 0 ? <EmptyState compact hint={t("interactions.empty")} /> : <InteractionTimeline interactions={d.interactions.slice(0, 5)} />}
      </section>
    </div>
  );
}

function StyleCoverage({ d }: { d: AccountDossier }) {
  const { t } = useTranslation();
  if (d.decision_group.length === 0) return null;
  return (
    <div className="mt3">
      <h3 className="mb2">{t("dossier.styleCoverage")}</h3>
      <div className="coverage" data-testid="style-coverage">
        {d.style_coverage.map((c) => (
          <span key={c.style} className={c.members === 0 ? "missing" : ""} title={c.members === 0 ? t("dossier.styleMissing") : t(`styleHint.${c.style}`)}>
            <StyleBadge style={c.style} /> <span className="small muted num">{c.members}</span>
          </span>
        ))}
      </div>
    </div>
  );
}

function DecisionGroup({ d }: { d: AccountDossier }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<MemberCard | null>(null);
  const [removing, setRemoving] = useState<MemberCard | null>(null);
  const remove = async (m: MemberCard) => {
    setRemoving(null);
    try {
      await api.removeMember(m.id);
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <section data-testid="decision-group">
      <div className="page-header">
        <StyleCoverage d={d} />
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={() => setAdding(true)} data-testid="add-member">
          + {t("group.add")}
        </button>
      </div>
      {d.decision_group.length === 0 ? (
        <EmptyState
          title={t("group.emptyTitle")}
          hint={t("group.emptyHint")}
          action={
            <button type="button" className="btn primary" onClick={() => setAdding(true)}>
              + {t("group.add")}
            </button>
          }
        />
      ) : (
        <div className="cards">
          {d.decision_group.map((m) => (
            <article className="card" key={m.id} data-testid="member-card">
              <a className="name" href={href({ page: "person", id: m.person_id })}>
                {m.person_name}
              </a>
              <span className="small muted">{m.position || "\u00a0"}</span>
              <span className="role">{t(`role.${m.buying_role}`)}</span>
              <StyleBadge style={m.decision_style} />
              <StageIndicator stage={m.relationship_stage} withLabel />
              {m.notes && <span className="small pre">{m.notes}</span>}
              <span className="small faint">
                {m.last_contact ? t("group.lastContact", { date: formatDate(m.last_contact, lang) }) : t("group.neverContacted")}
              </span>
              <footer>
                <button type="button" className="btn small" onClick={() => setEditing(m)}>
                  {t("common.edit")}
                </button>
                <button type="button" className="btn small ghost danger" onClick={() => setRemoving(m)}>
                  {t("common.remove")}
                </button>
              </footer>
            </article>
          ))}
        </div>
      )}
      {d.decision_group.length > 0 && (
        <section className="panel influence-panel">
          <header>
            <h2>{t("network.influence.title")}</h2>
            <span className="spacer" />
            <a className="small" href="#/network">{t("network.title")} →</a>
          </header>
          <InfluenceList scope={{ account_id: d.account.id, region: null, committee_id: null, tender_id: null, therapy_area: null }} testId="account-influence" />
        </section>
      )}
      {adding && (
        <AddMemberForm accountId={d.account.id} existingPersonIds={d.decision_group.map((m) => m.person_id)} onClose={() => setAdding(false)} />
      )}
      {editing && <EditMemberForm member={editing} onClose={() => setEditing(null)} />}
      {removing && (
        <Confirm
          title={t("common.remove")}
          text={t("group.removeConfirm", { name: removing.person_name })}
          confirmLabel={t("common.remove")}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => remove(removing)}
        />
      )}
    </section>
  );
}

function People({ d }: { d: AccountDossier }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="panel">
      <header>
        <h2>{t("people.title")}</h2>
      </header>
      {d.people.length === 0 ? (
        <EmptyState compact hint={t("group.emptyHint")} />
      ) : (
        <ul className="list">
          {d.people.map((f) => (
            <li key={f.id}>
              <a className="grow" href={href({ page: "person", id: f.person_id })}>
                {f.person_name}
              </a>
              <span className="muted">{[f.position, f.department].filter(Boolean).join(", ")}</span>
              <span className={`chip ${f.current ? "ok" : "kind"}`}>
                {f.current ? t("people.affiliations.current") : t("people.affiliations.former")}
              </span>
              <span className="small muted nowrap">
                {f.start_date || f.end_date
                  ? t("people.affiliations.period", { from: formatDate(f.start_date, lang) || "…", to: formatDate(f.end_date, lang) || "…" })
                  : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
