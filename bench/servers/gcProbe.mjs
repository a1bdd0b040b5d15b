// Preloaded into a server by the soak scenario, with --expose-gc: on SIGUSR2 the process runs a full
// garbage collection and prints its heap figures to stderr as one numbered line, so memory can be read
// after garbage is gone rather than whenever V8 last collected. Nothing else changes in the server.
let count = 0
process.stderr.write('gc-probe ready\n')
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') globalThis.gc()
  const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage()
  process.stderr.write(`gc-probe #${++count} heapUsed=${heapUsed} heapTotal=${heapTotal} external=${external} arrayBuffers=${arrayBuffers}\n`)
})
