package dev.cairn.server.signal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks signals EXPIRED once their validity ends. Matching also checks valid_until itself, so an expired signal never
 * matches even in the minute before this job reaches it.
 */
@Component
public class ExpiryJob {
    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);
    private static final int BATCH = 1000;

    private final SignalService signals;

    public ExpiryJob(SignalService signals) {
        this.signals = signals;
    }

    @Scheduled(fixedDelayString = "${cairn.expiry-interval:PT1M}", initialDelayString = "PT5S")
    public void run() {
        int total = 0;
        int n;
        do {
            n = signals.expireDue(BATCH);
            total += n;
        } while (n == BATCH);
        if (total > 0) {
            log.info("Expired {} signals", total);
        }
    }
}
