package com.cwfn.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connector's database: a HikariCP pool on H2 (embedded, the default) or PostgreSQL, with the schema
 * brought up to date by Flyway migrations that run on both.
 */
public final class Database implements AutoCloseable {
    /** Statements H2 keeps parsed per connection (its default is 8). */
    static final int QUERY_CACHE_SIZE = 64;
    private final HikariDataSource dataSource;
    private final boolean postgres;
    private final boolean h2File;
    private final Object flushLock = new Object();
    private CompletableFuture<Void> nextFlush = new CompletableFuture<>();
    private boolean flushRequested;
    private boolean closed;
    private Thread flusher;
    private final IntakeJournal journal;

    private Database(HikariDataSource dataSource, boolean postgres, boolean h2File, String url) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.h2File = h2File;
        this.journal = IntakeJournal.baseFor(url).map(base -> new IntakeJournal(base, this::flush, 1_000))
                .orElse(null);
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
        return new Database(ds, postgres, url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:"), url);
    }

    /**
     * H2 settings the connector relies on, added to the URL unless it sets them itself: LOCK_TIMEOUT, so claims
     * and links (single-row updates) wait for a locked row instead of failing at once; DB_CLOSE_ON_EXIT=FALSE, so
     * H2's own shutdown hook does not close the database under the connector while it stops (the connector closes
     * it last, after the intake journal's final checkpoint); QUERY_CACHE_SIZE=64, so each connection keeps the
     * parsed form of every statement the connector repeats (about 25 in a dispatch and its webhook; with H2's
     * default of 8 most were parsed again on every use, 7 % of the connector's CPU).
     */
    static String h2Settings(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String out = withDefault(url, "LOCK_TIMEOUT", "10000");
        out = withDefault(out, "DB_CLOSE_ON_EXIT", "FALSE");
        return withDefault(out, "QUERY_CACHE_SIZE", String.valueOf(QUERY_CACHE_SIZE));
    }

    private static String withDefault(String url, String setting, String value) {
        return url.toUpperCase(java.util.Locale.ROOT).contains(";" + setting + "=") ? url
                : url + ";" + setting + "=" + value;
    }

    /**
     * Makes what was committed so far survive a killed process, for the few writes that must (a ticket claimed
     * before its work order is created; an event answered 202 where there is no {@link #intakeJournal()}).
     * PostgreSQL commits are durable already. An H2 file
     * database keeps commits in memory for up to half a second (its WRITE_DELAY); CHECKPOINT writes them out now.
     * (WRITE_DELAY=0 would do that for every commit, but H2 then never reclaims the space of old chunks: the file
     * grows without bound, and every commit is slower.)
     */
    public void flush() {
        if (!h2File) {
            return;
        }
        CompletableFuture<Void> mine;
        synchronized (flushLock) {
            if (flusher == null) {
                flusher = new Thread(this::flushLoop, "h2-checkpoint");
                flusher.setDaemon(true);
                flusher.start();
            }
            mine = nextFlush;
            flushRequested = true;
            flushLock.notifyAll();
        }
        try {
            mine.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the database file", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the database file was not written within 30 s", e);
        }
    }

    /**
     * Group commit: one CHECKPOINT covers every commit made before it started, so callers that ask while one runs
     * wait for the next one, and under load one write serves many callers instead of one each.
     */
    private void flushLoop() {
        while (true) {
            CompletableFuture<Void> batch;
            synchronized (flushLock) {
                while (!flushRequested && !closed) {
                    try {
                        flushLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    nextFlush.completeExceptionally(new IllegalStateException("the database is closed"));
                    return;
                }
                batch = nextFlush;
                nextFlush = new CompletableFuture<>();
                flushRequested = false;
            }
            try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
                batch.complete(null);
            } catch (SQLException e) {
                batch.completeExceptionally(new StoreException(e));
            } catch (RuntimeException e) {
                batch.completeExceptionally(e);
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** True when the database answers within two seconds. */
    /**
     * True when the database accepts a new connection now, tried outside the pool (whose waiters queue behind each
     * other and whose reconnects back off): how an outage's end is noticed at once.
     */
    public boolean answersNewConnection() {
        try (Connection c = java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(),
                dataSource.getPassword())) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public boolean isUp() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * The journal that makes recorded events durable on a local H2 file database (see {@link IntakeJournal});
     * empty on PostgreSQL, in-memory and H2 server databases, where {@link #flush()} is what does it.
     */
    public Optional<IntakeJournal> intakeJournal() {
        return Optional.ofNullable(journal);
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
        synchronized (flushLock) {
            closed = true;
            flushLock.notifyAll();
        }
        dataSource.close();
    }
}
