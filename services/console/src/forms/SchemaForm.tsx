import Form from '@rjsf/core';
import type { ErrorSchema, IconButtonProps, RJSFSchema, SubmitButtonProps } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
// Ajv's documented entry point for draft 2020-12 (https://ajv.js.org/json-schema.html#draft-2020-12), not a build.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import Ajv2020 from 'ajv/dist/2020';
import { useMemo } from 'react';
import controls from '../ui/controls.module.css';
import styles from './SchemaForm.module.css';
import { uiSchemaFor } from './schema-ui';

/**
 * The catalog publishes JSON Schema draft 2020-12 (zod's output), which needs Ajv's 2020 class. Ajv compiles each
 * schema into a function with `new Function`, which the Console's Content-Security-Policy forbids (no
 * 'unsafe-eval'): the form does not validate itself (`noValidate`). The browser checks required fields and number
 * bounds, and the API validates with the very zod schema this JSON Schema came from; its 400 lands on the fields.
 * rjsf still needs a validator for schemas with oneOf/anyOf, which these inputs do not use.
 */
const validator = customizeValidator({ AjvClass: Ajv2020 });

interface Props {
  schema: RJSFSchema;
  formData: unknown;
  onChange(formData: unknown): void;
  onSubmit(formData: unknown): void;
  submitLabel: string;
  busy: boolean;
  /** Messages from the API's answer, under the fields they name. */
  extraErrors?: ErrorSchema;
  /** Prefix of the generated field ids, unique on the page. */
  idPrefix: string;
}

/**
 * A form generated from a JSON Schema (a process's start input, an event's payload), with text buttons so that every
 * control says what it does.
 */
export function SchemaForm({ schema, formData, onChange, onSubmit, submitLabel, busy, extraErrors, idPrefix }: Props) {
  const uiSchema = useMemo(() => uiSchemaFor(schema as Record<string, unknown>), [schema]);
  const SubmitButton = useMemo(() => submitButton(submitLabel), [submitLabel]);
  // rjsf keeps a schema of its own without `$schema`, so Ajv does not look the meta-schema up by that address.
  const formSchema = useMemo(() => withoutMetaSchema(schema), [schema]);
  return (
    <div className={styles.form}>
      <Form
        schema={formSchema}
        uiSchema={uiSchema}
        validator={validator}
        formData={formData}
        onChange={(event) => onChange(event.formData)}
        onSubmit={(event) => onSubmit(event.formData)}
        extraErrors={extraErrors}
        showErrorList={false}
        noValidate
        disabled={busy}
        idPrefix={idPrefix}
        experimental_defaultFormStateBehavior={{ emptyObjectFields: 'populateRequiredDefaults' }}
        templates={{
          ButtonTemplates: {
            SubmitButton,
            AddButton: textButton('Add'),
            RemoveButton: textButton('Remove'),
            CopyButton: textButton('Copy'),
            MoveUpButton: textButton('Move up'),
            MoveDownButton: textButton('Move down'),
            ClearButton: textButton('Clear'),
          },
        }}
      />
    </div>
  );
}

function withoutMetaSchema(schema: RJSFSchema): RJSFSchema {
  const { $schema: _metaSchema, ...rest } = schema as RJSFSchema & { $schema?: string };
  return rest;
}

function submitButton(label: string) {
  return function SubmitButton(_props: SubmitButtonProps) {
    return (
      <button type="submit" className={controls.primary}>
        {label}
      </button>
    );
  };
}

/** rjsf's own buttons are icon fonts this page does not load; these say their action in words. */
function textButton(label: string) {
  return function TextButton(props: IconButtonProps) {
    const {
      iconType: _iconType,
      icon: _icon,
      registry: _registry,
      uiSchema: _uiSchema,
      className: _c,
      ...button
    } = props;
    return (
      <button type="button" {...button} className={controls.button}>
        {label}
      </button>
    );
  };
}
