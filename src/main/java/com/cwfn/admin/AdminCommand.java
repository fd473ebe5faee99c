package com.cwfn.admin;

import java.util.List;

/** TEMPORARY until the admin issue. */
public final class AdminCommand {
    private AdminCommand() {
    }

    public static int run(List<String> args) {
        System.err.println("admin commands are not built yet");
        return 2;
    }
}
