// Per-layer cost accounting for the API bench: wraps every method of the archive and the two ports and adds up
// the CPU time (process.cpuUsage, not wall time: the machine may be shared) of each call's synchronous part.
// The embedded adapters do their SQLite and highlighting work synchronously inside the call, so this is their
// cost; work an adapter does after an await is not counted here and lands in the rest of the server's CPU
// (HTTP, Yoga, GraphQL execution, resolvers, JSON).
import type { Services } from '../../pipeline/services.ts';

export type Layer = 'search' | 'graph' | 'archive';
export type LayerTimes = Record<Layer, number> & { calls: Record<Layer, number> };

export const emptyTimes = (): LayerTimes => ({ search: 0, graph: 0, archive: 0, calls: { search: 0, graph: 0, archive: 0 } });

/** A proxy of `target` whose method calls add their synchronous duration (ms) to `times[layer]`. */
function timed<T extends object>(target: T, layer: Layer, times: () => LayerTimes): T {
  return new Proxy(target, {
    get(obj, key) {
      const value = Reflect.get(obj, key, obj) as unknown;
      if (typeof value !== 'function' || key === 'constructor') return value;
      return (...args: unknown[]) => {
        const c0 = process.cpuUsage();
        try {
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        } finally {
          const c = process.cpuUsage(c0);
          const t = times();
          t[layer] += (c.user + c.system) / 1000;
          t.calls[layer]++;
        }
      };
    },
  });
}

/** The services with timed archive, graph and search; `times()` reads and `reset()` restarts the counters. */
export function timeLayers<S extends Pick<Services, 'archive' | 'graph' | 'search' | 'adapters'>>(services: S) {
  let current = emptyTimes();
  const get = () => current;
  return {
    services: { ...services, archive: timed(services.archive, 'archive', get), graph: timed(services.graph, 'graph', get), search: timed(services.search, 'search', get) } as S,
    times: () => current,
    reset: () => {
      current = emptyTimes();
    },
  };
}
