/** dbt's structured log events that tsdbt emits: name -> code (dbt-core events/types.py, dbt-common, dbt-adapters). */
export const EVENT_CODES = {
  MainReportVersion: 'A001',
  MainReportArgs: 'A002',
  ProjectCreated: 'A026',
  SettingUpProfile: 'A023',
  DepsNoPackagesFound: 'M013',
  DepsInstallInfo: 'M015',
  NoNodesForSelectionCriteria: 'M030',
  FoundStats: 'W006',
  JinjaLogWarning: 'I061',
  JinjaLogInfo: 'I062',
  JinjaLogDebug: 'I063',
  ArtifactWritten: 'P001',
  RunningOperationCaughtError: 'Q001',
  CompileComplete: 'Q002',
  FreshnessCheckComplete: 'Q003',
  SeedHeader: 'Q004',
  LogTestResult: 'Q007',
  LogStartLine: 'Q011',
  LogModelResult: 'Q012',
  LogSnapshotResult: 'Q015',
  LogSeedResult: 'Q016',
  LogFreshnessResult: 'Q018',
  NodeStart: 'Q024',
  NodeFinished: 'Q025',
  ConcurrencyLine: 'Q027',
  LogHookStartLine: 'Q032',
  LogHookEndLine: 'Q033',
  SkippingDetails: 'Q034',
  NothingToDo: 'Q035',
  NoNodesSelected: 'Q038',
  CommandCompleted: 'Q039',
  ShowNode: 'Q041',
  CompiledNode: 'Q042',
  LogStartBatch: 'Q045',
  LogBatchResult: 'Q046',
  HooksRunning: 'E040',
  FinishedRunningStats: 'E041',
  MainKeyboardInterrupt: 'Z001',
  MainEncounteredError: 'Z002',
  MainStackTrace: 'Z003',
  CheckCleanPath: 'Z012',
  FinishedCleanPaths: 'Z015',
  RunResultWarning: 'Z021',
  RunResultFailure: 'Z022',
  StatsLine: 'Z023',
  RunResultError: 'Z024',
  EndOfRunSummary: 'Z030',
  DebugCmdOut: 'Z047',
  ListCmdOut: 'Z049',
  Note: 'Z050',
  PrintEvent: 'Z052',
} as const;

export type EventName = keyof typeof EVENT_CODES;
export type Level = 'debug' | 'info' | 'warn' | 'error';

/** One log event, as dbt's JSON lines carry it. */
export interface LogEvent {
  name: EventName;
  level: Level;
  msg: string;
  /** The coloured console text, when it differs from `msg`. */
  text?: string;
  data?: Record<string, unknown>;
  /** Printed with --quiet too: a command's own output (ls, show, compile --inline). */
  output?: boolean;
  /** Written to dbt.log only (the console got it another way). */
  consoleless?: boolean;
  thread?: string;
}

const RANK: Record<Level | 'none', number> = { debug: 0, info: 1, warn: 2, error: 3, none: 4 };

export function atLeast(level: Level, minimum: Level | 'none'): boolean {
  return RANK[level] >= RANK[minimum];
}
