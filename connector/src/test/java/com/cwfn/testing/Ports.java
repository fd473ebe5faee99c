package com.cwfn.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free TCP ports for tests. Each test JVM of a build takes its ports from its own block ({@code test.fork}, which
 * surefire and failsafe set to their fork number), below the kernel's ephemeral range: a port the OS hands out for
 * "any free port" could be handed to a test in another JVM before the first one's server binds it, and then one of
 * the two connectors answered the other's callbacks.
 */
public final class Ports {
    private static final int FIRST = 10_000;
    private static final int BLOCK = 1_500;
    /** Where Linux's ephemeral range begins by default (net.ipv4.ip_local_port_range). */
    private static final int EPHEMERAL = 32_768;
    private static final int START = FIRST + BLOCK * Math.floorMod(Integer.getInteger("test.fork", 0),
            (EPHEMERAL - FIRST) / BLOCK);
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(BLOCK));

    private Ports() {
    }

    public static int free() {
        for (int i = 0; i < BLOCK; i++) {
            int port = START + Math.floorMod(NEXT.getAndIncrement(), BLOCK);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + START + "-" + (START + BLOCK - 1));
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
