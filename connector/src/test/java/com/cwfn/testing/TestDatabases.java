package com.cwfn.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real databases for tests: a fresh in-memory H2 per call, and one embedded PostgreSQL (a real server
 * from Maven, started once per JVM) with a fresh database per call.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A JDBC URL of a new, empty H2 database that lives as long as the JVM. */
    public static String h2() {
        return "jdbc:h2:mem:test" + COUNTER.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8)
                + ";DB_CLOSE_DELAY=-1";
    }

    /** A JDBC URL (user postgres, no password) of a new, empty database on the embedded PostgreSQL. */
    public static synchronized String postgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // best effort
                    }
                }));
            }
            String name = "test" + COUNTER.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** URL for a kind name used in parameterized tests: "h2" or "postgres". */
    public static String of(String kind) {
        return "postgres".equals(kind) ? postgres() : h2();
    }
}
