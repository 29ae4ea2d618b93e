import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Secrets } from '../../plugin/cluster/secrets';

const secrets = suite('cluster/secrets');

secrets('known credentials are replaced wherever they appear, the longest first', () => {
  const s = new Secrets();
  s.addUser({ token: 'abcdef123456', password: 'hunter22', 'auth-provider': { config: { 'id-token': 'abcdef123456-long' } } });
  assert.is(s.scrub('got abcdef123456-long and abcdef123456 and hunter22'), 'got [redacted] and [redacted] and [redacted]');
});

secrets('the credential of an Authorization header is remembered without its scheme', () => {
  const s = new Secrets();
  s.add('Bearer tok-from-exec-plugin');
  assert.is(s.scrub('echo: tok-from-exec-plugin'), 'echo: [redacted]');
});

secrets('header- and field-shaped credentials are removed even when unknown', () => {
  const s = new Secrets();
  assert.is(s.scrub('Authorization: Bearer zzz.yyy.xxx sent'), 'Authorization: Bearer [redacted] sent');
  assert.is(s.scrub('{"token":"qqq","password": "ppp"}'), '{"token":"[redacted]","password": "[redacted]"}');
  assert.is(s.scrub('Basic dXNlcjpwYXNz'), 'Basic [redacted]');
});

secrets('short values and ordinary words are left alone', () => {
  const s = new Secrets();
  s.add('abc');
  s.add(undefined);
  assert.is(s.scrub('the tokenFile abc is fine; cannot list iotprojects'), 'the tokenFile abc is fine; cannot list iotprojects');
});

secrets.run();
