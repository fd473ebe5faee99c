package com.cwfn.dispatch;

import com.cwfn.testing.TestDatabases;

/** The dispatch suite on H2, the default database. */
class DispatchOnH2Test extends DispatchSuite {
    DispatchOnH2Test() {
        super(TestDatabases.h2());
    }
}
