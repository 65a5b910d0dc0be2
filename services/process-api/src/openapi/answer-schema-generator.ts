// Build-time only (`npm run openapi`, the drift test): ts-json-schema-generator is a devDependency, and this module
// is never loaded by the running API, which reads the committed answer-schemas.json instead.
import { join } from 'node:path';
import {
  type BaseType,
  type CompletedConfig,
  type Context,
  createFormatter,
  createParser,
  createProgram,
  DEFAULT_CONFIG,
  LiteralType,
  type NodeParser,
  SchemaGenerator,
  type SubNodeParser,
  UnionType,
} from 'ts-json-schema-generator';
import ts from 'typescript';
import { toOpenApiComponents } from './json-schema-to-openapi';

const packageRoot = join(__dirname, '..', '..');
/** The one source: the TypeScript types the controllers return, indexed by name in answer-types.ts. */
export const answerTypesPath = join(packageRoot, 'src', 'openapi', 'answer-types.ts');
export const answerSchemasPath = join(packageRoot, 'src', 'openapi', 'answer-schemas.json');
const indexType = 'AnswerTypes';

/**
 * `ProcessDefinition['sla']`: the declared type of the one property named, read through the compiler. The generator's
 * own parser builds the whole object type first, and a catalog entry's other properties (zod schemas, the workflow
 * type computed from the worker's bundle) are no JSON.
 */
class NamedPropertyParser implements SubNodeParser {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly child: NodeParser,
  ) {}

  supportsNode(node: ts.Node): boolean {
    return (
      ts.isIndexedAccessTypeNode(node) &&
      ts.isLiteralTypeNode(node.indexType) &&
      ts.isStringLiteral(node.indexType.literal)
    );
  }

  createType(node: ts.IndexedAccessTypeNode, context: Context): BaseType {
    const name = ((node.indexType as ts.LiteralTypeNode).literal as ts.StringLiteral).text;
    const owner = this.checker.getApparentType(this.checker.getTypeFromTypeNode(node.objectType));
    const property = this.checker.getPropertyOfType(owner, name);
    if (!property) throw new Error(`${node.getText()}: no property ${name}`);
    const declarations = property.declarations ?? [];
    const declared = declarations.length === 1 ? declarations[0] : undefined;
    if (declared && (ts.isPropertySignature(declared) || ts.isPropertyDeclaration(declared)) && declared.type) {
      return this.child.createType(declared.type, context);
    }
    // A property of a union (`ConformanceRule['kind']`) has no single declaration: take its literal values.
    const type = this.checker.getTypeOfSymbol(property);
    const literals = type.isUnion() ? type.types : [type];
    if (literals.every((literal) => literal.isStringLiteral())) {
      return new UnionType(literals.map((literal) => new LiteralType((literal as ts.StringLiteralType).value)));
    }
    throw new Error(`${node.getText()}: not a declared property or a union of string literals`);
  }
}

/** JSON Schema of every answer type, as OpenAPI 3.0 `components.schemas` (sorted by name). */
export function generateAnswerSchemas(): Record<string, unknown> {
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    path: answerTypesPath,
    tsconfig: join(packageRoot, 'tsconfig.json'),
    type: indexType,
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    // The build type-checks these files; here only their shapes matter.
    skipTypeCheck: true,
    additionalProperties: true,
  };
  const program = createProgram(config);
  const parser = createParser(program, config, (chain) =>
    // The augmentor is handed the chain itself (typed only as something to add to): it parses the property types.
    chain.addNodeParser(new NamedPropertyParser(program.getTypeChecker(), chain as unknown as NodeParser)),
  );
  const schema = new SchemaGenerator(program, parser, createFormatter(config), config).createSchema(indexType);
  // The index itself is no answer: only the types it names (and those they refer to) become components.
  const { [indexType]: _index, ...definitions } = (schema.definitions ?? {}) as Record<string, unknown>;
  return toOpenApiComponents(definitions);
}

/** answer-schemas.json as committed: two-space JSON with a trailing newline. */
export function answerSchemasText(schemas: Record<string, unknown> = generateAnswerSchemas()): string {
  return `${JSON.stringify(schemas, null, 2)}\n`;
}
