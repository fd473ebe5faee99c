package com.cwfn.jobs;

import com.cwfn.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobKey;
import org.quartz.utils.ConnectionProvider;

/**
 * With PostgreSQL, the Quartz scheduler behind the scheduled routes uses a clustered JDBC job store in the
 * connector's database, so each job (reconcile, prune) runs on one instance at a time across all instances sharing
 * it. With H2 (one instance) jobs are kept in memory.
 */
public final class QuartzJobStore {
    /**
     * Jobs that earlier versions ran clustered and that now run on each instance's own timer
     * (routes/schedules.camel.yaml): their triggers stay in the job store and would fire, unanswered, every second.
     */
    static final List<JobKey> MOVED_OUT = List.of(JobKey.jobKey("poll-inbox", "connector"),
            JobKey.jobKey("mail-failures", "connector"));
    private static volatile DataSource dataSource;

    private QuartzJobStore() {
    }

    /**
     * @param instanceId this connector instance; with H2 it names the scheduler, so connectors that share a JVM (in
     *     tests) never share one; with PostgreSQL every instance uses one name, the cluster's
     */
    public static void configure(CamelContext context, Database db, String instanceId) {
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setPrefixInstanceName(false);
        Map<String, Object> p = new HashMap<>();
        p.put("org.quartz.scheduler.instanceName", db.isPostgres() ? "cw-fn-connector"
                : "cw-fn-connector-" + instanceId);
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "4");
        if (db.isPostgres()) {
            dataSource = db.dataSource();
            p.put("org.quartz.scheduler.instanceId", "AUTO");
            p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            p.put("org.quartz.jobStore.dataSource", "connector");
            p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
            p.put("org.quartz.jobStore.isClustered", "true");
            p.put("org.quartz.jobStore.clusterCheckinInterval", "5000");
            p.put("org.quartz.jobStore.misfireThreshold", "10000");
            p.put("org.quartz.dataSource.connector.connectionProvider.class", Provider.class.getName());
        } else {
            p.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        }
        quartz.setProperties(p);
    }

    /**
     * Once Camel has started, deletes from the clustered job store the jobs that now run on each instance
     * ({@link #MOVED_OUT}). An instance of an older release still running beside this one (a rolling upgrade) then
     * stops polling and mailing through Quartz; the new instances' own timers do both, so nothing waits.
     */
    public static void forgetMovedJobs(CamelContext context) {
        on(context, org.apache.camel.spi.CamelEvent.CamelContextStartedEvent.class, () -> deleteMovedJobs(context));
    }

    /** Runs {@code action} when Camel emits an event of {@code type}. */
    private static void on(CamelContext context, Class<? extends org.apache.camel.spi.CamelEvent> type,
            Runnable action) {
        context.getManagementStrategy().addEventNotifier(new org.apache.camel.support.EventNotifierSupport() {
            @Override
            public void notify(org.apache.camel.spi.CamelEvent event) {
                if (type.isInstance(event)) {
                    action.run();
                }
            }
        });
    }

    /** The scheduler behind the quartz component, or null when there is none (yet). */
    private static org.quartz.Scheduler scheduler(CamelContext context) throws org.quartz.SchedulerException {
        QuartzComponent quartz = context.hasComponent("quartz") instanceof QuartzComponent q ? q : null;
        return quartz == null ? null : quartz.getScheduler();
    }

    static int deleteMovedJobs(CamelContext context) {
        int deleted = 0;
        try {
            org.quartz.Scheduler scheduler = scheduler(context);
            if (scheduler == null || !scheduler.getMetaData().isJobStoreClustered()) {
                return 0;
            }
            for (JobKey key : MOVED_OUT) {
                if (scheduler.deleteJob(key)) {
                    deleted++;
                    org.slf4j.LoggerFactory.getLogger(QuartzJobStore.class).info(
                            "removed the clustered job {} of an earlier release: it runs on each instance now", key);
                }
            }
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(QuartzJobStore.class).warn(
                    "could not remove the clustered jobs of an earlier release: {}", e.getMessage());
        }
        return deleted;
    }

    /**
     * Shuts the scheduler down when Camel starts stopping, within a few seconds. Quartz's JDBC store retries a
     * database call until it is shut down, and its shutdown first waits for that retrying thread: with the
     * database gone the two wait for each other forever. After {@code graceMs} the scheduler thread is
     * interrupted, which ends the retry; nothing is lost (the jobs run again at the next start).
     */
    public static void stopWithCamel(CamelContext context, long graceMs) {
        on(context, org.apache.camel.spi.CamelEvent.CamelContextStoppingEvent.class,
                () -> stopScheduler(context, graceMs));
    }

    static void stopScheduler(CamelContext context, long graceMs) {
        org.quartz.Scheduler scheduler;
        String name;
        try {
            scheduler = scheduler(context);
            if (scheduler == null || scheduler.isShutdown()) {
                return;
            }
            name = scheduler.getSchedulerName();
        } catch (Exception e) {
            return;
        }
        Thread stopper = new Thread(() -> {
            try {
                scheduler.shutdown(false);
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(QuartzJobStore.class).warn("stopping the scheduler: {}",
                        e.getMessage());
            }
        }, "quartz-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(graceMs);
            if (stopper.isAlive()) {
                org.slf4j.LoggerFactory.getLogger(QuartzJobStore.class).warn(
                        "the scheduler did not stop within {} ms (database unreachable?); interrupting it", graceMs);
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().endsWith("_QuartzSchedulerThread")
                                && t.getName().startsWith(name))
                        .forEach(Thread::interrupt);
                stopper.join(graceMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands Quartz connections from the connector's own pool. */
    public static final class Provider implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the connector, which closes it
        }

        @Override
        public void initialize() {
            // nothing to do: the pool exists before Quartz starts
        }
    }
}
