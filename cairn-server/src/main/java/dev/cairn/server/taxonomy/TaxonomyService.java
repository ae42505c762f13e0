package dev.cairn.server.taxonomy;

import dev.cairn.server.support.Db;
import dev.cairn.server.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The taxonomy, cached in memory: it is tiny and read on every submit. */
@Service
public class TaxonomyService {
    public static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    private final JdbcClient jdbc;
    private final Map<String, Category> cache = new ConcurrentHashMap<>();

    public TaxonomyService(JdbcClient jdbc) {
        this.jdbc = jdbc;
        reload();
    }

    private void reload() {
        List<Category> all = jdbc.sql("SELECT * FROM category ORDER BY code")
                .query((rs, i) -> new Category(rs.getString("code"), rs.getString("name"), rs.getString("description"),
                        rs.getInt("retention_days"), rs.getBoolean("deprecated")))
                .list();
        cache.clear();
        all.forEach(c -> cache.put(c.code(), c));
    }

    public List<Category> list() {
        return cache.values().stream().sorted(java.util.Comparator.comparing(Category::code)).toList();
    }

    public Optional<Category> find(String code) {
        return Optional.ofNullable(cache.get(code));
    }

    @Transactional
    public Category add(Category c) {
        try {
            jdbc.sql("INSERT INTO category (code, name, description, retention_days, deprecated, created_at) VALUES (?, ?, ?, ?, FALSE, ?)")
                    .params(c.code(), c.name(), c.description(), c.retentionDays(), Db.ts(Db.now())).update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("category-exists", "A category with this code already exists");
        }
        reload();
        return cache.get(c.code());
    }

    @Transactional
    public Category deprecate(String code) {
        if (jdbc.sql("UPDATE category SET deprecated = TRUE WHERE code = ?").param(code).update() == 0) {
            throw ApiException.notFound("Category");
        }
        reload();
        return cache.get(code);
    }
}
