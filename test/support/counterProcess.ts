// A counter in its own process, for tests that kill it hard (kill -9) mid-flight.
// Prints the terminal status as JSON lines on stdout.
import { dirname } from 'node:path';
import { createApp } from '../../electron/app.js';
import { silentLogger } from '../../native/log/logger.js';

const db = process.env.RIG_DB;
if (!db) throw new Error('RIG_DB not set');
const app = await createApp({ dataDir: dirname(db), dbPath: db, training: false, logger: silentLogger });
const print = (): void => {
  process.stdout.write(JSON.stringify(app.terminal.status()) + '\n');
};
app.events.on('terminal.status', print);
print();
setInterval(() => undefined, 1000);
