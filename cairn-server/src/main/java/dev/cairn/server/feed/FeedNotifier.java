package dev.cairn.server.feed;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling feed readers as soon as a change commits in this process. Readers also re-check the database at
 * least once a second, so changes committed by another server instance reach them too.
 */
@Component
public class FeedNotifier {
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JdbcTemplate jdbc;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long latest = -1;

    public FeedNotifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code listener} whenever the feed advances in this process (after the commit). Listeners must only signal
     * (wake a thread), never block: they run on the committing thread.
     */
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    void advanced(long seq) {
        lock.lock();
        try {
            if (seq > latest) {
                latest = seq;
            }
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
        listeners.forEach(Runnable::run);
    }

    public long latestCommitted() {
        Long seq = jdbc.queryForObject("SELECT last_seq FROM feed_counter WHERE id = 1", Long.class);
        long v = seq == null ? 0 : seq;
        if (v > latest) {
            advanced(v);
        }
        return v;
    }

    /** Blocks until an event after {@code after} has committed or {@code wait} passes. True if one has. */
    public boolean await(long after, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        if (latestCommitted() > after) {
            return true;
        }
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            lock.lock();
            try {
                if (latest <= after) {
                    advanced.awaitNanos(Math.min(remaining, RECHECK_NANOS));
                }
            } finally {
                lock.unlock();
            }
            if (latest > after || latestCommitted() > after) {
                return true;
            }
        }
    }
}
