// The typed API client: one function per Tauri command, with the types generated from Rust (./generated).
// Pages call these; nothing else in the UI talks to the shell.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type * as T from "./generated";

export type * from "./generated";

/** A failed command, carrying the core's error code, message and the form field it concerns. */
export class ApiFailure extends Error {
  readonly code: string;
  readonly field: string | null;
  readonly details: string | null;
  constructor(e: T.ApiError) {
    super(e.message);
    this.code = e.code;
    this.field = e.field;
    this.details = e.details;
  }
}

function isApiError(e: unknown): e is T.ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

async function call<R>(command: string, args?: Record<string, unknown>): Promise<R> {
  try {
    return await invoke<R>(command, args);
  } catch (e) {
    if (isApiError(e)) throw new ApiFailure(e);
    throw new ApiFailure({ code: "internal", message: String(e), field: null, details: null });
  }
}

export const api = {
  appInfo: () => call<T.AppInfo>("app_info"),
  getSettings: () => call<T.Settings>("get_settings"),
  saveSettings: (settings: T.Settings) => call<T.Settings>("save_settings", { settings }),
  loadDemo: () => call<T.DemoSummary>("load_demo"),
  removeDemoData: () => call<void>("remove_demo_data"),
  backupNow: () => call<string | null>("backup_now"),
  restoreBackup: () => call<string | null>("restore_backup"),

  listAccounts: (filter: T.AccountFilter) => call<T.AccountRow[]>("list_accounts", { filter }),
  accountFacets: () => call<T.AccountFacets>("account_facets"),
  getAccount: (id: number) => call<T.Account>("get_account", { id }),
  accountDossier: (id: number) => call<T.AccountDossier>("account_dossier", { id }),
  createAccount: (input: T.AccountInput) => call<T.Account>("create_account", { input }),
  updateAccount: (id: number, input: T.AccountInput) => call<T.Account>("update_account", { id, input }),
  deleteAccount: (id: number) => call<void>("delete_account", { id }),

  listPeople: (filter: T.PersonFilter) => call<T.PersonRow[]>("list_people", { filter }),
  personDetail: (id: number) => call<T.PersonDetail>("person_detail", { id }),
  createPerson: (input: T.PersonInput) => call<T.Person>("create_person", { input }),
  updatePerson: (id: number, input: T.PersonInput) => call<T.Person>("update_person", { id, input }),
  deletePerson: (id: number) => call<void>("delete_person", { id }),
  addAffiliation: (input: T.AffiliationInput) => call<number>("add_affiliation", { input }),
  updateAffiliation: (id: number, input: T.AffiliationInput) => call<void>("update_affiliation", { id, input }),
  deleteAffiliation: (id: number) => call<void>("delete_affiliation", { id }),
  addMember: (input: T.MemberInput) => call<T.MemberCard>("add_member", { input }),
  addNewMember: (input: T.NewMemberInput) => call<T.MemberCard>("add_new_member", { input }),
  updateMember: (id: number, input: T.MemberInput) => call<T.MemberCard>("update_member", { id, input }),
  removeMember: (id: number) => call<void>("remove_member", { id }),

  listInteractions: (filter: T.InteractionFilter) => call<T.Interaction[]>("list_interactions", { filter }),
  logInteraction: (input: T.InteractionInput) => call<T.Interaction>("log_interaction", { input }),
  updateInteraction: (id: number, input: T.InteractionInput) =>
    call<T.Interaction>("update_interaction", { id, input }),
  completeInteraction: (id: number, outcome: string) => call<T.Interaction>("complete_interaction", { id, outcome }),
  deleteInteraction: (id: number) => call<void>("delete_interaction", { id }),
  weekPlan: (day: string | null) => call<T.WeekPlan>("week_plan", { day }),
  listTasks: (filter: T.TaskFilter) => call<T.Task[]>("list_tasks", { filter }),
  createTask: (input: T.TaskInput) => call<T.Task>("create_task", { input }),
  updateTask: (id: number, input: T.TaskInput) => call<T.Task>("update_task", { id, input }),
  setTaskDone: (id: number, done: boolean) => call<T.Task>("set_task_done", { id, done }),
  deleteTask: (id: number) => call<void>("delete_task", { id }),

  today: () => call<T.Today>("today"),
  search: (query: string) => call<T.SearchHit[]>("search", { query }),

  pickSalesFiles: () => call<string[]>("pick_sales_files"),
  inspectImport: (path: string, options: T.ImportOptions) =>
    call<T.Understanding>("inspect_import", { path, options }),
  importSales: (path: string, options: T.ImportOptions) => call<T.ImportOutcome>("import_sales", { path, options }),
  cancelImport: () => call<void>("cancel_import"),
  undoImport: (id: number) => call<void>("undo_import", { id }),
  listImports: () => call<T.ImportRow[]>("list_imports"),
  saveImportReport: (id: number) => call<string | null>("save_import_report", { id }),
  savePreviewReport: (understanding: T.Understanding) => call<string | null>("save_preview_report", { understanding }),
  exportXlsx: (table: T.ExportTable) => call<string | null>("export_xlsx", { table }),
  salesDashboard: (filter: T.SalesFilter) => call<T.Dashboard>("sales_dashboard", { filter }),
  salesForecasts: (chain: number | null) => call<T.ForecastRow[]>("sales_forecasts", { chain }),
  setPlan: (accountId: number, month: string, amountMinor: number | null) =>
    call<void>("set_plan", { accountId, month, amountMinor }),
  reportedValues: (kind: T.ReportedKind, onlyUnlinked: boolean) =>
    call<T.ReportedValue[]>("reported_values", { kind, onlyUnlinked }),
  linkReported: (kind: T.ReportedKind, id: number, target: number | null) =>
    call<void>("link_reported", { kind, id, target }),
  createFromReported: (kind: T.ReportedKind, id: number) => call<number>("create_from_reported", { kind, id }),
  listSkus: () => call<T.Sku[]>("list_skus"),
  createSku: (input: T.SkuInput) => call<T.Sku>("create_sku", { input }),
  updateSku: (id: number, input: T.SkuInput) => call<T.Sku>("update_sku", { id, input }),
  deleteSku: (id: number) => call<void>("delete_sku", { id }),
  pickPriceList: () => call<string | null>("pick_price_list"),
  inspectPriceList: (path: string, options: T.PriceListOptions) => call<T.PriceList>("inspect_price_list", { path, options }),
  importPriceList: (path: string, options: T.PriceListOptions) => call<T.PriceList>("import_price_list", { path, options }),

  tenderOverview: (buyer: number | null) => call<T.TenderRow[]>("tender_overview", { buyer }),
  getTender: (id: number) => call<T.Tender>("get_tender", { id }),
  createTender: (input: T.TenderInput) => call<T.Tender>("create_tender", { input }),
  updateTender: (id: number, input: T.TenderInput) => call<T.Tender>("update_tender", { id, input }),
  deleteTender: (id: number) => call<void>("delete_tender", { id }),
  moveMilestone: (id: number, kind: T.MilestoneKind, date: string) =>
    call<T.Tender>("move_milestone", { id, kind, date }),
  setMilestoneDone: (id: number, kind: T.MilestoneKind, done: boolean) =>
    call<void>("set_milestone_done", { id, kind, done }),
  rescheduleTender: (id: number) => call<T.Tender>("reschedule_tender", { id }),
  setTenderStatus: (id: number, status: T.TenderStatus, outcome: T.Outcome, note: string) =>
    call<T.Tender>("set_tender_status", { id, status, outcome, note }),
  addTenderDocument: (tenderId: number, input: T.DocumentInput) =>
    call<T.Tender>("add_tender_document", { tenderId, input }),
  updateTenderDocument: (id: number, input: T.DocumentInput) => call<T.Tender>("update_tender_document", { id, input }),
  deleteTenderDocument: (id: number) => call<T.Tender>("delete_tender_document", { id }),
  linkTenderPerson: (tenderId: number, personId: number, role: string) =>
    call<T.Tender>("link_tender_person", { tenderId, personId, role }),
  unlinkTenderPerson: (tenderId: number, personId: number) =>
    call<T.Tender>("unlink_tender_person", { tenderId, personId }),
  tenderWinLoss: (from: string | null, to: string | null) => call<T.WinLoss>("tender_win_loss", { from, to }),
  tenderTemplates: () => call<T.ProcedureTemplate[]>("tender_templates"),
  setTenderTemplate: (procedure: T.Procedure, steps: T.TemplateStep[] | null) =>
    call<void>("set_tender_template", { procedure, steps }),
  exportIcsFile: () => call<string | null>("export_ics_file"),
  pickTenderList: () => call<string | null>("pick_tender_list"),
  inspectTenderList: (path: string, options: T.TenderListOptions) =>
    call<T.TenderList>("inspect_tender_list", { path, options }),
  importTenderList: (path: string, options: T.TenderListOptions) =>
    call<T.TenderList>("import_tender_list", { path, options }),

  networkProfile: (personId: number) => call<T.NetworkProfile>("network_profile", { personId }),
  updateProfile: (personId: number, input: T.ProfileInput) =>
    call<T.NetworkProfile>("update_profile", { personId, input }),
  recordChange: (input: T.ChangeInput) => call<T.NetworkProfile>("record_change", { input }),
  deleteHistoryEntry: (id: number) => call<T.NetworkProfile>("delete_history_entry", { id }),
  addLink: (input: T.LinkInput) => call<number>("add_link", { input }),
  updateLink: (id: number, input: T.LinkInput) => call<void>("update_link", { id, input }),
  deleteLink: (id: number) => call<void>("delete_link", { id }),
  addTie: (input: T.TieInput) => call<number>("add_tie", { input }),
  deleteTie: (id: number) => call<void>("delete_tie", { id }),
  tiesTo: (accountId: number | null, committeeId: number | null) =>
    call<T.Tie[]>("ties_to", { accountId, committeeId }),
  listCommittees: () => call<T.Committee[]>("list_committees"),
  createCommittee: (input: T.CommitteeInput) => call<T.Committee>("create_committee", { input }),
  updateCommittee: (id: number, input: T.CommitteeInput) => call<T.Committee>("update_committee", { id, input }),
  deleteCommittee: (id: number) => call<void>("delete_committee", { id }),
  addActivity: (input: T.ActivityInput) => call<number>("add_activity", { input }),
  deleteActivity: (id: number) => call<void>("delete_activity", { id }),
  networkGraph: (scope: T.NetworkScope) => call<T.Graph>("network_graph", { scope }),
  networkSummary: (scope: T.NetworkScope) => call<T.NetworkSummary>("network_summary", { scope }),
  whoInfluences: (scope: T.NetworkScope, limit: number | null) =>
    call<T.InfluenceRoute[]>("who_influences", { scope, limit }),
  saveInfluenceWeights: (weights: T.InfluenceWeights) =>
    call<T.InfluenceWeights>("save_influence_weights", { weights }),
  pinPositions: (pins: [number, number, number][]) => call<void>("pin_positions", { pins }),
  unpin: (ids: number[]) => call<void>("unpin", { ids }),
  exportGraphml: () => call<string | null>("export_graphml"),
  chooseLogo: () => call<boolean>("choose_logo"),
  removeLogo: () => call<void>("remove_logo"),
  companyLogo: () => call<string | null>("company_logo"),
  listProposals: () => call<T.ProposalRow[]>("list_proposals"),
  proposalsOf: (accountId: number) => call<T.ProposalRow[]>("proposals_of", { accountId }),
  proposalStats: () => call<T.ProposalStats>("proposal_stats"),
  getProposal: (id: number) => call<T.Proposal>("get_proposal", { id }),
  createProposal: (input: T.ProposalInput) => call<T.Proposal>("create_proposal", { input }),
  updateProposal: (id: number, input: T.ProposalInput) => call<T.Proposal>("update_proposal", { id, input }),
  deleteProposal: (id: number) => call<void>("delete_proposal", { id }),
  setProposalAudience: (id: number, people: number[]) => call<T.Proposal>("set_proposal_audience", { id, people }),
  updateProposalSection: (id: number, input: T.SectionInput) =>
    call<T.Proposal>("update_proposal_section", { id, input }),
  addProposalSection: (proposalId: number, kind: T.SectionKind, blockId: number | null) =>
    call<T.Proposal>("add_proposal_section", { proposalId, kind, blockId }),
  moveProposalSection: (id: number, step: number) => call<T.Proposal>("move_proposal_section", { id, step }),
  deleteProposalSection: (id: number) => call<T.Proposal>("delete_proposal_section", { id }),
  addProposalItem: (proposalId: number, input: T.ItemInput) =>
    call<T.Proposal>("add_proposal_item", { proposalId, input }),
  updateProposalItem: (id: number, input: T.ItemInput) => call<T.Proposal>("update_proposal_item", { id, input }),
  deleteProposalItem: (id: number) => call<T.Proposal>("delete_proposal_item", { id }),
  addTeamMember: (proposalId: number, input: T.TeamMemberInput) =>
    call<T.Proposal>("add_team_member", { proposalId, input }),
  updateTeamMember: (id: number, input: T.TeamMemberInput) => call<T.Proposal>("update_team_member", { id, input }),
  deleteTeamMember: (id: number) => call<T.Proposal>("delete_team_member", { id }),
  proposalPreview: (id: number) => call<T.ProposalPreview>("proposal_preview", { id }),
  sendProposal: (id: number) => call<T.Proposal>("send_proposal", { id }),
  setProposalStatus: (id: number, status: T.ProposalStatus, date: string) =>
    call<T.Proposal>("set_proposal_status", { id, status, date }),
  newProposalVersion: (id: number) => call<T.Proposal>("new_proposal_version", { id }),
  saveProposalPdf: (id: number) => call<string | null>("save_proposal_pdf", { id }),
  printProposal: (id: number) => call<string>("print_proposal", { id }),
  listProposalBlocks: () => call<T.Block[]>("list_proposal_blocks"),
  saveProposalBlock: (id: number | null, input: T.BlockInput) => call<T.Block>("save_proposal_block", { id, input }),
  deleteProposalBlock: (id: number) => call<void>("delete_proposal_block", { id }),
  plansOf: (personId: number) => call<T.Plan[]>("plans_of", { personId }),
  createPlan: (input: T.PlanInput) => call<T.Plan>("create_plan", { input }),
  updatePlan: (id: number, input: T.PlanInput) => call<T.Plan>("update_plan", { id, input }),
  deletePlan: (id: number) => call<void>("delete_plan", { id }),
  addStep: (planId: number, input: T.StepInput) => call<T.Plan>("add_step", { planId, input }),
  setStepStatus: (id: number, status: T.StepStatus) => call<T.Plan>("set_step_status", { id, status }),
  deleteStep: (id: number) => call<T.Plan>("delete_step", { id }),
  listEvents: () => call<T.Ref[]>("list_events"),
  createEvent: (input: T.EventInput) => call<T.Event>("create_event", { input }),
  setParticipation: (eventId: number, personId: number, part: T.Participation) =>
    call<T.Event>("set_participation", { eventId, personId, part }),
  eventsOf: (personId: number) => call<T.PersonEvent[]>("events_of", { personId }),
  saveNetworkImage: (format: "png" | "svg", data: string) =>
    call<string | null>("save_network_image", { format, data }),
};

export interface ImportProgress {
  path: string;
  done: number;
  total: number;
}

/** Progress of the running import or preview. */
export function onImportProgress(handler: (p: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>("avain://import-progress", (event) => handler(event.payload));
}

/** Runs `handler` after every committed write, whatever made it (this window, an import, the demo loader). */
export function onChange(handler: (change: T.Change) => void): Promise<UnlistenFn> {
  return listen<T.Change>("avain://changed", (event) => handler(event.payload));
}
