import { amountOf, describeMismatch, threeWayMatch } from '../src/purchase-requisition/three-way-match';

const order = [
  { line: 1, sku: 'MON-27', description: 'monitor', quantity: 10, unitPrice: 120 },
  { line: 2, sku: 'DOCK-USB', description: 'dock', quantity: 4, unitPrice: 250 },
];
const tolerance = { pricePercent: 2, quantityPercent: 0 };
const allReceived = new Map([
  [1, 10],
  [2, 4],
]);

describe('three-way match (PO vs goods receipt vs invoice)', () => {
  test('matches what was received at the ordered prices, and prices within the tolerance', () => {
    const exact = threeWayMatch(
      order,
      allReceived,
      {
        lines: [
          { line: 1, quantity: 10, unitPrice: 120 },
          { line: 2, quantity: 4, unitPrice: 250 },
        ],
      },
      tolerance,
    );
    expect(exact.matched).toBe(true);
    // 2% of 120.00 is 2.40: 122.40 is in, 122.41 is out; cheaper is compared the same way.
    expect(
      threeWayMatch(
        order,
        allReceived,
        {
          lines: [
            { line: 1, quantity: 10, unitPrice: 122.4 },
            { line: 2, quantity: 4, unitPrice: 245 },
          ],
        },
        tolerance,
      ).matched,
    ).toBe(true);
    const dearer = threeWayMatch(
      order,
      allReceived,
      {
        lines: [
          { line: 1, quantity: 10, unitPrice: 122.41 },
          { line: 2, quantity: 4, unitPrice: 250 },
        ],
      },
      tolerance,
    );
    expect(dearer.matched).toBe(false);
    expect(describeMismatch(dearer)).toBe('line 1 (MON-27): unit price 122.41, ordered at 120.00');
  });

  test('quantities compare with what was received, not what was ordered; a line left off the invoice must not have been received', () => {
    const short = new Map([
      [1, 8],
      [2, 4],
    ]);
    expect(
      threeWayMatch(
        order,
        short,
        {
          lines: [
            { line: 1, quantity: 8, unitPrice: 120 },
            { line: 2, quantity: 4, unitPrice: 250 },
          ],
        },
        tolerance,
      ).matched,
    ).toBe(true);
    const billedInFull = threeWayMatch(
      order,
      short,
      {
        lines: [
          { line: 1, quantity: 10, unitPrice: 120 },
          { line: 2, quantity: 4, unitPrice: 250 },
        ],
      },
      tolerance,
    );
    expect(describeMismatch(billedInFull)).toBe('line 1 (MON-27): invoiced 10, received 8 of 10 ordered');
    const leftOff = threeWayMatch(
      order,
      allReceived,
      { lines: [{ line: 1, quantity: 10, unitPrice: 120 }] },
      tolerance,
    );
    expect(leftOff.lines[1]).toMatchObject({ invoiced: 0, received: 4, quantityMatches: false, priceMatches: true });
    expect(
      threeWayMatch(order, new Map([[1, 10]]), { lines: [{ line: 1, quantity: 10, unitPrice: 120 }] }, tolerance)
        .matched,
    ).toBe(true);
    // A quantity tolerance, where the table gives one, applies to the received quantity.
    expect(
      threeWayMatch(
        order,
        short,
        {
          lines: [
            { line: 1, quantity: 10, unitPrice: 120 },
            { line: 2, quantity: 4, unitPrice: 250 },
          ],
        },
        { pricePercent: 0, quantityPercent: 25 },
      ).matched,
    ).toBe(true);
  });

  test('amounts add up in cents', () => {
    expect(
      amountOf([
        { quantity: 3, unitPrice: 0.1 },
        { quantity: 1, unitPrice: 0.2 },
      ]),
    ).toBe(0.5);
  });
});
