package com.cwfn.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connector's database: a HikariCP pool on H2 (embedded, the default) or PostgreSQL, with the schema
 * brought up to date by Flyway migrations that run on both.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** Opens the pool and migrates the schema. */
    public static Database open(String url, String username, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(h2Settings(url));
        if (username != null && !username.isEmpty()) {
            cfg.setUsername(username);
        }
        if (password != null && !password.isEmpty()) {
            cfg.setPassword(password);
        }
        cfg.setPoolName("connector-db");
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(2);
        cfg.setConnectionTimeout(5_000);
        cfg.setValidationTimeout(2_000);
        boolean postgres = url.startsWith("jdbc:postgresql:");
        HikariDataSource ds = new HikariDataSource(cfg);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations(postgres ? new String[] {"classpath:db/migration/common",
                            "classpath:db/migration/postgresql"} : new String[] {"classpath:db/migration/common"})
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, postgres);
    }

    /**
     * H2 settings the connector relies on, added to the URL unless it sets them itself: LOCK_TIMEOUT, so claims
     * and links (single-row updates) wait for a locked row instead of failing at once; and for a file database
     * WRITE_DELAY=0, so every commit reaches the file before the call returns (H2 otherwise keeps up to half a
     * second of commits in memory, which a killed process loses, an answered callback among them).
     */
    static String h2Settings(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder u = new StringBuilder(url);
        if (!upper.contains(";LOCK_TIMEOUT=")) {
            u.append(";LOCK_TIMEOUT=10000");
        }
        if (!upper.startsWith("JDBC:H2:MEM:") && !upper.contains(";WRITE_DELAY=")) {
            u.append(";WRITE_DELAY=0");
        }
        return u.toString();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** True when the database answers within two seconds. */
    public boolean isUp() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
