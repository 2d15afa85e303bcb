/**
 * A bound, not a speed check: tests that walk a month hour by hour or start the real process
 * take tens of seconds, and on a shared 2-core machine under load more than the default 30 s.
 * They must still finish; how fast is for the benchmarks.
 */
export const SLOW_TEST_TIMEOUT_MS = 180_000;
