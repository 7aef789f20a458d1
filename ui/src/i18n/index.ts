// i18next set-up: English and Finnish, switched from Settings. Error messages from the core are shown in English
// as written there (they name the exact value), and by their code in Finnish.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { ApiFailure } from "../api/client";
import en from "./en";
import fi, { fiErrors } from "./fi";

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fi: { translation: fi } },
  lng: "en",
  fallbackLng: "en",
  interpolation: { escapeValue: false }, // React renders text nodes, never HTML.
  returnNull: false,
});

export default i18n;

export function errorMessage(e: unknown): string {
  const failure = e as Partial<ApiFailure>;
  const code = typeof failure?.code === "string" ? failure.code : null;
  if (i18n.language === "fi" && code && fiErrors[code]) return fiErrors[code];
  if (e instanceof Error) return e.message;
  return String(e);
}
