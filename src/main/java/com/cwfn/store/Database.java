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
    private final boolean h2File;

    private Database(HikariDataSource dataSource, boolean postgres, boolean h2File) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.h2File = h2File;
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
        return new Database(ds, postgres, url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:"));
    }

    /**
     * H2 settings the connector relies on, added to the URL unless it sets them itself: LOCK_TIMEOUT, so claims
     * and links (single-row updates) wait for a locked row instead of failing at once.
     */
    static String h2Settings(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        return url.toUpperCase(java.util.Locale.ROOT).contains(";LOCK_TIMEOUT=") ? url : url + ";LOCK_TIMEOUT=10000";
    }

    /**
     * Makes what was committed so far survive a killed process, for the few writes that must (an event answered
     * 202, a ticket claimed before its work order is created). PostgreSQL commits are durable already. An H2 file
     * database keeps commits in memory for up to half a second (its WRITE_DELAY); CHECKPOINT writes them out now.
     * (WRITE_DELAY=0 would do that for every commit, but H2 then never reclaims the space of old chunks: the file
     * grows without bound, and every commit is slower.)
     */
    public void flush() {
        if (!h2File) {
            return;
        }
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new StoreException(e);
        }
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
