import { DependencyError } from './errors';

const ATTEMPTS = 3;

/** A failure worth another attempt: the connection, a timeout or a 5xx; a 404 is final. */
class TransientError extends Error {}

/**
 * GETs `url` and reads its whole body, retrying connection failures and server errors a few times as dbt does
 * (its hub and downloads see the odd hiccup). `what` names the package in the error.
 */
export async function httpGet(url: string, what: string, timeoutMs: number): Promise<Buffer> {
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      return await getOnce(url, timeoutMs);
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
      if (!(error instanceof TransientError)) break;
      if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
  throw new DependencyError(`${what}: could not download ${url}: ${last}`, undefined, hintFor(last));
}

async function getOnce(url: string, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw new TransientError(describe(error));
  }
  if (!response.ok) {
    const reason = `HTTP ${response.status} ${response.statusText}`.trim();
    await response.body?.cancel();
    if (response.status >= 500 || response.status === 429) throw new TransientError(reason);
    throw new Error(reason);
  }
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw new TransientError(`the download stopped midway (${describe(error)})`);
  }
}

/** fetch's errors say "fetch failed" and keep the reason (ECONNREFUSED, ENOTFOUND...) in their cause. */
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('message' in error)) return String(error);
  if ((error as Error).name === 'TimeoutError') return 'timed out';
  // Checked by shape: the cause may come from another realm (a test sandbox), where instanceof fails.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return detail ? `${(error as Error).message} (${detail})` : (error as Error).message;
}

function hintFor(reason: string): string {
  if (/HTTP 404/.test(reason)) return 'check the name, version or URL';
  return 'check the network connection (or DBT_PACKAGE_HUB_URL for a private hub), then run deps again';
}
