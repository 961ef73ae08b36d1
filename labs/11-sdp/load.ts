/**
 * Reading an SDP file for the lab's commands with the SFU's parser. The parser reports a broken
 * line with its number (SdpParseError.line); attribute values are only read when someone asks, and
 * SdpAttributeError does not know its line, so every a= line whose attribute the package has a
 * typed codec for (knownAttributes) is read once here, line by line, to say where a bad one is.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromiumFixturesDir } from '#fixtures/index.ts';
import { type SessionDescription, SdpAttributeError, SdpParseError, knownAttributes, parseSessionDescription } from '#server/sdp/index.ts';

export interface LoadedSdp {
  /** As shown to the user: the path given, or the fixture's name. */
  readonly name: string;
  readonly text: string;
  readonly description: SessionDescription;
}

/** Why a file cannot be shown: no such file, or malformed SDP (with the 1-based line when known). */
export class SdpFileError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    readonly line: number | undefined,
    message: string,
    readonly lineText?: string,
  ) {
    super(message);
  }
}

const FIXTURE_SDP_DIR = path.join(chromiumFixturesDir, 'sdp');

/** A path as given, or the name of a Chromium fixture: `plain-offer` or `plain-offer.sdp`. */
export function resolveSdpFile(name: string): string {
  if (existsSync(name)) return name;
  const fixture = [name, `${name}.sdp`].map((file) => path.join(FIXTURE_SDP_DIR, file)).find((file) => existsSync(file));
  if (fixture === undefined) throw new SdpFileError(name, 'ENOENT', undefined, 'no such file, nor a fixture of that name in server/fixtures/chromium-156/sdp');
  return fixture;
}

export function loadSdpFile(name: string): LoadedSdp {
  return loadSdpText(name, readFileSync(resolveSdpFile(name), 'utf8'));
}

export function loadSdpText(name: string, text: string): LoadedSdp {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  let description: SessionDescription;
  try {
    description = parseSessionDescription(text);
  } catch (error) {
    if (!(error instanceof SdpParseError)) throw error;
    throw new SdpFileError(name, error.code, error.line, error.message, lines[error.line - 1]);
  }
  lines.forEach((line, index) => {
    if (!line.startsWith('a=')) return;
    const colon = line.indexOf(':');
    const attribute = colon < 0 ? line.slice(2) : line.slice(2, colon);
    try {
      knownAttributes.get(attribute)?.parse(colon < 0 ? '' : line.slice(colon + 1));
    } catch (error) {
      if (!(error instanceof SdpAttributeError)) throw error;
      throw new SdpFileError(name, error.code, index + 1, error.message, line);
    }
  });
  return { name, text, description };
}
