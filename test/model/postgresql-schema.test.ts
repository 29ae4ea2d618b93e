import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { buildPostgresql } from '../../plugin/model/postgresql';
import { SCHEMA_SQL_PATH } from '../../plugin/model/schema';
import { requireTools } from '../helpers/ci';
import { findKind } from '../helpers/objects';
import { Postgres, PG_BIN, postgresAvailable, startPostgres } from '../helpers/postgres';

const schemaFile = join(__dirname, '..', '..', SCHEMA_SQL_PATH);
const DB = 'device-registry';
const test = suite<{ pg?: Postgres; startError?: unknown }>('device-registry schema on a real PostgreSQL 15');

if (requireTools(test, 'the schema applies on PostgreSQL', postgresAvailable() ? [] : [`initdb, pg_ctl, psql in ${PG_BIN}`],
  'apt-get install postgresql-15')) {
  test.before(async (ctx) => {
    if (!postgresAvailable()) return;
    try {
      ctx.pg = await startPostgres();
      ctx.pg.psql(`CREATE DATABASE "${DB}"`);
    } catch (error) {
      ctx.startError = error; // reported by the first test, so cleanup in `after` still runs
    }
  });

  test.after((ctx) => ctx.pg?.stop());

  const server = (ctx: { pg?: Postgres; startError?: unknown }): Postgres => {
    if (!ctx.pg) throw new Error(`no PostgreSQL server: ${String(ctx.startError ?? `binaries missing in ${PG_BIN}`)}`);
    return ctx.pg;
  };

  test('PostgreSQL 15 is installed and a server starts', (ctx) => {
    assert.ok(postgresAvailable(), `initdb, pg_ctl and psql are expected in ${PG_BIN}`);
    assert.match(server(ctx).psql('SHOW server_version'), /^15\./);
  });

  test('the schema creates the six registry tables and their indexes', (ctx) => {
    const pg = server(ctx);
    pg.psql({ file: schemaFile }, DB);
    const tables = pg.psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", DB);
    assert.equal(tables.split('\n'), [
      'device_credentials',
      'device_groups',
      'device_registrations',
      'device_states',
      'tenant_trust_anchors',
      'tenants',
    ]);
    const indexes = pg.psql("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'idx_%' ORDER BY 1", DB);
    assert.equal(indexes.split('\n'), [
      'idx_device_credentials_tenant',
      'idx_device_credentials_tenant_device',
      'idx_device_groups_tenant',
      'idx_device_groups_tenant_device',
      'idx_device_registrations_tenant',
      'idx_device_states_tenant',
    ]);
  });

  test('tenant ids of 256 characters fit, as Hono 2.3 allows', (ctx) => {
    const type = server(ctx).psql(
      `SELECT format_type(atttypid, atttypmod) FROM pg_attribute
       WHERE attrelid = 'tenants'::regclass AND attname = 'tenant_id'`,
      DB,
    );
    assert.is(type, 'character varying(256)');
  });

  test('a tenant, a device and its credentials are stored and read back', (ctx) => {
    const pg = server(ctx);
    pg.psql(
      `INSERT INTO tenants (tenant_id, version, data) VALUES ('ns1.iot1', 'v1', '{"enabled":true}');
       INSERT INTO tenant_trust_anchors (subject_dn, tenant_id, data) VALUES ('CN=ca,O=ns1', 'ns1.iot1', '{}');
       INSERT INTO device_registrations (tenant_id, device_id, version, created, data)
         VALUES ('ns1.iot1', 'device-1', 'v1', now(), '{"enabled":true}');
       INSERT INTO device_credentials (tenant_id, device_id, type, auth_id, data)
         VALUES ('ns1.iot1', 'device-1', 'hashed-password', 'sensor1', '{"secrets":[]}');
       INSERT INTO device_groups (tenant_id, device_id, group_id) VALUES ('ns1.iot1', 'device-1', 'gateways');`,
      DB,
    );
    const row = pg.psql(
      `SELECT r.device_id, r.auto_provisioned, r.data->>'enabled', c.type, c.auth_id
       FROM device_registrations r JOIN device_credentials c USING (tenant_id, device_id)
       WHERE r.tenant_id = 'ns1.iot1'`,
      DB,
    );
    assert.is(row, 'device-1|f|true|hashed-password|sensor1');
  });

  test('applying the schema a second time succeeds and keeps the data', (ctx) => {
    const pg = server(ctx);
    pg.psql({ file: schemaFile }, DB);
    assert.is(pg.psql('SELECT count(*) FROM device_registrations', DB), '1');
  });

  test('an auth id is unique per tenant and credential type', (ctx) => {
    const pg = server(ctx);
    pg.psql(
      `INSERT INTO device_registrations (tenant_id, device_id, version, created)
       VALUES ('ns1.iot1', 'device-2', 'v1', now())`,
      DB,
    );
    const sameAuthId = `INSERT INTO device_credentials (tenant_id, device_id, type, auth_id)
       VALUES ('ns1.iot1', 'device-2', 'hashed-password', 'sensor1')`;
    assert.throws(() => pg.psql(sameAuthId, DB), /duplicate key value violates unique constraint/);
  });

  test("the schema Job's own script waits for the server and applies the schema again without error", (ctx) => {
    const pg = server(ctx);
    const [container] = findKind(buildPostgresql({ namespace: 'x' }, ''), 'Job').spec.template.spec.containers;
    const [shell, flag, script] = container.command as string[];
    // The Job mounts the ConfigMap at /schema; here the file sits in the checkout.
    const local = script.replace('/schema/', `${dirname(schemaFile)}/`);
    const env = {
      PATH: `${PG_BIN}:${process.env.PATH}`,
      PGHOST: '127.0.0.1',
      PGPORT: String(pg.port),
      PGUSER: 'postgres',
      PGDATABASE: DB,
      PGPASSWORD: 'unused-with-trust-auth',
    };
    execFileSync(shell, [flag, local], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.is(pg.psql('SELECT count(*) FROM device_registrations', DB), '2');
  });

  test('deleting a device deletes its credentials and groups', (ctx) => {
    const pg = server(ctx);
    pg.psql("DELETE FROM device_registrations WHERE tenant_id = 'ns1.iot1' AND device_id = 'device-1'", DB);
    assert.is(pg.psql('SELECT count(*) FROM device_credentials', DB), '0');
    assert.is(pg.psql('SELECT count(*) FROM device_groups', DB), '0');
  });

  test('deleting a tenant deletes its trust anchors', (ctx) => {
    const pg = server(ctx);
    pg.psql("DELETE FROM tenants WHERE tenant_id = 'ns1.iot1'", DB);
    assert.is(pg.psql('SELECT count(*) FROM tenant_trust_anchors', DB), '0');
  });
}

test.run();
