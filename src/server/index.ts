export { createApp } from './app.js';
export type { AppOptions } from './app.js';
export { ACCESS_KEY } from './declare.js';
export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './auth.js';
export type { Access } from './auth.js';
export type { ServerDeps } from './env.js';
export { builtWebRoot } from './web.js';
export { listen } from './listen.js';
