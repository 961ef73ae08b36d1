/** `npm start` options: defaults, every refusal, and the names the generated certificate gets. */
import { describe, expect, it } from 'vitest';
import { certificateNames } from './certificate.ts';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_RTC_PORT, OptionsError, parseCommandLine, TOKEN_SECRET_ENV, USAGE } from './options.ts';
import { rtcAddress } from './rtc-address.ts';

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
  it('defaults to an SFU call on 127.0.0.1:3000 over plain HTTP, media on UDP port 40000, open to anyone', () => {
    expect(options([])).toEqual({
      host: DEFAULT_HOST,
      port: DEFAULT_PORT,
      mode: 'sfu',
      rtcPort: DEFAULT_RTC_PORT,
      https: false,
      certificateNames: [],
      allowJoinWithoutToken: false,
    });
    expect([DEFAULT_HOST, DEFAULT_PORT, DEFAULT_RTC_PORT]).toEqual(['127.0.0.1', 3000, 40_000]);
  });

  it('takes every option', () => {
    expect(
      options(['--host', '0.0.0.0', '--port', '0', '--mode', 'mesh', '--cert', 'c.pem', '--key', 'k.pem', '--cert-name', 'pc.lan', '--cert-name', '10.0.0.2', '--token-secret', SECRET, '--allow-no-token']),
    ).toEqual({
      host: '0.0.0.0',
      port: 0,
      mode: 'mesh',
      rtcPort: DEFAULT_RTC_PORT,
      https: true,
      certFile: 'c.pem',
      keyFile: 'k.pem',
      certificateNames: ['pc.lan', '10.0.0.2'],
      tokenSecret: SECRET,
      allowJoinWithoutToken: true,
    });
    expect(options(['--https', '--host', '::1']).https).toBe(true);
    expect(options(['--mode', 'sfu', '--rtc-port', '0', '--listen-ip', '0.0.0.0', '--announced-ip', '203.0.113.7'])).toMatchObject({
      mode: 'sfu',
      rtcPort: 0,
      listenIp: '0.0.0.0',
      announcedIp: '203.0.113.7',
    });
  });

  it(`reads the token secret from ${TOKEN_SECRET_ENV}, the option winning`, () => {
    expect(options([], { [TOKEN_SECRET_ENV]: SECRET }).tokenSecret).toBe(SECRET);
    expect(options(['--token-secret', `${SECRET}-2`], { [TOKEN_SECRET_ENV]: SECRET }).tokenSecret).toBe(`${SECRET}-2`);
    expect(options([], { [TOKEN_SECRET_ENV]: '' }).tokenSecret).toBeUndefined();
  });

  it('answers --help and -h', () => {
    expect(parseCommandLine(['--help'])).toEqual({ help: true });
    expect(parseCommandLine(['-h', '--port', 'x'])).toEqual({ help: true });
    for (const option of ['--host', '--port', '--mode', '--rtc-port', '--listen-ip', '--announced-ip', '--https', '--cert', '--key', '--cert-name', '--token-secret', '--allow-no-token', '--help']) {
      expect(USAGE).toContain(option);
    }
  });

  it.each([
    { args: ['--port', 'x'], message: /--port must be an integer/ },
    { args: ['--port', '65536'], message: /--port must be an integer/ },
    { args: ['--port=-1'], message: /--port must be an integer/ },
    { args: ['--port', '3.5'], message: /--port must be an integer/ },
    { args: ['--host', 'a b'], message: /--host must be/ },
    { args: ['--mode', 'p2p'], message: /--mode must be one of sfu, mesh/ },
    { args: ['--rtc-port', '70000'], message: /--rtc-port must be an integer/ },
    { args: ['--rtc-port', 'x'], message: /--rtc-port must be an integer/ },
    { args: ['--listen-ip', 'localhost'], message: /--listen-ip must be an IP address/ },
    { args: ['--announced-ip', 'example.com'], message: /--announced-ip must be an IP address/ },
    { args: ['--announced-ip', '0.0.0.0'], message: /not a wildcard/ },
    { args: ['--mode', 'mesh', '--rtc-port', '5000'], message: /--rtc-port is for --mode sfu/ },
    { args: ['--mode', 'mesh', '--announced-ip', '10.0.0.1'], message: /--announced-ip is for --mode sfu/ },
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

describe('rtcAddress', () => {
  const interfaces = [
    { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' },
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
    { address: '2001:db8::5', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: '2001:db8::5/64', scopeid: 0 },
    { address: '192.168.1.5', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.5/24' },
  ] as const;

  it.each([
    { given: { host: '127.0.0.1' }, expected: { listenIp: '127.0.0.1', announcedIp: '127.0.0.1' } },
    { given: { host: 'localhost' }, expected: { listenIp: '127.0.0.1', announcedIp: '127.0.0.1' } },
    { given: { host: '0.0.0.0' }, expected: { listenIp: '0.0.0.0', announcedIp: '192.168.1.5' } },
    { given: { host: '::' }, expected: { listenIp: '::', announcedIp: '2001:db8::5' } },
    { given: { host: 'pc.lan' }, expected: { listenIp: '0.0.0.0', announcedIp: '192.168.1.5' } },
    { given: { host: '0.0.0.0', announcedIp: '203.0.113.7' }, expected: { listenIp: '0.0.0.0', announcedIp: '203.0.113.7' } },
    { given: { host: '127.0.0.1', listenIp: '10.0.0.2' }, expected: { listenIp: '10.0.0.2', announcedIp: '10.0.0.2' } },
  ])('listens and announces $expected for $given', ({ given, expected }) => {
    expect(rtcAddress(given, interfaces)).toEqual(expected);
  });

  it('announces loopback on a wildcard when the machine has no other address', () => {
    expect(rtcAddress({ host: '0.0.0.0' }, interfaces.slice(0, 1))).toEqual({ listenIp: '0.0.0.0', announcedIp: '127.0.0.1' });
    expect(rtcAddress({ host: '::' }, interfaces.slice(0, 2))).toEqual({ listenIp: '::', announcedIp: '::1' });
  });
});
