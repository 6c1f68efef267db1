import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DEFAULT_UPLOAD_SETTINGS, UploadLimitError, type UploadSettings } from '../../lib/upload-limits.js';

/**
 * A PDF's text, page by page as pdf-parse lays it out; throws if the bytes are not a readable PDF.
 *
 * The PDF is read in a worker thread, never on the thread that serves requests: a hostile PDF (one
 * 64 MB stream on four pages took 32 s of CPU) would otherwise stop every other request, /health
 * included. The worker has a time limit, a heap limit (`resourceLimits`) and a page limit; past any of
 * them it is ended and the upload is refused with a 422 naming the limit (UploadLimitError).
 */
export async function pdfToText(data: Buffer | Uint8Array): Promise<string> {
  const worker = takeWorker();
  try {
    const text = await worker.run(data);
    releaseWorker(worker);
    return text;
  } catch (err) {
    // A PDF that is simply unreadable leaves the worker as it was; any other failure ends it.
    if (err instanceof UnreadablePdfError) releaseWorker(worker);
    else worker.end();
    throw err;
  }
}

class UnreadablePdfError extends Error {}

export function looksLikePdf(data: Buffer | Uint8Array): boolean {
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

let limits = {
  timeoutMs: DEFAULT_UPLOAD_SETTINGS.pdfTimeoutMs,
  maxPages: DEFAULT_UPLOAD_SETTINGS.pdfMaxPages,
  memoryMb: DEFAULT_UPLOAD_SETTINGS.pdfMemoryMb,
};

/** The deployment's PDF limits (PDF_TIMEOUT_SECONDS, PDF_MAX_PAGES, PDF_MEMORY_MB); createApp sets them. */
export function setPdfLimits(settings: Pick<UploadSettings, 'pdfTimeoutMs' | 'pdfMaxPages' | 'pdfMemoryMb'>): void {
  limits = { timeoutMs: settings.pdfTimeoutMs, maxPages: settings.pdfMaxPages, memoryMb: settings.pdfMemoryMb };
}

const PDF_PARSE = createRequire(import.meta.url).resolve('pdf-parse');

// Plain CommonJS run with `eval`, so the worker needs no TypeScript loader under tsx, vitest or a build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.module);
parentPort.on('message', async ({ data, maxPages }) => {
  let parser;
  try {
    parser = new PDFParse({ data: new Uint8Array(data), verbosity: 0, stopAtErrors: false, maxImageSize: 1 });
    const info = await parser.getInfo();
    if (info.total > maxPages) return parentPort.postMessage({ error: 'pages', pages: info.total });
    const result = await parser.getText();
    parentPort.postMessage({ text: result.text });
  } catch (err) {
    parentPort.postMessage({ error: 'unreadable', message: String((err && err.message) || err).slice(0, 200) });
  } finally {
    if (parser) await parser.destroy().catch(() => {});
  }
});
`;

class PdfWorker {
  private readonly worker: Worker;
  private ended = false;
  idleTimer?: NodeJS.Timeout;

  constructor() {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: PDF_PARSE },
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    this.worker.unref();
    this.worker.on('error', () => {});
  }

  get alive(): boolean {
    return !this.ended;
  }

  run(data: Buffer | Uint8Array): Promise<string> {
    // A copy the worker owns (transferred, not cloned again), so the upload's buffer stays usable here.
    const copy = new Uint8Array(data).buffer;
    return new Promise<string>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
        this.worker.off('exit', onExit);
        fn();
      };
      const seconds = Math.round(limits.timeoutMs / 1000);
      const timer = setTimeout(
        () =>
          done(() =>
            reject(
              new UploadLimitError(
                `The PDF took more than ${seconds} seconds to read, far longer than an Ofsted report does, so it was not read`,
                'pdf-time',
              ),
            ),
          ),
        limits.timeoutMs,
      );
      const onMessage = (m: { text?: string; error?: string; pages?: number }) =>
        done(() => {
          if (typeof m.text === 'string') return resolve(m.text);
          if (m.error === 'pages')
            return reject(
              new UploadLimitError(
                `The PDF has ${m.pages} pages; an Ofsted report has far fewer (Waymark reads up to ${limits.maxPages}), so it was not read`,
                'pdf-pages',
              ),
            );
          reject(new UnreadablePdfError('The PDF could not be read'));
        });
      const onError = (err: Error & { code?: string }) =>
        done(() =>
          reject(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new UploadLimitError(
                  'The PDF needs far more memory to read than an Ofsted report does, so it was not read',
                  'pdf-memory',
                )
              : new Error('The PDF could not be read'),
          ),
        );
      const onExit = () => done(() => reject(new Error('The PDF reader stopped')));
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.on('exit', onExit);
      this.worker.postMessage({ data: copy, maxPages: limits.maxPages }, [copy]);
    });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.idleTimer);
    void this.worker.terminate();
  }
}

// One warm worker is kept for a while, so a run of imports (or the parser's tests) does not start a
// thread and load pdf.js for every file; any worker that failed or ran out of time is ended, never reused.
const IDLE_MS = 30_000;
const idle: PdfWorker[] = [];

function takeWorker(): PdfWorker {
  const worker = idle.pop();
  if (worker?.alive) {
    clearTimeout(worker.idleTimer);
    return worker;
  }
  return new PdfWorker();
}

function releaseWorker(worker: PdfWorker): void {
  if (!worker.alive) return;
  if (idle.length >= 1) return worker.end();
  worker.idleTimer = setTimeout(() => {
    idle.splice(idle.indexOf(worker), 1);
    worker.end();
  }, IDLE_MS);
  worker.idleTimer.unref();
  idle.push(worker);
}
