import { spawnSync } from 'node:child_process';

/** promtool and prometheus come from Debian's `prometheus` package (.ci/run installs it); env overrides the path. */
export const promtool = process.env.ORDO_PROMTOOL ?? 'promtool';
export const prometheus = process.env.ORDO_PROMETHEUS ?? 'prometheus';

export interface CommandResult {
  code: number | null;
  output: string;
}

export function run(command: string, args: string[], cwd?: string): CommandResult {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) {
    throw new Error(
      `cannot run ${command} (${result.error.message}); install Debian's prometheus package ` +
        '(apt-get install prometheus) or set ORDO_PROMTOOL / ORDO_PROMETHEUS',
    );
  }
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Runs a command and fails with its whole output unless it exits 0. */
export function runOrFail(command: string, args: string[], cwd?: string): string {
  const { code, output } = run(command, args, cwd);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`);
  return output;
}
