import { describe, expect, it } from "vitest";
import {
  birthdayFromParts,
  birthdayToParts,
  dateToInput,
  formatDate,
  formatMoney,
  inputToDate,
  inputToMinor,
  moneyToInput,
} from "./format";

describe("dates", () => {
  it("formats by locale", () => {
    expect(formatDate("2026-11-26", "fi")).toBe("26.11.2026");
    expect(formatDate("2026-11-26", "en")).toBe("26/11/2026");
    expect(formatDate(null, "en")).toBe("");
  });
  it("reads what people type", () => {
    expect(inputToDate("26.11.2026")).toBe("2026-11-26");
    expect(inputToDate("1.2.26")).toBe("2026-02-01");
    expect(inputToDate("26/11/2026")).toBe("2026-11-26");
    expect(inputToDate("2026-1-5")).toBe("2026-01-05");
    expect(inputToDate("  ")).toBeNull();
    // Shapes it cannot read go to the core unchanged, which explains the problem.
    expect(inputToDate("next week")).toBe("next week");
    // Impossible days keep their shape; the core rejects them.
    expect(inputToDate("30.2.2026")).toBe("2026-02-30");
  });
  it("round-trips through the field", () => {
    expect(inputToDate(dateToInput("2026-03-09", "fi"))).toBe("2026-03-09");
    expect(inputToDate(dateToInput("2026-03-09", "en"))).toBe("2026-03-09");
  });
});

describe("money", () => {
  it("formats minor units by locale", () => {
    expect(formatMoney(123450, "EUR", "fi").replace(/\s/g, " ")).toBe("1 234,50 €");
    expect(formatMoney(123450, "EUR", "en")).toBe("€1,234.50");
  });
  it("reads amounts exactly", () => {
    expect(inputToMinor("50 000")).toBe(5000000);
    expect(inputToMinor("50 000,00")).toBe(5000000);
    expect(inputToMinor("50,000.00")).toBe(5000000);
    expect(inputToMinor("50,000")).toBe(5000000);
    expect(inputToMinor("1.234,5")).toBe(123450);
    expect(inputToMinor("1'234.50")).toBe(123450);
    expect(inputToMinor("0,1")).toBe(10);
    expect(inputToMinor("€ 2\u00a0500")).toBe(250000);
    expect(inputToMinor("1.234.567")).toBe(123456700);
    expect(inputToMinor("")).toBeNull();
    expect(inputToMinor("lots")).toBeUndefined();
    expect(inputToMinor("12,345")).toBe(1234500);
  });
  it("round-trips through the field", () => {
    expect(inputToMinor(moneyToInput(123405, "fi"))).toBe(123405);
    expect(inputToMinor(moneyToInput(5000000, "en"))).toBe(5000000);
  });
});

describe("birthdays", () => {
  it("keeps the year optional", () => {
    expect(birthdayFromParts("4", "5", "1971")).toBe("1971-05-04");
    expect(birthdayFromParts("29", "2", "")).toBe("--02-29");
    expect(birthdayFromParts("", "", "")).toBeNull();
    expect(birthdayToParts("--02-29")).toEqual({ day: "29", month: "2", year: "" });
    expect(birthdayToParts("1971-05-04")).toEqual({ day: "4", month: "5", year: "1971" });
  });
});

import { formatGrowth, formatMonth, formatNumber, formatPercent, formatMoneyWhole } from "./format";

describe("dashboard figures", () => {
  it("formats numbers, shares and months by locale", () => {
    expect(formatNumber(1234.5, "fi", 1).replace(/\s/g, " ")).toBe("1 234,5");
    expect(formatNumber(1234.5, "en", 1)).toBe("1,234.5");
    expect(formatPercent(0.456, "en")).toBe("46%");
    expect(formatPercent(0.456, "fi").replace(/\s/g, " ")).toBe("46 %");
    expect(formatGrowth(0.125, "en")).toBe("+12.5%");
    expect(formatGrowth(-0.03, "en")).toBe("-3%");
    expect(formatMonth("2024-03", "en")).toBe("Mar 2024");
    expect(formatMoneyWhole(1234567, "EUR", "en")).toBe("€12,346");
    expect(formatNumber(null, "en")).toBe("");
  });
});
