// Commercial proposals: the list with its analytics, and the editor — audience, sections with why each was chosen,
// the offer, the team — beside a live preview of the printed document. Everything the page shows is decided in the
// core; the page only edits and displays.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Block, type Item, type ItemInput, type Proposal, type ProposalDocument, type ProposalStatus, type Section, type TeamMember } from "../api/client";
import { useAccountOptions, useProposal, useProposalBlocks, useProposalPreview, useProposals, useProposalStats, usePersonOptions, useSkus, useSkuOptions, useCompanyLogo, useTenderOverview } from "../api/queries";
import { Combobox, Confirm, DateInput, EmptyState, Field, FormModal, Modal, StyleBadge, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate, formatMoney, formatPercent } from "../lib/format";
import { href, navigate } from "../lib/router";
import { localError, useSubmit } from "../lib/useSubmit";

const NEXT: Partial<Record<ProposalStatus, ProposalStatus[]>> = {
  sent: ["receipt_confirmed", "in_negotiation", "accepted", "rejected"],
  receipt_confirmed: ["in_negotiation", "accepted", "rejected"],
  in_negotiation: ["accepted", "rejected"],
};

export function ProposalStatusChip({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return <span className={`chip proposal-${status}`} data-testid="proposal-status">{t(`proposalStatus.${status}`)}</span>;
}

function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function ProposalsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = useProposals();
  const stats = useProposalStats();
  const [creating, setCreating] = useState(false);
  const [library, setLibrary] = useState(false);
  const list = rows.data ?? [];
  const s = stats.data;
  return (
    <div className="page" data-testid="proposals-page">
      <div className="page-header">
        <h1>{t("nav.proposals")}</h1>
        <button type="button" className="btn primary" onClick={() => setCreating(true)} data-testid="new-proposal">
          {t("proposals.new")}
        </button>
        <button type="button" className="btn" onClick={() => setLibrary(true)} data-testid="block-library">
          {t("proposals.library.title")}
        </button>
      </div>
      {s && s.by_status.length > 0 && (
        <div className="panel proposal-stats" data-testid="proposal-stats">
          <div className="chips">
            {s.by_status.map((b) => (
              <span key={b.status} className="stat">
                <ProposalStatusChip status={b.status} /> {b.count} · {formatMoney(b.total_minor, "EUR", lang)}
              </span>
            ))}
          </div>
          <div className="muted">
            {t("proposals.stats.winRate")}: {s.win_rate == null ? "—" : formatPercent(s.win_rate, lang)} ·{" "}
            {t("proposals.stats.daysToDecision")}: {s.median_days_to_decision ?? "—"}
          </div>
          {s.by_mix.length > 0 && (
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t("proposals.stats.mix")}</th>
                  <th>{t("proposals.stats.decided")}</th>
                  <th>{t("proposals.stats.accepted")}</th>
                  <th>{t("proposals.stats.winRate")}</th>
                </tr>
              </thead>
              <tbody>
                {s.by_mix.map((m) => (
                  <tr key={m.style_mix}>
                    <td>{m.style_mix ? m.style_mix.split("+").map((x) => t(`style.${x}`)).join(" + ") : "—"}</td>
                    <td>{m.decided}</td>
                    <td>{m.accepted}</td>
                    <td>{formatPercent(m.rate, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {list.length === 0 ? (
        <EmptyState title={t("proposals.emptyTitle")} hint={t("proposals.emptyHint")} />
      ) : (
        <table className="table" data-testid="proposal-list">
          <thead>
            <tr>
              <th>{t("proposals.fields.title")}</th>
              <th>{t("proposals.fields.account")}</th>
              <th>{t("proposals.fields.status")}</th>
              <th className="num">{t("proposals.total")}</th>
              <th>{t("proposals.fields.validity")}</th>
              <th>{t("proposals.sent")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id} className="clickable" onClick={() => navigate({ page: "proposal", id: p.id })}>
                <td>
                  <a href={href({ page: "proposal", id: p.id })}>{p.title}</a>
                  {p.version > 1 && <span className="muted"> v{p.version}</span>}
                </td>
                <td>{p.account.name}</td>
                <td>
                  <ProposalStatusChip status={p.status} />
                </td>
                <td className="num">{formatMoney(p.total_minor, p.currency, lang)}</td>
                <td>{formatDate(p.validity_date, lang)}</td>
                <td>{formatDate(p.sent_date, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && <NewProposal onClose={() => setCreating(false)} />}
      {library && <BlockLibrary onClose={() => setLibrary(false)} />}
    </div>
  );
}

const BLOCK_KINDS = ["introduction", "position", "exclusivity", "references", "results", "products", "terms", "custom"] as const;

/** The block library: reusable texts in English and Finnish; a reference may name a referee who agreed to it. */
function BlockLibrary({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const blocks = useProposalBlocks();
  const [editing, setEditing] = useState<Block | "new" | null>(null);
  return (
    <Modal title={t("proposals.library.title")} onClose={onClose} testId="block-library-dialog">
      <p className="muted">{t("proposals.library.hint")}</p>
      <ul className="plain-list">
        {(blocks.data ?? []).map((b) => (
          <li key={b.id}>
            <span className="chip kind">{t(`sectionKind.${b.kind}`)}</span> <span className="muted">{b.language.toUpperCase()}</span>{" "}
            <a href="#" onClick={(e) => { e.preventDefault(); setEditing(b); }}>{b.title}</a>
            {b.referee && <span className="muted"> · {b.referee.name}{b.referee_consent ? " ✓" : ""}</span>}
            <button type="button" className="btn ghost small danger" aria-label={t("common.delete")} onClick={() => api.deleteProposalBlock(b.id).catch((e) => toast(errorMessage(e), true))}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn" onClick={() => setEditing("new")} data-testid="new-block">
        {t("common.add")}
      </button>
      {editing && <BlockForm block={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </Modal>
  );
}

function BlockForm({ block, onClose }: { block: Block | null; onClose: () => void }) {
  const { t } = useTranslation();
  const people = usePersonOptions();
  const [v, setV] = useState({
    kind: block?.kind ?? ("introduction" as Block["kind"]),
    language: block?.language ?? ("en" as Block["language"]),
    title: block?.title ?? "",
    body: block?.body ?? "",
    referee: block?.referee?.id ?? null,
    consent: block?.referee_consent ?? null,
  });
  const submit = useSubmit(
    () =>
      api.saveProposalBlock(block?.id ?? null, {
        kind: v.kind,
        language: v.language,
        title: v.title,
        body: v.body,
        referee_person_id: v.referee,
        referee_consent: v.consent ?? "",
      }),
    onClose,
  );
  return (
    <FormModal title={t("proposals.library.block")} onClose={onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="block-form">
      <div className="form-row">
        <Field label={t("proposals.library.kind")}>
          <select name="kind" value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as Block["kind"] })}>
            {BLOCK_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`sectionKind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("proposals.fields.language")}>
          <select name="language" value={v.language} onChange={(e) => setV({ ...v, language: e.target.value as Block["language"] })}>
            <option value="en">English</option>
            <option value="fi">Suomi</option>
          </select>
        </Field>
      </div>
      <Field label={t("proposals.fields.title")} error={submit.fieldError("title")}>
        <input name="title" value={v.title} onChange={(e) => setV({ ...v, title: e.target.value })} />
      </Field>
      <Field label={t("proposals.library.text")} error={submit.fieldError("body")}>
        <textarea name="body" rows={6} value={v.body} onChange={(e) => setV({ ...v, body: e.target.value })} />
      </Field>
      {v.kind === "references" && (
        <div className="form-row">
          <Field label={t("proposals.library.referee")}>
            <Combobox options={people} value={v.referee} onChange={(referee) => setV({ ...v, referee })} name="referee" allowClear />
          </Field>
          <Field label={t("proposals.library.consent")} error={submit.fieldError("referee_consent")}>
            <DateInput name="consent" value={v.consent} onChange={(consent) => setV({ ...v, consent })} />
          </Field>
        </div>
      )}
    </FormModal>
  );
}

export function NewProposal({ onClose, accountId, tenderId }: { onClose: () => void; accountId?: number; tenderId?: number }) {
  const { t, i18n } = useTranslation();
  const accounts = useAccountOptions();
  const [account, setAccount] = useState<number | null>(accountId ?? null);
  const [tender, setTender] = useState<number | null>(tenderId ?? null);
  const tenders = useTenderOverview(account);
  const [title, setTitle] = useState("");
  const [validity, setValidity] = useState<string | null>(null);
  const [language, setLanguage] = useState<"en" | "fi">(i18n.language === "fi" ? "fi" : "en");
  const submit = useSubmit(
    () => {
      if (!account) throw localError(t("proposals.chooseAccount"), "account_id");
      return api.createProposal({
        account_id: account,
        tender_id: tender,
        title,
        language,
        validity_date: validity ?? "",
        delivery_terms: "",
        payment_terms_days: null,
        notes: "",
      });
    },
    (p) => navigate({ page: "proposal", id: p.id }),
  );
  return (
    <FormModal title={t("proposals.new")} onClose={onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="proposal-form">
      <Field label={t("proposals.fields.account")} error={submit.fieldError("account_id")}>
        {accountId ? (
          <input name="account" value={accounts.find((a) => a.value === accountId)?.label ?? ""} readOnly disabled />
        ) : (
          <Combobox
            options={accounts}
            value={account}
            onChange={(a) => {
              setAccount(a);
              setTender(null);
            }}
            name="account"
          />
        )}
      </Field>
      {account !== null && (tenders.data ?? []).some((x) => x.buyer.id === account) && (
        <Field label={t("proposals.fields.tender")}>
          <select name="tender" value={tender ?? ""} onChange={(e) => setTender(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t("proposals.noTender")}</option>
            {(tenders.data ?? [])
              .filter((x) => x.buyer.id === account)
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                  {x.reference ? ` (${x.reference})` : ""}
                </option>
              ))}
          </select>
        </Field>
      )}
      <Field label={t("proposals.fields.title")} error={submit.fieldError("title")}>
        <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      </Field>
      <div className="form-row">
        <Field label={t("proposals.fields.validity")} error={submit.fieldError("validity_date")}>
          <DateInput name="validity" value={validity} onChange={setValidity} />
        </Field>
        <Field label={t("proposals.fields.language")}>
          <select name="language" value={language} onChange={(e) => setLanguage(e.target.value as "en" | "fi")}>
            <option value="en">English</option>
            <option value="fi">Suomi</option>
          </select>
        </Field>
      </div>
      <p className="muted">{t("proposals.newHint")}</p>
    </FormModal>
  );
}

export function ProposalPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const proposal = useProposal(id);
  const preview = useProposalPreview(id);
  const [deleting, setDeleting] = useState(false);
  const [status, setStatus] = useState<ProposalStatus | null>(null);

  if (proposal.isError) {
    return (
      <div className="page">
        <EmptyState title={t("proposals.notFound")} hint={errorMessage(proposal.error)} action={<a href="#/proposals">{t("common.back")}</a>} />
      </div>
    );
  }
  if (!proposal.data) return <div className="page muted">{t("common.loading")}</div>;
  const p = proposal.data;
  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      const result = await action();
      if (done) toast(typeof result === "string" ? `${done} ${result}` : done);
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  const editable = !p.frozen;
  return (
    <div className="page proposal-page" data-testid="proposal-page">
      <div className="dossier-header">
        <div className="title">
          <h1 data-testid="proposal-title">
            {p.title} <ProposalStatusChip status={p.status} />
          </h1>
          <div className="meta-row">
            <a href={href({ page: "account", id: p.account.id, tab: "overview" })}>{p.account.name}</a>
            {p.tender && <a href={href({ page: "tender", id: p.tender.id })}>{p.tender.name}</a>}
            <span>
              {t("proposals.version")} {p.version}
              {p.frozen && ` · ${t("proposals.frozen")}`}
            </span>
            {p.sent_date && <span>{t("proposals.sent")}: {formatDate(p.sent_date, lang)}</span>}
            {p.decision_date && <span>{t("proposals.decided")}: {formatDate(p.decision_date, lang)}</span>}
          </div>
        </div>
        <div className="btn-row">
          <button type="button" className="btn" onClick={() => run(() => api.saveProposalPdf(id).then((r) => r ?? ""), t("proposals.savedTo"))} data-testid="save-pdf">
            {t("proposals.savePdf")}
          </button>
          <button type="button" className="btn" onClick={() => run(() => api.printProposal(id))}>
            {t("proposals.print")}
          </button>
          {p.status === "draft" || (editable && p.version > 1) ? (
            <button type="button" className="btn primary" onClick={() => run(() => api.sendProposal(id), t("proposals.sentToast"))} data-testid="send-proposal">
              {t("proposals.markSent")}
            </button>
          ) : null}
          {(NEXT[p.status] ?? []).length > 0 && p.frozen && (
            <button type="button" className="btn primary" onClick={() => setStatus(NEXT[p.status]![0])} data-testid="change-proposal-status">
              {t("proposals.changeStatus")}
            </button>
          )}
          {p.frozen && NEXT[p.status] && (
            <button type="button" className="btn" onClick={() => run(() => api.newProposalVersion(id))} data-testid="new-version">
              {t("proposals.newVersion")}
            </button>
          )}
          <button type="button" className="btn ghost danger" onClick={() => setDeleting(true)}>
            {t("common.delete")}
          </button>
        </div>
      </div>
      {p.warnings.length > 0 && (
        <div className="alert warn" data-testid="proposal-warnings">
          {p.warnings.map((w) => (
            <div key={w.code}>{w.message}</div>
          ))}
        </div>
      )}
      <div className="proposal-layout">
        <div className="proposal-editor">
          <Details p={p} editable={editable} />
          <Audience p={p} editable={editable} />
          <Sections p={p} editable={editable} />
          <Offer p={p} editable={editable} />
          <Team p={p} editable={editable} />
          {p.follow_up.length > 0 && (
            <section className="panel" data-testid="follow-up">
              <h2>{t("proposals.followUp")}</h2>
              <ul className="plain-list">
                {p.follow_up.map((f) => (
                  <li key={f.task_id} className={f.done ? "muted done" : ""}>
                    {f.done ? "✓ " : ""}
                    {formatDate(f.due_date, lang)} — {f.title}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {p.versions.length > 0 && (
            <section className="panel">
              <h2>{t("proposals.versions")}</h2>
              <ul className="plain-list">
                {p.versions.map((v) => (
                  <li key={v.version}>
                    v{v.version} — {t("proposals.sent")} {formatDate(v.sent_date, lang)} — {formatMoney(v.total_minor, p.currency, lang)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        <div className="proposal-preview-column">
          {p.problems.length > 0 && (
            <div className="alert error" data-testid="proposal-problems">
              <strong>{t("proposals.problemsTitle")}</strong>
              <ul>
                {p.problems.map((x, i) => (
                  <li key={i}>{x.message}</li>
                ))}
              </ul>
            </div>
          )}
          {preview.data && <DocumentPreview doc={preview.data.document} />}
        </div>
      </div>
      {deleting && (
        <Confirm
          title={t("proposals.deleteTitle")}
          text={t("proposals.deleteText", { title: p.title })}
          confirmLabel={t("common.delete")}
          danger
          onCancel={() => setDeleting(false)}
          onConfirm={async () => {
            await run(() => api.deleteProposal(id));
            navigate({ page: "proposals" });
          }}
        />
      )}
      {status && <StatusForm p={p} initial={status} onClose={() => setStatus(null)} />}
    </div>
  );
}

function StatusForm({ p, initial, onClose }: { p: Proposal; initial: ProposalStatus; onClose: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ProposalStatus>(initial);
  const [date, setDate] = useState<string | null>(isoToday());
  const submit = useSubmit(() => api.setProposalStatus(p.id, status, date ?? ""), onClose);
  return (
    <FormModal title={t("proposals.changeStatus")} onClose={onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} narrow testId="proposal-status-form">
      <Field label={t("proposals.fields.status")}>
        <select name="status" value={status} onChange={(e) => setStatus(e.target.value as ProposalStatus)}>
          {(NEXT[p.status] ?? []).map((s) => (
            <option key={s} value={s}>
              {t(`proposalStatus.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("proposals.fields.date")} error={submit.fieldError("date")}>
        <DateInput name="date" value={date} onChange={setDate} />
      </Field>
    </FormModal>
  );
}

function Details({ p, editable }: { p: Proposal; editable: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [title, setTitle] = useState(p.title);
  const [validity, setValidity] = useState<string | null>(p.validity_date);
  const [delivery, setDelivery] = useState(p.delivery_terms);
  const [terms, setTerms] = useState(p.payment_terms_days == null ? "" : String(p.payment_terms_days));
  const [language, setLanguage] = useState(p.language);
  useEffect(() => {
    setTitle(p.title);
    setValidity(p.validity_date);
    setDelivery(p.delivery_terms);
    setTerms(p.payment_terms_days == null ? "" : String(p.payment_terms_days));
    setLanguage(p.language);
  }, [p.title, p.validity_date, p.delivery_terms, p.payment_terms_days, p.language]);
  const save = async (patch: Partial<{ validity: string | null; language: "en" | "fi" }> = {}) => {
    const days = terms.trim() === "" ? null : Number(terms);
    if (days !== null && !Number.isInteger(days)) {
      toast(t("proposals.badTerms"), true);
      return;
    }
    try {
      await api.updateProposal(p.id, {
        account_id: p.account.id,
        tender_id: p.tender?.id ?? null,
        title,
        language: patch.language ?? language,
        validity_date: (patch.validity !== undefined ? patch.validity : validity) ?? "",
        delivery_terms: delivery,
        payment_terms_days: days,
        notes: p.notes,
      });
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <section className="panel" data-testid="proposal-details">
      <h2>{t("proposals.details")}</h2>
      <fieldset disabled={!editable} className="plain">
        <Field label={t("proposals.fields.title")}>
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} onBlur={() => title !== p.title && save()} />
        </Field>
        <div className="form-row">
          <Field label={t("proposals.fields.validity")}>
            <DateInput
              name="validity"
              value={validity}
              onChange={(v) => {
                setValidity(v);
                if (v !== p.validity_date) void save({ validity: v });
              }}
            />
          </Field>
          <Field label={t("proposals.fields.language")}>
            <select
              name="language"
              value={language}
              onChange={(e) => {
                const v = e.target.value as "en" | "fi";
                setLanguage(v);
                void save({ language: v });
              }}
            >
              <option value="en">English</option>
              <option value="fi">Suomi</option>
            </select>
          </Field>
          <Field label={t("proposals.fields.paymentTerms")}>
            <input name="payment_terms" inputMode="numeric" value={terms} onChange={(e) => setTerms(e.target.value)} onBlur={() => save()} />
          </Field>
        </div>
        <Field label={t("proposals.fields.delivery")}>
          <input name="delivery" value={delivery} onChange={(e) => setDelivery(e.target.value)} onBlur={() => delivery !== p.delivery_terms && save()} />
        </Field>
      </fieldset>
    </section>
  );
}

function Audience({ p, editable }: { p: Proposal; editable: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const toggle = async (personId: number, on: boolean) => {
    const next = on ? [...p.audience, personId] : p.audience.filter((x) => x !== personId);
    try {
      await api.setProposalAudience(p.id, next);
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <section className="panel" data-testid="proposal-audience">
      <h2>{t("proposals.audience")}</h2>
      {p.candidates.length === 0 ? (
        <p className="muted">{t("proposals.noGroup")}</p>
      ) : (
        <ul className="plain-list audience">
          {p.candidates.map((m) => (
            <li key={m.person_id}>
              <label className="check">
                <input
                  type="checkbox"
                  disabled={!editable}
                  checked={p.audience.includes(m.person_id)}
                  onChange={(e) => toggle(m.person_id, e.target.checked)}
                  data-testid={`audience-${m.person_id}`}
                />
                <span>
                  <strong>{m.name}</strong> {m.title && <span className="muted">{m.title}</span>} · {t(`role.${m.role}`)}{" "}
                  <StyleBadge style={m.style} />
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function whyNote(t: (k: string, o?: Record<string, unknown>) => string, p: Proposal, s: Section, lang: "en" | "fi"): string {
  const planned = p.plan.find((x) => x.kind === s.kind);
  if (!planned || s.kind === "custom") return t("proposals.why.custom");
  if (["introduction", "offer", "terms"].includes(s.kind)) return t("proposals.why.always");
  if (planned.readers.length === 0) return t("proposals.why.nobody");
  return t("proposals.why.readers", { names: planned.readers.join(", "), share: formatPercent(planned.weight, lang) });
}

function Sections({ p, editable }: { p: Proposal; editable: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const blocks = useProposalBlocks();
  const [adding, setAdding] = useState("");
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  const mine = (blocks.data ?? []).filter((b) => b.language === p.language);
  return (
    <section className="panel" data-testid="proposal-sections">
      <h2>{t("proposals.sections")}</h2>
      <p className="muted small">{t("proposals.variablesHint", { examples: "{{account.name}}, {{sales.growth_12m}}, {{proposal.validity}}" })}</p>
      {p.sections.map((s, i) => (
        <SectionEditor
          key={s.id}
          s={s}
          why={whyNote(t, p, s, lang)}
          editable={editable}
          first={i === 0}
          last={i === p.sections.length - 1}
          onRun={run}
        />
      ))}
      {editable && (
        <div className="form-row">
          <select value={adding} onChange={(e) => setAdding(e.target.value)} data-testid="add-section-choice">
            <option value="">{t("proposals.addSection")}</option>
            {mine.map((b) => (
              <option key={`b${b.id}`} value={`b${b.id}`}>
                {t(`sectionKind.${b.kind}`)}: {b.title}
              </option>
            ))}
            {(["custom", "position", "exclusivity", "references", "results", "products", "terms"] as const).map((k) => (
              <option key={k} value={`k${k}`}>
                {t(`sectionKind.${k}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            disabled={!adding}
            onClick={() => {
              const block = adding.startsWith("b") ? Number(adding.slice(1)) : null;
              const kind = (adding.startsWith("k") ? adding.slice(1) : "custom") as Section["kind"];
              setAdding("");
              void run(() => api.addProposalSection(p.id, kind, block));
            }}
          >
            {t("common.add")}
          </button>
        </div>
      )}
    </section>
  );
}

function SectionEditor(props: {
  s: Section;
  why: string;
  editable: boolean;
  first: boolean;
  last: boolean;
  onRun: (a: () => Promise<unknown>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { s } = props;
  const [title, setTitle] = useState(s.title);
  const [body, setBody] = useState(s.body);
  useEffect(() => {
    setTitle(s.title);
    setBody(s.body);
  }, [s.title, s.body]);
  const save = (included = s.included) =>
    props.onRun(() => api.updateProposalSection(s.id, { title, body, included }));
  return (
    <div className={`section-editor${s.included ? "" : " excluded"}`} data-testid={`section-${s.kind}`}>
      <div className="section-head">
        <label className="check">
          <input type="checkbox" checked={s.included} disabled={!props.editable} onChange={(e) => save(e.target.checked)} />
          <span className="chip kind">{t(`sectionKind.${s.kind}`)}</span>
        </label>
        <input
          className="section-title"
          value={title}
          disabled={!props.editable}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => title !== s.title && save()}
        />
        {props.editable && (
          <span className="btn-row">
            <button type="button" className="btn ghost small" disabled={props.first} onClick={() => props.onRun(() => api.moveProposalSection(s.id, -1))} aria-label={t("proposals.up")}>
              ↑
            </button>
            <button type="button" className="btn ghost small" disabled={props.last} onClick={() => props.onRun(() => api.moveProposalSection(s.id, 1))} aria-label={t("proposals.down")}>
              ↓
            </button>
            <button type="button" className="btn ghost small danger" onClick={() => props.onRun(() => api.deleteProposalSection(s.id))} aria-label={t("common.delete")}>
              ✕
            </button>
          </span>
        )}
      </div>
      <div className="why muted small" data-testid="why">
        {props.why}
      </div>
      {s.included && (
        <textarea rows={Math.min(8, Math.max(2, Math.ceil(body.length / 90)))} value={body} disabled={!props.editable} onChange={(e) => setBody(e.target.value)} onBlur={() => body !== s.body && save()} />
      )}
    </div>
  );
}

function Offer({ p, editable }: { p: Proposal; editable: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const skus = useSkus();
  const skuOptions = useSkuOptions();
  const [sku, setSku] = useState<number | null>(null);
  const [quantity, setQuantity] = useState("");
  const [level, setLevel] = useState("");
  const [vat, setVat] = useState("14");
  const [error, setError] = useState<string | null>(null);
  const chosen = (skus.data ?? []).find((s) => s.id === sku);
  const add = async () => {
    setError(null);
    const q = Number(quantity);
    const v = Number(vat.replace(",", "."));
    if (!sku) return setError(t("proposals.chooseProduct"));
    if (!Number.isInteger(q)) return setError(t("proposals.badQuantity"));
    if (!Number.isFinite(v)) return setError(t("proposals.badVat"));
    const custom = level.startsWith("%") ? Number(level.slice(1)) : null;
    try {
      await api.addProposalItem(p.id, {
        sku_id: sku,
        quantity: q,
        discount_label: custom === null ? level : "",
        discount_percent: custom,
        vat_percent: v,
      });
      setSku(null);
      setQuantity("");
      setLevel("");
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const tt = p.totals;
  /** Changes one line, keeping what is not changed (the VAT rate, a typed discount). */
  const change = (i: Item, patch: Partial<ItemInput>) =>
    api
      .updateProposalItem(i.id, {
        sku_id: i.sku.id,
        quantity: i.quantity,
        discount_label: i.discount_label,
        discount_percent: i.discount_label ? null : i.discount_bp / 100,
        vat_percent: i.vat_bp / 100,
        ...patch,
      })
      .catch((e) => toast(errorMessage(e), true));
  return (
    <section className="panel" data-testid="proposal-offer">
      <h2>{t("proposals.offer")}</h2>
      {p.items.length > 0 && (
        <table className="table compact" data-testid="offer-lines">
          <thead>
            <tr>
              <th>{t("proposals.item.product")}</th>
              <th className="num">{t("proposals.item.quantity")}</th>
              <th className="num">{t("proposals.item.listPrice")}</th>
              <th>{t("proposals.item.discount")}</th>
              <th className="num">{t("proposals.item.unitPrice")}</th>
              <th className="num">{t("proposals.item.net")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {p.items.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.sku.name} <span className="muted">{i.pack}</span>
                </td>
                <td className="num">
                  {editable ? (
                    <input
                      className="qty"
                      name={`quantity-${i.id}`}
                      inputMode="numeric"
                      defaultValue={i.quantity}
                      key={i.quantity}
                      onBlur={(e) => Number(e.target.value) !== i.quantity && change(i, { quantity: Number(e.target.value) })}
                    />
                  ) : (
                    i.quantity
                  )}
                </td>
                <td className="num">{formatMoney(i.list_price_minor, p.currency, lang)}</td>
                <td>
                  {editable && (skus.data ?? []).find((x) => x.id === i.sku.id)?.discounts.length ? (
                    <select value={i.discount_label} onChange={(e) => change(i, { discount_label: e.target.value, discount_percent: null })}>
                      <option value="">—</option>
                      {(skus.data ?? [])
                        .find((x) => x.id === i.sku.id)!
                        .discounts.map((d) => (
                          <option key={d.label} value={d.label}>
                            {d.label} {d.percent} %
                          </option>
                        ))}
                    </select>
                  ) : (
                    <>
                      {i.discount_label} {i.discount_bp ? formatPercent(i.discount_bp / 10000, lang, 2) : "—"}
                    </>
                  )}
                </td>
                <td className="num">{formatMoney(i.unit_net_minor, p.currency, lang)}</td>
                <td className="num">{formatMoney(i.net_minor, p.currency, lang)}</td>
                <td>
                  {editable && (
                    <button
                      type="button"
                      className="btn ghost small danger"
                      aria-label={t("common.delete")}
                      onClick={() => api.deleteProposalItem(i.id).catch((e) => toast(errorMessage(e), true))}
                    >
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={5}>{t("proposals.netTotal")}</td>
              <td className="num">{formatMoney(tt.net_minor, p.currency, lang)}</td>
              <td />
            </tr>
            <tr>
              <td colSpan={5}>{t("proposals.vatTotal")}</td>
              <td className="num">{formatMoney(tt.vat_minor, p.currency, lang)}</td>
              <td />
            </tr>
            <tr className="strong">
              <td colSpan={5}>{t("proposals.total")}</td>
              <td className="num" data-testid="offer-total">
                {formatMoney(tt.total_minor, p.currency, lang)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      {editable && (
        <div className="offer-add" data-testid="offer-add">
          {error && (
            <div className="alert error" role="alert" data-testid="offer-error">
              {error}
            </div>
          )}
          <div className="form-row">
            <Field label={t("proposals.item.product")} className="grow">
              <Combobox options={skuOptions} value={sku} onChange={(v) => { setSku(v); setLevel(""); }} name="sku" />
            </Field>
            <Field label={t("proposals.item.quantity")}>
              <input name="quantity" inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
            </Field>
            <Field label={t("proposals.item.discount")}>
              <select name="discount" value={level} onChange={(e) => setLevel(e.target.value)}>
                <option value="">—</option>
                {(chosen?.discounts ?? []).map((d) => (
                  <option key={d.label} value={d.label}>
                    {d.label} {d.percent} %
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("proposals.item.vat")}>
              <input name="vat" inputMode="decimal" value={vat} onChange={(e) => setVat(e.target.value)} size={4} />
            </Field>
            <button type="button" className="btn" onClick={add} data-testid="add-item">
              {t("common.add")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function Team({ p, editable }: { p: Proposal; editable: boolean }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TeamMember | null>(null);
  return (
    <section className="panel" data-testid="proposal-team">
      <h2>{t("proposals.team")}</h2>
      {p.team.length === 0 && <p className="muted">{t("proposals.noTeam")}</p>}
      <ul className="plain-list">
        {p.team.map((m) => (
          <li key={m.id}>
            {editable ? (
              <a href="#" onClick={(e) => { e.preventDefault(); setEditing(m); }}>
                <strong>{m.name}</strong>
              </a>
            ) : (
              <strong>{m.name}</strong>
            )}{" "}
            {[m.title, m.phone, m.email].filter(Boolean).join(" · ")}
            {editable && (
              <button type="button" className="btn ghost small danger" aria-label={t("common.delete")} onClick={() => api.deleteTeamMember(m.id).catch((e) => toast(errorMessage(e), true))}>
                ✕
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <button type="button" className="btn" onClick={() => setAdding(true)} data-testid="add-team-member">
          {t("common.add")}
        </button>
      )}
      {adding && <TeamForm proposalId={p.id} onClose={() => setAdding(false)} />}
      {editing && <TeamForm proposalId={p.id} member={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function TeamForm({ proposalId, member, onClose }: { proposalId: number; member?: TeamMember; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    name: member?.name ?? "",
    title: member?.title ?? "",
    phone: member?.phone ?? "",
    email: member?.email ?? "",
  });
  const submit = useSubmit(() => (member ? api.updateTeamMember(member.id, v) : api.addTeamMember(proposalId, v)), onClose);
  const field = (k: keyof typeof v, label: string) => (
    <Field label={label} error={submit.fieldError(k)}>
      <input name={k} value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
    </Field>
  );
  return (
    <FormModal title={t("proposals.team")} onClose={onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} narrow testId="team-form">
      {field("name", t("proposals.fields.name"))}
      {field("title", t("proposals.fields.position"))}
      {field("phone", t("proposals.fields.phone"))}
      {field("email", t("proposals.fields.email"))}
    </FormModal>
  );
}

/** The printed document as HTML: the same content the PDF has, with a print stylesheet. */
function DocumentPreview({ doc }: { doc: ProposalDocument }) {
  const L = doc.labels;
  const logo = useCompanyLogo();
  return (
    <article className="doc-preview" data-testid="proposal-preview" lang={doc.language}>
      {logo.data ? <img className="doc-logo" src={logo.data} alt={doc.company} /> : <div className="doc-company">{doc.company}</div>}
      <div className="doc-kicker">{L.proposal}</div>
      <h1>{doc.title}</h1>
      <dl className="doc-for">
        <dt>{L.prepared_for}</dt>
        <dd>
          <strong>{doc.account}</strong>
          {doc.account_region && `, ${doc.account_region}`}
          {doc.audience.length > 0 && <div className="small">{doc.audience.join("; ")}</div>}
        </dd>
        {doc.tender && (
          <>
            <dt>{L.tender}</dt>
            <dd>{doc.tender}</dd>
          </>
        )}
        <dt>{L.date}</dt>
        <dd>{doc.date}</dd>
      </dl>
      {doc.sections.map((s, i) => (
        <section key={i}>
          <h2>{s.title}</h2>
          {s.paragraphs.map((para, j) => (
            <p key={j}>{marked(para)}</p>
          ))}
          {s.facts.length > 0 && (
            <table className="doc-facts">
              <tbody>
                {s.facts.map(([k, v]) => (
                  <tr key={k}>
                    <td>{k}</td>
                    <td className="num">
                      <strong>{v}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {s.chart && (
            <div className="doc-chart" aria-label={s.chart.title}>
              <div className="small">
                <strong>{s.chart.title}</strong>
              </div>
              <div className="bars">
                {s.chart.labels.map((label, k) => (
                  <div key={label + k} className="bar-group" title={label}>
                    {s.chart!.series.map((series, n) => (
                      <div key={n} className={`bar s${n}`} style={{ height: `${s.chart!.max > 0 ? (series.values[k] / s.chart!.max) * 100 : 0}%` }} />
                    ))}
                    <span>{label}</span>
                  </div>
                ))}
              </div>
            </div>
          )}
          {s.referees.length > 0 && (
            <div className="doc-people">
              <div className="small muted">{L.referees}</div>
              {s.referees.map((r) => (
                <div key={r.name}>
                  <strong>{r.name}</strong> {[r.title, r.phone, r.email].filter(Boolean).join(" · ")}
                </div>
              ))}
            </div>
          )}
          {s.kind === "offer" && (
            <>
              <table className="doc-offer">
                <thead>
                  <tr>
                    <th>{L.product}</th>
                    <th>{L.pack}</th>
                    <th className="num">{L.quantity}</th>
                    <th className="num">{L.list_price}</th>
                    <th>{L.discount}</th>
                    <th className="num">{L.unit_price}</th>
                    <th className="num">{L.net}</th>
                    <th className="num">{L.vat}</th>
                  </tr>
                </thead>
                <tbody>
                  {doc.offer.lines.map((l, k) => (
                    <tr key={k}>
                      <td>{l.product}</td>
                      <td>{l.pack}</td>
                      <td className="num">{l.quantity}</td>
                      <td className="num">{l.list_price}</td>
                      <td>{l.discount}</td>
                      <td className="num">{l.unit_price}</td>
                      <td className="num">{l.net}</td>
                      <td className="num">{l.vat}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table className="doc-totals">
                <tbody>
                  {doc.offer.totals.map(([k, v], n) => (
                    <tr key={k} className={n === doc.offer.totals.length - 1 ? "grand" : ""}>
                      <td>{k}</td>
                      <td className="num">{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {doc.offer.delivery_terms && (
                <p>
                  <strong>{L.delivery}</strong> {doc.offer.delivery_terms}
                </p>
              )}
              {doc.offer.payment_terms && (
                <p>
                  <strong>{L.payment}</strong> {doc.offer.payment_terms}
                </p>
              )}
            </>
          )}
        </section>
      ))}
      <div className="doc-validity">
        <strong>{L.validity_title}</strong>
        <div>{doc.validity_sentence || "—"}</div>
      </div>
      <h2>{L.team}</h2>
      <div className="doc-people">
        {doc.team.map((m) => (
          <div key={m.name}>
            <strong>{m.name}</strong>
            <div className="small">{[m.title, m.phone, m.email].filter(Boolean).join(" · ")}</div>
          </div>
        ))}
      </div>
    </article>
  );
}

/** Unfilled variables show as [?name] in the preview only; they are highlighted so the KAM sees them. */
function marked(text: string) {
  const parts = text.split(/(\[\?[^\]]+\])/);
  return parts.map((part, i) =>
    part.startsWith("[?") ? (
      <mark key={i} className="unfilled">
        {part}
      </mark>
    ) : (
      part
    ),
  );
}

/** The proposals tab of an account's dossier. */
export function AccountProposals({ accountId }: { accountId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = useQuery({ queryKey: ["proposals-of", accountId], queryFn: () => api.proposalsOf(accountId) });
  const [creating, setCreating] = useState(false);
  const list = rows.data ?? [];
  return (
    <section className="panel" data-testid="account-proposals">
      <div className="panel-head">
        <h2>{t("nav.proposals")}</h2>
        <button type="button" className="btn" onClick={() => setCreating(true)} data-testid="new-account-proposal">
          {t("proposals.new")}
        </button>
      </div>
      {list.length === 0 ? (
        <EmptyState compact hint={t("proposals.emptyHint")} />
      ) : (
        <ul className="plain-list">
          {list.map((p) => (
            <li key={p.id}>
              <a href={href({ page: "proposal", id: p.id })}>{p.title}</a> <ProposalStatusChip status={p.status} />{" "}
              <span className="muted">
                {formatMoney(p.total_minor, p.currency, lang)} · {t("proposals.fields.validity")} {formatDate(p.validity_date, lang)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {creating && <NewProposal accountId={accountId} onClose={() => setCreating(false)} />}
    </section>
  );
}
