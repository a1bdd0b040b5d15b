// Diagnostic preload: prints the process's event-loop delay and CPU use every second to stderr.
// BENCH_SERVER_OUTPUT=1 BENCH_UPLIFT_NODE_FLAGS="--import ./bench/servers/eventLoopProbe.mjs" npm run bench
import { monitorEventLoopDelay } from 'node:perf_hooks'

const delay = monitorEventLoopDelay({ resolution: 5 })
delay.enable()
let last = process.cpuUsage()
setInterval(() => {
  const cpu = process.cpuUsage(last)
  last = process.cpuUsage()
  const ms = (ns) => (ns / 1e6).toFixed(1)
  process.stderr.write(`event-loop t=${(performance.now() / 1000).toFixed(0)}s p50=${ms(delay.percentile(50))} p99=${ms(delay.percentile(99))} max=${ms(delay.max)} ms cpu=${((cpu.user + cpu.system) / 1e6).toFixed(2)} s\n`)
  delay.reset()
}, 1000).unref()
