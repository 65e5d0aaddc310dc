import net from 'node:net';

/**
 * A TCP pass-through on an ephemeral loopback port. Closing it leaves a port
 * that refuses connections, which is what a cluster whose API server went
 * away looks like to a client.
 */
export async function startClosableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(target.toString());
  url.port = String(port);
  return {
    /** The proxy's URL: the target's, with the proxy's port. */
    url: url.toString().replace(/\/$/, ''),
    port,
    /** Stops listening and drops open connections: the port now refuses. */
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
