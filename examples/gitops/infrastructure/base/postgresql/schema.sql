-- Device registry schema for Eclipse Hono's JDBC device registry on PostgreSQL (Hono 2.3 and later).
-- Tables and columns follow what Hono's JDBC registry reads and writes; identifiers are unquoted, so
-- PostgreSQL folds them to lower case exactly as Hono's own statements expect.
-- Every statement is CREATE ... IF NOT EXISTS: applying this file again is harmless, which is what
-- the schema Job relies on when a GitOps tool re-runs it.
-- Written for kubectl-iot; edit here, the infrastructure base and the plugin both read this file.

BEGIN;

CREATE TABLE IF NOT EXISTS tenants (
    TENANT_ID  VARCHAR(256) NOT NULL,
    VERSION    CHAR(36)     NOT NULL,
    DATA       TEXT,

    PRIMARY KEY (TENANT_ID)
);

-- A trust anchor's subject DN identifies its tenant across the whole registry.
CREATE TABLE IF NOT EXISTS tenant_trust_anchors (
    SUBJECT_DN VARCHAR(256) NOT NULL,
    TENANT_ID  VARCHAR(256) NOT NULL,
    DATA       TEXT,

    PRIMARY KEY (SUBJECT_DN),
    FOREIGN KEY (TENANT_ID) REFERENCES tenants (TENANT_ID) ON DELETE CASCADE
);

-- Devices carry no foreign key to tenants: Hono may keep tenants and devices in different databases.
CREATE TABLE IF NOT EXISTS device_registrations (
    TENANT_ID                           VARCHAR(256) NOT NULL,
    DEVICE_ID                           VARCHAR(256) NOT NULL,
    VERSION                             CHAR(36)     NOT NULL,
    CREATED                             TIMESTAMP    NOT NULL,
    UPDATED_ON                          TIMESTAMP,
    AUTO_PROVISIONED                    BOOLEAN      DEFAULT FALSE,
    AUTO_PROVISIONING_NOTIFICATION_SENT BOOLEAN      DEFAULT FALSE,
    DATA                                JSONB,

    PRIMARY KEY (TENANT_ID, DEVICE_ID)
);

-- An auth id is unique per tenant and credential type, whichever device owns it.
CREATE TABLE IF NOT EXISTS device_credentials (
    TENANT_ID  VARCHAR(256) NOT NULL,
    DEVICE_ID  VARCHAR(256) NOT NULL,
    TYPE       VARCHAR(64)  NOT NULL,
    AUTH_ID    VARCHAR(256) NOT NULL,
    DATA       JSONB,

    PRIMARY KEY (TENANT_ID, TYPE, AUTH_ID),
    FOREIGN KEY (TENANT_ID, DEVICE_ID) REFERENCES device_registrations (TENANT_ID, DEVICE_ID) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS device_groups (
    TENANT_ID  VARCHAR(256) NOT NULL,
    DEVICE_ID  VARCHAR(256) NOT NULL,
    GROUP_ID   VARCHAR(256) NOT NULL,

    PRIMARY KEY (TENANT_ID, DEVICE_ID, GROUP_ID),
    FOREIGN KEY (TENANT_ID, DEVICE_ID) REFERENCES device_registrations (TENANT_ID, DEVICE_ID) ON DELETE CASCADE
);

-- Written by the device connection service (last known gateway, adapter instance for commands).
CREATE TABLE IF NOT EXISTS device_states (
    TENANT_ID           VARCHAR(256) NOT NULL,
    DEVICE_ID           VARCHAR(256) NOT NULL,
    LAST_KNOWN_GATEWAY  VARCHAR(256),
    ADAPTER_INSTANCE_ID VARCHAR(256),

    PRIMARY KEY (TENANT_ID, DEVICE_ID)
);

CREATE INDEX IF NOT EXISTS idx_device_registrations_tenant ON device_registrations (TENANT_ID);
CREATE INDEX IF NOT EXISTS idx_device_credentials_tenant ON device_credentials (TENANT_ID);
CREATE INDEX IF NOT EXISTS idx_device_credentials_tenant_device ON device_credentials (TENANT_ID, DEVICE_ID);
CREATE INDEX IF NOT EXISTS idx_device_states_tenant ON device_states (TENANT_ID);
CREATE INDEX IF NOT EXISTS idx_device_groups_tenant ON device_groups (TENANT_ID);
CREATE INDEX IF NOT EXISTS idx_device_groups_tenant_device ON device_groups (TENANT_ID, DEVICE_ID);

COMMIT;
