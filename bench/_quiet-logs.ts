// Imported first by the benchmarks: request lines would drown the figures, and the logger reads
// LOG_LEVEL once, when it is first loaded.
process.env.LOG_LEVEL ??= 'warn';
