package com.cwfn.store;

import com.cwfn.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a recorded event survive a killed process on an H2 file database without waiting for H2 to write its
 * file. After its insert has committed, each event is appended as one JSON line to a journal file beside the
 * database, and the write has reached the operating system when {@link #append} returns. (H2 keeps commits in
 * memory for up to half a second, and writing them out on demand takes a CHECKPOINT of everything every worker
 * changed.)
 *
 * <p>Every {@code rotateMillis} the journal moves on to a new file, asks for a CHECKPOINT (which writes every
 * commit made so far, so every event in the older files), and then deletes the older files. At start-up,
 * {@link #recover} records the events still in journal files. Those the database already has are repeats of their
 * dedup key and are recorded once.
 */
public final class IntakeJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeJournal.class);

    private final Path dir;
    private final String prefix;
    private final Pattern segmentName;
    private final Runnable checkpoint;
    private final long rotateMillis;
    private final Object lock = new Object();
    private FileChannel current;
    private long currentSeq;
    private boolean dirty;
    private ScheduledExecutorService rotator;

    /**
     * @param base the database file's path without its ending ({@code ./data/connector}); the journal files are
     *        {@code connector.intake-<n>.jsonl} beside it
     * @param checkpoint writes every commit made so far to the database file
     */
    public IntakeJournal(Path base, Runnable checkpoint, long rotateMillis) {
        Path abs = base.toAbsolutePath().normalize();
        this.dir = abs.getParent();
        this.prefix = abs.getFileName() + ".intake-";
        this.segmentName = Pattern.compile(Pattern.quote(prefix) + "(\\d+)\\.jsonl");
        this.checkpoint = checkpoint;
        this.rotateMillis = rotateMillis;
    }

    /**
     * The database file's base path for an H2 URL whose database is a local file ({@code jdbc:h2:file:./data/x},
     * {@code jdbc:h2:./data/x}, {@code jdbc:h2:~/x}); empty for in-memory, server (tcp/ssl) and other URLs.
     */
    public static Optional<Path> baseFor(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
                || lower.startsWith("zip:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(Path.of(name));
    }

    /**
     * Records, through {@code inbox}, the events left in journal files by a process that stopped without
     * cleaning up, writes them to the database file, deletes the journal files, and starts a new one. Call once,
     * before anything is recorded.
     */
    public void recover(InboxStore inbox) {
        List<Path> old = segments();
        int found = 0;
        int recorded = 0;
        for (Path file : old) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the intake journal " + file, e);
            }
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                NewTransaction e;
                try {
                    e = Json.MAPPER.readValue(line, NewTransaction.class);
                } catch (IOException ex) {
                    // a write cut short by the crash: it never returned, so it was never answered 202
                    LOG.warn("intake journal {}: skipped a line that is not a whole transaction", file.getFileName());
                    continue;
                }
                found++;
                if (inbox.insert(e).isPresent()) {
                    recorded++;
                }
            }
        }
        if (!old.isEmpty()) {
            checkpoint.run();
            delete(old);
            LOG.info("intake journal: {} transactions found, {} of them were not in the database and are recorded now",
                    found, recorded);
        }
        synchronized (lock) {
            currentSeq = old.isEmpty() ? 0 : seq(old.get(old.size() - 1));
            openNext();
        }
        rotator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "intake-journal");
            t.setDaemon(true);
            return t;
        });
        rotator.scheduleWithFixedDelay(this::rotateQuietly, rotateMillis, rotateMillis, TimeUnit.MILLISECONDS);
    }

    /** Appends a recorded event; when this returns, the event survives a killed process. */
    public void append(NewTransaction e) {
        byte[] line = (Json.write(e) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            if (current == null) {
                throw new IllegalStateException("the intake journal is not open");
            }
            try {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) {
                    current.write(b);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write the intake journal", ex);
            }
            dirty = true;
        }
    }

    /**
     * Moves on to a new file, checkpoints the database, deletes the older files. The new file is created and the old
     * one closed outside the lock that appends take: creating a file waits for the file system's journal, which a
     * checkpoint's sync keeps busy, and an answer must not wait for that (JFR showed intake threads blocked on it).
     */
    void rotate() {
        long next;
        synchronized (lock) {
            if (!dirty || current == null) {
                return;
            }
            next = currentSeq + 1;
        }
        FileChannel opened = open(next);
        FileChannel old;
        synchronized (lock) {
            old = current;
            current = opened;
            currentSeq = next;
            dirty = false;
        }
        close(old);
        long before = next;
        checkpoint.run(); // every event in the older files was committed before it was appended
        delete(segments().stream().filter(p -> seq(p) < before).toList());
    }

    private void rotateQuietly() {
        try {
            rotate();
        } catch (RuntimeException e) {
            // the files stay until a checkpoint succeeds; nothing is lost, they are replayed at start-up
            LOG.warn("intake journal: the database file could not be written yet ({}); will try again",
                    e.getMessage());
        }
    }

    /** Stops rotating; after a final checkpoint the journal files are no longer needed and are deleted. */
    @Override
    public void close() {
        if (rotator == null) {
            return; // never started: files left by an earlier crash stay for the next recovery
        }
        rotator.shutdownNow();
        synchronized (lock) {
            closeCurrent();
        }
        try {
            checkpoint.run();
            delete(segments());
        } catch (RuntimeException e) {
            LOG.warn("intake journal: kept for the next start ({})", e.getMessage());
        }
    }

    /** The journal files, oldest first. */
    List<Path> segments() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> segmentName.matcher(p.getFileName().toString()).matches())
                    .toList());
            out.sort((a, b) -> Long.compare(seq(a), seq(b)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the intake journal in " + dir, e);
        }
    }

    private long seq(Path p) {
        Matcher m = segmentName.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private void openNext() {
        currentSeq++;
        current = open(currentSeq);
        dirty = false;
    }

    private FileChannel open(long seq) {
        Path file = dir.resolve(prefix + String.format("%06d", seq) + ".jsonl");
        try {
            Files.createDirectories(dir);
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the intake journal " + file, e);
        }
    }

    private void closeCurrent() {
        close(current);
        current = null;
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("intake journal: closing a file failed: {}", e.getMessage());
            }
        }
    }

    private static void delete(List<Path> files) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the intake journal file " + p, e);
            }
        }
    }
}
