/**
 * Preloaded into the export's child process by bench/export.ts (`node --import
 * ./bench/peak-rss.ts scripts/run.mjs cli ...`; plain JavaScript, so Node loads it without tsx): on exit it prints the process's peak RSS and its uptime on
 * stderr (and its CPU time, steadier than the wall clock on a shared machine), so the benchmark
 * measures the export alone, not the data build before it.
 */
process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stderr.write(`bench-child peak-rss-mb=${(usage.maxRSS / 1024).toFixed(1)} cpu-s=${cpu.toFixed(2)} uptime-s=${process.uptime().toFixed(2)}\n`);
});
