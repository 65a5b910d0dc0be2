// ts-json-schema-generator writes JSON Schema draft-07; the document is OpenAPI 3.0, whose schema objects have no
// `null` type, no type arrays and no `const`, and whose `$ref`s point into `components.schemas`.

type Schema = Record<string, unknown>;

/** A component name as OpenAPI allows it (`^[A-Za-z0-9._-]+$`): `OutputValues<unknown>` becomes `OutputValues_unknown`. */
export function componentName(definitionName: string): string {
  return definitionName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+$/, '');
}

function componentRef(ref: string): string {
  const name = decodeURIComponent(ref.replace(/^#\/definitions\//, ''));
  return `#/components/schemas/${componentName(name)}`;
}

const isNullSchema = (schema: unknown) => (schema as Schema | undefined)?.type === 'null';

/** The `type` of the definition a draft-07 `$ref` names (following aliases), if it has one. */
type TypeOfRef = (ref: string) => unknown;

/**
 * `{...schema, nullable: true}`. A `$ref` cannot take siblings in 3.0, so it goes under `allOf`; and `nullable` only
 * counts beside a `type` (3.0.3), so the referenced definition's type is repeated there.
 */
function nullable(schema: Schema, typeOfRef: TypeOfRef): Schema {
  if (typeof schema.$ref !== 'string') return { ...schema, nullable: true };
  const type = typeOfRef(schema.$ref);
  return { ...(typeof type === 'string' ? { type } : {}), allOf: [schema], nullable: true };
}

function convertType(schema: Schema): Schema {
  const { type, ...rest } = schema;
  if (!Array.isArray(type)) return type === 'null' ? { ...rest, nullable: true, enum: [null] } : schema;
  const types = type.filter((name) => name !== 'null');
  const converted =
    types.length === 1 ? { ...rest, type: types[0] } : { ...rest, anyOf: types.map((name) => ({ type: name })) };
  return types.length < type.length ? { ...converted, nullable: true } : converted;
}

function convertAnyOf(schema: Schema, typeOfRef: TypeOfRef): Schema {
  const { anyOf, ...rest } = schema;
  if (!Array.isArray(anyOf) || !anyOf.some(isNullSchema)) return schema;
  const others = anyOf.filter((variant) => !isNullSchema(variant)) as Schema[];
  if (others.length === 1) {
    const only = nullable(others[0]!, typeOfRef);
    // The description stays next to the union it described.
    return { ...rest, ...only };
  }
  return { ...rest, anyOf: others, nullable: true };
}

function convertConst(schema: Schema): Schema {
  if (!('const' in schema)) return schema;
  const { const: value, ...rest } = schema;
  return { ...rest, enum: [value] };
}

/** A `$ref` with siblings (a description of the property) keeps them under `allOf`: 3.0 ignores a `$ref`'s siblings. */
function convertRef(schema: Schema): Schema {
  if (typeof schema.$ref !== 'string') return schema;
  const { $ref, ...rest } = schema;
  const ref = { $ref: componentRef($ref) };
  return Object.keys(rest).length === 0 ? ref : { ...rest, allOf: [ref] };
}

/** One draft-07 schema (and everything under it) as an OpenAPI 3.0 schema object. */
export function toOpenApiSchema(schema: unknown, typeOfRef: TypeOfRef = () => undefined): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toOpenApiSchema(item, typeOfRef));
  if (typeof schema !== 'object' || schema === null) return schema;
  // The node's own keywords first (they read the draft-07 forms of their variants), then everything under it.
  const node = convertConst(convertAnyOf(convertType(schema as Schema), typeOfRef));
  const converted = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      // `properties` maps names to schemas: convert the schemas, never read the names as keywords.
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as Schema).map(([name, sub]) => [name, toOpenApiSchema(sub, typeOfRef)]),
          )
        : toOpenApiSchema(value, typeOfRef),
    ]),
  );
  return convertRef(converted);
}

/** The `definitions` of a generated schema as `components.schemas`, by their component names, sorted. */
export function toOpenApiComponents(definitions: Record<string, unknown>): Record<string, unknown> {
  const typeOfRef: TypeOfRef = (ref) => {
    const definition = definitions[decodeURIComponent(ref.replace(/^#\/definitions\//, ''))] as Schema | undefined;
    if (typeof definition?.$ref === 'string') return typeOfRef(definition.$ref);
    return definition?.type;
  };
  return Object.fromEntries(
    Object.entries(definitions)
      .map(([name, schema]) => [componentName(name), toOpenApiSchema(schema, typeOfRef)] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
