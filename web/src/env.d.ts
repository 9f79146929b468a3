/// <reference types="vite/client" />
// Set by web/vite.config.ts: true in the build the end-to-end tests use (exposes window.__map).
declare const __E2E__: boolean;
