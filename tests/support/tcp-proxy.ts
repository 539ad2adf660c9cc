import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";

/**
 * A TCP proxy in front of a real service (Postgres), for outage tests: `cut()` stops listening and drops every
 * connection (the service is down: connects are refused), `stall()` drops them and then accepts connections it
 * never forwards (a host that does not answer), `restore()` forwards again on the same port.
 */
export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  stall(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
  /** The connections it holds open now: after `stall()`, those it accepted and never forwards. */
  connections(): number;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  /** Of those, the ones clients opened to the proxy. */
  const accepted = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  function track(socket: Socket) {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  }

  function accept(client: Socket) {
    track(client);
    accepted.add(client);
    client.on("close", () => accepted.delete(client));
  }

  function forward(client: Socket) {
    const upstream = connect(target.port, target.host);
    accept(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  }

  function listen(onConnection: (socket: Socket) => void) {
    return new Promise<void>((resolve, reject) => {
      const next = createServer(onConnection);
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        port = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });
  }

  async function stop() {
    const current = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    accepted.clear();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await listen(forward);
  return {
    get port() {
      return port;
    },
    cut: stop,
    async stall() {
      await stop();
      await listen(accept);
    },
    async restore() {
      await stop();
      await listen(forward);
    },
    close: stop,
    connections: () => accepted.size,
  };
}
