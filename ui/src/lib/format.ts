// Locale-aware display of dates and money, and the reverse: turning what a KAM types into the API's ISO dates
// and integer minor units. Validation of meaning (is 30.2. a real day?) stays in the core; this only reshapes.

export type Lang = "en" | "fi";

export function locale(lang: Lang): string {
  return lang === "fi" ? "fi-FI" : "en-GB";
}

// Building an Intl formatter is costly (it loads locale data); lists format hundreds of values, so reuse them.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), { ...options, timeZone: "UTC" });
    formatters.set(key, f);
  }
  return f;
}

function moneyFormatter(lang: Lang, currency: string): Intl.NumberFormat {
  const key = `m|${lang}|${currency}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { style: "currency", currency });
    formatters.set(key, f);
  }
  return f;
}

function isoParts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** "torstaina 26. marraskuuta 2026" / "Thursday, 26 November 2026". */
export function formatLongDate(iso: string, lang: Lang): string {
  const p = isoParts(iso);
  if (!p) return iso;
  const [y, m, d] = p;
  return dateFormatter(lang, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** 26.11.2026 (fi) or 26/11/2026 (en-GB). Unparseable text is shown as it is. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const p = isoParts(iso);
  if (!p) return iso;
  const [y, m, d] = p;
  return dateFormatter(lang, { day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Thu 26 Nov" / "to 26.11." for compact lists. */
export function formatDayShort(iso: string, lang: Lang): string {
  const p = isoParts(iso);
  if (!p) return iso;
  const [y, m, d] = p;
  return dateFormatter(lang, { weekday: "short", day: "numeric", month: "short" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Shows a date the way the date field expects it to be typed. */
export function dateToInput(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return "";
  const p = isoParts(iso);
  if (!p) return iso;
  const [y, m, d] = p;
  const dd = String(d).padStart(2, "0");
  const mm = String(m).padStart(2, "0");
  return lang === "fi" ? `${dd}.${mm}.${y}` : `${dd}/${mm}/${y}`;
}

/**
 * Reads a typed date: 26.11.2026, 26/11/2026, 26-11-2026, 2026-11-26, or 26.11.26 (20xx). Returns ISO text, or
 * the trimmed input unchanged when it has no date shape (the core then explains what is wrong), or null if empty.
 */
export function inputToDate(text: string): string | null {
  const t = text.trim();
  if (t === "") return null;
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(t)) {
    const [y, m, d] = t.split("-");
    return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  }
  const m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(t);
  if (!m) return t;
  const year = m[3].length === 2 ? `20${m[3]}` : m[3];
  return `${year}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
}

/** 1 234,50 € (fi) or €1,234.50 (en-GB), from integer minor units. */
export function formatMoney(minor: number | null | undefined, currency: string, lang: Lang): string {
  if (minor === null || minor === undefined) return "";
  return moneyFormatter(lang, currency).format(minor / 100);
}

/** Shows minor units as an editable amount: 1234,50 (fi) or 1234.50 (en). */
export function moneyToInput(minor: number | null | undefined, lang: Lang): string {
  if (minor === null || minor === undefined) return "";
  const whole = Math.trunc(minor / 100);
  const cents = Math.abs(minor % 100);
  const text = cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, "0")}`;
  return lang === "fi" ? text.replace(".", ",") : text;
}

/**
 * Reads a typed amount into integer minor units, exactly (no floating point): "50 000", "50 000,00",
 * "50,000.00", "1.234,5", "1'234.50", "€ 2 500". Returns undefined when it is not an amount, null when empty.
 */
export function inputToMinor(text: string): number | null | undefined {
  let t = text.replace(/[€$£\s\u00a0\u202f']/g, "").replace(/(EUR|USD|GBP|SEK)/gi, "");
  if (t === "") return null;
  const negative = t.startsWith("-");
  if (negative) t = t.slice(1);
  const lastComma = t.lastIndexOf(",");
  const lastDot = t.lastIndexOf(".");
  const decimalAt = Math.max(lastComma, lastDot);
  let whole = t;
  let fraction = "";
  if (decimalAt >= 0) {
    const after = t.slice(decimalAt + 1);
    const sep = t[decimalAt];
    const sepCount = t.split(sep).length - 1;
    // "50,000" and "1.234.567" are thousands separators; a single separator followed by 1-2 digits is decimal.
    const isDecimal = after.length <= 2 && !(sepCount > 1);
    if (isDecimal) {
      whole = t.slice(0, decimalAt);
      fraction = after;
    }
  }
  whole = whole.replace(/[.,]/g, "");
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction)) return undefined;
  const minor = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  if (!Number.isSafeInteger(minor)) return undefined;
  return negative ? -minor : minor;
}

/** Birthday in the form the core stores: YYYY-MM-DD, or --MM-DD without a year. */
export function birthdayFromParts(day: string, month: string, year: string): string | null {
  if (!day && !month && !year) return null;
  const dd = day.padStart(2, "0");
  const mm = month.padStart(2, "0");
  return year ? `${year}-${mm}-${dd}` : `--${mm}-${dd}`;
}

export function birthdayToParts(value: string | null | undefined): { day: string; month: string; year: string } {
  if (!value) return { day: "", month: "", year: "" };
  const m = /^(\d{4}|-)-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return { day: "", month: "", year: "" };
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] === "-" ? "" : m[1] };
}

function numberFormatter(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), options);
    formatters.set(key, f);
  }
  return f;
}

/** A count or quantity: "1 234" (fi), "1,234" (en); up to `digits` decimals. */
export function formatNumber(n: number | null | undefined, lang: Lang, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "";
  return numberFormatter(lang, { maximumFractionDigits: digits }).format(n);
}

/** Money in whole units for dashboards: "12 345 €". */
export function formatMoneyWhole(minor: number | null | undefined, currency: string, lang: Lang): string {
  if (minor === null || minor === undefined) return "";
  return numberFormatter(lang, { style: "currency", currency, maximumFractionDigits: 0 }).format(minor / 100);
}

/** A share 0–1 as a percentage: "45 %" (fi), "45%" (en). */
export function formatPercent(share: number | null | undefined, lang: Lang, digits = 0): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "";
  return numberFormatter(lang, { style: "percent", maximumFractionDigits: digits }).format(share);
}

/** A signed change: "+12 %" or "−3 %". */
export function formatGrowth(share: number | null | undefined, lang: Lang): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "";
  return numberFormatter(lang, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(share);
}

/** "2024-03" as "Mar 2024" / "maalis 2024". */
export function formatMonth(month: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return month;
  return dateFormatter(lang, { month: "short", year: "numeric" }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}
