package dev.cairn.server.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Chooses the database of the integration suite: in-memory H2 by default, PostgreSQL when Maven's {@code postgres}
 * profile sets {@code cairn.test.db=postgres}. On PostgreSQL the suite owns the schema {@code cairn_it}, dropped and
 * recreated by Flyway at the start of each run so every run starts from the migrations.
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("cairn.test.db"));
    }

    public static void configure(DynamicPropertyRegistry registry) {
        if (postgres()) {
            String url = System.getProperty("cairn.test.pg-url",
                    "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=cairn_it");
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> System.getProperty("cairn.test.pg-user", "postgres"));
            registry.add("spring.datasource.password", () -> System.getProperty("cairn.test.pg-password", ""));
            registry.add("spring.flyway.schemas", () -> "cairn_it");
            registry.add("spring.flyway.default-schema", () -> "cairn_it");
            registry.add("spring.flyway.clean-disabled", () -> "false");
            registry.add("spring.flyway.clean-on-validation-error", () -> "false");
        } else {
            registry.add("spring.datasource.url",
                    () -> "jdbc:h2:mem:cairn-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
    }
}
