// What the benchmark scripts share: percentiles of sorted timings and waiting for the server.

/** The `p`-th percentile of ascending `sorted` values (nearest rank). */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Resolves once `${base}/healthz` answers 200; throws after a minute. */
export async function waitForHealth(base) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}
