/**
 * Loaded into a `wathiq` command the store bench runs (`node --import`): when
 * the command ends it writes, on standard error, its own peak resident memory
 * and CPU time, which its parent cannot read once it has exited.
 */
import { writeSync } from 'node:fs';
import { PEAK_MARK } from './peak-mark.js';

process.on('exit', () => {
  const cpu = process.cpuUsage();
  // maxRSS is in kilobytes; CPU in microseconds.
  writeSync(
    2,
    `${PEAK_MARK} ${String(process.resourceUsage().maxRSS * 1024)} ${String((cpu.user + cpu.system) / 1e6)}\n`,
  );
});
