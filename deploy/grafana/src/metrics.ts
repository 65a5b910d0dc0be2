/**
 * The metric names the dashboards query, as scraped (checked against live scrapes of the stack): the
 * worker's custom metrics get `_total` from the SDK exporter and no prefix; its SDK metrics carry
 * `temporal_`; the Temporal server's counters carry no `_total`. Recorded series come from
 * deploy/prometheus/rules/ordo-recording.yml.
 */
export const metrics = {
  // Worker, business (workflow and activity metric meters).
  processStarted: 'ordo_process_started_total',
  processCompleted: 'ordo_process_completed_total',
  cycleTimeBucket: 'ordo_process_cycle_time_seconds_bucket',
  taskWaitCount: 'ordo_task_wait_seconds_count',
  taskEscalations: 'ordo_task_escalations_total',
  slaBreaches: 'ordo_sla_breaches_total',
  /** Hundredths of the currency unit: SDK counters hold whole numbers. */
  moneyCents: 'ordo_money_cents_total',
  dunningReminders: 'ordo_dunning_reminders_total',
  collectionsTasks: 'ordo_collections_tasks_total',
  externalCallCount: 'ordo_external_call_duration_seconds_count',
  externalCallBucket: 'ordo_external_call_duration_seconds_bucket',

  // API (prom-client).
  apiProcessStarts: 'ordo_api_process_starts_total',
  inFlight: 'ordo_processes_in_flight',
  openTaskInstances: 'ordo_open_task_instances',
  overdueTaskInstances: 'ordo_overdue_task_instances',
  overdueReceivableInstances: 'ordo_overdue_receivable_instances',
  /** Currency units of the `currency` label (not cents): summed by the API over running instances. */
  valueInFlight: 'ordo_process_value_in_flight',
  receivablesOutstanding: 'ordo_receivables_outstanding',
  visibilityRefreshFailures: 'ordo_visibility_refresh_failures_total',

  // Sandbox (prom-client).
  sandboxCalls: 'ordo_sandbox_calls_total',
  sandboxFaults: 'ordo_sandbox_faults_injected_total',
  sandboxEffects: 'ordo_sandbox_effects_total',

  // Worker, Temporal SDK.
  slotsAvailable: 'temporal_worker_task_slots_available',
  slotsUsed: 'temporal_worker_task_slots_used',
  pollers: 'temporal_num_pollers',
  workflowTaskExecutionBucket: 'temporal_workflow_task_execution_latency_seconds_bucket',
  workflowTaskFailed: 'temporal_workflow_task_execution_failed_total',
  activityExecutionBucket: 'temporal_activity_execution_latency_seconds_bucket',
  activityFailed: 'temporal_activity_execution_failed_total',
  stickyCacheHit: 'temporal_sticky_cache_hit_total',
  stickyCacheMiss: 'temporal_sticky_cache_miss_total',
  stickyCacheSize: 'temporal_sticky_cache_size',
  /** Labelled by namespace and task queue only; the series appears at the first eviction (services/worker's test forces one). */
  stickyCacheEvictions: 'temporal_sticky_cache_total_forced_eviction_total',
  pollFailures: 'temporal_long_request_failure_total',
  requestFailures: 'temporal_request_failure_total',
  workflowCompleted: 'temporal_workflow_completed_total',
  workflowFailed: 'temporal_workflow_failed_total',

  // Temporal server.
  serverRequests: 'service_requests',
  serverErrors: 'service_error_with_type',
} as const;

/** Recorded series (deploy/prometheus/rules/ordo-recording.yml). */
export const recorded = {
  startedRate: 'process_version:ordo_process_started:rate5m',
  completedRate: 'process_version_outcome:ordo_process_completed:rate5m',
  failureRatio: 'process_version:ordo_process_failures_per_completions:ratio_rate5m',
  cycleTimeP50: 'process_version_outcome:ordo_process_cycle_time_seconds:p50_5m',
  cycleTimeP95: 'process_version_outcome:ordo_process_cycle_time_seconds:p95_5m',
  stepDurationP95: 'process_version_step:ordo_process_step_duration_seconds:p95_5m',
  taskWaitP50: 'process_version_task_type_role:ordo_task_wait_seconds:p50_5m',
  taskWaitP95: 'process_version_task_type_role:ordo_task_wait_seconds:p95_5m',
  receivablesOutstanding: 'process_currency:ordo_receivables_outstanding:sum',
  daysSalesOutstanding: 'process_currency:ordo_days_sales_outstanding:ratio_increase30d',
  externalCallsRate: 'system_outcome:ordo_external_calls:rate5m',
  externalFailureRatio: 'system:ordo_external_call_failures_per_calls:ratio_rate5m',
  externalLatencyP50: 'system:ordo_external_call_duration_seconds:p50_5m',
  externalLatencyP95: 'system:ordo_external_call_duration_seconds:p95_5m',
  activityFailureRatio: 'activity_type:temporal_activity_execution_failures_per_executions:ratio_rate5m',
  apiRequestsRate: 'route:ordo_api_http_requests:rate5m',
  apiLatencyP95: 'route:ordo_api_http_request_duration_seconds:p95_5m',
  apiServerErrorRatio: 'job:ordo_api_http_server_errors_per_requests:ratio_rate5m',
  workflowScheduleToStartP95: 'namespace_task_queue:temporal_workflow_task_schedule_to_start_latency_seconds:p95_5m',
  activityScheduleToStartP95: 'namespace_task_queue:temporal_activity_schedule_to_start_latency_seconds:p95_5m',
} as const;
