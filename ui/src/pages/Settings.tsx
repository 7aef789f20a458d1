// Settings: language, theme and the user's name; backup and restore through native dialogs; demo data; about.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Language, type Settings, type Theme } from "../api/client";
import { useAppInfo, useSettings } from "../api/queries";
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
