package dev.cairn.server.bootstrap;

import java.util.List;

/** Prints secrets that are shown once, on standard output and outside the log, so log shipping does not copy them. */
final class Banner {
    private Banner() {
    }

    static void print(String title, List<String> lines) {
        StringBuilder sb = new StringBuilder("\n").append("=".repeat(100)).append('\n').append(title).append('\n')
                .append("-".repeat(100)).append('\n');
        lines.forEach(l -> sb.append(l).append('\n'));
        sb.append("=".repeat(100)).append('\n');
        System.out.print(sb);
        System.out.flush();
    }
}
