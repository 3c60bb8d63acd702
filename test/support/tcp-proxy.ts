import { AddressInfo, Server, Socket, createConnection, createServer } from 'node:net';

/**
 * A TCP pass-through to a local service (Postgres, Redis) that a test can take away and bring
 * back, as a restart or a failover looks to a client — without touching the real server, which
 * other test files share:
 * - `cut()`: every open connection is reset (what `pg_terminate_backend` or a crash does);
 * - `stop()`: the same, and new connections are refused (the service is down);
 * - `start()`: connections are accepted again, on the same port.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  private constructor(private readonly targetPort: number) {}

  static async to(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await proxy.start();
    return proxy;
  }

  /** `url` with its port replaced by the proxy's. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Client connections open through the proxy right now. */
  get connections(): number {
    return this.sockets.size / 2;
  }

  cut(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.cut();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined); // a reset is the point; the other side sees it
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
