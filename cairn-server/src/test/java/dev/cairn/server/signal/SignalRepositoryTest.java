package dev.cairn.server.signal;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.support.ApiTestBase;
import dev.cairn.server.support.Db;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Persistence round trips; runs on H2 and, in the postgres profile, on PostgreSQL. */
class SignalRepositoryTest extends ApiTestBase {
    @Autowired
    SignalRepository repository;

    @Test
    void everyColumnSurvivesARoundTrip() {
        var owner = newMember("northwind");
        var now = Db.now();
        Signal s = new Signal(UuidV7.next(), SignalType.USERNAME, "Robux_Boy", "robux_boy", false,
                List.of("GROOMING", "SEXTORTION"), 77, "Seen twice", List.of("case:123", "ring-b"), "example-chat", null,
                now.plus(Duration.ofDays(3)), SignalStatus.ACTIVE, null, owner.id(), owner.slug(), now, now, 1, Visibility.PRIVATE,
                null);
        repository.insertAll(List.of(s));
        Signal back = repository.find(s.id()).orElseThrow();
        assertThat(back).isEqualTo(s);
    }

    @Test
    void findAllLoadsEachSignalWithItsOwnCategoriesAndTags() {
        var owner = newMember("contoso");
        var now = Db.now();
        Signal tagged = new Signal(UuidV7.next(), SignalType.DOMAIN, "a.example.org", "a.example.org", false,
                List.of("GROOMING", "SEXTORTION"), 60, null, List.of("ring-a", "wave-2"), null, null,
                now.plus(Duration.ofDays(3)), SignalStatus.ACTIVE, null, owner.id(), owner.slug(), now, now, 1,
                Visibility.ALL, null);
        Signal plain = new Signal(UuidV7.next(), SignalType.DOMAIN, "b.example.org", "b.example.org", false,
                List.of("CSAM_DISTRIBUTION"), 40, null, List.of(), null, null, now.plus(Duration.ofDays(3)),
                SignalStatus.ACTIVE, null, owner.id(), owner.slug(), now, now, 1, Visibility.ALL, null);
        repository.insertAll(List.of(tagged, plain));

        List<Signal> found = repository.findAll(List.of(plain.id(), UuidV7.next(), tagged.id()));

        assertThat(found).containsExactlyInAnyOrder(tagged, plain);
        assertThat(repository.findAll(List.of())).isEmpty();
    }

    @Test
    void uuidV7IdsIncreaseWithTime() {
        var a = UuidV7.next();
        var b = UuidV7.next();
        assertThat(a.version()).isEqualTo(7);
        assertThat(Long.compareUnsigned(b.getMostSignificantBits(), a.getMostSignificantBits())).isPositive();
    }
}
