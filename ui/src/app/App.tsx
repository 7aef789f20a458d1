// The application frame: first-run choice, the left navigation, the page for the current route, Ctrl+K search,
// keyboard navigation, theme and language; and the refresh of every open screen after any change in the core.
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, onChange, type Settings } from "../api/client";
import { useAppInfo, useSettings } from "../api/queries";
import { SearchPalette } from "../components/SearchPalette";
import { useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { href, navigate, useRoute, type Route } from "../lib/router";
import { isTyping } from "../lib/shortcuts";
import { ImportProvider } from "../pages/ImportDialog";
import { TodayPage } from "../pages/Today";

// Today is the first screen and comes with the main bundle; the other areas load when first opened, which keeps
// start-up short.
const AccountsPage = lazy(() => import("../pages/Accounts").then((m) => ({ default: m.AccountsPage })));
const AccountDossierPage = lazy(() => import("../pages/AccountDossier").then((m) => ({ default: m.AccountDossierPage })));
const PeoplePage = lazy(() => import("../pages/People").then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import("../pages/People").then((m) => ({ default: m.PersonPage })));
const SalesPage = lazy(() => import("../pages/Sales").then((m) => ({ default: m.SalesPage })));
const TendersPage = lazy(() => import("../pages/Tenders").then((m) => ({ default: m.TendersPage })));
const TenderDetailPage = lazy(() => import("../pages/TenderDetail").then((m) => ({ default: m.TenderDetailPage })));
const NetworkPage = lazy(() => import("../pages/Network").then((m) => ({ default: m.NetworkPage })));
const ProposalsPage = lazy(() => import("../pages/Proposals").then((m) => ({ default: m.ProposalsPage })));
const ProposalPage = lazy(() => import("../pages/Proposals").then((m) => ({ default: m.ProposalPage })));
const SettingsPage = lazy(() => import("../pages/Settings").then((m) => ({ default: m.SettingsPage })));

const NAV: Route["page"][] = ["today", "accounts", "people", "network", "tenders", "proposals", "sales", "settings"];

function useThemeAndLanguage(settings: Settings | undefined) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!settings) return;
    if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
    document.documentElement.lang = settings.language;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const apply = () => {
      const dark = settings.theme === "dark" || (settings.theme === "system" && media.matches);
      document.documentElement.dataset.theme = dark ? "dark" : "light";
    };
    apply();
    media.addEventListener("change", apply);
    return () => media.removeEventListener("change", apply);
  }, [settings, i18n]);
}

export function App() {
  const queryClient = useQueryClient();
  const settings = useSettings();
  const info = useAppInfo();
  useThemeAndLanguage(settings.data);

  useEffect(() => {
    const unlisten = onChange(() => void queryClient.invalidateQueries());
    return () => {
      void unlisten.then((f) => f());
    };
  }, [queryClient]);

  if (info.isError) return <FatalScreen message={errorMessage(info.error)} />;
  if (!settings.data || !info.data) return null;
  if (!settings.data.onboarded && info.data.empty) return <Onboarding settings={settings.data} />;
  return <Shell />;
}

function Shell() {
  const { t } = useTranslation();
  const route = useRoute();
  const [searching, setSearching] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setSearching(true);
        return;
      }
      if (e.altKey && !e.ctrlKey && /^[1-8]$/.test(e.key) && !isTyping(e.target)) {
        e.preventDefault();
        navigate({ page: NAV[Number(e.key) - 1] } as Route);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const PARENT: Partial<Record<Route["page"], Route["page"]>> = { account: "accounts", person: "people", tender: "tenders", proposal: "proposals" };
  const section = PARENT[route.page] ?? route.page;
  return (
    <ImportProvider>
    <div className="shell">
      <nav className="sidebar" aria-label="Avain">
        <div className="brand">
          <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
            <rect width="24" height="24" rx="6" />
            <circle cx="8.5" cy="12" r="3.4" />
            <path d="M11.9 12h7.6v3.2M17 12v2.4" />
          </svg>
          {t("app.name")}
        </div>
        <button type="button" className="search-button" onClick={() => setSearching(true)} data-testid="open-search">
          <span>{t("nav.search")}</span>
          <kbd>Ctrl K</kbd>
        </button>
        {NAV.map((page, i) => (
          <a
            key={page}
            href={href({ page } as Route)}
            className={`nav-link${section === page ? " active" : ""}`}
            aria-current={section === page ? "page" : undefined}
            title={`Alt+${i + 1}`}
            data-testid={`nav-${page}`}
          >
            {t(`nav.${page}`)}
          </a>
        ))}
      </nav>
      <main className="main">
        <Suspense fallback={null}>
          <Page route={route} />
        </Suspense>
      </main>
      {searching && <SearchPalette onClose={() => setSearching(false)} />}
    </div>
    </ImportProvider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "today":
      return <TodayPage />;
    case "accounts":
      return <AccountsPage />;
    case "account":
      return <AccountDossierPage key={route.id} id={route.id} tab={route.tab} />;
    case "people":
      return <PeoplePage />;
    case "person":
      return <PersonPage key={route.id} id={route.id} />;
    case "sales":
      return <SalesPage tab={route.tab} />;
    case "tenders":
      return <TendersPage view={route.view} />;
    case "tender":
      return <TenderDetailPage key={route.id} id={route.id} />;
    case "network":
      return <NetworkPage />;
    case "proposals":
      return <ProposalsPage />;
    case "proposal":
      return <ProposalPage key={route.id} id={route.id} />;
    case "settings":
      return <SettingsPage />;
  }
}

function Onboarding({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const choose = async (demo: boolean) => {
    setBusy(true);
    try {
      if (demo) await api.loadDemo();
      await api.saveSettings({ ...settings, onboarded: true });
      navigate({ page: "today" });
      await queryClient.invalidateQueries();
    } catch (e) {
      toast(errorMessage(e), true);
      setBusy(false);
    }
  };
  return (
    <div className="center-screen" data-testid="onboarding">
      <div className="welcome">
        <h1>{t("onboarding.title")}</h1>
        <p className="muted">{t("onboarding.text")}</p>
        {busy && <div className="progress" role="progressbar" aria-label={t("common.loading")} />}
        <div className="choice-row">
          <button type="button" className="choice" disabled={busy} onClick={() => choose(false)} data-testid="start-empty">
            <strong>{t("onboarding.empty")}</strong>
            <span className="muted">{t("onboarding.emptyHint")}</span>
          </button>
          <button type="button" className="choice" disabled={busy} onClick={() => choose(true)} data-testid="start-demo">
            <strong>{t("onboarding.demo")}</strong>
            <span className="muted">{t("onboarding.demoHint")}</span>
          </button>
        </div>
      </div>
    </div>
  );
}

function FatalScreen({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div className="center-screen" data-testid="fatal">
      <div className="welcome">
        <h1>{t("errors.fatalTitle")}</h1>
        <p role="alert">{message}</p>
      </div>
    </div>
  );
}
