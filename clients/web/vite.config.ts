import { defineConfig } from 'vite';

// The platform server (dotnet) listens on :5000 in development; Vite proxies the API, the hub
// (WebSockets) and the health endpoints to it. In production the server serves dist/ itself.
const server = 'http://127.0.0.1:5000';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: false,
    // One small entry for the calendar; the live view (and the SignalR client) loads on demand.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/hubs': { target: server, ws: true, changeOrigin: false },
      '/health': { target: server, changeOrigin: false },
    },
  },
});
