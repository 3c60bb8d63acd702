import { createServer } from 'node:http';

// The baseline: node:http answering the same small JSON as /health/live, nothing else.
const body = JSON.stringify({ status: 'ok' });
createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
