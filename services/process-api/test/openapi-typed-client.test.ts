/**
 * @ordo/client against the real API (a stand-in process on a worker of a dev server): what a backend team gets from
 * `createOrdoClient`, and that each answer has the properties its document schema names — those the generated types
 * promise — and no others.
 */
import { createOrdoClient, type InstanceView, type OrdoClient } from '@ordo/client';
import { readFileSync } from 'node:fs';
import { openApiDocumentPath } from '../src/openapi/openapi-document-file';
import { ApiWithWorker } from './support/api-with-worker';
import { createFakeProcessWorker } from './support/fake-process-worker';

const input = {
  customerId: 'C-9',
  lines: [{ sku: 'SKU-9', quantity: 2, unitPrice: 50 }],
  currency: 'EUR',
  paymentTermsDays: 30,
};

interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}
const schemas = (JSON.parse(readFileSync(openApiDocumentPath, 'utf8')) as { components: { schemas: object } })
  .components.schemas as Record<string, ObjectSchema>;

/** The answer's own properties against its schema's: every required one there, nothing the schema lacks. */
function expectShapeOf(name: string, answer: object): void {
  const schema = schemas[name]!;
  const names = Object.keys(schema.properties ?? {});
  expect({ name, keys: Object.keys(answer).filter((key) => !names.includes(key)) }).toEqual({ name, keys: [] });
  expect({ name, missing: (schema.required ?? []).filter((key) => !(key in answer)) }).toEqual({ name, missing: [] });
}

let stack: ApiWithWorker;
let clerk: OrdoClient;
let manager: OrdoClient;

beforeAll(async () => {
  stack = await ApiWithWorker.start({
    runtimeLogLevel: 'WARN',
    config: { queryTimeoutMs: 5000, updateTimeoutMs: 10_000 },
    createWorker: createFakeProcessWorker,
  });
  clerk = createOrdoClient({ baseUrl: stack.api.baseUrl, token: 'dev-clerk' });
  manager = createOrdoClient({ baseUrl: stack.api.baseUrl, token: 'dev-manager' });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

it('lists the catalog', async () => {
  const { data, error, response } = await clerk.GET('/v1/processes');
  expect({ status: response.status, error }).toEqual({ status: 200, error: undefined });
  expectShapeOf('ProcessCatalog', data!);
  const orderToCash = data!.items.find((item) => item.name === 'order-to-cash');
  expect(orderToCash).toBeDefined();
  expectShapeOf('ProcessDescription', orderToCash!);
});

it('starts an instance, reads it and completes its task, each answer as its schema says', async () => {
  const started = await clerk.POST('/v1/processes/{process}/instances', {
    params: { path: { process: 'order-to-cash' } },
    // The start body's `input` is typed per catalog process (a oneOf); this one is order-to-cash's.
    body: { businessKey: 'TC-1', input } as never,
  });
  expect(started.response.status).toBe(201);
  expectShapeOf('StartedInstanceView', started.data!);
  expect(started.data).toMatchObject({ businessKey: 'TC-1', created: true, status: 'RUNNING' });

  const read = await clerk.GET('/v1/processes/{process}/instances/{businessKey}', {
    params: { path: { process: 'order-to-cash', businessKey: 'TC-1' } },
  });
  expect(read.response.status).toBe(200);
  const instance: InstanceView = read.data!;
  expectShapeOf('InstanceView', instance);
  expect(instance).toMatchObject({ status: 'RUNNING', stateSource: 'workflow' });
  const task = instance.openTasks[0]!;
  expectShapeOf('TaskView', task);

  const completed = await manager.POST('/v1/processes/{process}/instances/{businessKey}/tasks/{taskId}/complete', {
    params: { path: { process: 'order-to-cash', businessKey: 'TC-1', taskId: task.taskId } },
    body: { decision: 'approve', comment: 'through the typed client' },
  });
  expect(completed.response.status).toBe(200);
  expectShapeOf('TaskView', completed.data!);
  expect(completed.data).toMatchObject({ taskId: task.taskId, status: 'COMPLETED', decision: 'approve' });
});

it('gives a refusal as the ApiErrorBody the document names', async () => {
  const refused = await clerk.POST('/v1/processes/{process}/instances/{businessKey}/tasks/{taskId}/complete', {
    params: { path: { process: 'order-to-cash', businessKey: 'TC-absent', taskId: 'approval-1' } },
    body: { decision: 'approve' },
  });
  expect(refused.response.status).toBeGreaterThanOrEqual(400);
  expectShapeOf('ErrorBody', refused.error!);
});

it('sends no token when none is given: the API answers 401', async () => {
  const anonymous = createOrdoClient({ baseUrl: stack.api.baseUrl });
  const { response, error } = await anonymous.GET('/v1/me');
  expect(response.status).toBe(401);
  expect(error).toMatchObject({ error: 'unauthorized' });
});
