import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w services/console`: the Console with hot reload, calling the API of `npm start` (or ORDO_API_URL)
// through this server, so the browser sees one origin as it does when the API serves the build.
const apiUrl = process.env.ORDO_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  // One bundle (~225 kB gzip, under the 300 kB budget of issue 14) is still fine: rjsf and Ajv make it large.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  server: {
    port: Number(process.env.ORDO_CONSOLE_DEV_PORT ?? 5173),
    proxy: { '/v1': apiUrl, '/docs': apiUrl },
  },
});
