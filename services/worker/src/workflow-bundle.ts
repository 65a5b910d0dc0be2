import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { failureConverterPath } from '@ordo/codec';
import { bundleWorkflowCode, type Logger } from '@temporalio/worker';
import { tracingWorkflowInterceptorModules } from './tracing/tracing-worker-options';
import { workflowsPath as compiledWorkflowsPath } from './worker';

export interface WorkflowBundleOptions {
  /** The workflows' entry; default: the compiled `@ordo/workflows` the worker bundles at start. */
  workflowsPath?: string;
  logger?: Logger;
}

/**
 * Writes the workflow bundle a worker loads with ORDO_WORKER_WORKFLOW_BUNDLE, so that it starts without webpack.
 * Built ahead of time, the bundle must carry what the worker would otherwise add when bundling: the codec's failure
 * converter (it encrypts failure messages inside workflows too) and the tracing interceptors, which do nothing but
 * hand their spans to a dropping sink while tracing is off.
 */
export async function writeWorkflowBundle(
  outputFile: string,
  { workflowsPath = compiledWorkflowsPath, logger }: WorkflowBundleOptions = {},
): Promise<{ bytes: number }> {
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    failureConverterPath,
    workflowInterceptorModules: [...tracingWorkflowInterceptorModules],
    ...(logger && { logger }),
  });
  await mkdir(dirname(outputFile), { recursive: true });
  await writeFile(outputFile, code);
  return { bytes: Buffer.byteLength(code) };
}
