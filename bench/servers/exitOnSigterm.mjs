// Preloaded into a server that has no SIGTERM handler of its own (the y-websocket bin) when it is
// profiled: exiting through process.exit lets `node --cpu-prof` write its profile.
process.on('SIGTERM', () => process.exit(0))
