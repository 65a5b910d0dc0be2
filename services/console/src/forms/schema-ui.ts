import type { UiSchema } from '@rjsf/utils';
import { humanize } from '../lib/format';

type Schema = Record<string, unknown>;

/**
 * The uiSchema of a generated form: a readable title for every field that has none (`paymentTermsDays` → "Payment
 * terms days"), for array items too ("Lines item" would read badly: an item is titled by its array, singular where
 * the name is a plain plural). Schemas come from zod and carry no titles; the field names are the API's own.
 */
export function uiSchemaFor(schema: Schema, name?: string): UiSchema {
  const ui: UiSchema = {};
  if (name !== undefined && typeof schema.title !== 'string') ui['ui:title'] = humanize(name);
  const properties = schema.properties as Record<string, Schema> | undefined;
  for (const [key, property] of Object.entries(properties ?? {})) {
    ui[key] = uiSchemaFor(property, key);
  }
  const items = schema.items as Schema | undefined;
  if (items && typeof items === 'object' && !Array.isArray(items)) {
    ui.items = uiSchemaFor(items, singular(name ?? 'item'));
    ui['ui:options'] = { orderable: false };
  }
  return ui;
}

function singular(name: string): string {
  return name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : name;
}
