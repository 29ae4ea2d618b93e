/** Properties of the name rules (plugin/model/names.ts): DNS-1123, tenant names and the managed addresses. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import {
  adapterAddresses, invalidLabel, invalidSubdomain, invalidTenantName, managedAddresses, MANAGED_ADDRESS_PREFIXES,
  TENANT_NAME_MAX, tenantName,
} from '../../plugin/model/names';
import { validNamespace } from '../../plugin/commands/options';
import { validProjectName } from '../../plugin/commands/create/project';
import { CliError } from '../../plugin/errors';
import {
  anyName, dnsLabel, dnsSubdomain, HONO_TENANT, isK8sLabel, isK8sSubdomain, nameCandidate, PARAMS,
} from '../helpers/arbitraries';

const params = PARAMS;
/** A validator's answer: undefined for a valid name, else one non-empty line. */
function verdict(answer: string | undefined): boolean {
  if (answer === undefined) return true;
  assert.type(answer, 'string');
  assert.ok(answer.length > 0 && !/[\r\n]/.test(answer.replace(/"[^]*"/, '')), `one line: ${JSON.stringify(answer)}`);
  return false;
}

const dns = suite('property: DNS-1123 names agree with the Kubernetes regexes');

dns('the generators make valid names (sanity of the oracle)', () => {
  fc.assert(fc.property(dnsLabel(), (s) => isK8sLabel(s)), params);
  fc.assert(fc.property(dnsSubdomain(), (s) => isK8sSubdomain(s)), params);
  // Lengths at the limits are drawn.
  const lengths = fc.sample(dnsSubdomain(), { numRuns: 300, seed: 1 }).map((s) => s.length);
  assert.ok(lengths.includes(253), 'subdomains of 253 characters are generated');
});

dns('invalidLabel accepts exactly ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ of at most 63 characters', () => {
  fc.assert(fc.property(nameCandidate(), (s) => {
    assert.is(verdict(invalidLabel(s)), isK8sLabel(s), JSON.stringify(s));
  }), params);
});

dns('invalidSubdomain accepts exactly dot-separated labels of at most 253 characters', () => {
  fc.assert(fc.property(nameCandidate(), (s) => {
    assert.is(verdict(invalidSubdomain(s)), isK8sSubdomain(s), JSON.stringify(s));
  }), params);
});

dns('arbitrary code points: both validators agree with the regexes', () => {
  fc.assert(fc.property(anyName(), (s) => {
    assert.is(verdict(invalidLabel(s)), isK8sLabel(s), JSON.stringify(s));
    assert.is(verdict(invalidSubdomain(s)), isK8sSubdomain(s), JSON.stringify(s));
  }), params);
});

dns('every label is a subdomain; a subdomain without dots of at most 63 characters is a label', () => {
  fc.assert(fc.property(nameCandidate(), (s) => {
    if (invalidLabel(s) === undefined) assert.is(invalidSubdomain(s), undefined, s);
    if (invalidSubdomain(s) === undefined && !s.includes('.') && s.length <= 63) assert.is(invalidLabel(s), undefined, s);
  }), params);
});

dns('validNamespace (-n) accepts exactly the labels and otherwise throws a one-line CliError', () => {
  fc.assert(fc.property(nameCandidate(), (s) => {
    let error: unknown;
    try {
      assert.is(validNamespace(s), s);
    } catch (e) {
      error = e;
    }
    assert.is(error === undefined, isK8sLabel(s), JSON.stringify(s));
    if (error) assert.instance(error, CliError);
  }), params);
});

dns.run();

const tenants = suite('property: tenant names and addresses');

tenants('tenant = NS.N; the namespace is the part before the first dot; four managed and adapter addresses', () => {
  fc.assert(fc.property(dnsLabel(), dnsSubdomain(), (ns, name) => {
    const tenant = tenantName(ns, name);
    assert.is(tenant, `${ns}.${name}`);
    assert.is(tenant.split('.')[0], ns);
    assert.is(tenant.slice(tenant.indexOf('.') + 1), name);
    const managed = managedAddresses(ns, name);
    assert.equal(managed, ['telemetry', 'event', 'command', 'command_response'].map((p) => `${p}/${tenant}`));
    assert.equal(managed.map((a) => a.split('/')), MANAGED_ADDRESS_PREFIXES.map((p) => [p, tenant]));
    const adapter = adapterAddresses(ns, name);
    assert.equal(adapter, managed.map((a) => `${ns}/${a}`));
    // And back: vhost, prefix and tenant are recovered from an adapter address.
    for (const [i, address] of adapter.entries()) {
      const [vhost, prefix, t, ...rest] = address.split('/');
      assert.equal([vhost, prefix, t, rest], [ns, MANAGED_ADDRESS_PREFIXES[i], tenant, []]);
    }
  }), params);
});

tenants('the tenant of a valid namespace and name is valid exactly when it has at most 256 characters', () => {
  const long = fc.tuple(dnsLabel(), dnsSubdomain()).filter(([ns, n]) => ns.length + n.length > 150);
  fc.assert(fc.property(fc.oneof(fc.tuple(dnsLabel(), dnsSubdomain()), long), ([ns, name]) => {
    const tenant = tenantName(ns, name);
    assert.is(invalidTenantName(tenant) === undefined, tenant.length <= TENANT_NAME_MAX, `${tenant.length}`);
  }), params);
});

tenants('invalidTenantName accepts exactly ^[a-zA-Z0-9-_\\.]+$ of at most 256 characters', () => {
  const tenantish = fc.oneof(
    nameCandidate(),
    fc.string({ unit: fc.constantFrom(...'aZ09-_.'), minLength: 250, maxLength: 262 }),
    fc.tuple(nameCandidate(), nameCandidate()).map(([a, b]) => `${a}.${b}`),
  );
  fc.assert(fc.property(tenantish, (t) => {
    const expected = t.length <= 256 && HONO_TENANT.test(t);
    const answer = invalidTenantName(t);
    assert.is(answer === undefined, expected, JSON.stringify(t));
    if (answer !== undefined) assert.type(answer, 'string');
  }), params);
});

tenants('validProjectName accepts a name exactly when it is a subdomain and its tenant is valid', () => {
  fc.assert(fc.property(dnsLabel(), nameCandidate(), (ns, name) => {
    let error: unknown;
    try {
      assert.is(validProjectName(name, ns), name);
    } catch (e) {
      error = e;
    }
    const expected = isK8sSubdomain(name) && ns.length + 1 + name.length <= 256;
    assert.is(error === undefined, expected, `${ns} ${JSON.stringify(name)}`);
    if (error) assert.instance(error, CliError);
  }), params);
});

tenants.run();
