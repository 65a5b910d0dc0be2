/**
 * The API with Temporal out of reach. A file of its own: prom-client's registry is per process (per test file
 * under jest), and no app here switches the visibility gauges on, so a scrape shows whether they are left out.
 */
import { httpRequest, startApp } from './support/api-harness';

describe('when Temporal is unreachable', () => {
  it('is live but not ready', async () => {
    const app = await startApp({ temporal: { address: '127.0.0.1:1', namespace: 'default' } });
    try {
      const url = await app.getUrl();
      expect((await httpRequest(url, 'GET', '/health/live', { token: null })).status).toBe(200);
      const ready = await httpRequest(url, 'GET', '/health/ready', { token: null });
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ error: 'unhealthy', details: [{ path: 'temporal' }] });
    } finally {
      await app.close();
    }
  });

  it('leaves the gauges out when they are switched off', async () => {
    const app = await startApp(
      { temporal: { address: '127.0.0.1:1', namespace: 'default' } },
      { visibilityGauges: { enabled: false } },
    );
    try {
      const scrape = await httpRequest(await app.getUrl(), 'GET', '/metrics', { token: null });
      expect(scrape.status).toBe(200);
      expect(scrape.text).toContain('ordo_api_process_starts_total');
      expect(scrape.text).not.toContain('ordo_processes_in_flight');
      expect(scrape.text).not.toContain('ordo_visibility_refresh_failures_total');
    } finally {
      await app.close();
    }
  });
});
