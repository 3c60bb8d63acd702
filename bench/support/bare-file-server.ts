import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * The HTTP baselines of bench:documents: node:http moving files under FILES_DIR as they are —
 * no framework, no multipart, no access check, no encryption or verification; disk reads and
 * writes of the disk store's size (IO_BYTES), writes flushed to disk as the store does.
 * `PUT /files/<name>` stores the body, `GET /files/<name>` serves it; `/` answers the harness's
 * readiness probe.
 */
const dir = process.env.FILES_DIR ?? '.';
const io = { highWaterMark: Number(process.env.IO_BYTES ?? 1 << 20) };

createServer((req, res) => {
  const name = /^\/files\/([\w-]+)$/.exec(req.url ?? '')?.[1];
  if (!name) return void res.writeHead(req.url === '/' ? 200 : 404).end();
  const path = join(dir, name);
  const failed = () => void res.writeHead(500).end();
  if (req.method === 'PUT')
    return void pipeline(req, createWriteStream(path, { ...io, flush: true })).then(() => res.writeHead(201).end(), failed);
  stat(path).then((info) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': info.size });
    return pipeline(createReadStream(path, io), res);
  }, failed);
}).listen(Number(process.env.PORT ?? 3998), '127.0.0.1');
