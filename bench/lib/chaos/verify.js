// After the chaos: did every order reach its expected end, with each external effect exactly as often as it should?

/** Counts ledger entries per order and action. */
function effectsByOrder(entries) {
  const byOrder = new Map();
  for (const entry of entries) {
    if (!entry.orderId) continue;
    const counts = byOrder.get(entry.orderId) ?? {};
    counts[entry.action] = (counts[entry.action] ?? 0) + 1;
    byOrder.set(entry.orderId, counts);
  }
  return byOrder;
}

function amountOfReceipts(entries, orderId) {
  return entries
    .filter((entry) => entry.orderId === orderId && entry.action === 'receipt.posted')
    .reduce((sum, entry) => sum + Math.round(Number(entry.details?.amount ?? 0) * 100), 0);
}

/**
 * One verdict per planned order. `finalStatuses` maps business key → the API's status (undefined if it could not
 * be read, or the order was never started). Lost: not at its expected status, or an expected effect missing (or a
 * receipt for the wrong amount). Duplicated: an effect more often than expected.
 */
function verifyRun(orders, finalStatuses, ledgerEntries) {
  const effects = effectsByOrder(ledgerEntries);
  const verdicts = orders.map((order) => {
    const problems = [];
    const status = finalStatuses.get(order.businessKey);
    if (status !== order.expectedStatus)
      problems.push(`status ${status ?? 'unknown'}, expected ${order.expectedStatus}`);
    const counts = effects.get(order.businessKey) ?? {};
    let missing = false;
    let duplicated = false;
    for (const [action, expected] of Object.entries(order.expectedEffects)) {
      const actual = counts[action] ?? 0;
      if (actual < expected) missing = true;
      if (actual > expected) duplicated = true;
      if (actual !== expected) problems.push(`${action} ×${actual}, expected ×${expected}`);
    }
    if (order.expectedEffects['receipt.posted'] === 1 && counts['receipt.posted'] === 1) {
      const paid = amountOfReceipts(ledgerEntries, order.businessKey);
      if (paid !== Math.round(order.total * 100)) {
        missing = true;
        problems.push(`receipt of ${paid / 100}, expected ${order.total}`);
      }
    }
    const lost = status !== order.expectedStatus || missing;
    return { businessKey: order.businessKey, kind: order.kind, status, lost, duplicated, problems };
  });
  return {
    verdicts,
    lost: verdicts.filter((verdict) => verdict.lost).length,
    duplicated: verdicts.filter((verdict) => verdict.duplicated).length,
    failures: verdicts.filter((verdict) => verdict.lost || verdict.duplicated),
  };
}

module.exports = { verifyRun, effectsByOrder };
