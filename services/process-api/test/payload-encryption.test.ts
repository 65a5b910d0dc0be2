/**
 * Payload encryption end to end (docs/ARCHITECTURE.md decision 11): the API and a real worker (the real workflows and
 * activities against a sandbox process) on a real Temporal dev server, both with the payload codec; the test reads
 * Temporal as an outsider would, WITHOUT the codec, and as an operator would, through `/codec`.
 */
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createActivities, loadActivitiesConfig } from '@ordo/activities';
import {
  dataConverterFor,
  decodedHistory,
  encryptedEncoding,
  failureConverterPath,
  KeyRing,
  keyIdMetadataKey,
  nullEncoding,
} from '@ordo/codec';
import {
  type Actor,
  allSearchAttributeKeys,
  openTasksMemoKey,
  ordoTaskQueue,
  valueMemoKey,
  workflowIdFor,
} from '@ordo/workflows';
import { Client, defaultPayloadConverter } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { startSandboxProcess, type SandboxProcess } from '@ordo/testing';
import { createApp } from '../src/app';
import { type ApiConfig, devTokens, loadApiConfig } from '../src/config/api-config';
import { type ApiResponse, eventually, httpRequest, startApp } from './support/api-harness';
import { temporalCliPath } from './support/temporal-binaries';

jest.setTimeout(240_000);

const key = () => KeyRing.generateJson('x').keys.x!;
const k1 = key();
const k2 = key();
/** Before the rotation: k1 encrypts. After: k2 encrypts, k1 still decrypts what it encrypted. */
const ringBefore = KeyRing.fromJson({ active: 'k1', keys: { k1 } });
const ringAfter = KeyRing.fromJson({ active: 'k2', keys: { k1, k2 } });

const uiOrigin = 'http://localhost:8233';
const instances = '/v1/processes/order-to-cash/instances';
const customer = { id: 'C-100', name: 'Acme Industrial Supplies GmbH', email: 'accounts@acme.example' };
/** 2 × 123.45 = 246.90: approved automatically (≤ 1,000). */
const smallOrder = {
  customerId: customer.id,
  currency: 'EUR',
  paymentTermsDays: 30,
  lines: [{ sku: 'SKU-A', quantity: 2, unitPrice: 123.45 }],
};
/** A payer who may also start orders, whatever roles the event's senders rule names. */
const people: Record<string, Actor> = {
  'tok-payer': { id: 'payer-1', roles: ['accounts-receivable', 'payment-provider', 'clerk'] },
};

let env: TestWorkflowEnvironment;
let sandbox: SandboxProcess;
let bundle: WorkflowBundle;
let api: { app: NestExpressApplication; url: string } | undefined;
let worker: { worker: Worker; running: Promise<void> } | undefined;

function apiConfig(keyRing: KeyRing): Partial<ApiConfig> {
  return {
    temporal: { address: env.address, namespace: 'default' },
    tokens: new Map([...devTokens(), ...Object.entries(people)]),
    queryTimeoutMs: 5000,
    updateTimeoutMs: 15_000,
    codec: { keyRing, corsOrigins: [uiOrigin] },
  };
}

async function startApi(keyRing: KeyRing): Promise<void> {
  const app = await startApp(apiConfig(keyRing));
  api = { app, url: await app.getUrl() };
}

async function startWorker(keyRing: KeyRing): Promise<void> {
  const created = await Worker.create({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: ordoTaskQueue,
    workflowBundle: bundle,
    activities: createActivities(loadActivitiesConfig({ ORDO_SANDBOX_URL: sandbox.url })),
    dataConverter: dataConverterFor(keyRing),
  });
  worker = { worker: created, running: created.run() };
}

async function stopWorkerAndApi(): Promise<void> {
  if (worker) {
    if (worker.worker.getState() === 'RUNNING') worker.worker.shutdown();
    await worker.running;
    worker = undefined;
  }
  await api?.app.close();
  api = undefined;
}

const call = (method: string, route: string, token: string | null = 'dev-clerk', body?: unknown) =>
  httpRequest(api!.url, method, route, { token, ...(body === undefined ? {} : { body }) });

async function statusWhen(businessKey: string, done: (body: any) => boolean, timeoutMs = 60_000): Promise<any> {
  return eventually(async () => {
    const response = await call('GET', `${instances}/${businessKey}`);
    return response.status === 200 && done(response.body) ? response.body : undefined;
  }, timeoutMs);
}

/** Every byte field of a history (payload data and metadata), as text; search attributes apart, plaintext by design. */
function bytesOf(history: temporal.api.history.v1.IHistory): {
  text: string;
  encodings: Set<string>;
  keyIds: Set<string>;
} {
  const texts: string[] = [];
  const encodings = new Set<string>();
  const keyIds = new Set<string>();
  // Plaintext by design, so their text is searched but their encoding not counted: search attributes (the server
  // indexes them) and the markers of patched() (the SDK's core writes the patch id).
  const plainByDesign = (name: string, child: unknown) =>
    name === 'searchAttributes' ||
    (name === 'markerRecordedEventAttributes' && (child as { markerName?: string }).markerName === 'core_patch');
  const walk = (value: unknown, plain = false): void => {
    if (value instanceof Uint8Array) return void texts.push(Buffer.from(value).toString('utf8'));
    if (!value || typeof value !== 'object') return;
    const metadata = (value as { metadata?: Record<string, Uint8Array> }).metadata;
    if (metadata?.encoding instanceof Uint8Array && !plain) {
      encodings.add(Buffer.from(metadata.encoding).toString());
      if (metadata[keyIdMetadataKey]) keyIds.add(Buffer.from(metadata[keyIdMetadataKey]).toString());
    }
    for (const [name, child] of Object.entries(value)) walk(child, plain || plainByDesign(name, child));
  };
  walk(history.events);
  return { text: texts.join('\n'), encodings, keyIds };
}

/** The history with every payload decrypted by `keyRing`'s codec, as the UI shows it through `/codec`. */
function decryptedHistory(
  history: temporal.api.history.v1.IHistory,
  keyRing: KeyRing,
): Promise<temporal.api.history.v1.IHistory> {
  return decodedHistory(history, dataConverterFor(keyRing).payloadCodecs![0]!);
}

const rawHistory = (businessKey: string) =>
  env.client.workflow.getHandle(workflowIdFor('order-to-cash', businessKey)).fetchHistory();

const toJsonPayload = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([name, value]) => [name, Buffer.from(value).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});
const fromJsonPayload = (json: { metadata: Record<string, string>; data?: string }): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(json.metadata).map(([name, value]) => [name, Buffer.from(value, 'base64')]),
  ),
  data: Buffer.from(json.data ?? '', 'base64'),
});

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Installed already by another test file of this jest worker.
  }
  // The outsider's view: this environment's client has NO codec.
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      searchAttributes: allSearchAttributeKeys,
      extraArgs: ['--log-level', 'error'],
    },
  });
  sandbox = await startSandboxProcess();
  // Bundled once for both workers (before and after the rotation).
  bundle = await bundleWorkflowCode({
    workflowsPath: path.resolve(__dirname, '../../../workflows/src/workflows.ts'),
    failureConverterPath,
    logger: new DefaultLogger('ERROR'),
  });
}, 180_000);

afterAll(async () => {
  await stopWorkerAndApi();
  await sandbox?.stop();
  await env?.teardown();
});

describe('an order across a key rotation', () => {
  const businessKey = 'SO-ENC-1';
  let completed: any;

  it('started under {active k1}, completes after the worker and the API restart with {active k2, k1 kept}', async () => {
    await startWorker(ringBefore);
    await startApi(ringBefore);
    expect((await call('POST', instances, 'dev-clerk', { businessKey, input: smallOrder })).status).toBe(201);
    await statusWhen(businessKey, (body) => body.stage === 'awaiting-payment');

    await stopWorkerAndApi();
    await startWorker(ringAfter);
    await startApi(ringAfter);
    // The rotated API reads what k1 encrypted (the query answer replays a history written under k1)...
    const waiting = await statusWhen(
      businessKey,
      (body) => body.stage === 'awaiting-payment' && body.stateSource === 'workflow',
    );
    expect(waiting.status).toBe('RUNNING');
    // ...and what it sends now is encrypted under k2.
    const paid = await call('POST', `${instances}/${businessKey}/events/payment-received`, 'tok-payer', {
      amount: 246.9,
      currency: 'EUR',
      reference: 'PAY-ENC-77',
    });
    expect(paid.status).toBeLessThan(300);
    completed = await statusWhen(businessKey, (body) => body.status === 'COMPLETED');
    expect(completed.result.summary).toMatchObject({ orderTotal: 246.9, amountPaid: 246.9 });

    const { keyIds } = bytesOf(await rawHistory(businessKey));
    expect([...keyIds].sort()).toEqual(['k1', 'k2']);
  });

  it('its raw history, read without the codec, holds no customer name, e-mail, customer id, SKU, amount or payment reference', async () => {
    const { text, encodings } = bytesOf(await rawHistory(businessKey));
    // binary/null (undefined, no data) is the one encoding left as it is.
    expect([...encodings].filter((encoding) => encoding !== nullEncoding)).toEqual([encryptedEncoding]);
    for (const secret of [
      customer.name,
      'Acme',
      customer.email,
      'acme.example',
      customer.id,
      'SKU-A',
      '123.45',
      '246.9',
      'PAY-ENC-77',
    ]) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    }
  });

  it('reads back exactly with the codec: the start input, the customer from the CRM, the payment, the result', async () => {
    const history = await decryptedHistory(await rawHistory(businessKey), ringAfter);
    const { text, encodings } = bytesOf(history);
    expect(encodings.has(encryptedEncoding)).toBe(false);
    for (const plain of [customer.name, customer.email, 'SKU-A', 'PAY-ENC-77']) expect(text).toContain(plain);
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
    expect(defaultPayloadConverter.fromPayload(started.input!.payloads![0]!)).toEqual({
      businessKey,
      input: smallOrder,
      requestedBy: 'clerk',
    });
    const closed = history.events!.at(-1)!.workflowExecutionCompletedEventAttributes!;
    expect(defaultPayloadConverter.fromPayload(closed.result!.payloads![0]!)).toEqual(completed.result);
    // The order's value lives in the encrypted memo (the value gauges read it), its last state paid in full.
    const values = history.events!.flatMap((event) => {
      const payload = event.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields?.[valueMemoKey];
      return payload ? [defaultPayloadConverter.fromPayload(payload)] : [];
    });
    expect(values[0]).toEqual({ amount: 246.9, currency: 'EUR', amountOutstanding: 246.9 });
    expect(values.at(-1)).toEqual({ amount: 246.9, currency: 'EUR', amountOutstanding: 0 });
    // A client with the rotated codec reads the same result; one with only k2 could not read what k1 wrote.
    const reader = new Client({ connection: env.connection, dataConverter: dataConverterFor(ringAfter) });
    expect(await reader.workflow.getHandle(workflowIdFor('order-to-cash', businessKey)).result()).toEqual(
      completed.result,
    );
    const onlyK2 = dataConverterFor(KeyRing.fromJson({ active: 'k2', keys: { k2 } })).payloadCodecs![0]!;
    await expect(
      onlyK2.decode([
        (await rawHistory(businessKey)).events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!,
      ]),
    ).rejects.toThrow(/key id "k1" is not in the key ring/);
  });
});

describe('a failed order', () => {
  const businessKey = 'SO-ENC-FAIL';

  // The worker and the API the rotation left running, both on {active k2, k1 kept}.
  it('keeps why it failed out of its raw history; a client with the key ring reads it back', async () => {
    // The carrier serves no address of C-500 (Far Isles Trading): the shipment is refused, the order fails.
    const order = { ...smallOrder, customerId: 'C-500' };
    expect((await call('POST', instances, 'dev-clerk', { businessKey, input: order })).status).toBe(201);
    await statusWhen(businessKey, (body) => body.status === 'FAILED' && body.closedAt !== null);
    // A client with the key ring reads the whole chain of causes back.
    const reader = new Client({ connection: env.connection, dataConverter: dataConverterFor(ringAfter) });
    const failure = await reader.workflow
      .getHandle(workflowIdFor('order-to-cash', businessKey))
      .result()
      .catch((error: Error) => error);
    const causes: string[] = [];
    for (
      let error = failure as (Error & { cause?: unknown }) | undefined;
      error instanceof Error;
      error = error.cause as typeof error
    )
      causes.push(error.message);
    expect(causes.join(' <- ')).toMatch(/destination_not_served/);

    const history = await rawHistory(businessKey);
    const { text } = bytesOf(history);
    const failures = history.events!.flatMap((event) => {
      const failure =
        event.activityTaskFailedEventAttributes?.failure ?? event.workflowExecutionFailedEventAttributes?.failure;
      return failure ? [failure] : [];
    });
    expect(failures.length).toBeGreaterThan(0);
    const plainFailureText = JSON.stringify(
      failures.map(({ message, stackTrace, cause }) => ({ message, stackTrace, cause: cause?.message })),
    );
    for (const secret of ['destination_not_served', 'Far Isles', 'C-500']) {
      expect({ secret, inFailures: plainFailureText.includes(secret), inPayloads: text.includes(secret) }).toEqual({
        secret,
        inFailures: false,
        inPayloads: false,
      });
    }
  });
});

describe('the codec endpoint', () => {
  const endpoint = '/codec/decode';
  let startInput: Payload;

  beforeAll(async () => {
    startInput = (await rawHistory('SO-ENC-1')).events![0]!.workflowExecutionStartedEventAttributes!.input!
      .payloads![0]!;
  });

  it('needs a bearer token (401) and the role process-admin (403 naming it)', async () => {
    const body = { payloads: [toJsonPayload(startInput)] };
    expect((await call('POST', endpoint, null, body)).status).toBe(401);
    const clerk = await call('POST', endpoint, 'dev-clerk', body);
    expect(clerk.status).toBe(403);
    expect(clerk.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('process-admin') });
    expect(clerk.text).not.toContain('Acme');
  });

  it('decodes for dev-process-admin: the plaintext payload, in the codec-server protocol', async () => {
    const response = await call('POST', endpoint, 'dev-process-admin', { payloads: [toJsonPayload(startInput)] });
    expect(response.status).toBe(200);
    expect(response.body.payloads).toHaveLength(1);
    const plain = fromJsonPayload(response.body.payloads[0]);
    expect(Buffer.from(plain.metadata!.encoding!).toString()).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(plain)).toEqual({
      businessKey: 'SO-ENC-1',
      input: smallOrder,
      requestedBy: 'clerk',
    });
  });

  it('encodes with the active key, and refuses what does not decrypt with 400 naming the payload', async () => {
    const plain = toJsonPayload(defaultPayloadConverter.toPayload({ note: 'from the UI' }));
    const encoded = await call('POST', '/codec/encode', 'dev-process-admin', { payloads: [plain] });
    expect(encoded.status).toBe(200);
    const payload = fromJsonPayload(encoded.body.payloads[0]);
    expect(Buffer.from(payload.metadata![keyIdMetadataKey]!).toString()).toBe('k2');
    const decoded = await call('POST', endpoint, 'dev-process-admin', { payloads: [encoded.body.payloads[0], plain] });
    expect(
      decoded.body.payloads.map((json: any) => defaultPayloadConverter.fromPayload(fromJsonPayload(json))),
    ).toEqual([{ note: 'from the UI' }, { note: 'from the UI' }]);

    const tampered = {
      ...encoded.body.payloads[0],
      data: Buffer.from(
        Buffer.from(encoded.body.payloads[0].data, 'base64').map((byte, index) => (index === 20 ? byte ^ 1 : byte)),
      ).toString('base64'),
    };
    const refused = await call('POST', endpoint, 'dev-process-admin', { payloads: [plain, tampered] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 'codec_failed',
      message: expect.stringMatching(/^payloads\.1: .*authentication failed/),
    });
    expect((await call('POST', endpoint, 'dev-process-admin', { payloads: 'all' })).status).toBe(400);
  });

  async function preflight(origin: string): Promise<Response> {
    return fetch(`${api!.url.replace('[::1]', '127.0.0.1')}${endpoint}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-namespace',
      },
    });
  }

  it('answers the CORS preflight of the configured UI origin without a token, and no other origin', async () => {
    const allowed = await preflight(uiOrigin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/).sort()).toEqual([
      'authorization',
      'content-type',
      'x-namespace',
    ]);

    const other = await preflight('http://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-headers')).toBeNull();
    expect(other.status).toBe(403);

    // The call itself: the UI's origin may read the answer, another origin's page may not.
    const body = JSON.stringify({ payloads: [toJsonPayload(startInput)] });
    const headers = {
      authorization: 'Bearer dev-process-admin',
      'content-type': 'application/json',
      'x-namespace': 'default',
    };
    const fromUi = await fetch(`${api!.url.replace('[::1]', '127.0.0.1')}${endpoint}`, {
      method: 'POST',
      headers: { ...headers, origin: uiOrigin },
      body,
    });
    expect(fromUi.status).toBe(200);
    expect(fromUi.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const fromElsewhere = await fetch(`${api!.url.replace('[::1]', '127.0.0.1')}${endpoint}`, {
      method: 'POST',
      headers: { ...headers, origin: 'http://evil.example' },
      body,
    });
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    // Other routes are not opened to the UI's origin.
    expect(
      (
        await fetch(`${api!.url.replace('[::1]', '127.0.0.1')}/v1/processes`, { headers: { origin: uiOrigin } })
      ).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});

describe('the local Temporal UI, which has no sign-in', () => {
  const decode = async (url: string, headers: Record<string, string>, startInput: Payload) =>
    fetch(`${url.replace('[::1]', '127.0.0.1')}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
      body: JSON.stringify({ payloads: [toJsonPayload(startInput)] }),
    });

  it('decodes from its own origin without a token while the dev tokens are on; another origin, or an API without them, gets 401', async () => {
    const startInput = (await rawHistory('SO-ENC-1')).events![0]!.workflowExecutionStartedEventAttributes!.input!
      .payloads![0]!;
    const fromUi = await decode(api!.url, { origin: uiOrigin }, startInput);
    expect(fromUi.status).toBe(200);
    const [plain] = ((await fromUi.json()) as { payloads: Array<{ metadata: Record<string, string>; data?: string }> })
      .payloads;
    expect(defaultPayloadConverter.fromPayload(fromJsonPayload(plain!))).toMatchObject({
      businessKey: 'SO-ENC-1',
      requestedBy: 'clerk',
    });
    expect((await decode(api!.url, { origin: 'http://evil.example' }, startInput)).status).toBe(401);
    // A token the UI does send is used as it is, not replaced.
    expect((await decode(api!.url, { origin: uiOrigin, authorization: 'Bearer dev-clerk' }, startInput)).status).toBe(
      403,
    );

    const withoutDevTokens = await startApp({
      ...apiConfig(ringAfter),
      tokens: new Map(Object.entries(people)),
      devTokensEnabled: false,
    });
    try {
      expect((await decode(await withoutDevTokens.getUrl(), { origin: uiOrigin }, startInput)).status).toBe(401);
    } finally {
      await withoutDevTokens.close();
    }
  });
});

describe('the inbox with encrypted memos', () => {
  it('lists a task from the encrypted OrdoOpenTasks memo, with no worker left to answer a query', async () => {
    const businessKey = 'SO-ENC-2';
    const big = { ...smallOrder, lines: [{ sku: 'SKU-A', quantity: 20, unitPrice: 123.45 }] };
    expect((await call('POST', instances, 'dev-clerk', { businessKey, input: big })).status).toBe(201);
    const workflowId = workflowIdFor('order-to-cash', businessKey);
    const listed = async (): Promise<ApiResponse | undefined> => {
      const response = await call('GET', '/v1/tasks', 'dev-manager');
      return response.body?.items?.some((item: { workflowId: string }) => item.workflowId === workflowId)
        ? response
        : undefined;
    };
    await eventually(listed, 60_000);

    // Raw visibility, without the codec: the memo is there, encrypted.
    const raw = await env.client.workflowService.listWorkflowExecutions({
      namespace: 'default',
      query: `WorkflowId = '${workflowId}'`,
    });
    const memo = raw.executions[0]?.memo?.fields?.[openTasksMemoKey];
    expect(Buffer.from(memo!.metadata!.encoding!).toString()).toBe(encryptedEncoding);
    expect(Buffer.from(memo!.data!).toString('utf8')).not.toContain('approval');

    // No worker: every task detail must come from the memo, which the API decrypts.
    worker!.worker.shutdown();
    await worker!.running;
    worker = undefined;
    const inbox = (await listed())!;
    expect(inbox.body.partial).toBe(false);
    expect(inbox.body.items.find((item: { workflowId: string }) => item.workflowId === workflowId)).toMatchObject({
      taskId: 'approval-1',
      type: 'approval',
      candidateRoles: ['manager'],
      dueAt: expect.any(String),
    });
  });
});

describe('without a key', () => {
  it('the API refuses to start, naming ORDO_CODEC_KEYS and ORDO_CODEC_KEY_FILE; in production its configuration does not even load', async () => {
    await expect(
      createApp({ ...apiConfig(ringAfter), codec: { corsOrigins: [uiOrigin] } }, { logger: false }),
    ).rejects.toThrow(/^Invalid configuration: ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE must be set/);
    expect(() =>
      loadApiConfig({
        NODE_ENV: 'production',
        ORDO_AUTH_DEV_TOKENS: 'off',
        ORDO_API_TOKENS: JSON.stringify({ t: { id: 'a', roles: ['clerk'] } }),
      }),
    ).toThrow(/ORDO_CODEC_KEYS or ORDO_CODEC_KEY_FILE must be set.*NODE_ENV=production/);
  });

  it('reads the key ring and the UI origins from the environment, naming a bad variable', () => {
    const ring = JSON.stringify({ active: 'k2', keys: { k1, k2 } });
    const config = loadApiConfig({
      ORDO_CODEC_KEYS: ring,
      ORDO_CODEC_CORS_ORIGIN: 'http://localhost:8233, https://temporal.example.com',
    });
    expect(config.codec.keyRing?.toJSON()).toEqual({ active: 'k2', keyIds: ['k1', 'k2'] });
    expect(config.codec.corsOrigins).toEqual(['http://localhost:8233', 'https://temporal.example.com']);
    expect(loadApiConfig({}).codec).toEqual({ corsOrigins: ['http://localhost:8233'] });
    expect(() => loadApiConfig({ ORDO_CODEC_CORS_ORIGIN: 'http://localhost:8233/ui' })).toThrow(
      /^Invalid configuration: ORDO_CODEC_CORS_ORIGIN /,
    );
    expect(() => loadApiConfig({ ORDO_CODEC_KEYS: '{"active":"k1"}' })).toThrow(
      /^Invalid configuration: ORDO_CODEC_KEYS is invalid at keys/,
    );
  });
});
