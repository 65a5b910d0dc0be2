/**
 * Generators of bad requests. Each corrupts a valid request in exactly one way and says which field an answer must
 * name (`path`, as the API's error details write it). Validity is judged here by hand from the published contract,
 * never with the API's own schemas, so a schema that drifts from the contract shows up as a failing property.
 */
import { businessKeyPattern, processStatuses } from '@ordo/workflows';
import fc from 'fast-check';

export interface BadRequest<Body = unknown> {
  body: Body;
  /** The field the rejection must name: a detail path (or a path below it) or a word of the message. */
  path: string;
}

type Json = Record<string, unknown>;

const validInput = {
  customerId: 'C-100',
  lines: [{ sku: 'SKU-A', quantity: 2, unitPrice: 10 }],
  currency: 'EUR',
  paymentTermsDays: 30,
};
export const validStartBody = { businessKey: 'PROP-VALID-SHAPE', input: validInput };

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Object keys that qs (the query parser) would drop as prototype properties. */
const prototypeKey = (key: string) => key in Object.prototype;

// --- values of the wrong kind ----------------------------------------------------------------------------------

const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const notANumber = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const blank = fc.constantFrom('', ' ', '\t', '\n  ');
/** Longer than `max` characters even after trimming, in any script. */
const longerThan = (max: number) =>
  fc.string({ unit: 'grapheme', minLength: max + 1, maxLength: max + 200 }).filter((text) => text.trim().length > max);
const huge = fc
  .string({ unit: 'grapheme-ascii', minLength: 10_000, maxLength: 50_000 })
  .filter((text) => text.trim().length > 10_000);

const nonPositive = fc.oneof(
  fc.integer({ max: 0 }),
  fc.double({ max: 0, noNaN: true, noDefaultInfinity: true }),
  fc.constant(-0),
);
const fractional = fc.double({ min: 0.001, max: 10_000, noNaN: true }).filter((value) => !Number.isInteger(value));
const above = (max: number) =>
  fc.oneof(
    fc.double({ min: max + 1, max: max * 1000, noNaN: true }).map(Math.ceil),
    fc.double({ min: max * 2, max: 1e300, noNaN: true }),
  );

const notCurrency = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }).filter((code) => !/^[A-Z]{3}$/.test(code)),
  fc.constantFrom('eur', 'EURO', 'E1R', '€', 'ÉUR', ' EUR'),
  notAString,
);

export const invalidBusinessKey = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 160 })
  // '.' and '..' are path segments the URL itself resolves away: they never reach the API as keys.
  .filter((key) => !businessKeyPattern.test(key) && key !== '.' && key !== '..');

export const invalidIdentifier = fc
  .string({ unit: 'grapheme', maxLength: 140 })
  .filter((value) => !/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/.test(value));

/** A name that is none of `known`, usable as a path segment. */
export const unknownName = (known: string[]) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    .filter((name) => !known.includes(name) && name !== '.' && name !== '..');

/** An extra field name the contract does not have. */
/** `__proto__` is left out: assigning it sets an object's prototype, so the key would never reach the JSON body. */
const unknownKey = (known: string[]) =>
  fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !known.includes(key) && key !== '__proto__');

// --- POST /v1/processes/:process/instances ---------------------------------------------------------------------

function withInput(change: (input: Json) => void): Json {
  const body = clone(validStartBody) as unknown as Json;
  change(body.input as Json);
  return body;
}

function withLine(change: (line: Json) => void): Json {
  return withInput((input) => change((input.lines as Json[])[0]!));
}

const inputFields = ['customerId', 'lines', 'currency', 'paymentTermsDays'] as const;

export const corruptedStart: fc.Arbitrary<BadRequest<Json>> = fc.oneof(
  invalidBusinessKey.map((businessKey) => ({ body: { ...clone(validStartBody), businessKey }, path: 'businessKey' })),
  notAString.map((businessKey) => ({ body: { ...clone(validStartBody), businessKey }, path: 'businessKey' })),
  fc.constant({ body: { input: clone(validInput) }, path: 'businessKey' }),
  fc.constant({ body: { businessKey: 'PROP-NO-INPUT' }, path: 'input' }),
  fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 })).map((input) => ({
    body: { businessKey: 'PROP-BAD-INPUT', input },
    path: 'input',
  })),
  fc
    .constantFrom(...inputFields)
    .map((field) => ({ body: withInput((input) => delete input[field]), path: `input.${field}` })),
  fc
    .oneof(notAString, blank, longerThan(64), huge)
    .map((customerId) => ({ body: withInput((input) => (input.customerId = customerId)), path: 'input.customerId' })),
  notCurrency.map((currency) => ({ body: withInput((input) => (input.currency = currency)), path: 'input.currency' })),
  fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 366 }), fractional, notANumber).map((days) => ({
    body: withInput((input) => (input.paymentTermsDays = days)),
    path: 'input.paymentTermsDays',
  })),
  fc
    .oneof(
      fc.constant([]),
      fc.constant(Array.from({ length: 501 }, () => clone(validInput.lines[0]))),
      fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 })),
    )
    .map((lines) => ({ body: withInput((input) => (input.lines = lines)), path: 'input.lines' })),
  fc.oneof(nonPositive, fractional, above(1_000_000), notANumber).map((quantity) => ({
    body: withLine((line) => (line.quantity = quantity)),
    path: 'input.lines.0.quantity',
  })),
  fc.oneof(nonPositive, above(1_000_000_000), notANumber).map((unitPrice) => ({
    body: withLine((line) => (line.unitPrice = unitPrice)),
    path: 'input.lines.0.unitPrice',
  })),
  fc
    .oneof(notAString, blank, longerThan(64))
    .map((sku) => ({ body: withLine((line) => (line.sku = sku)), path: 'input.lines.0.sku' })),
  fc
    .constantFrom('quantity', 'unitPrice', 'sku')
    .map((field) => ({ body: withLine((line) => delete line[field]), path: `input.lines.0.${field}` })),
  fc
    .tuple(unknownKey(['businessKey', 'input']), fc.jsonValue())
    .map(([key, value]) => ({ body: { ...clone(validStartBody), [key]: value }, path: key })),
  fc
    .tuple(unknownKey([...inputFields, 'dunning']), fc.jsonValue())
    .map(([key, value]) => ({ body: withInput((input) => (input[key] = value)), path: `input.${key}` })),
  fc.tuple(unknownKey(['sku', 'quantity', 'unitPrice']), fc.jsonValue()).map(([key, value]) => ({
    body: withLine((line) => (line[key] = value)),
    path: `input.lines.0.${key}`,
  })),
);

/** Text that JSON.parse refuses (bodies must also be an object or array: body-parser's strict mode). */
export const malformedJson = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
    fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)),
    fc.constantFrom('{', '{"businessKey": }', "{'businessKey': 'x'}", '{"a":1,}', '[1,2', 'undefined', '{"a": NaN}'),
  )
  .filter((text) => {
    if (text.trim() === '') return false;
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed !== 'object' || parsed === null;
    } catch {
      return true;
    }
  });

/**
 * A start request whose amount, quantity or payment terms is NaN, ±Infinity or a literal too big for a double:
 * JSON has no such numbers, so the body is malformed, except `1e999`, which parses to Infinity and must be refused
 * by the field's own check.
 */
export const nonFiniteNumberBody = fc
  .tuple(
    fc.constantFrom('quantity', 'unitPrice', 'paymentTermsDays'),
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '+5', '.5'),
  )
  .map(([field, token]) => {
    const numbers: Record<string, string> = { quantity: '2', unitPrice: '10', paymentTermsDays: '30', [field]: token };
    const rawBody =
      `{"businessKey":"PROP-NONFINITE","input":{"customerId":"C-100","lines":[{"sku":"SKU-A","quantity":${numbers.quantity},` +
      `"unitPrice":${numbers.unitPrice}}],"currency":"EUR","paymentTermsDays":${numbers.paymentTermsDays}}}`;
    let parses = true;
    try {
      JSON.parse(rawBody);
    } catch {
      parses = false;
    }
    const path = !parses
      ? '(body)'
      : field === 'paymentTermsDays'
        ? 'input.paymentTermsDays'
        : `input.lines.0.${field}`;
    return { rawBody, path };
  });

// --- GET /v1/processes/:process/instances ----------------------------------------------------------------------

/** What `Number(text)` (the query's coercion) would accept as a page size of 1 to 100. */
const validPageSize = (text: string) => {
  const size = Number(text);
  return Number.isInteger(size) && size >= 1 && size <= 100;
};

/** A query parameter name the endpoint does not have (letters first: names qs would nest or drop are not names). */
export const unknownQueryKey = (known: string[]) =>
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,19}$/).filter((key) => !known.includes(key) && !prototypeKey(key));

export const invalidListQuery: fc.Arbitrary<{ query: string; path: string }> = fc.oneof(
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .filter((status) => !(processStatuses as readonly string[]).includes(status))
    .map((status) => ({ query: `status=${encodeURIComponent(status)}`, path: 'status' })),
  fc.constant({ query: 'status=RUNNING&status=COMPLETED', path: 'status' }),
  fc
    .oneof(fc.string({ maxLength: 12 }), fc.integer().map(String), fc.double({ noNaN: true }).map(String))
    .filter((size) => !validPageSize(size))
    .map((size) => ({ query: `pageSize=${encodeURIComponent(size)}`, path: 'pageSize' })),
  fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
    )
    .map((token) => ({ query: `pageToken=${encodeURIComponent(token)}`, path: 'pageToken' })),
  unknownQueryKey(['status', 'pageSize', 'pageToken']).map((key) => ({ query: `${key}=1`, path: key })),
);

// --- task completion, cancellation, events ---------------------------------------------------------------------

/** A body that is no JSON object: arrays fail the schema, other values the parser's strict mode. */
const notAnObject = fc.oneof(
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

export const invalidCompleteBody: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.constant({ body: {}, path: 'decision' }),
  fc.constant({ body: { comment: 'no decision' }, path: 'decision' }),
  fc.oneof(notAString, blank, longerThan(64)).map((decision) => ({ body: { decision }, path: 'decision' })),
  fc
    .oneof(notAString, longerThan(2000))
    .map((comment) => ({ body: { decision: 'approve', comment }, path: 'comment' })),
  fc
    .tuple(unknownKey(['decision', 'comment']), fc.jsonValue())
    .map(([key, value]) => ({ body: { decision: 'approve', [key]: value }, path: key })),
  notAnObject.map((body) => ({ body, path: '(body)' })),
);

export const invalidCancelBody: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.constant({ body: {}, path: 'reason' }),
  fc.oneof(notAString, blank, longerThan(500)).map((reason) => ({ body: { reason }, path: 'reason' })),
  fc
    .tuple(unknownKey(['reason']), fc.jsonValue())
    .map(([key, value]) => ({ body: { reason: 'customer asked', [key]: value }, path: key })),
  notAnObject.map((body) => ({ body, path: '(body)' })),
);

const validPayment = { amount: 10, currency: 'EUR', reference: 'PAY-1' };

export const corruptedPayment: fc.Arbitrary<BadRequest> = fc.oneof(
  fc
    .oneof(nonPositive, above(1_000_000_000_000), notANumber)
    .map((amount) => ({ body: { ...validPayment, amount }, path: 'amount' })),
  notCurrency.map((currency) => ({ body: { ...validPayment, currency }, path: 'currency' })),
  fc
    .oneof(notAString, blank, longerThan(128))
    .map((reference) => ({ body: { ...validPayment, reference }, path: 'reference' })),
  fc.constantFrom('amount', 'currency', 'reference').map((field) => {
    const body: Json = { ...validPayment };
    delete body[field];
    return { body, path: field };
  }),
  fc
    .tuple(unknownKey(['amount', 'currency', 'reference']), fc.jsonValue())
    .map(([key, value]) => ({ body: { ...validPayment, [key]: value }, path: key })),
  notAnObject.map((body) => ({ body, path: '(body)' })),
);

// --- task claim, release and assignment ------------------------------------------------------------------------

export const invalidTaskActionBody: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.oneof(notAString, longerThan(2000)).map((comment) => ({ body: { comment }, path: 'comment' })),
  fc.tuple(unknownKey(['comment']), fc.jsonValue()).map(([key, value]) => ({ body: { [key]: value }, path: key })),
  notAnObject.map((body) => ({ body, path: '(body)' })),
);

export const invalidAssignBody: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.constant({ body: {}, path: 'assignee' }),
  fc.oneof(invalidIdentifier, notAString).map((assignee) => ({ body: { assignee }, path: 'assignee' })),
  fc
    .oneof(notAString, longerThan(2000))
    .map((comment) => ({ body: { assignee: 'manager', comment }, path: 'comment' })),
  fc
    .tuple(unknownKey(['assignee', 'comment']), fc.jsonValue())
    .map(([key, value]) => ({ body: { assignee: 'manager', [key]: value }, path: key })),
  notAnObject.map((body) => ({ body, path: '(body)' })),
);

// --- GET /v1/tasks ---------------------------------------------------------------------------------------------

/** Values each inbox filter must refuse; a filter the endpoint does not (yet) have is simply not exercised. */
export function invalidInboxValues(priorities: readonly string[]): Record<string, fc.Arbitrary<string>> {
  return {
    role: invalidIdentifier,
    assignee: invalidIdentifier,
    process: invalidIdentifier,
    overdue: fc.string({ maxLength: 8 }).filter((value) => value !== 'true' && value !== 'false'),
    // Whatever does not even start like an ISO 8601 date-time.
    dueBefore: fc.string({ unit: 'grapheme', maxLength: 40 }).filter((value) => !/^\d{4}-\d{2}-\d{2}T/.test(value)),
    priority: fc.string({ unit: 'grapheme', maxLength: 12 }).filter((value) => !priorities.includes(value)),
    pageSize: fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)).filter((size) => !validPageSize(size)),
    pageToken: fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 })),
  };
}
