// Settings: language, theme and the user's name; tender reminders and plan templates; backup and restore through
// native dialogs; demo data; about.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Language, type MilestoneKind, type Procedure, type ProcedureTemplate, type Settings, type TemplateStep, type Theme } from "../api/client";
import { useAppInfo, useCompanyLogo, useSettings, useTenderTemplates } from "../api/queries";
import { Confirm, Field, useToast } from "../components/ui";
import { errorMessage } from "../i18n";

export function SettingsPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const queryClient = useQueryClient();
  const settings = useSettings().data;
  const info = useAppInfo().data;
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"restore" | "remove-demo" | null>(null);

  const save = async (patch: Partial<Settings>) => {
    if (!settings) return;
    try {
      await api.saveSettings({ ...settings, ...patch });
      await queryClient.invalidateQueries({ queryKey: ["settings"] });
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  const run = async (name: string, action: () => Promise<void>) => {
    setBusy(name);
    try {
      await action();
    } catch (e) {
      toast(errorMessage(e), true);
    } finally {
      setBusy(null);
    }
  };

  if (!settings) return <div className="page muted">{t("common.loading")}</div>;
  return (
    <div className="page" data-testid="settings-page">
      <div className="page-header">
        <h1>{t("settings.title")}</h1>
      </div>
      <div className="panels">
        <section className="panel">
          <header>
            <h2>{t("settings.preferences")}</h2>
          </header>
          <div className="stack">
            <Field label={t("settings.language")}>
              <select name="language" value={settings.language} onChange={(e) => save({ language: e.target.value as Language })}>
                <option value="en">English</option>
                <option value="fi">Suomi</option>
              </select>
            </Field>
            <Field label={t("settings.theme")}>
              <select name="theme" value={settings.theme} onChange={(e) => save({ theme: e.target.value as Theme })}>
                {(["system", "light", "dark"] as Theme[]).map((th) => (
                  <option key={th} value={th}>
                    {t(`settings.themes.${th}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("settings.userName")} hint={t("settings.userNameHint")}>
              <input
                name="user_name"
                defaultValue={settings.user_name}
                onBlur={(e) => e.target.value !== settings.user_name && save({ user_name: e.target.value })}
              />
            </Field>
          </div>
        </section>

        <section className="panel" data-testid="proposal-settings">
          <header>
            <h2>{t("settings.forProposals")}</h2>
          </header>
          <p className="muted">{t("settings.forProposalsHint")}</p>
          <div className="form-grid">
            {(
              [
                ["company_name", t("settings.companyName")],
                ["user_title", t("settings.userTitle")],
                ["user_phone", t("settings.userPhone")],
                ["user_email", t("settings.userEmail")],
              ] as const
            ).map(([key, label]) => (
              <Field key={key} label={label}>
                <input
                  name={key}
                  defaultValue={settings[key]}
                  onBlur={(e) => e.target.value !== settings[key] && save({ [key]: e.target.value })}
                />
              </Field>
            ))}
          </div>
          <LogoField />
        </section>

        <section className="panel">
          <header>
            <h2>{t("settings.data")}</h2>
          </header>
          <dl className="dl mb3">
            <dt>{t("settings.dataFolder")}</dt>
            <dd data-testid="data-folder">{info?.data_dir}</dd>
            <dt>{t("settings.about")}</dt>
            <dd>
              {t("settings.version", { v: info?.version ?? "" })} · {t("settings.schemaVersion", { v: info?.schema_version ?? "" })}
            </dd>
          </dl>
          {busy && <div className="progress mb3" role="progressbar" aria-label={busy} />}
          <div className="btn-row">
            <button
              type="button"
              className="btn primary"
              disabled={busy !== null}
              onClick={() =>
                run("backup", async () => {
                  const path = await api.backupNow();
                  if (path) toast(t("settings.backupDone", { path }));
                })
              }
            >
              {t("settings.backupNow")}
            </button>
            <button type="button" className="btn" disabled={busy !== null} onClick={() => setConfirm("restore")}>
              {t("settings.restore")}
            </button>
          </div>
        </section>

        <section className="panel">
          <header>
            <h2>{t("settings.demo")}</h2>
          </header>
          <div className="btn-row">
            <button
              type="button"
              className="btn"
              disabled={busy !== null || !info?.empty}
              title={info?.empty ? undefined : t("settings.demoOnlyEmpty")}
              data-testid="load-demo"
              onClick={() =>
                run("demo", async () => {
                  const s = await api.loadDemo();
                  toast(t("settings.demoLoaded", { accounts: s.accounts, people: s.people }));
                })
              }
            >
              {t("settings.demoLoad")}
            </button>
            <button type="button" className="btn danger" disabled={busy !== null} onClick={() => setConfirm("remove-demo")}>
              {t("settings.demoRemove")}
            </button>
          </div>
          {!info?.empty && <p className="small muted">{t("settings.demoOnlyEmpty")}</p>}
        </section>

        <section className="panel" data-testid="settings-reminders">
          <header>
            <h2>{t("settings.reminders")}</h2>
          </header>
          <Field label={t("settings.reminderDays")} hint={t("settings.reminderDaysHint")}>
            <input
              name="reminder_days"
              inputMode="numeric"
              defaultValue={settings.reminder_days}
              onBlur={(e) => {
                const days = Number(e.target.value.trim());
                if (!Number.isInteger(days) || days < 0 || days > 60) {
                  toast(t("settings.reminderDaysError"), true);
                  e.target.value = String(settings.reminder_days);
                } else if (days !== settings.reminder_days) void save({ reminder_days: days });
              }}
            />
          </Field>
        </section>

        <TemplateEditor />

        <section className="panel">
          <header>
            <h2>{t("settings.shortcuts")}</h2>
          </header>
          <p className="muted">{t("settings.shortcutList")}</p>
        </section>
      </div>

      {confirm === "restore" && (
        <Confirm
          danger
          title={t("settings.restoreTitle")}
          text={t("settings.restoreText")}
          confirmLabel={t("settings.restore")}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void run("restore", async () => {
              const safety = await api.restoreBackup();
              if (safety) toast(t("settings.restoreDone", { path: safety }));
            });
          }}
        />
      )}
      {confirm === "remove-demo" && (
        <Confirm
          danger
          title={t("settings.demoRemove")}
          text={t("settings.demoRemoveText")}
          confirmLabel={t("settings.demoRemove")}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void run("remove-demo", async () => {
              await api.removeDemoData();
              toast(t("settings.demoRemoved"));
            });
          }}
        />
      )}
    </div>
  );
}

const KINDS: MilestoneKind[] = [
  "needs_analysis",
  "specification_input",
  "stakeholder_meetings",
  "announcement",
  "clarification_deadline",
  "submission_deadline",
  "auction",
  "award",
  "contract_signature",
  "deliveries",
];

interface StepDraft {
  kind: MilestoneKind;
  value: string;
  unit: "months" | "days";
}

const toDrafts = (steps: TemplateStep[]): StepDraft[] =>
  steps.map((s) => ({ kind: s.kind, value: String(s.offset.value), unit: s.offset.unit }));

/** Each procedure's plan: which milestones, and how far from the announcement. */
function TemplateEditor() {
  const { t } = useTranslation();
  const toast = useToast();
  const templates = useTenderTemplates().data;
  const [procedure, setProcedure] = useState<Procedure>("open_tender");
  const current = templates?.find((x) => x.procedure === procedure);
  return (
    <section className="panel span-2" data-testid="settings-templates">
      <header>
        <h2>{t("settings.templates")}</h2>
        <span className="spacer" />
        <select name="template_procedure" value={procedure} onChange={(e) => setProcedure(e.target.value as Procedure)} aria-label={t("settings.procedure")}>
          {(templates ?? []).map((x) => (
            <option key={x.procedure} value={x.procedure}>
              {t(`procedures.${x.procedure}`)}
              {x.edited ? ` (${t("settings.edited")})` : ""}
            </option>
          ))}
        </select>
      </header>
      <p className="small muted m0 mb2">{t("settings.templatesHint")}</p>
      {current && <TemplateSteps key={`${current.procedure}-${JSON.stringify(current.steps)}`} template={current} onSaved={() => toast(t("settings.templateSaved"))} />}
    </section>
  );
}

function TemplateSteps(props: { template: ProcedureTemplate; onSaved: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [steps, setSteps] = useState<StepDraft[]>(() => toDrafts(props.template.steps));
  const set = (i: number, patch: Partial<StepDraft>) => setSteps((ss) => ss.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const unused = KINDS.filter((k) => !steps.some((s) => s.kind === k));
  const save = async (reset: boolean) => {
    try {
      let payload: TemplateStep[] | null = null;
      if (!reset) {
        payload = steps.map((s) => {
          const value = Number(s.value.trim());
          if (s.value.trim() === "" || !Number.isInteger(value)) throw new Error(t("settings.offsetError"));
          return { kind: s.kind, offset: { unit: s.unit, value } } as TemplateStep;
        });
      }
      await api.setTenderTemplate(props.template.procedure, payload);
      props.onSaved();
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <>
      <table className="data compact template-steps">
        <thead>
          <tr>
            <th>{t("settings.step")}</th>
            <th>{t("settings.offset")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={s.kind}>
              <td>
                <select value={s.kind} onChange={(e) => set(i, { kind: e.target.value as MilestoneKind })} aria-label={t("settings.step")}>
                  {[s.kind, ...unused].map((k) => (
                    <option key={k} value={k}>
                      {t(`milestones.${k}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="nowrap">
                <input className="offset-input" inputMode="numeric" value={s.value} onChange={(e) => set(i, { value: e.target.value })} aria-label={t("settings.offset")} />{" "}
                <select value={s.unit} onChange={(e) => set(i, { unit: e.target.value as StepDraft["unit"] })} aria-label={t("settings.offset")}>
                  <option value="months">{t("settings.unitMonths")}</option>
                  <option value="days">{t("settings.unitDays")}</option>
                </select>
              </td>
              <td>
                <button type="button" className="btn small ghost" onClick={() => setSteps((ss) => ss.filter((_, j) => j !== i))}>
                  {t("settings.removeStep")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="btn-row mt3">
        {unused.length > 0 && (
          <button type="button" className="btn small" onClick={() => setSteps((ss) => [...ss, { kind: unused[0], value: "0", unit: "days" }])}>
            {t("settings.addStep")}
          </button>
        )}
        <span className="spacer" />
        {props.template.edited && (
          <button type="button" className="btn" onClick={() => void save(true)}>
            {t("settings.resetTemplate")}
          </button>
        )}
        <button type="button" className="btn primary" onClick={() => void save(false)} data-testid="save-template">
          {t("settings.saveTemplate")}
        </button>
      </div>
    </>
  );
}

/** The company logo printed at the top of every proposal: choose a picture, or remove it. */
function LogoField() {
  const { t } = useTranslation();
  const toast = useToast();
  const logo = useCompanyLogo();
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <div className="logo-field" data-testid="logo-field">
      <span className="label">{t("settings.logo")}</span>
      {logo.data ? <img src={logo.data} alt={t("settings.logo")} className="logo-preview" /> : <span className="muted">{t("settings.noLogo")}</span>}
      <button type="button" className="btn" onClick={() => run(api.chooseLogo)}>
        {t("settings.chooseLogo")}
      </button>
      {logo.data && (
        <button type="button" className="btn ghost danger" onClick={() => run(api.removeLogo)}>
          {t("common.delete")}
        </button>
      )}
    </div>
  );
}
