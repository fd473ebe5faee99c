package com.cwfn.dispatch;

import com.cwfn.testing.TestDatabases;

/** The same dispatch suite on a real PostgreSQL (embedded). */
class DispatchOnPostgresTest extends DispatchSuite {
    DispatchOnPostgresTest() {
        super(TestDatabases.postgres());
    }
}
