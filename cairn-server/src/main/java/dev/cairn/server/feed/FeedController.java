package dev.cairn.server.feed;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.taxonomy.TaxonomyService;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.QueryParams;
import dev.cairn.server.web.RequestBodies;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

import java.io.BufferedOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * {@code GET /api/v1/feed}: every change to the signals a participant can see, in commit order. JSON pages by
 * default; with {@code Accept: application/x-ndjson} one event per line until caught up, then a final
 * {@code {"next_cursor": ...}} line.
 */
@RestController
@RequestMapping("/api/v1/feed")
public class FeedController {
    private static final String CURSOR_REASON = "must be a cursor returned by the feed (a non-negative integer)";
    private static final int STREAM_PAGE = 10_000;

    private final FeedService feed;
    private final TaxonomyService taxonomy;
    private final ObjectWriter lines;
    /** Reads the stream's next page while the current one is written; virtual, so idle streams cost nothing. */
    private final Executor prefetch = Executors.newVirtualThreadPerTaskExecutor();

    public FeedController(FeedService feed, TaxonomyService taxonomy, ObjectMapper json) {
        this.feed = feed;
        this.taxonomy = taxonomy;
        this.lines = json.writerFor(FeedEvent.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                .withRootValueSeparator((String) null);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> page(@AuthenticationPrincipal Caller caller,
                                    @RequestParam(required = false) String after,
                                    @RequestParam(required = false, defaultValue = "1000") String limit,
                                    @RequestParam(required = false) String types,
                                    @RequestParam(required = false) String categories,
                                    @RequestParam(required = false, defaultValue = "0") String wait)
            throws InterruptedException {
        List<FieldError> errors = new ArrayList<>();
        long cursor = QueryParams.sequence("after", after, CURSOR_REASON, errors);
        int n = QueryParams.bounded("limit", limit, 1, 10_000, errors);
        int waitSeconds = QueryParams.bounded("wait", wait, 0, 60, errors);
        FeedService.Filter filter = filter(types, categories, errors);
        if (!errors.isEmpty()) {
            throw ApiException.malformed("Invalid query parameters", errors);
        }
        FeedService.Page page = feed.page(caller, cursor, n, filter, Duration.ofSeconds(waitSeconds));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", page.events());
        out.put("next_cursor", Long.toString(page.nextCursor()));
        out.put("caught_up", page.caughtUp());
        return out;
    }

    @GetMapping(produces = RequestBodies.NDJSON)
    public ResponseEntity<StreamingResponseBody> stream(@AuthenticationPrincipal Caller caller,
                                                        @RequestParam(required = false) String after,
                                                        @RequestParam(required = false) String types,
                                                        @RequestParam(required = false) String categories) {
        List<FieldError> errors = new ArrayList<>();
        long start = QueryParams.sequence("after", after, CURSOR_REASON, errors);
        FeedService.Filter filter = filter(types, categories, errors);
        if (!errors.isEmpty()) {
            throw ApiException.malformed("Invalid query parameters", errors);
        }
        caller.require(dev.cairn.server.auth.Scope.READ);
        StreamingResponseBody body = raw -> {
            try (JsonGenerator out = lines.createGenerator(new BufferedOutputStream(raw, 1 << 16))) {
                long cursor = stream(caller, start, filter, out);
                out.writeStartObject();
                out.writeStringProperty("next_cursor", Long.toString(cursor));
                out.writeEndObject();
                out.writeRaw('\n');
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(RequestBodies.NDJSON)).body(body);
    }

    /**
     * Writes every event after {@code cursor} until caught up and returns the final cursor. While one page is
     * written the next is read and decrypted on another thread, so the database and the serializer overlap.
     */
    private long stream(Caller caller, long cursor, FeedService.Filter filter, JsonGenerator out) {
        FeedService.Page page = feed.read(caller, cursor, STREAM_PAGE, filter);
        while (true) {
            long next = page.nextCursor();
            CompletableFuture<FeedService.Page> ahead = page.caughtUp() ? null
                    : CompletableFuture.supplyAsync(() -> feed.read(caller, next, STREAM_PAGE, filter), prefetch);
            try {
                for (FeedEvent e : page.events()) {
                    lines.writeValue(out, e);
                    out.writeRaw('\n');
                }
            } catch (RuntimeException e) {
                if (ahead != null) {
                    ahead.cancel(false);
                }
                throw e;
            }
            if (ahead == null) {
                return next;
            }
            page = ahead.join();
        }
    }

    private FeedService.Filter filter(String types, String categories, List<FieldError> errors) {
        Set<SignalType> t = new LinkedHashSet<>();
        if (types != null) {
            for (String name : types.split(",")) {
                SignalType type = SignalType.parse(name);
                if (type == null) {
                    errors.add(new FieldError("types", "unknown signal type"));
                } else {
                    t.add(type);
                }
            }
        }
        Set<String> c = new LinkedHashSet<>();
        if (categories != null) {
            for (String code : categories.split(",")) {
                String upper = code.strip().toUpperCase(Locale.ROOT);
                if (taxonomy.find(upper).isEmpty()) {
                    errors.add(new FieldError("categories", "unknown category"));
                } else {
                    c.add(upper);
                }
            }
        }
        return new FeedService.Filter(t, c);
    }
}
