// Runs the fake OpenAI-compatible server with the scripted clinic in its own
// process (so its CPU is not charged to the harness in benchmarks). Prints
// `READY <url>` on stdout, stops on SIGTERM or when stdin closes.
import { startFakeOpenAI } from './fake-openai-server.js';
import { scriptedClinic } from './fake-clinic.js';

const latencyMs = Number(process.argv[2] ?? 0);
const server = await startFakeOpenAI({ handler: scriptedClinic(), latencyMs });
process.stdout.write(`READY ${server.url}\n`);
const stop = async () => {
  process.stdout.write(`REQUESTS ${server.requests.length}\n`);
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
