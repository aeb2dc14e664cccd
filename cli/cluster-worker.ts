// One worker of `kg serve` / `kg start` in cluster mode (forked by cli/cluster.ts): opens its own services (its
// own SQLite connection) and serves on the port the primary gave, tagging each response with its pid
// (x-kg-worker). Signals are the primary's business: it asks each worker to stop with a message.

// Before any import (they take a while under tsx): Ctrl-C reaches the whole process group, and a worker must
// not die of it while the primary is still deciding what to do.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});

const { LOADED, SERVE, SHUTDOWN } = await import('./cluster.ts');
const { openServices } = await import('../pipeline/services.ts');
const { serve } = await import('./commands/serve.ts');

// Loaded while the primary may still be preparing the data: open the archive only once it says so.
await new Promise<void>((resolve) => {
  const onMessage = (m: unknown) => {
    if (m !== SERVE) return;
    process.off('message', onMessage);
    resolve();
  };
  process.on('message', onMessage);
  process.send!(LOADED);
});

const port = Number(process.env.KG_WORKER_PORT);
const host = process.env.KG_WORKER_HOST ?? '127.0.0.1';
try {
  const services = await openServices();
  const serving = await serve({ services, port, host, log: false, headers: { 'x-kg-worker': String(process.pid) } });
  // The primary sends this only to workers that listen, so it always finds this handler.
  let stopping = false;
  process.on('message', (m) => {
    if (m !== SHUTDOWN || stopping) return;
    stopping = true;
    serving.close().then(() => services.close()).then(() => process.exit(0), (e) => {
      console.error(`worker ${process.pid}: stopping failed: ${(e as Error).message}`);
      process.exit(1);
    });
  });
} catch (e) {
  const code = (e as { code?: unknown }).code;
  console.error(`worker ${process.pid}: ${typeof code === 'string' ? `${code}: ` : ''}${(e as Error).message}`);
  process.exit(1);
}
