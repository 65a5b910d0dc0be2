import createClient, { type Middleware } from 'openapi-fetch';
import { bearerToken } from './bearer-token';
import type { paths } from '@ordo/client';

const authorization: Middleware = {
  onRequest({ request }) {
    const token = bearerToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

/** The typed client of Ordo's public REST API, on the origin that served the Console. */
export const apiClient = createClient<paths>({ baseUrl: window.location.origin });
apiClient.use(authorization);
