// React Query hooks over the API. Every change event from the core invalidates all queries (see App), so screens
// refresh themselves after any write without hand-wiring.
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import {
  api,
  type AccountFilter,
  type NetworkScope,
  type PersonFilter,
  type ReportedKind,
  type SalesFilter,
} from "./client";
import type { Option } from "../components/ui";

export const useSettings = () => useQuery({ queryKey: ["settings"], queryFn: api.getSettings });
export const useAppInfo = () => useQuery({ queryKey: ["app-info"], queryFn: api.appInfo, retry: false });
export const useToday = () => useQuery({ queryKey: ["today"], queryFn: api.today });
export const useWeekPlan = (day: string | null) =>
  useQuery({ queryKey: ["week-plan", day], queryFn: () => api.weekPlan(day) });
export const useAccounts = (filter: AccountFilter) =>
  useQuery({ queryKey: ["accounts", filter], queryFn: () => api.listAccounts(filter) });
export const useFacets = () => useQuery({ queryKey: ["facets"], queryFn: api.accountFacets });
export const useDossier = (id: number) =>
  useQuery({ queryKey: ["dossier", id], queryFn: () => api.accountDossier(id), retry: false });
export const usePeople = (filter: PersonFilter) =>
  useQuery({ queryKey: ["people", filter], queryFn: () => api.listPeople(filter) });
export const usePerson = (id: number) =>
  useQuery({ queryKey: ["person", id], queryFn: () => api.personDetail(id), retry: false });

export const useSalesDashboard = (filter: SalesFilter) =>
  useQuery({ queryKey: ["sales-dashboard", filter], queryFn: () => api.salesDashboard(filter) });
export const useImports = () => useQuery({ queryKey: ["imports"], queryFn: api.listImports });
export const useReported = (kind: ReportedKind, onlyUnlinked: boolean) =>
  useQuery({ queryKey: ["reported", kind, onlyUnlinked], queryFn: () => api.reportedValues(kind, onlyUnlinked) });
export const useSkus = () => useQuery({ queryKey: ["skus"], queryFn: api.listSkus });
export const useTenderOverview = (buyer: number | null) =>
  useQuery({ queryKey: ["tender-overview", buyer], queryFn: () => api.tenderOverview(buyer) });
export const useTender = (id: number) =>
  useQuery({ queryKey: ["tender", id], queryFn: () => api.getTender(id), retry: false });
export const useWinLoss = (from: string | null, to: string | null) =>
  useQuery({ queryKey: ["win-loss", from, to], queryFn: () => api.tenderWinLoss(from, to) });
export const useTenderTemplates = () => useQuery({ queryKey: ["tender-templates"], queryFn: api.tenderTemplates });
export const useForecasts = (chain: number | null) =>
  useQuery({ queryKey: ["forecasts", chain], queryFn: () => api.salesForecasts(chain) });
export const useNetworkProfile = (personId: number) =>
  useQuery({ queryKey: ["network-profile", personId], queryFn: () => api.networkProfile(personId), retry: false });
export const useNetworkGraph = (scope: NetworkScope) =>
  useQuery({ queryKey: ["network-graph", scope], queryFn: () => api.networkGraph(scope), retry: false });
export const useNetworkSummary = (scope: NetworkScope) =>
  useQuery({ queryKey: ["network-summary", scope], queryFn: () => api.networkSummary(scope), retry: false });
export const useWhoInfluences = (scope: NetworkScope | null) =>
  useQuery({
    queryKey: ["who-influences", scope],
    queryFn: () => api.whoInfluences(scope as NetworkScope, 15),
    enabled: scope !== null,
    retry: false,
  });
export const usePlans = (personId: number) =>
  useQuery({ queryKey: ["plans", personId], queryFn: () => api.plansOf(personId), retry: false });
export const usePersonEvents = (personId: number) =>
  useQuery({ queryKey: ["person-events", personId], queryFn: () => api.eventsOf(personId), retry: false });
export const useEvents = () => useQuery({ queryKey: ["events"], queryFn: api.listEvents });
export const useCommittees = () => useQuery({ queryKey: ["committees"], queryFn: api.listCommittees });

/** Every SKU as a choice for pickers. */
export function useSkuOptions(): Option[] {
  const { data } = useSkus();
  return useMemo(() => (data ?? []).map((s) => ({ value: s.id, label: s.name, sub: s.inn || undefined })), [data]);
}

const NO_ACCOUNT_FILTER: AccountFilter = { kind: null, region: null, status: null, owner: null, text: null };
const NO_PERSON_FILTER: PersonFilter = { text: null, account_id: null, relationship_stage: null };

/** Every account as a choice for pickers. */
export function useAccountOptions(): Option[] {
  const { data } = useAccounts(NO_ACCOUNT_FILTER);
  return useMemo(
    () => (data ?? []).map((a) => ({ value: a.id, label: a.name, sub: a.region || undefined })),
    [data],
  );
}

/** Every person as a choice for pickers. */
export function usePersonOptions(): Option[] {
  const { data } = usePeople(NO_PERSON_FILTER);
  return useMemo(
    () => (data ?? []).map((p) => ({ value: p.id, label: p.name, sub: p.accounts || p.title || undefined })),
    [data],
  );
}

export { NO_ACCOUNT_FILTER, NO_PERSON_FILTER };

export const useProposals = () => useQuery({ queryKey: ["proposals"], queryFn: api.listProposals });
export const useProposalStats = () => useQuery({ queryKey: ["proposal-stats"], queryFn: api.proposalStats });
export const useProposal = (id: number) =>
  useQuery({ queryKey: ["proposal", id], queryFn: () => api.getProposal(id), retry: false });
export const useProposalPreview = (id: number) =>
  useQuery({ queryKey: ["proposal-preview", id], queryFn: () => api.proposalPreview(id), retry: false });
export const useProposalBlocks = () => useQuery({ queryKey: ["proposal-blocks"], queryFn: api.listProposalBlocks });
export const useCompanyLogo = () => useQuery({ queryKey: ["company-logo"], queryFn: api.companyLogo });
