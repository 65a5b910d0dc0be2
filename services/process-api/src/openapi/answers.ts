import type { StreamableFile } from '@nestjs/common';
import { ApiResponse, type SchemaObject } from '@nestjs/swagger';
import type { z } from 'zod';
// src/console is this service's Console serving and sign-in, not the Console workspace the rule keeps out.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { currentActorSchema, signInOptionsSchema } from '../console/sign-in.schemas';
import answerSchemas from './answer-schemas.json';
import type { AnswerTypes } from './answer-types';
import { requestJsonSchema } from './zod-json-schema';

/** Answers whose one source is a zod schema (their TypeScript types are inferred from it). */
const zodAnswers = { SignInOptions: signInOptionsSchema, CurrentActor: currentActorSchema } as const;

type ZodAnswers = typeof zodAnswers;
export type AnswerName = keyof AnswerTypes | keyof ZodAnswers;
type AnswerOf<Name extends AnswerName> = Name extends keyof AnswerTypes
  ? AnswerTypes[Name]
  : Name extends keyof ZodAnswers
    ? z.output<ZodAnswers[Name]>
    : never;

/** Every answer schema: those generated from the TypeScript types (committed), then those of the zod answers. */
export function answerComponents(generated: Record<string, unknown> = answerSchemas): Record<string, SchemaObject> {
  const fromZod = Object.entries(zodAnswers).map(([name, schema]) => [name, requestJsonSchema(schema, 'openapi-3.0')]);
  return Object.fromEntries(
    [...Object.entries(generated), ...fromZod].sort(([a], [b]) => String(a).localeCompare(String(b))),
  ) as Record<string, SchemaObject>;
}

export const answerRef = (name: AnswerName) => ({ $ref: `#/components/schemas/${name}` });

/** A route handler whose answer is `Answer` (or a promise of it): what the typed decorators accept. */
type HandlerOf<Answer> = (...args: never[]) => Answer | Promise<Answer>;
type TypedMethodDecorator<Answer> = <Handler extends HandlerOf<Answer>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<Handler>,
) => void;

/** Media types of a file answer: bytes (`binary`, a PDF) or text (CSV, XES). */
export type FileMediaTypes = Record<string, 'binary' | 'text'>;

const fileContent = (media: FileMediaTypes) =>
  Object.fromEntries(
    Object.entries(media).map(([type, kind]) => [
      type,
      { schema: kind === 'binary' ? { type: 'string', format: 'binary' } : { type: 'string' } },
    ]),
  );

interface AnswerOptions {
  description: string;
  /** 200 unless the route answers another 2xx (201 created, 202 accepted). */
  status?: number;
}

/**
 * Documents a route's JSON answer with the schema of the named type, and fails to compile when the route returns
 * another type: `@ApiAnswer('InstanceView', { description })` on a handler returning `Promise<InstanceView>`.
 */
export function ApiAnswer<Name extends AnswerName>(
  name: Name,
  { description, status = 200 }: AnswerOptions,
): TypedMethodDecorator<AnswerOf<Name>> {
  return (target, key, descriptor) => {
    ApiResponse({ status, description, content: { 'application/json': { schema: answerRef(name) } } })(
      target,
      key,
      descriptor,
    );
  };
}

/** A route that answers JSON of the named type, or a file (`format=csv`, `Accept: text/csv`). */
export function ApiAnswerOrFile<Name extends AnswerName>(
  name: Name,
  media: FileMediaTypes,
  { description, status = 200 }: AnswerOptions,
): TypedMethodDecorator<AnswerOf<Name> | StreamableFile> {
  return (target, key, descriptor) => {
    ApiResponse({
      status,
      description,
      content: { 'application/json': { schema: answerRef(name) }, ...fileContent(media) },
    })(target, key, descriptor);
  };
}

/** A route that answers a file (a PDF, a CSV), in its media type. */
export function ApiFileAnswer(
  media: FileMediaTypes,
  { description, status = 200 }: AnswerOptions,
): TypedMethodDecorator<StreamableFile> {
  return (target, key, descriptor) => {
    ApiResponse({ status, description, content: fileContent(media) })(target, key, descriptor);
  };
}
