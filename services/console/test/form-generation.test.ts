import { placeApiErrors } from '../src/forms/api-error-schema';
import { uiSchemaFor } from '../src/forms/schema-ui';

describe('generated forms', () => {
  const orderInput = {
    type: 'object',
    properties: {
      customerId: { type: 'string' },
      paymentTermsDays: { type: 'integer' },
      lines: {
        type: 'array',
        items: { type: 'object', properties: { sku: { type: 'string' }, unitPrice: { type: 'number' } } },
      },
    },
  };

  it('title every field from its name, array items by the singular of their array', () => {
    expect(uiSchemaFor(orderInput)).toEqual({
      customerId: { 'ui:title': 'Customer id' },
      paymentTermsDays: { 'ui:title': 'Payment terms days' },
      lines: {
        'ui:title': 'Lines',
        'ui:options': { orderable: false },
        items: { 'ui:title': 'Line', sku: { 'ui:title': 'Sku' }, unitPrice: { 'ui:title': 'Unit price' } },
      },
    });
  });

  it('keep a title the schema gives', () => {
    expect(uiSchemaFor({ type: 'object', properties: { a: { type: 'string', title: 'Own' } } })).toEqual({ a: {} });
  });

  it("place the API's 400 details on the fields under the form's prefix, the rest above the form", () => {
    const placed = placeApiErrors(
      [
        { path: 'input.lines.0.unitPrice', message: 'line amount rounds to 0.00' },
        { path: 'input.currency', message: 'must be an ISO 4217 code' },
        { path: 'input.currency', message: 'is not active' },
        { path: 'businessKey', message: 'must be 1-128 letters' },
        { message: 'no path' },
      ],
      'input',
    );
    expect(placed.errorSchema).toEqual({
      lines: { 0: { unitPrice: { __errors: ['line amount rounds to 0.00'] } } },
      currency: { __errors: ['must be an ISO 4217 code', 'is not active'] },
    });
    expect(placed.unplaced.map((detail) => detail.path)).toEqual(['businessKey', undefined]);
  });

  it('place event details (no prefix) at their own paths, the whole body above the form', () => {
    const placed = placeApiErrors([
      { path: 'amount', message: 'exceeds what is owed' },
      { path: '(body)', message: 'must be an object' },
    ]);
    expect(placed.errorSchema).toEqual({ amount: { __errors: ['exceeds what is owed'] } });
    expect(placed.unplaced).toHaveLength(1);
  });
});
