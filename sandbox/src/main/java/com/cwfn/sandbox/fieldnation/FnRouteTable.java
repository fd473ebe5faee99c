package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.SandboxServer;

/** Where the Field Nation sandbox's HTTP resources register their routes (the sandbox's own route table). */
@FunctionalInterface
interface FnRouteTable {
    void route(String method, String pattern, SandboxServer.Handler handler);
}
