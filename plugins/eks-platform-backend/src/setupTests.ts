import net from 'node:net';

// Servers started by tests (startTestBackend, supertest) ask for every
// interface; keep them on the loopback interface, on the ephemeral port they
// asked for. Explicit non-wildcard hosts are left alone.
const LOOPBACK = '127.0.0.1';
const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::']);
const originalListen = net.Server.prototype.listen;

function pinToLoopback(args: unknown[]): unknown[] {
  const [first, second, ...rest] = args;
  if (first === undefined || typeof first === 'function') {
    return [0, LOOPBACK, ...args.filter(a => a !== undefined)];
  }
  if (typeof first === 'number' || typeof first === 'string') {
    if (typeof second === 'string') {
      return [first, WILDCARD_HOSTS.has(second) ? LOOPBACK : second, ...rest];
    }
    return [first, LOOPBACK, ...args.slice(1)];
  }
  if (typeof first === 'object' && first !== null && !('path' in first)) {
    const options = first as net.ListenOptions;
    if (options.host === undefined || WILDCARD_HOSTS.has(options.host)) {
      return [{ ...options, host: LOOPBACK }, ...args.slice(1)];
    }
  }
  return args;
}

net.Server.prototype.listen = function listenOnLoopback(
  this: net.Server,
  ...args: unknown[]
) {
  return (originalListen as (...a: unknown[]) => net.Server).apply(
    this,
    pinToLoopback(args),
  );
} as typeof net.Server.prototype.listen;
