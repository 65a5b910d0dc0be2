import { Injectable } from '@nestjs/common';
import type { ProcessDefinition } from '@ordo/workflows';
import { notFound } from '../errors/api-error';
import { type ConformanceReport, conformanceOf } from './analysis/conformance';
import { isoDurationSeconds } from './analysis/iso-duration';
import { eventLogCsv } from './export/event-log-csv';
import { eventLogOcel, type OcelLog } from './export/event-log-ocel';
import { eventLogXes } from './export/event-log-xes';
import type { AnalysisQuery, EventLogFormat } from './mining.schemas';
import type { ActivityBottleneck, DirectlyFollowsGraph, VersionSummary } from './store/mining-analyses';
import type { CaseFilter } from './store/mining-records';
import { MiningStoreProvider } from './store/mining-store.provider';

export type ExportedLog = { format: 'ocel'; body: OcelLog } | { format: 'xes' | 'csv'; body: string };

function filterOf(definition: ProcessDefinition, query: AnalysisQuery): CaseFilter {
  return {
    process: definition.name,
    ...(query.version !== undefined && { version: query.version }),
    ...(query.from !== undefined && { fromMs: Date.parse(query.from) }),
    ...(query.to !== undefined && { toMs: Date.parse(query.to) }),
  };
}

/** The event log and its analyses, read from the store (what the last extraction run stored). */
@Injectable()
export class MiningAnalysisService {
  constructor(private readonly stores: MiningStoreProvider) {}

  async eventLog(definition: ProcessDefinition, query: AnalysisQuery, format: EventLogFormat): Promise<ExportedLog> {
    const store = await this.stores.store();
    const filter = filterOf(definition, query);
    const [cases, events] = [await store.cases(filter), await store.events(filter)];
    if (format === 'ocel') return { format, body: eventLogOcel(cases, events) };
    return { format, body: format === 'xes' ? eventLogXes(cases, events) : eventLogCsv(cases, events) };
  }

  async directlyFollows(definition: ProcessDefinition, query: AnalysisQuery): Promise<DirectlyFollowsGraph> {
    return (await this.stores.store()).directlyFollows(filterOf(definition, query));
  }

  async bottlenecks(definition: ProcessDefinition, query: AnalysisQuery): Promise<ActivityBottleneck[]> {
    return (await this.stores.store()).bottlenecks(filterOf(definition, query));
  }

  async conformance(definition: ProcessDefinition, query: AnalysisQuery): Promise<ConformanceReport> {
    if (!definition.conformance)
      throw notFound('no_designed_model', `${definition.name} declares no designed model nor rules`, [
        { path: 'process', message: 'has no conformance section in its contract' },
      ]);
    const store = await this.stores.store();
    const filter = filterOf(definition, query);
    return conformanceOf(definition.conformance, await store.cases(filter), await store.events(filter));
  }

  async versions(definition: ProcessDefinition, query: AnalysisQuery): Promise<VersionSummary[]> {
    const sla = isoDurationSeconds(definition.sla.completionTarget) ?? Number.MAX_SAFE_INTEGER;
    return (await this.stores.store()).versions(filterOf(definition, query), sla);
  }
}
