import { beforeEach } from 'vitest';

// PGlite answers a query without leaving the microtask queue, so a suite of
// embedded-store tests can keep the event loop from its messages and timers
// for minutes on a loaded machine; vitest's calls to its main process then
// time out after 60 s ("Timeout calling onTaskUpdate") although every test
// passed. A turn of the event loop before each test lets them through.
beforeEach(async () => {
  await new Promise((resolve) => setImmediate(resolve));
});
