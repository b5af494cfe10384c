// One Vite build, two apps: the storefront at / and the operator console at /admin.
// `npm run dev:web` proxies the API to a server started with `npm start`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.FISSION_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: { input: { storefront: `${root}index.html`, admin: `${root}admin/index.html` } },
  },
  server: { proxy: { '/api': api, '/media': api, '/s/': api, '/openapi.json': api } },
});
