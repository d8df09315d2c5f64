import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { blockedReason, checkUrl, guardedLookup } from '../src/fetch/ssrf.ts';
import { createFetcher } from '../src/fetch/http.ts';
import { silentLogger } from '../src/util/log.ts';
import { startServer, type TestServer } from './fixtures/fetch/server.ts';

describe('blockedReason', () => {
  it('blocks loopback, private, CGNAT, link-local, multicast, unspecified and reserved IPv4', () => {
    for (const a of [
      '127.0.0.1',
      '127.8.9.10',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '100.127.255.254',
      '169.254.169.254',
      '0.0.0.0',
      '224.0.0.251',
      '255.255.255.255',
      '198.18.0.1',
    ]) {
      assert.ok(blockedReason(a), `${a} should be blocked`);
    }
  });
  it('allows public IPv4 including neighbours of the private ranges', () => {
    for (const a of [
      '8.8.8.8',
      '1.1.1.1',
      '93.184.216.34',
      '172.15.255.255',
      '172.32.0.1',
      '100.63.255.255',
      '100.128.0.1',
      '169.253.1.1',
      '11.0.0.1',
      '192.169.0.1',
    ]) {
      assert.equal(blockedReason(a), null, a);
    }
  });
  it('blocks IPv6 loopback, unspecified, ULA, link-local, multicast and IPv4-embedded private forms', () => {
    for (const a of [
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'fe80::1%eth0',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::10.0.0.1',
      '2002:0a00:0001::1',
      '[::1]',
      '2001:db8::5',
    ]) {
      assert.ok(blockedReason(a), `${a} should be blocked`);
    }
  });
  it('allows global IPv6 and IPv4-mapped public addresses', () => {
    for (const a of ['2606:4700:4700::1111', '2a00:1450:4001:81b::200e', '::ffff:8.8.8.8', '2002:0808:0808::1']) {
      assert.equal(blockedReason(a), null, a);
    }
  });
  it('refuses things that are not IP addresses', () => {
    assert.ok(blockedReason('example.org'));
    assert.ok(blockedReason('999.1.1.1'));
  });
});

describe('checkUrl', () => {
  const off = { allowPrivateNetwork: false };
  it('refuses literal private IPs, including encoded forms the URL parser normalizes', () => {
    for (const u of [
      'http://127.0.0.1/',
      'http://[::1]:8080/x',
      'http://169.254.169.254/latest/meta-data/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.1.2.3:9200/_search',
      'http://localhost:3000/',
      'http://LOCALHOST./',
      'http://api.localhost/',
      'http://127.1/',
      'http://0/',
      'http://017700000001/',
    ]) {
      const r = checkUrl(u, off);
      assert.equal(!r.ok && r.code, 'fetch/blocked-address', u);
    }
  });
  it('allows them when the private network is allowed', () => {
    assert.ok(checkUrl('http://127.0.0.1:8080/', { allowPrivateNetwork: true }).ok);
  });
  it('allows an exact address:port exemption and nothing else', () => {
    const p = { allowPrivateNetwork: false, allowAddresses: ['127.0.0.1:8080'] };
    assert.ok(checkUrl('http://127.0.0.1:8080/', p).ok);
    assert.equal(checkUrl('http://127.0.0.1:8081/', p).ok, false);
    assert.equal(checkUrl('http://127.0.0.2:8080/', p).ok, false);
  });
  it('accepts only http and https', () => {
    for (const u of ['ftp://example.org/', 'gopher://example.org/', 'file:///etc/passwd', 'data:text/plain,hi']) {
      assert.equal(checkUrl(u, off).ok === false && (checkUrl(u, off) as { code: string }).code, 'fetch/bad-url', u);
    }
  });
});

describe('guardedLookup', () => {
  const call = (addrs: Array<{ address: string; family: number }>, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) => {
      guardedLookup({ allowPrivateNetwork: false }, 80, async () => addrs)('host.test', { all }, (err, address) =>
        resolve({ err, address }),
      );
    });
  it('drops blocked addresses and keeps public ones', async () => {
    const r = await call(
      [
        { address: '10.0.0.1', family: 4 },
        { address: '93.184.216.34', family: 4 },
      ],
      true,
    );
    assert.equal(r.err, null);
    assert.deepEqual(r.address, [{ address: '93.184.216.34', family: 4 }]);
  });
  it('fails with EPARALLAXBLOCKED when every address is blocked', async () => {
    const r = await call([{ address: '::1', family: 6 }], false);
    assert.equal(r.err?.code, 'EPARALLAXBLOCKED');
  });
});

describe('fetcher SSRF guard with the private network OFF', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
    s.route('/page', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('public page');
    });
    s.route('/to-internal-name', (_req, res) => {
      res.writeHead(302, { location: `http://internal.test:${s.port}/secret` });
      res.end();
    });
    s.route('/to-metadata', (_req, res) => {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/iam/' });
      res.end();
    });
    s.route('/to-loopback-other-port', (_req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${s.port + 1}/admin` });
      res.end();
    });
    s.route('/to-ipv6-loopback', (_req, res) => {
      res.writeHead(308, { location: `http://[::1]:${s.port}/secret` });
      res.end();
    });
    s.route('/secret', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('internal secret');
    });
  });
  after(async () => {
    await s.close();
  });

  // Names → addresses, as a hostile DNS might answer.
  const dns: Record<string, string> = {
    'news.test': '127.0.0.1', // the test server, exempted as exactly 127.0.0.1:<port>
    'rebind.test': '127.0.0.1',
    'ten.test': '10.0.0.1',
    'metadata.test': '169.254.169.254',
    'six.test': '::1',
    'mapped.test': '::ffff:127.0.0.1',
    'internal.test': '10.20.30.40',
  };
  const lookup = async (host: string) => {
    const a = dns[host];
    if (!a) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return [{ address: a, family: a.includes(':') ? 6 : 4 }];
  };
  const make = (allowAddresses: string[] = []) =>
    createFetcher(
      {
        userAgent: 'ParallaxBot/0.1',
        timeoutMs: 2000,
        maxBytes: 1 << 20,
        maxRedirects: 5,
        allowPrivateNetwork: false,
        allowAddresses,
        perHostIntervalMs: 0,
        maxRetries: 0,
      },
      { clock: () => new Date(), logger: silentLogger, lookup, sleep: async () => {} },
    );

  it('refuses host names that resolve to loopback, private, metadata or ::1 addresses', async () => {
    const f = make();
    for (const host of ['rebind.test', 'ten.test', 'metadata.test', 'six.test', 'mapped.test']) {
      const r = await f.fetchText(`http://${host}:${s.port}/page`);
      assert.equal(!r.ok && r.code, 'fetch/blocked-address', host);
    }
    assert.equal(s.log.length, 0, 'no request may reach the server');
  });

  it('refuses literal private IPs', async () => {
    const f = make();
    for (const u of [
      `http://127.0.0.1:${s.port}/page`,
      `http://[::1]:${s.port}/page`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
    ]) {
      const r = await f.fetchText(u);
      assert.equal(!r.ok && r.code, 'fetch/blocked-address', u);
    }
    assert.equal(s.log.length, 0);
  });

  it('fetches through the exact address:port exemption', async () => {
    const f = make([`127.0.0.1:${s.port}`]);
    const r = await f.fetchText(`http://news.test:${s.port}/page`);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.body, 'public page');
  });

  it('blocks redirects from an allowed host to blocked addresses, checked on the resolved address', async () => {
    const f = make([`127.0.0.1:${s.port}`]);
    for (const p of ['/to-internal-name', '/to-metadata', '/to-loopback-other-port', '/to-ipv6-loopback']) {
      const r = await f.fetchText(`http://news.test:${s.port}${p}`);
      assert.equal(!r.ok && r.code, 'fetch/blocked-address', p);
    }
    assert.ok(!s.log.some((l) => l.endsWith('/secret')), 'the redirect target must never be requested');
  });

  it('reports an unresolvable name as fetch/network', async () => {
    const r = await make().fetchText('http://nowhere.test/');
    assert.equal(!r.ok && r.code, 'fetch/network');
  });
});
