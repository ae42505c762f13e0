package dev.cairn.server.sharing;

import dev.cairn.server.signal.UuidV7;
import dev.cairn.server.support.Db;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sharing groups and their members, cached in memory because every read path (get, search, match, feed,
 * webhooks) asks "is this participant in that group".
 */
@Service
public class SharingGroups {
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 1000;
    private final JdbcClient jdbc;
    private volatile Map<UUID, Set<UUID>> groupsByParticipant = Map.of();

    public record Group(UUID id, String name, String description, List<UUID> members) {
    }

    public SharingGroups(JdbcClient jdbc) {
        this.jdbc = jdbc;
        reload();
    }

    private void reload() {
        Map<UUID, Set<UUID>> m = new HashMap<>();
        jdbc.sql("SELECT group_id, participant_id FROM sharing_group_member").query(rs -> {
            m.computeIfAbsent(rs.getObject(2, UUID.class), k -> new HashSet<>()).add(rs.getObject(1, UUID.class));
        });
        m.replaceAll((k, v) -> Set.copyOf(v));
        groupsByParticipant = Map.copyOf(m);
    }

    /** The groups a participant belongs to. */
    public Set<UUID> groupsOf(UUID participant) {
        return groupsByParticipant.getOrDefault(participant, Set.of());
    }

    public boolean isMember(UUID participant, UUID group) {
        return group != null && groupsOf(participant).contains(group);
    }

    public List<Group> list(UUID viewer, boolean operator) {
        List<Group> all = jdbc.sql("SELECT id, name, description FROM sharing_group ORDER BY name")
                .query((rs, i) -> new Group(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), members(rs.getObject(1, UUID.class))))
                .list();
        return operator ? all : all.stream().filter(g -> g.members().contains(viewer)).toList();
    }

    private List<UUID> members(UUID group) {
        return jdbc.sql("SELECT participant_id FROM sharing_group_member WHERE group_id = ? ORDER BY participant_id")
                .param(group).query(UUID.class).list();
    }

    /**
     * The rules for a group's name and description, in one place so that the API and the console refuse the same
     * things with the same words. A null name is a missing one; the name is stored stripped.
     */
    public static void check(String name, String description, List<FieldError> errors) {
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.strip().length() > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
    }

    /**
     * Creates a group after {@link #check}ing its name and description (422 with field errors); a name already in
     * use is a 409 {@code group-exists}.
     */
    @Transactional
    public Group create(String name, String description, List<UUID> members) {
        List<FieldError> errors = new ArrayList<>();
        check(name, description, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        name = name.strip();
        UUID id = UuidV7.next();
        try {
            jdbc.sql("INSERT INTO sharing_group (id, name, description, created_at) VALUES (?, ?, ?, ?)")
                    .params(id, name, description, Db.ts(Db.now())).update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("group-exists", "A sharing group with this name already exists");
        }
        for (UUID m : members) {
            addMember(id, m);
        }
        reloadAfterCommit();
        return new Group(id, name, description, members(id));
    }

    @Transactional
    public Group addMember(UUID group, UUID participant) {
        requireGroup(group);
        try {
            jdbc.sql("INSERT INTO sharing_group_member (group_id, participant_id) VALUES (?, ?)").params(group, participant).update();
        } catch (DuplicateKeyException e) {
            // already a member: adding is idempotent
        } catch (DataIntegrityViolationException e) {
            throw ApiException.invalid("participant_id", "no such participant");
        }
        reloadAfterCommit();
        return get(group);
    }

    @Transactional
    public Group removeMember(UUID group, UUID participant) {
        requireGroup(group);
        jdbc.sql("DELETE FROM sharing_group_member WHERE group_id = ? AND participant_id = ?").params(group, participant).update();
        reloadAfterCommit();
        return get(group);
    }

    public Group get(UUID group) {
        return jdbc.sql("SELECT id, name, description FROM sharing_group WHERE id = ?").param(group)
                .query((rs, i) -> new Group(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), members(group)))
                .optional().orElseThrow(() -> ApiException.notFound("Sharing group"));
    }

    private void requireGroup(UUID group) {
        get(group);
    }

    private void reloadAfterCommit() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            reload();
                        }
                    });
        } else {
            reload();
        }
    }
}
