'use strict';
// Preloaded into a benchmarked command (node --require): records its peak RSS in KiB for the bench.
process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.EPL_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
