package dev.cairn.server.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do. ADMIN implies WRITE implies READ. */
public enum Scope {
    READ, WRITE, ADMIN;

    public static Set<Scope> parseAll(String csv) {
        Set<Scope> s = EnumSet.noneOf(Scope.class);
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                s.add(valueOf(part.trim().toUpperCase(Locale.ROOT)));
            }
        }
        return s;
    }

    public static String format(Set<Scope> scopes) {
        return scopes.stream().map(x -> x.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(","));
    }

    /** The effective scopes of a granted set: granting admin grants write and read too. */
    public static Set<Scope> closure(Set<Scope> granted) {
        Set<Scope> s = EnumSet.copyOf(granted.isEmpty() ? EnumSet.of(READ) : granted);
        if (s.contains(ADMIN)) {
            s.add(WRITE);
        }
        if (s.contains(WRITE)) {
            s.add(READ);
        }
        return s;
    }
}
