// One tender: its milestones (move, tick off, plan again from the template), lots and bids, the document
// checklist, the people behind it with the coverage of our relationships, the outcome and the status history.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Outcome, type PlannedMilestone, type Tender, type TenderStatus } from "../api/client";
import { usePersonOptions, useTender } from "../api/queries";
import { InfluenceList } from "../components/Influence";
import { Combobox, Confirm, DateInput, EmptyState, Field, FormModal, StageIndicator, StyleBadge, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate, formatMoney, formatNumber, inputToMinor, moneyToInput } from "../lib/format";
import { href, navigate } from "../lib/router";
import { localError, useSubmit } from "../lib/useSubmit";
import { TenderForm } from "./TenderForm";
import { isoToday, OPEN, STATUSES } from "../lib/tenders";
import { TenderStatusChip } from "./Tenders";
import { NewProposal } from "./Proposals";

const CURRENCY = "EUR";

export function TenderDetailPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const tender = useTender(id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [changing, setChanging] = useState(false);
  const [proposing, setProposing] = useState(false);

  if (tender.isError) {
    return (
      <div className="page">
        <EmptyState title={t("tenders.notFound")} hint={errorMessage(tender.error)} action={<a href="#/tenders">{t("common.back")}</a>} />
      </div>
    );
  }
  if (!tender.data) return <div className="page muted">{t("common.loading")}</div>;
  const x = tender.data;
  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) toast(done);
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };

  return (
    <div className="page" data-testid="tender-detail">
      <div className="dossier-header">
        <div className="title">
          <h1 data-testid="tender-title">
            {x.title} <TenderStatusChip status={x.status} />
          </h1>
          <div className="meta-row">
            <a href={href({ page: "account", id: x.buyer.id, tab: "overview" })}>{x.buyer.name}</a>
            <span>{t(`procedures.${x.procedure}`)}</span>
            {x.reference && <span>{x.reference}</span>}
            {x.expected_announcement && (
              <span>
                {t("tenders.fields.announcement")}: {formatDate(x.expected_announcement, lang)}
              </span>
            )}
            {x.owner && (
              <span>
                {t("tenders.fields.owner")}: {x.owner}
              </span>
            )}
          </div>
        </div>
        <div className="btn-row">
          <button type="button" className="btn primary" onClick={() => setChanging(true)} data-testid="change-status">
            {t("tenders.status.title")}
          </button>
          <button type="button" className="btn" onClick={() => setProposing(true)} data-testid="tender-new-proposal">
            {t("proposals.new")}
          </button>
          <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="edit-tender">
            {t("common.edit")}
          </button>
          <button type="button" className="btn ghost danger" onClick={() => setDeleting(true)}>
            {t("common.delete")}
          </button>
        </div>
      </div>

      <div className="panels tender-panels">
        <Milestones tender={x} run={run} />
        <People tender={x} run={run} />
        <section className="panel" data-testid="tender-influence">
          <header>
            <h2>{t("network.influence.title")}</h2>
          </header>
          <p className="small muted m0">{t("tenders.influenceHint")}</p>
          <InfluenceList scope={{ tender_id: x.id, region: null, account_id: null, committee_id: null, therapy_area: null }} testId="who-influences-tender" />
        </section>
        <Lots tender={x} />
        <Documents tender={x} run={run} />
        {(x.status === "won" || x.status === "lost" || x.outcome.award_date) && (
          <section className="panel" data-testid="tender-outcome">
            <header>
              <h2>{t("tenders.outcome")}</h2>
            </header>
            <dl className="dl">
              <dt>{t("tenders.status.awardDate")}</dt>
              <dd>{formatDate(x.outcome.award_date, lang) || "—"}</dd>
              <dt>{t("tenders.status.winner")}</dt>
              <dd>{x.outcome.winner || "—"}</dd>
              <dt>{t("tenders.status.winningPrice")}</dt>
              <dd>{formatMoney(x.outcome.winning_price_minor, CURRENCY, lang) || "—"}</dd>
              {x.outcome.loss_reason && (
                <>
                  <dt>{t("tenders.status.lossReason")}</dt>
                  <dd>{x.outcome.loss_reason}</dd>
                </>
              )}
            </dl>
          </section>
        )}
        <section className="panel">
          <header>
            <h2>{t("tenders.history")}</h2>
          </header>
          <ul className="list" data-testid="tender-history">
            {[...x.history].reverse().map((h, i) => (
              <li key={i}>
                <span className="grow">
                  <TenderStatusChip status={h.status} /> {h.note && <span className="small">{h.note}</span>}
                </span>
                <span className="small muted nowrap">{formatDate(h.at.slice(0, 10), lang)}</span>
              </li>
            ))}
          </ul>
          {x.notes && <p className="pre small">{x.notes}</p>}
        </section>
      </div>

      {editing && <TenderForm tender={x} onClose={() => setEditing(false)} />}
      {proposing && <NewProposal accountId={x.buyer.id} tenderId={x.id} onClose={() => setProposing(false)} />}
      {changing && <StatusForm tender={x} onClose={() => setChanging(false)} />}
      {deleting && (
        <Confirm
          danger
          title={t("tenders.deleteTitle")}
          text={t("tenders.deleteText")}
          confirmLabel={t("common.delete")}
          onCancel={() => setDeleting(false)}
          onConfirm={() =>
            void run(async () => {
              await api.deleteTender(x.id);
              navigate({ page: "tenders" });
            }, t("tenders.deleted"))
          }
        />
      )}
    </div>
  );
}

type Run = (action: () => Promise<unknown>, done?: string) => Promise<void>;

function Milestones({ tender: x, run }: { tender: Tender; run: Run }) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = isoToday();
  const [moving, setMoving] = useState<PlannedMilestone | null>(null);
  return (
    <section className="panel" data-testid="tender-milestones">
      <header>
        <h2>{t("tenders.milestones.title")}</h2>
        <span className="spacer" />
        {x.expected_announcement && (
          <button
            type="button"
            className="btn small"
            title={t("tenders.milestones.rescheduleHint")}
            onClick={() => void run(() => api.rescheduleTender(x.id), t("tenders.milestones.rescheduled"))}
          >
            {t("tenders.milestones.reschedule")}
          </button>
        )}
      </header>
      {x.milestones.length === 0 ? (
        <EmptyState compact hint={t("tenders.milestones.none")} />
      ) : (
        <ul className="list milestones">
          {x.milestones.map((m) => {
            const late = OPEN.includes(x.status) && !m.done && m.date < today;
            return (
              <li key={m.kind} data-testid={`milestone-${m.kind}`} className={m.done ? "done" : ""}>
                <input
                  type="checkbox"
                  checked={m.done}
                  aria-label={t("tenders.milestones.done")}
                  onChange={(e) => void run(() => api.setMilestoneDone(x.id, m.kind, e.target.checked))}
                />
                <span className="grow">
                  <strong>{t(`milestones.${m.kind}`)}</strong>
                  {m.hard && (
                    <span className="chip small hard-chip" title={t("tenders.milestones.hardHint")}>
                      {t("tenders.milestones.hard")}
                    </span>
                  )}
                  {m.warning && (
                    <span className="chip warn small" title={m.warning}>
                      {t("tenders.nonWorkingDay")}
                    </span>
                  )}
                  {m.moved && <span className="small muted"> · {t("tenders.milestones.moved")}</span>}
                </span>
                <span className={`small nowrap ${late ? "chip overdue" : ""}`} data-testid={`milestone-date-${m.kind}`}>
                  {formatDate(m.date, lang)}
                </span>
                <button type="button" className="btn small ghost" onClick={() => setMoving(m)} data-testid={`move-${m.kind}`}>
                  {t("tenders.milestones.move")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {moving && <MoveForm tender={x} milestone={moving} onClose={() => setMoving(null)} />}
    </section>
  );
}

function MoveForm(props: { tender: Tender; milestone: PlannedMilestone; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const m = props.milestone;
  const [date, setDate] = useState<string | null>(m.date);
  const submit = useSubmit(
    () => {
      if (!date) return Promise.reject(localError(t("tenders.milestones.move"), "date"));
      return api.moveMilestone(props.tender.id, m.kind, date);
    },
    () => {
      toast(t("tenders.moved", { kind: t(`milestones.${m.kind}`), date: formatDate(date, lang) }));
      props.onClose();
    },
  );
  return (
    <FormModal
      narrow
      title={`${t("tenders.milestones.move")}: ${t(`milestones.${m.kind}`)}`}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
      testId="move-form"
      submitLabel={m.hard ? t("tenders.moveConfirm") : undefined}
    >
      {m.hard && <p className="alert warn">{t("tenders.milestones.hardHint")}</p>}
      <Field label={t("tenders.documents.due")}>
        <DateInput name="date" value={date} onChange={setDate} />
      </Field>
    </FormModal>
  );
}

function People({ tender: x, run }: { tender: Tender; run: Run }) {
  const { t } = useTranslation();
  const people = usePersonOptions();
  const [person, setPerson] = useState<number | null>(null);
  const [role, setRole] = useState("");
  const weak = x.people.filter((p) => !p.covered);
  const styles = x.uncovered_styles.map((s) => t(`styles_plural.${s}`)).join(", ");
  return (
    <section className="panel" data-testid="tender-people">
      <header>
        <h2>{t("tenders.people.title")}</h2>
      </header>
      <p className="small muted m0 mb2">{t("tenders.people.hint")}</p>
      {(x.people.length === 0 || weak.length > 0 || x.uncovered_styles.length > 0) && (
        <div className="alert warn" data-testid="tender-coverage">
          {x.people.length === 0 && <div>{t("tenders.people.nobody")}</div>}
          {weak.length > 0 && <div>{t("tenders.coverage.weak", { count: weak.length })}</div>}
          {x.uncovered_styles.length > 0 && <div>{t("tenders.people.uncovered", { styles })}</div>}
        </div>
      )}
      {x.people.length > 0 && (
        <ul className="list">
          {x.people.map((p) => (
            <li key={p.person_id} data-testid={`tender-person-${p.person_id}`}>
              <span className="grow">
                <a
                  href={href({ page: "person", id: p.person_id })}
                  className={p.covered ? undefined : "person-weak"}
                  title={p.covered ? t("tenders.people.covered") : t("tenders.people.weak")}
                >
                  {p.name}
                </a>
                {p.title && <span className="small muted"> · {p.title}</span>}
                <div className="small muted">
                  {p.buying_role && <>{t(`role.${p.buying_role}`)} · </>}
                  {p.role || (p.style ? t("tenders.people.member") : t("tenders.people.linked"))}
                </div>
              </span>
              {p.style && <StyleBadge style={p.style} />}
              <span title={p.covered ? t("tenders.people.covered") : t("tenders.people.weak")}>
                <StageIndicator stage={p.stage} />
              </span>
              {p.linked && (
                <button type="button" className="btn small ghost" onClick={() => void run(() => api.unlinkTenderPerson(x.id, p.person_id))}>
                  {t("tenders.people.unlink")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (person === null) return;
          void run(async () => {
            await api.linkTenderPerson(x.id, person, role);
            setPerson(null);
            setRole("");
          });
        }}
      >
        <Combobox options={people} value={person} onChange={setPerson} name="link-person" placeholder={t("tenders.people.personPlaceholder")} exclude={x.people.filter((p) => p.linked).map((p) => p.person_id)} />
        <input name="link-role" placeholder={t("tenders.people.rolePlaceholder")} value={role} onChange={(e) => setRole(e.target.value)} />
        <button type="submit" className="btn small" disabled={person === null} data-testid="link-person">
          {t("tenders.people.link")}
        </button>
      </form>
    </section>
  );
}

function Lots({ tender: x }: { tender: Tender }) {
  const { t } = useTranslation();
  const lang = useLang();
  const money = (m: number | null) => formatMoney(m, CURRENCY, lang) || "—";
  return (
    <section className="panel wide" data-testid="tender-lots">
      <header>
        <h2>{t("tenders.lots.title")}</h2>
      </header>
      {x.lots.length === 0 ? (
        <EmptyState compact hint={t("tenders.lots.none")} />
      ) : (
        <table className="data compact">
          <thead>
            <tr>
              <th>{t("tenders.fields.products")}</th>
              <th className="num">{t("tenders.lots.quantity")}</th>
              <th className="num">{t("tenders.lots.maxPrice")}</th>
              <th className="num">{t("tenders.lots.ourPrice")}</th>
              <th>{t("tenders.lots.bids")}</th>
            </tr>
          </thead>
          <tbody>
            {x.lots.map((l) => (
              <tr key={l.id}>
                <td>
                  {l.sku?.name ?? l.inn}
                  {l.sku && l.inn && <span className="small muted"> · {l.inn}</span>}
                  {l.form && <span className="small muted"> · {l.form}</span>}
                </td>
                <td className="num">{formatNumber(l.quantity, lang)}</td>
                <td className="num">{money(l.max_price_minor)}</td>
                <td className="num">{money(l.our_price_minor)}</td>
                <td className="small">
                  {l.competitor_bids.map((b) => `${b.company} ${formatMoney(b.price_minor, CURRENCY, lang)}`).join(" · ") || "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Documents({ tender: x, run }: { tender: Tender; run: Run }) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = isoToday();
  // A decided or cancelled tender has nothing overdue.
  const open = OPEN.includes(x.status);
  const [name, setName] = useState("");
  const [due, setDue] = useState<string | null>(null);
  return (
    <section className="panel" data-testid="tender-documents">
      <header>
        <h2>{t("tenders.documents.title")}</h2>
        <span className="spacer" />
        <span className="small muted">
          {x.documents.filter((d) => d.done).length} / {x.documents.length}
        </span>
      </header>
      {x.documents.length === 0 ? (
        <EmptyState compact hint={t("tenders.documents.none")} />
      ) : (
        <ul className="list">
          {x.documents.map((d) => (
            <li key={d.id} className={d.done ? "done" : ""}>
              <input
                type="checkbox"
                checked={d.done}
                aria-label={d.name}
                onChange={(e) => void run(() => api.updateTenderDocument(d.id, { name: d.name, due: d.due, done: e.target.checked }))}
              />
              <span className="grow">{d.name}</span>
              {d.due && (
                <span className={`small nowrap ${open && !d.done && d.due < today ? "chip overdue" : "muted"}`}>{formatDate(d.due, lang)}</span>
              )}
              <button type="button" className="btn small ghost" aria-label={t("common.delete")} onClick={() => void run(() => api.deleteTenderDocument(d.id))}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await api.addTenderDocument(x.id, { name, due, done: false });
            setName("");
            setDue(null);
          });
        }}
      >
        <input name="document-name" placeholder={t("tenders.documents.name")} value={name} onChange={(e) => setName(e.target.value)} />
        <DateInput name="document-due" value={due} onChange={setDue} />
        <button type="submit" className="btn small" disabled={!name.trim()}>
          {t("tenders.documents.add")}
        </button>
      </form>
    </section>
  );
}

function StatusForm(props: { tender: Tender; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const x = props.tender;
  const [status, setStatus] = useState<TenderStatus>(x.status);
  const [outcome, setOutcome] = useState<Outcome>(x.outcome);
  const [price, setPrice] = useState(moneyToInput(x.outcome.winning_price_minor, lang));
  const [note, setNote] = useState("");
  const decided = status === "won" || status === "lost";
  const submit = useSubmit(
    () => {
      const winning = inputToMinor(price);
      if (winning === undefined) return Promise.reject(localError(t("accounts.moneyError"), "winning_price_minor"));
      const o: Outcome = decided ? { ...outcome, winning_price_minor: winning } : { award_date: null, winner: "", winning_price_minor: null, loss_reason: "" };
      return api.setTenderStatus(x.id, status, o, note);
    },
    (saved) => {
      toast(t("tenders.status.saved", { status: t(`tenderStatus.${saved.status}`) }));
      props.onClose();
    },
  );
  const err = submit.fieldError;
  return (
    <FormModal title={t("tenders.status.title")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="status-form" narrow>
      <Field label={t("tenders.fields.status")}>
        <select name="status" value={status} onChange={(e) => setStatus(e.target.value as TenderStatus)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tenderStatus.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      {decided && (
        <>
          <Field label={t("tenders.status.awardDate")} error={err("award_date")}>
            <DateInput name="award_date" value={outcome.award_date} onChange={(v) => setOutcome((o) => ({ ...o, award_date: v }))} />
          </Field>
          <Field label={t("tenders.status.winner")}>
            <input name="winner" value={outcome.winner} onChange={(e) => setOutcome((o) => ({ ...o, winner: e.target.value }))} />
          </Field>
          <Field label={t("tenders.status.winningPrice")} error={err("winning_price_minor")}>
            <input name="winning_price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
          </Field>
          {status === "lost" && (
            <Field label={t("tenders.status.lossReason")} error={err("loss_reason")}>
              <input
                name="loss_reason"
                placeholder={t("tenders.status.lossReasonPlaceholder")}
                value={outcome.loss_reason}
                onChange={(e) => setOutcome((o) => ({ ...o, loss_reason: e.target.value }))}
              />
            </Field>
          )}
        </>
      )}
      <Field label={t("tenders.status.note")} hint={t("tenders.status.noteHint")} error={err("reason", "note")}>
        <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </FormModal>
  );
}
