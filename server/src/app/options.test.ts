/** `npm start` options: defaults, every refusal, and the names the generated certificate gets. */
import { describe, expect, it } from 'vitest';
import { certificateNames } from './certificate.ts';
import { DEFAULT_HOST, DEFAULT_PORT, OptionsError, parseCommandLine, TOKEN_SECRET_ENV, USAGE } from './options.ts';

const SECRET = 'a-secret-of-24-bytes-abc';

function options(args: string[], env: Record<string, string> = {}) {
  const parsed = parseCommandLine(args, env);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.options;
}

function refusal(args: string[], env: Record<string, string> = {}): string {
  try {
    parseCommandLine(args, env);
  } catch (error) {
    if (error instanceof OptionsError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('parseCommandLine', () => {
  it('defaults to a mesh call on 127.0.0.1:3000 over plain HTTP, open to anyone', () => {
    expect(options([])).toEqual({
      host: DEFAULT_HOST,
      port: DEFAULT_PORT,
      mode: 'mesh',
      https: false,
      certificateNames: [],
      allowJoinWithoutToken: false,
    });
    expect([DEFAULT_HOST, DEFAULT_PORT]).toEqual(['127.0.0.1', 3000]);
  });

  it('takes every option', () => {
    expect(
      options(['--host', '0.0.0.0', '--port', '0', '--mode', 'mesh', '--cert', 'c.pem', '--key', 'k.pem', '--cert-name', 'pc.lan', '--cert-name', '10.0.0.2', '--token-secret', SECRET, '--allow-no-token']),
    ).toEqual({
      host: '0.0.0.0',
      port: 0,
      mode: 'mesh',
      https: true,
      certFile: 'c.pem',
      keyFile: 'k.pem',
      certificateNames: ['pc.lan', '10.0.0.2'],
      tokenSecret: SECRET,
      allowJoinWithoutToken: true,
    });
    expect(options(['--https', '--host', '::1']).https).toBe(true);
  });

  it(`reads the token secret from ${TOKEN_SECRET_ENV}, the option winning`, () => {
    expect(options([], { [TOKEN_SECRET_ENV]: SECRET }).tokenSecret).toBe(SECRET);
    expect(options(['--token-secret', `${SECRET}-2`], { [TOKEN_SECRET_ENV]: SECRET }).tokenSecret).toBe(`${SECRET}-2`);
    expect(options([], { [TOKEN_SECRET_ENV]: '' }).tokenSecret).toBeUndefined();
  });

  it('answers --help and -h', () => {
    expect(parseCommandLine(['--help'])).toEqual({ help: true });
    expect(parseCommandLine(['-h', '--port', 'x'])).toEqual({ help: true });
    for (const option of ['--host', '--port', '--mode', '--https', '--cert', '--key', '--cert-name', '--token-secret', '--allow-no-token', '--help']) {
      expect(USAGE).toContain(option);
    }
  });

  it.each([
    { args: ['--port', 'x'], message: /--port must be an integer/ },
    { args: ['--port', '65536'], message: /--port must be an integer/ },
    { args: ['--port=-1'], message: /--port must be an integer/ },
    { args: ['--port', '3.5'], message: /--port must be an integer/ },
    { args: ['--host', 'a b'], message: /--host must be/ },
    { args: ['--mode', 'sfu'], message: /--mode must be one of mesh/ },
    { args: ['--cert', 'c.pem'], message: /--cert and --key go together/ },
    { args: ['--token-secret', 'short'], message: /at least 16 bytes/ },
    { args: ['--allow-no-token'], message: /needs --token-secret/ },
    { args: ['--unknown'], message: /Unknown option '--unknown'/ },
    { args: ['stray'], message: /positional/ },
    { args: ['--https=yes'], message: /does not take an argument/ },
  ])('refuses $args', ({ args, message }) => {
    expect(refusal(args)).toMatch(message);
  });
});

describe('certificateNames', () => {
  it('names localhost and the loopback addresses, then the --host, then extra names, once each', () => {
    expect(certificateNames('127.0.0.1', [], ['192.168.1.5'], 'box')).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(certificateNames('192.168.1.5', ['demo.lan', 'localhost'], [], 'box')).toEqual(['localhost', '127.0.0.1', '::1', '192.168.1.5', 'demo.lan']);
  });

  it('adds the machine name and every interface address when listening on all of them', () => {
    expect(certificateNames('0.0.0.0', [], ['127.0.0.1', '10.1.2.3', '::1', '2001:db8::7'], 'Box')).toEqual(['localhost', '127.0.0.1', '::1', 'box', '10.1.2.3', '2001:db8::7']);
    expect(certificateNames('::', [], [], 'not a dns name')).toEqual(['localhost', '127.0.0.1', '::1']);
  });
});
