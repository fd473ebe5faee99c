package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.SandboxServer;

/** Where the ConnectWise sandbox's HTTP resources register their routes (the sandbox's {@code on}, case-aware). */
@FunctionalInterface
interface CwRouteTable {
    void on(String method, String pattern, SandboxServer.Handler handler);
}
