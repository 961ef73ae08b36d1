/**
 * Headless Chromium for the browser tests and scenarios, the way the
 * chromium-156 fixtures were captured: the distribution's binary driven by
 * playwright-core (which never downloads a browser), fake camera and
 * microphone, a fresh profile each launch.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { type NoiseVideo, writeNoiseY4m } from './fake-video.ts';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Set by .ci/run: a missing Chromium fails the browser tests instead of skipping them. */
export const REQUIRE_BROWSER = process.env['REQUIRE_BROWSER'] === '1';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  // Remote audio plays without a click, as it would after the user pressed Join.
  '--autoplay-policy=no-user-gesture-required',
] as const;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface LaunchedChromium {
  readonly context: BrowserContext;
  /** Closes the browser and deletes its profile; safe to call twice. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  readonly ignoreHTTPSErrors?: boolean;
  /** The fake camera shows moving noise of this size instead of Chromium's drawing (fake-video.ts). */
  readonly noiseCamera?: NoiseVideo;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedChromium> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'sfu-chromium-'));
  let context: BrowserContext;
  try {
    const args: string[] = [...CHROMIUM_ARGS];
    if (options.noiseCamera !== undefined) {
      // In the profile folder, so that close() deletes it with the profile.
      const camera = path.join(userDataDir, 'noise-camera.y4m');
      writeNoiseY4m(camera, options.noiseCamera);
      args.push(`--use-file-for-fake-video-capture=${camera}`);
    }
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args,
      ignoreDefaultArgs: ['--mute-audio'],
      viewport: { width: 1100, height: 700 },
      ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
      timeout: 30_000,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  let closed = false;
  return {
    context,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
