/**
 * Names, labels and histogram buckets of the business metrics the worker exports (the catalogue
 * the dashboards and alert rules are written against).
 *
 * Counters are named here WITHOUT `_total`: the worker's Prometheus exporter runs with
 * `countersTotalSuffix`, which appends it, so `ordo_process_started` is scraped as
 * `ordo_process_started_total` (a name that already ended in `_total` would come out `_total_total`).
 * Custom metrics get no `temporal_` prefix. Durations are recorded in seconds as floats.
 */
export const processMetricNames = {
  started: 'ordo_process_started',
  completed: 'ordo_process_completed',
  cycleTime: 'ordo_process_cycle_time_seconds',
  stepDuration: 'ordo_process_step_duration_seconds',
  taskWait: 'ordo_task_wait_seconds',
  taskEscalations: 'ordo_task_escalations',
  slaBreaches: 'ordo_sla_breaches',
  /** SDK counters hold whole numbers only, so money is counted in hundredths of the currency unit. */
  moneyCents: 'ordo_money_cents',
  dunningReminders: 'ordo_dunning_reminders',
  collectionsTasks: 'ordo_collections_tasks',
} as const;

/** The `# HELP` line of each metric. */
export const processMetricHelp: Readonly<Record<string, string>> = {
  [processMetricNames.started]: 'Process instances started, by process and version',
  [processMetricNames.completed]: 'Process instances closed, by outcome (COMPLETED, REJECTED, CANCELLED, FAILED)',
  [processMetricNames.cycleTime]: 'Time from the start of an instance to its close, by outcome',
  [processMetricNames.stepDuration]:
    'Duration of a completed or failed step, by step name without per-instance suffixes',
  [processMetricNames.taskWait]:
    'Time from opening a human task to its completion, by task type, acting role and decision',
  [processMetricNames.taskEscalations]: 'Human tasks moved to another role because they were past due',
  [processMetricNames.slaBreaches]:
    'Due times missed: task_due (a human task), payment_due (an invoice) or resolution_due (a support ticket)',
  [processMetricNames.moneyCents]: 'Money moved, in hundredths of the currency unit, by currency and flow',
  [processMetricNames.dunningReminders]: 'Payment reminders mailed, by reminder level',
  [processMetricNames.collectionsTasks]: 'Collections tasks opened for past-due invoices',
};

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Bucket boundaries (seconds) per histogram. The SDK's default buckets for custom histograms stop at
 * 10 s, which would put every human wait and every cycle time into `+Inf`.
 */
export const processMetricBuckets: Readonly<Record<string, readonly number[]>> = {
  // From a same-day auto-approved order to one in collections for months.
  [processMetricNames.cycleTime]: [
    MINUTE,
    15 * MINUTE,
    HOUR,
    4 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    3 * DAY,
    7 * DAY,
    14 * DAY,
    30 * DAY,
    45 * DAY,
    60 * DAY,
    90 * DAY,
    180 * DAY,
  ],
  // Calls to external systems take milliseconds to seconds; human task and restock steps take hours to days.
  [processMetricNames.stepDuration]: [
    0.05,
    0.1,
    0.25,
    0.5,
    1,
    2.5,
    5,
    10,
    30,
    MINUTE,
    5 * MINUTE,
    15 * MINUTE,
    HOUR,
    4 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
  ],
  // People act within minutes to days; task due times are 48 hours to 5 days.
  [processMetricNames.taskWait]: [
    MINUTE,
    5 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    4 * HOUR,
    8 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    3 * DAY,
    5 * DAY,
    7 * DAY,
    14 * DAY,
    30 * DAY,
  ],
};
