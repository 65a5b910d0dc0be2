import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ruleFiles } from './prometheus-config';

/** deploy/prometheus, from src/ as from dist/. */
export const prometheusDir = resolve(__dirname, '..');

export interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}

export interface LoadedRule {
  file: string;
  group: string;
  rule: Rule;
}

/** Absolute paths of the rule files Prometheus loads. */
export function ruleFilePaths(): string[] {
  return ruleFiles.map((file) => join(prometheusDir, file));
}

export function loadRuleGroups(path: string): RuleGroup[] {
  const document = parse(readFileSync(path, 'utf8')) as { groups?: RuleGroup[] } | null;
  return document?.groups ?? [];
}

/** Every recording and alerting rule of every rule file, with where it comes from. */
export function loadAllRules(): LoadedRule[] {
  return ruleFilePaths().flatMap((file) =>
    loadRuleGroups(file).flatMap((group) => group.rules.map((rule) => ({ file, group: group.name, rule }))),
  );
}
