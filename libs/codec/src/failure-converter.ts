import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces name what failed and often the data it failed on ("customer C-17 …"), so they are
 * moved into the failure's encoded attributes, which the payload codec encrypts like any payload. Temporal loads this
 * module by path (`failureConverterPath`), in the workflow bundle and in the main thread alike.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
