// The people list, and one person's page: contact, affiliations over time, decision-group memberships, the
// consented personal section, interactions and tasks.
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Affiliation, type AffiliationInput, type PersonFilter, type PersonRow, type RelationshipStage } from "../api/client";
import { NO_PERSON_FILTER, useAccountOptions, usePeople, usePerson } from "../api/queries";
import { DataTable } from "../components/DataTable";
import { InteractionTimeline, RecordActions, TaskList } from "../components/records";
import { Combobox, Confirm, DateInput, EmptyState, Field, FormModal, StageIndicator, StyleBadge, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate } from "../lib/format";
import { href, navigate } from "../lib/router";
import { useNewShortcut } from "../lib/shortcuts";
import { useSubmit } from "../lib/useSubmit";
import { InteractionForm, TaskForm } from "./InteractionForm";
import { PersonNetworkPanels } from "./PersonNetwork";
import { PersonPlanPanels } from "./PersonPlans";
import { PersonForm } from "./PersonForm";

const STAGES: RelationshipStage[] = ["no_contact", "first_contact", "acquaintance", "loyalty", "close"];
const col = createColumnHelper<PersonRow>();

export function PeoplePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [filter, setFilter] = useState<PersonFilter>(NO_PERSON_FILTER);
  const [creating, setCreating] = useState(false);
  useNewShortcut(() => setCreating(true));
  const people = usePeople(filter);
  const filtered = filter.text !== null || filter.relationship_stage !== null;
  const columns = useMemo(
    () => [
      col.accessor("name", { header: t("people.columns.name"), size: 200 }),
      col.accessor("title", { header: t("people.columns.title"), size: 190 }),
      col.accessor("accounts", { header: t("people.columns.accounts"), size: 240 }),
      col.accessor("relationship_stage", {
        header: t("people.columns.stage"),
        size: 110,
        sortingFn: (a, b) => STAGES.indexOf(a.original.relationship_stage) - STAGES.indexOf(b.original.relationship_stage),
        cell: (c) => <StageIndicator stage={c.getValue()} />,
      }),
      col.accessor("has_consent", {
        header: t("people.columns.consent"),
        size: 90,
        cell: (c) => (c.getValue() ? <span className="chip ok">✓</span> : <span className="faint">—</span>),
      }),
      col.accessor("last_contact", {
        header: t("people.columns.lastContact"),
        size: 120,
        meta: { numeric: true },
        cell: (c) => formatDate(c.getValue(), lang),
      }),
      col.accessor((r) => r.email || r.phone, { id: "contact", header: t("people.columns.contact"), size: 220 }),
    ],
    [t, lang],
  );
  const rows = people.data ?? [];
  return (
    <div className="page" data-testid="people-page">
      <div className="page-header">
        <h1>{t("people.title")}</h1>
        {people.data && <span className="muted">{t("people.count", { count: rows.length })}</span>}
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={() => setCreating(true)} data-testid="new-person">
          + {t("people.new")} <kbd>N</kbd>
        </button>
      </div>
      <div className="toolbar" role="search">
        <input
          type="search"
          aria-label={t("people.searchPlaceholder")}
          placeholder={t("people.searchPlaceholder")}
          value={filter.text ?? ""}
          onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value || null }))}
        />
        <select
          aria-label={t("people.columns.stage")}
          value={filter.relationship_stage ?? ""}
          onChange={(e) => setFilter((f) => ({ ...f, relationship_stage: (e.target.value || null) as RelationshipStage | null }))}
        >
          <option value="">{t("people.columns.stage")}: {t("common.all")}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`stage.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {people.data && rows.length === 0 ? (
        filtered ? (
          <EmptyState hint={t("people.noMatch")} />
        ) : (
          <EmptyState
            title={t("people.emptyTitle")}
            hint={t("people.emptyHint")}
            action={
              <button type="button" className="btn primary" onClick={() => setCreating(true)}>
                + {t("people.new")}
              </button>
            }
          />
        )
      ) : (
        <DataTable testId="people-table" rows={rows} columns={columns} onOpen={(p) => navigate({ page: "person", id: p.id })} />
      )}
      {creating && <PersonForm onClose={() => setCreating(false)} onSaved={(p) => navigate({ page: "person", id: p.id })} />}
    </div>
  );
}

export function PersonPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const detail = usePerson(id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [logging, setLogging] = useState(false);
  const [addingTask, setAddingTask] = useState(false);
  const [affiliation, setAffiliation] = useState<Affiliation | "new" | null>(null);

  if (detail.isError) {
    return (
      <div className="page">
        <EmptyState title={t("people.notFound")} hint={errorMessage(detail.error)} action={<a href="#/people">{t("common.back")}</a>} />
      </div>
    );
  }
  if (!detail.data) return <div className="page muted">{t("common.loading")}</div>;
  const { person: p, affiliations, memberships, interactions, tasks } = detail.data;
  const name = [p.first_name, p.last_name].filter(Boolean).join(" ");
  const remove = async () => {
    try {
      await api.deletePerson(p.id);
      toast(t("people.deleted"));
      navigate({ page: "people" });
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };

  return (
    <div className="page" data-testid="person-page">
      <div className="dossier-header">
        <div className="title">
          <h1 data-testid="person-name">{name}</h1>
          <div className="meta-row">
            {p.title && <span>{p.title}</span>}
            <StageIndicator stage={p.relationship_stage} withLabel />
            {p.consent ? (
              <span className="chip ok">
                {t("people.consent.given", { date: formatDate(p.consent.date, lang), method: t(`consentMethod.${p.consent.method}`) })}
              </span>
            ) : (
              <span className="chip kind">{t("people.consent.missing")}</span>
            )}
          </div>
        </div>
        <RecordActions
          onLog={() => setLogging(true)}
          onTask={() => setAddingTask(true)}
          onEdit={() => setEditing(true)}
          onDelete={() => setDeleting(true)}
          editTestId="edit-person"
        />
      </div>

      <div className="panels">
        <section className="panel">
          <header>
            <h2>{t("people.contact")}</h2>
          </header>
          <dl className="dl">
            <dt>{t("people.fields.email")}</dt>
            <dd>{p.email || t("common.none")}</dd>
            <dt>{t("people.fields.phone")}</dt>
            <dd>{p.phone || t("common.none")}</dd>
            <dt>{t("people.fields.notes")}</dt>
            <dd className="pre">{p.notes || t("common.none")}</dd>
          </dl>
        </section>

        <PersonNetworkPanels personId={p.id} name={name} />
        <PersonPlanPanels personId={p.id} />

        <section className="panel" data-testid="personal-panel">
          <header>
            <h2>{t("people.personal.section")}</h2>
          </header>
          {p.personal ? (
            <dl className="dl">
              <dt>{t("people.personal.birthday")}</dt>
              <dd>{p.personal.birthday ? formatBirthday(p.personal.birthday, lang) : t("common.none")}</dd>
              <dt>{t("people.personal.family")}</dt>
              <dd>{p.personal.family || t("common.none")}</dd>
              <dt>{t("people.personal.hobbies")}</dt>
              <dd>{p.personal.hobbies || t("common.none")}</dd>
              <dt>{t("people.personal.values")}</dt>
              <dd>{p.personal.values || t("common.none")}</dd>
              <dt>{t("people.personal.channel")}</dt>
              <dd>{p.personal.preferred_channel ? t(`channel.${p.personal.preferred_channel}`) : t("common.none")}</dd>
            </dl>
          ) : (
            <EmptyState
              compact
              hint={t("people.personal.locked")}
              action={
                <button type="button" className="btn small" onClick={() => setEditing(true)}>
                  {t("people.consent.recorded")}…
                </button>
              }
            />
          )}
        </section>

        <section className="panel">
          <header>
            <h2>{t("people.affiliations.title")}</h2>
            <span className="spacer" />
            <button type="button" className="btn small" onClick={() => setAffiliation("new")}>
              + {t("people.affiliations.add")}
            </button>
          </header>
          {affiliations.length === 0 ? (
            <EmptyState compact hint={t("people.affiliations.empty")} />
          ) : (
            <ul className="list">
              {affiliations.map((f) => (
                <li key={f.id}>
                  <span className="grow">
                    <a href={href({ page: "account", id: f.account_id, tab: "overview" })}>{f.account_name}</a>
                    <span className="small muted"> {[f.position, f.department].filter(Boolean).join(", ")}</span>
                  </span>
                  <span className={`chip ${f.current ? "ok" : "kind"}`}>
                    {f.current ? t("people.affiliations.current") : t("people.affiliations.former")}
                  </span>
                  <span className="small muted nowrap">
                    {f.start_date || f.end_date
                      ? t("people.affiliations.period", { from: formatDate(f.start_date, lang) || "…", to: formatDate(f.end_date, lang) || "…" })
                      : ""}
                  </span>
                  <button type="button" className="btn small ghost" onClick={() => setAffiliation(f)}>
                    {t("common.edit")}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="panel">
          <header>
            <h2>{t("people.memberships.title")}</h2>
          </header>
          {memberships.length === 0 ? (
            <EmptyState compact hint={t("people.memberships.empty")} />
          ) : (
            <ul className="list">
              {memberships.map((m) => (
                <li key={m.id}>
                  <a className="grow" href={href({ page: "account", id: m.account_id, tab: "decision-group" })}>
                    {m.account_name}
                  </a>
                  <span className="small">{t(`role.${m.buying_role}`)}</span>
                  <StyleBadge style={m.decision_style} />
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="panel">
          <header>
            <h2>{t("tasks.title")}</h2>
          </header>
          {tasks.length === 0 ? <EmptyState compact hint={t("tasks.empty")} /> : <TaskList tasks={tasks} />}
        </section>

        <section className="panel wide">
          <header>
            <h2>{t("interactions.title")}</h2>
            <span className="spacer" />
            <button type="button" className="btn small" onClick={() => setLogging(true)}>
              + {t("interactions.log")}
            </button>
          </header>
          {interactions.length === 0 ? <EmptyState compact hint={t("interactions.empty")} /> : <InteractionTimeline interactions={interactions} />}
        </section>
      </div>

      {editing && <PersonForm person={p} onClose={() => setEditing(false)} />}
      {logging && (
        <InteractionForm
          personIds={[p.id]}
          accountId={affiliations.find((f) => f.current)?.account_id ?? null}
          onClose={() => setLogging(false)}
        />
      )}
      {addingTask && <TaskForm personId={p.id} onClose={() => setAddingTask(false)} />}
      {affiliation && <AffiliationForm personId={p.id} affiliation={affiliation === "new" ? undefined : affiliation} onClose={() => setAffiliation(null)} />}
      {deleting && (
        <Confirm
          danger
          title={t("common.confirmDeleteTitle", { name })}
          text={t("people.deleteWarning")}
          confirmLabel={t("common.delete")}
          onCancel={() => setDeleting(false)}
          onConfirm={remove}
        />
      )}
    </div>
  );
}

function formatBirthday(value: string, lang: "en" | "fi"): string {
  if (value.startsWith("--")) {
    const [, , m, d] = value.split("-");
    return lang === "fi" ? `${Number(d)}.${Number(m)}.` : `${d}/${m}`;
  }
  return formatDate(value, lang);
}

function AffiliationForm(props: { personId: number; affiliation?: Affiliation; onClose: () => void }) {
  const { t } = useTranslation();
  const accounts = useAccountOptions();
  const f = props.affiliation;
  const [input, setInput] = useState<AffiliationInput>({
    person_id: props.personId,
    account_id: f?.account_id ?? 0,
    position: f?.position ?? "",
    department: f?.department ?? "",
    start_date: f?.start_date ?? null,
    end_date: f?.end_date ?? null,
  });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const set = <K extends keyof AffiliationInput>(key: K, value: AffiliationInput[K]) => setInput((i) => ({ ...i, [key]: value }));
  const submit = useSubmit(
    () => (f ? api.updateAffiliation(f.id, input) : api.addAffiliation(input).then(() => undefined)),
    props.onClose,
  );
  const err = submit.fieldError;
  return (
    <FormModal
      narrow
      title={f ? t("people.affiliations.edit") : t("people.affiliations.add")}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
    >
      <div className="grid-2">
        <Field label={t("people.affiliations.account")} error={err("account_id")} className="span-2">
          <Combobox name="account" options={accounts} value={input.account_id || null} onChange={(v) => set("account_id", v ?? 0)} />
        </Field>
        <Field label={t("people.affiliations.position")} error={err("position")}>
          <input name="position" value={input.position} onChange={(e) => set("position", e.target.value)} />
        </Field>
        <Field label={t("people.affiliations.department")} error={err("department")}>
          <input name="department" value={input.department} onChange={(e) => set("department", e.target.value)} />
        </Field>
        <Field label={t("people.affiliations.start")} error={err("start_date")}>
          <DateInput name="start_date" value={input.start_date} onChange={(v) => set("start_date", v)} />
        </Field>
        <Field label={t("people.affiliations.end")} error={err("end_date")}>
          <DateInput name="end_date" value={input.end_date} onChange={(v) => set("end_date", v)} />
        </Field>
      </div>
      {f && (
        <p>
          <button type="button" className="btn small ghost danger" onClick={() => setConfirmDelete(true)}>
            {t("common.delete")}
          </button>
        </p>
      )}
      {confirmDelete && f && (
        <Confirm
          danger
          title={t("common.confirmDeleteTitle", { name: f.account_name })}
          text={`${f.person_name} · ${f.account_name}`}
          confirmLabel={t("common.delete")}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={async () => {
            await api.deleteAffiliation(f.id);
            props.onClose();
          }}
        />
      )}
    </FormModal>
  );
}
